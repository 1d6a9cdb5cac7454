"""Book the hourly alerts round (purge, digests, recovery) if none is booked; run it at
worker start, so a worker killed mid-round leaves no gap."""

from typing import Any

from django.core.management.base import BaseCommand

from summits.alerts.tasks import schedule_chores


class Command(BaseCommand):
    help = "Queue the hourly alerts round now unless one is already queued."

    def handle(self, *args: Any, **options: Any) -> None:
        booked = schedule_chores()
        self.stdout.write("alerts round queued" if booked else "alerts round already queued")
