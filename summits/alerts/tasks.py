"""The work the queue's worker does for alerts, and the at-most-once rule for sending.

Publishing a statement queues `fan_out` once the publishing transaction commits; it records
a Delivery for every subscription that follows the statement and queues a `send_alert` for
each immediate one (daily ones wait for `send_digest`). `chores` runs hourly: it purges
unconfirmed addresses, queues the day's digests and requeues deliveries a crash left behind.

Sending is claimed before it starts. A send moves its deliveries from pending to sending
in one conditional UPDATE (only rows still pending, of statements still published: the
publication is re-checked in that same statement), talks to the mail server, then marks
them sent. Whoever loses the race for a row (a retry, a second worker, a restarted one)
finds nothing pending and sends nothing. A worker killed after the mail server accepted the
message but before it marked the rows sent leaves them "sending": they are never sent again.
The same holds when it is killed before the server accepted, so that one alert is lost; we
cannot tell the two apart, and the issue asks for "never twice", so a lost alert is the
price. `alerts_backlog` counts such rows as in doubt. When the server refuses outright
(a reply code, a refused connection) nothing was delivered and the rows are pending again.
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult

from summits.alerts import mail
from summits.alerts.models import Delivery, DeliveryQuerySet, Subscriber, Subscription
from summits.filters import StatementFilter
from summits.models import Article, Statement, Summit

log = logging.getLogger(__name__)

# Digests go out once a day after this hour (UTC): a European morning, before the news day.
DIGEST_HOUR = 6
UNCONFIRMED_FOR = timedelta(hours=48)
# A pending delivery this old has lost its send task (its worker died before claiming it).
ORPHANED_AFTER = timedelta(minutes=15)
CHORES_EVERY = timedelta(hours=1)
# Errors that prove the mail server did not take the message, so sending again is safe.
REFUSED = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, ConnectionRefusedError)


def announce(statement_ids: Iterable[int]) -> None:
    """Queue the alerts for statements just published, once their publishing commits.

    After the commit, so the worker sees the statement and its issue links as saved, and a
    rolled-back publish alerts nobody.
    """
    ids = sorted(set(statement_ids))
    if ids:
        transaction.on_commit(lambda: fan_out.enqueue(ids), robust=True)


def first_published_at(statement: Statement) -> datetime:
    """Since when readers can see it: the latest of the moments its statement, article and
    summit each became (and stayed) published. An embargo lifted after the statement was
    published sets the date, so readers who followed during the embargo are owed it."""
    since = [
        published_since(model, pk)
        for model, pk in (
            (Statement, statement.pk),
            (Article, statement.article_id),
            (Summit, statement.summit_id),
        )
    ]
    # A row written before history was kept has no version: it was always public.
    known = [when for when in since if when is not None]
    return max(known) if known else timezone.now()


def published_since(model: type[Statement | Article | Summit], pk: int) -> datetime | None:
    """When the row's current published stretch began, from its history (newest first)."""
    began = None
    versions = model.history.filter(id=pk).order_by("-history_date")
    for when, status in versions.values_list("history_date", "status"):
        if status != Statement.Status.PUBLISHED:
            break
        began = when
    return began


def followers(statement: Statement) -> list[Subscription]:
    """Subscriptions that were confirmed when it was first published and that it matches.

    A subscription made after that does not receive it when an edit saves it again.
    """
    published_at = first_published_at(statement)
    found = list(Subscription.objects.following(statement, published_at).distinct())
    searches = Subscription.objects.confirmed().filter(
        target=Subscription.Target.SEARCH, confirmed_at__lte=published_at
    )
    alone = Statement.objects.filter(pk=statement.pk)
    for subscription in searches:
        if StatementFilter(QueryDict(subscription.query), alone).statements().exists():
            found.append(subscription)
    return found


@task()
def fan_out(statement_ids: list[int]) -> int:
    """Record what each follower is owed and queue the immediate sends; returns new rows."""
    created = 0
    # Statement.objects.published() is the readers' rule, embargoes included: a statement
    # of a draft summit or article is announced when the embargo is lifted, not before.
    published = Statement.objects.published().filter(pk__in=statement_ids)
    for statement in published:
        subscriptions = followers(statement)
        with transaction.atomic():
            # The unique (subscription, statement) pair makes a second fan-out (an edit, a
            # re-publish) add nothing for those already owed or sent it.
            before = Delivery.objects.filter(statement=statement).count()
            Delivery.objects.bulk_create(
                [Delivery(subscription=s, statement=statement) for s in subscriptions],
                ignore_conflicts=True,
            )
            created += Delivery.objects.filter(statement=statement).count() - before
            # Queued in the same transaction as the rows (the queue is this database).
            for delivery_id in owed_now(Delivery.objects.filter(statement=statement)):
                send_alert.enqueue(delivery_id)
    return created


def owed_now(deliveries: DeliveryQuerySet) -> list[int]:
    return list(
        deliveries.owed()
        .filter(subscription__frequency=Subscription.Frequency.IMMEDIATE)
        .values_list("pk", flat=True)
    )


