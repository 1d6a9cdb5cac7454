"""Fill the database with synthetic coverage for benchmarks: `manage.py generate_corpus`."""

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.corpus import generate
from summits.models import Summit


class Command(BaseCommand):
    help = "Generate a deterministic synthetic corpus of summits and statements (bulk inserts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--summits", type=int, required=True)
        parser.add_argument("--statements", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, summits: int, statements: int, seed: int, **options: Any) -> None:
        if summits < 1 or statements < 0:
            raise CommandError("--summits must be at least 1 and --statements at least 0")
        if Summit.objects.filter(slug__contains=f"-g{seed}-").exists():
            raise CommandError(
                f"a corpus with seed {seed} is already in this database; "
                "use another --seed or an empty database"
            )
        started = time.monotonic()
        size = generate(summits, statements, seed=seed, progress=self.progress)
        sys.stderr.write("\n")
        self.stdout.write(
            f"generated {size.summits} summits, {size.statements} statements, "
            f"{size.participants} participants, {size.issues} issues "
            f"in {time.monotonic() - started:.1f} s (seed {seed})"
        )

    def progress(self, stage: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{stage:>10} [{bar}] {done}/{total}")
        sys.stderr.flush()
