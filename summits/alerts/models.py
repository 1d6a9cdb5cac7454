"""Who follows what by email, and which statement went to whom.

A Subscriber is one email address; it has Subscriptions, one per thing followed (a
participant, an issue, a summit or a search). A subscription exists from the follow request
on but matches statements only once confirmed; unconfirmed ones are purged after 48 hours.

A Delivery is one statement owed to one subscription. Its unique (subscription, statement)
pair and its state (pending, sending, sent) are how each statement is sent at most once:
see summits/alerts/tasks.py.
"""

import secrets
from datetime import datetime
from typing import ClassVar

from django.db import models
from django.db.models import Q

from summits.models import Issue, Participant, Statement, Summit


def new_key() -> str:
    return secrets.token_urlsafe(18)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As each statement is published"
    DAILY = "daily", "A daily digest"


class Target(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    ISSUE = "issue", "Issue"
    SUMMIT = "summit", "Summit"
    SEARCH = "search", "Search"


class Subscriber(models.Model):
    """An email address. Links name it by `key`, never by the address or a counter."""

    email = models.EmailField(max_length=254, unique=True)
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        # Never the address: this string can reach logs and the admin's messages.
        return f"subscriber {self.key[:6]}"


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment: datetime) -> "SubscriptionQuerySet":
        """Follow requests nobody confirmed since `moment`: their addresses are purged."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)

    def following(self, statement: Statement, published_at: datetime) -> "SubscriptionQuerySet":
        """Confirmed before `published_at` and following its speaker, an issue or its summit.

        Searches are matched one by one (summits/alerts/tasks.py), through the same filter
        the search page runs, so an alert never disagrees with what the search shows.
        """
        return self.confirmed().filter(
            Q(confirmed_at__lte=published_at)
            & (
                Q(target=Target.PARTICIPANT, participant_id=statement.speaker_id)
                | Q(target=Target.SUMMIT, summit_id=statement.summit_id)
                | Q(target=Target.ISSUE, issue__in=statement.issues.all())
            )
        )


class Subscription(models.Model):
    Frequency = Frequency
    Target = Target

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    target = models.CharField(max_length=20, choices=Target)
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE)
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.CASCADE)
    summit = models.ForeignKey(Summit, null=True, blank=True, on_delete=models.CASCADE)
    # A followed search: the search page's canonical query string (q, actor, issue, ...).
    query = models.CharField(max_length=500, blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Spent by confirming, so a confirmation link works once.
    confirm_nonce = models.CharField(max_length=32, blank=True, default=new_key)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[SubscriptionQuerySet] = SubscriptionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(target__in=Target.values), name="alert_target_valid"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="alert_frequency_valid"
            ),
            # Exactly the field its target names is set.
            models.CheckConstraint(
                condition=(
                    Q(target=Target.PARTICIPANT, participant__isnull=False, query="")
                    & Q(issue__isnull=True, summit__isnull=True)
                )
                | (
                    Q(target=Target.ISSUE, issue__isnull=False, query="")
                    & Q(participant__isnull=True, summit__isnull=True)
                )
                | (
                    Q(target=Target.SUMMIT, summit__isnull=False, query="")
                    & Q(participant__isnull=True, issue__isnull=True)
                )
                | (
                    Q(target=Target.SEARCH, participant__isnull=True, issue__isnull=True)
                    & Q(summit__isnull=True)
                    & ~Q(query="")
                ),
                name="alert_target_set",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "participant"],
                condition=Q(target=Target.PARTICIPANT),
                name="alert_participant_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "issue"],
                condition=Q(target=Target.ISSUE),
                name="alert_issue_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "summit"],
                condition=Q(target=Target.SUMMIT),
                name="alert_summit_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "query"],
                condition=Q(target=Target.SEARCH),
                name="alert_search_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.followed_name}"

    @property
    def followed_name(self) -> str:
        """What is followed, as a reader would name it."""
        followed = self.participant or self.issue or self.summit
        return str(followed) if followed is not None else f"the search “{self.query_text}”"

    @property
    def query_text(self) -> str:
        from django.http import QueryDict

        words = QueryDict(self.query)
        parts = [words.get("q", "")] + [
            f"{name}: {', '.join(words.getlist(name))}"
            for name in ("actor", "issue", "stance", "kind")
            if words.getlist(name)
        ]
        return "; ".join(part for part in parts if part)

    @property
    def followed_url(self) -> str:
        followed = self.participant or self.issue or self.summit
        if followed is not None:
            return followed.get_absolute_url()
        from django.urls import reverse

        return f"{reverse('search')}?{self.query}"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def owed(self) -> "DeliveryQuerySet":
        """Pending and of a statement readers can see now: what a send may claim."""
        return self.filter(
            state=Delivery.State.PENDING, statement__in=Statement.objects.published()
        )


class Delivery(models.Model):
    """One statement owed to one subscription, and how far its sending got."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        # Claimed by a worker that is talking to the mail server; see tasks.py for a crash.
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20, choices=State, default=State.PENDING)
    claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[DeliveryQuerySet] = DeliveryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "statement"], name="delivery_once_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sending", "sent"]), name="delivery_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.state})"