def claim(deliveries: DeliveryQuerySet) -> list[Delivery]:
    """Take the owed deliveries for sending; what another worker took is not returned."""
    token = get_random_string(32)
    with transaction.atomic():
        # Publication and confirmation are read here, just before the claim: a statement
        # unpublished by now is not sent (its row stays pending for a re-publish).
        owed = list(
            deliveries.owed()
            .filter(subscription__confirmed_at__isnull=False)
            .values_list("pk", flat=True)
        )
        # A plain UPDATE conditional on the state, so of two workers racing for a row the
        # database lets one change it and the other change nothing.
        Delivery.objects.filter(pk__in=owed, state=Delivery.State.PENDING).update(
            state=Delivery.State.SENDING, claim=token, claimed_at=timezone.now()
        )
    return list(
        Delivery.objects.filter(claim=token)
        .select_related(
            "statement__speaker",
            "statement__summit",
            "statement__article",
            "subscription__subscriber",
            "subscription__participant",
            "subscription__issue",
            "subscription__summit",
        )
        .order_by("statement__summit__starts_on", "statement__position", "statement_id")
    )


def deliver(claimed: list[Delivery], message_id: str) -> None:
    """Send claimed deliveries (all of one subscription) as one message, then mark them."""
    subscription = claimed[0].subscription
    message = mail.alert(subscription, [d.statement for d in claimed], message_id)
    ids = [delivery.pk for delivery in claimed]
    try:
        message.send()
    except REFUSED:
        Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.State.PENDING, claim="", claimed_at=None
        )
        raise
    Delivery.objects.filter(pk__in=ids).update(state=Delivery.State.SENT, sent_at=timezone.now())
    log.info("alert sent: subscription %s, %d statement(s)", subscription.pk, len(ids))


def message_id(kind: str, *parts: object) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}.{'.'.join(str(part) for part in parts)}@{host}>"


@task()
def send_alert(delivery_id: int) -> str:
    claimed = claim(
        Delivery.objects.filter(
            pk=delivery_id, subscription__frequency=Subscription.Frequency.IMMEDIATE
        )
    )
    if not claimed:
        # Sent or being sent already, unsubscribed, or unpublished since: nothing to do.
        return "nothing owed"
    deliver(claimed, message_id("alert", claimed[0].pk, claimed[0].statement.public_id))
    return "sent"


@task()
def send_digest(subscription_id: int, day: str) -> int:
    """One message with every statement owed to a daily subscription; returns how many."""
    claimed = claim(
        Delivery.objects.filter(
            subscription_id=subscription_id,
            subscription__frequency=Subscription.Frequency.DAILY,
        )
    )
    if claimed:
        deliver(claimed, message_id("digest", subscription_id, day))
    Subscription.objects.filter(pk=subscription_id).update(last_digest_at=timezone.now())
    return len(claimed)


@task()
def send_confirmation(subscription_id: int) -> str:
    subscription = (
        Subscription.objects.select_related("subscriber", "participant", "issue", "summit")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return "gone"
    mail.confirmation(subscription).send()
    return "sent"


def digest_time(now: datetime) -> datetime:
    """The latest daily digest moment at or before `now`."""
    today = now.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return today if today <= now else today - timedelta(days=1)


def queue_digests(now: datetime) -> int:
    due = digest_time(now)
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(
            frequency=Subscription.Frequency.DAILY,
            pk__in=Delivery.objects.owed().values("subscription_id"),
        )
        .exclude(last_digest_at__gte=due)
        .values_list("pk", flat=True)
    )
    queued = 0
    for subscription_id in subscriptions:
        send_digest.enqueue(subscription_id, due.date().isoformat())
        queued += 1
    return queued


def purge_unconfirmed(now: datetime) -> int:
    """Delete follow requests nobody confirmed in time, and addresses left with none."""
    deleted, _ = Subscription.objects.unconfirmed_since(now - UNCONFIRMED_FOR).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return deleted


def requeue_orphans(now: datetime) -> int:
    orphans = owed_now(Delivery.objects.filter(created_at__lt=now - ORPHANED_AFTER))
    for delivery_id in orphans:
        send_alert.enqueue(delivery_id)
    return len(orphans)


@task()
def chores() -> dict[str, int]:
    """The hourly round: purge, digests, orphans; then the next round is booked."""
    now = timezone.now()
    done = {
        "purged": purge_unconfirmed(now),
        "digests": queue_digests(now),
        "requeued": requeue_orphans(now),
    }
    schedule_chores(now + CHORES_EVERY)
    return done


def schedule_chores(when: datetime | None = None) -> bool:
    """Book the next `chores` round unless one is booked; True if this call booked it.

    Run when the worker starts (`schedule_alerts`) and by each round, so the chain survives
    a worker that was killed mid-round.
    """
    booked = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=chores.module_path
    ).exists()
    if booked:
        return False
    chores.using(run_after=when or timezone.now()).enqueue()
    return True
