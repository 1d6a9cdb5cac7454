"""How far behind the alerts queue is: for `manage.py alerts_backlog` and monitoring."""

from datetime import timedelta

from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from summits.alerts.models import Delivery

# A claim older than this belongs to a worker that died mid-send (see tasks.py).
IN_DOUBT_AFTER = timedelta(minutes=10)


def backlog() -> dict[str, int | None]:
    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    # A deferred task (the hourly round) starts waiting at its run_after, not when queued.
    due = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = ready.aggregate(oldest=Min(due))["oldest"]
    return {
        "tasks_ready": ready.count(),
        "oldest_ready_seconds": int((now - oldest).total_seconds()) if oldest else None,
        "tasks_running": DBTaskResult.objects.running().count(),
        "tasks_failed_last_day": DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - timedelta(days=1))
        .count(),
        "deliveries_owed": Delivery.objects.owed().count(),
        "deliveries_in_doubt": Delivery.objects.filter(
            state=Delivery.State.SENDING, claimed_at__lt=now - IN_DOUBT_AFTER
        ).count(),
    }
