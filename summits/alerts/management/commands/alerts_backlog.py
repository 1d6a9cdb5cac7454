"""Print the alerts queue's backlog as JSON; with --max-age, fail when the queue is stuck."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.alerts.backlog import backlog


class Command(BaseCommand):
    help = "Report queued, running and failed tasks and owed or in-doubt alert deliveries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--max-age",
            type=int,
            metavar="SECONDS",
            help="exit 1 if a task ready to run has waited longer (no worker is taking it)",
        )

    def handle(self, *args: Any, max_age: int | None = None, **options: Any) -> None:
        report = backlog()
        self.stdout.write(json.dumps(report, sort_keys=True))
        waited = report["oldest_ready_seconds"]
        if max_age is not None and waited is not None and waited > max_age:
            raise CommandError(f"the oldest ready task has waited {waited} s (> {max_age} s)")
