"""Publishing and unpublishing: statements, articles and summits, in one step each.

Every change of state keeps history (one version per row, issue links included: see
summits/history.py) and advances the coverage revision exactly once, however many rows
changed, so cached reader pages retire together with the edit.

Publishing a summit publishes it and its articles, not its draft statements: a statement's
draft state is an editor's verdict on that statement (accepted at the desk but not yet
checked, say), and lifting an embargo should not overrule it. Its drafts are published
from each article's desk or the statement list.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from summits.alerts.tasks import announce
from summits.models import Article, Statement, Status, Summit
from summits.revision import advance_revision


@dataclass
class Changed:
    """How many rows of each kind a publish or unpublish changed."""

    statements: int = 0
    articles: int = 0
    summits: int = 0

    def __bool__(self) -> bool:
        return bool(self.statements or self.articles or self.summits)


def set_state[M: Article | Statement | Summit](
    rows: Sequence[M],
    model: type[M],
    status: str,
    user: AbstractBaseUser | AnonymousUser,
    reason: str,
) -> int:
    """Give the rows this publication state; one UPDATE and one version per changed row."""
    changed = [row for row in rows if row.status != status]
    for row in changed:
        row.status = status
    if changed:
        # A bulk update sends no save signals: the caller advances the revision once.
        bulk_update_with_history(
            changed,
            model,
            ["status"],
            default_user=user if isinstance(user, models.Model) else None,
            default_change_reason=reason,
        )
    return len(changed)


@transaction.atomic
def change_state(
    status: str,
    user: AbstractBaseUser | AnonymousUser,
    reason: str,
    *,
    statements: Sequence[Statement] = (),
    articles: Sequence[Article] = (),
    summits: Sequence[Summit] = (),
) -> Changed:
    """Publish (or unpublish) these rows together: history for each, one new revision."""
    changed = Changed(
        statements=set_state(statements, Statement, status, user, reason),
        articles=set_state(articles, Article, status, user, reason),
        summits=set_state(summits, Summit, status, user, reason),
    )
    if changed:
        advance_revision()
    if changed and status == Status.PUBLISHED:
        # Followers hear of what readers can now see: statements published here, and those
        # already published in articles and summits whose embargo is lifted here (the
        # worker skips anything still hidden, and anything already sent).
        announce(
            Statement.objects.filter(
                Q(pk__in=[s.pk for s in statements])
                | Q(article__in=articles)
                | Q(summit__in=summits)
            ).values_list("pk", flat=True)
        )
    return changed


def publish_summits(
    summits: Sequence[Summit], user: AbstractBaseUser | AnonymousUser, reason: str
) -> Changed:
    """Lift the embargo: the summits and their articles become public (statements keep
    their own state, see the module's note)."""
    articles = list(Article.objects.filter(summit__in=summits, status=Status.DRAFT))
    return change_state(Status.PUBLISHED, user, reason, summits=list(summits), articles=articles)
