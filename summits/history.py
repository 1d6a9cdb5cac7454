"""How versions are kept: one version per save, with the issue links as they stood after it.

django-simple-history records a version on every save and another on every change to a
many-to-many field. A form saves the row first and sets its links after, so one save with
issues made two or three versions, the first holding the links from before the edit. Here a
change to the links of an object that was just saved completes that save's version instead.
Bulk updates record no links at all upstream; the manager below adds them, so a bulk publish
does not look like every statement lost its issues.

The admin side shows each change in full (text as a word diff) and returns a revert to the
object it restored.
"""

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper

from summits.quotes import word_changes

# The version a save just recorded, kept on the saved object until its transaction ends so
# the links set in that transaction complete it.
VERSION_ATTR = "_version_awaiting_links"


def record_links(versions: Sequence[Any], instances: Sequence[models.Model]) -> None:
    """Store each instance's current many-to-many rows as those of its version, pairwise."""
    if not versions:
        return
    history_model = type(versions[0])
    by_pk = {instance.pk: version for instance, version in zip(instances, versions, strict=True)}
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        source = next(
            f
            for f in through._meta.fields
            if f.many_to_one and f.related_model is history_model.instance_type
        )
        rows_model = getattr(history_model, field.name).model
        rows_model.objects.filter(history__in=versions).delete()
        rows_model.objects.bulk_create(
            rows_model(
                history=by_pk[getattr(row, source.attname)],
                **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
            )
            for row in through.objects.filter(**{f"{source.name}__in": list(by_pk)})
        )


class VersionsWithLinks(HistoricalRecords):
    """HistoricalRecords whose save and the link changes right after it make one version."""

    def create_historical_record_m2ms(self, history_instance: Any, instance: Any) -> None:
        super().create_historical_record_m2ms(history_instance, instance)
        setattr(instance, VERSION_ATTR, history_instance)

        def close() -> None:
            # The save's transaction is over (at once, outside any): a later change to the
            # links is a change of its own, with a version of its own, not a rewrite of this
            # one. Forms set links inside the save's transaction (the admin's and the desk's
            # are atomic), so theirs still complete it.
            if getattr(instance, VERSION_ATTR, None) is history_instance:
                delattr(instance, VERSION_ATTR)

        transaction.on_commit(close)

    def m2m_changed(
        self, instance: Any, action: str, attr: str, pk_set: Any, reverse: bool, **kwargs: Any
    ) -> None:
        version = getattr(instance, VERSION_ATTR, None)
        if (
            reverse
            or version is None
            or action not in ("post_add", "post_remove", "post_clear")
            or hasattr(instance, "skip_history_when_saving")
        ):
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        record_links([version], [instance])


class VersionsWithLinksManager(HistoryManager):
    """A history manager whose bulk versions (bulk_update_with_history) carry their links."""

    def bulk_history_create(self, objs: Sequence[models.Model], *args: Any, **kwargs: Any) -> Any:
        versions = super().bulk_history_create(objs, *args, **kwargs)
        record_links(versions or [], objs)
        return versions


# --- How versions are shown in the admin -------------------------------------------------


def word_diff_html(old: str, new: str) -> SafeString:
    """Both texts in one, words taken out in <del> and words put in as <ins>."""
    parts = []
    for change in word_changes(old, new):
        if change.op == "equal":
            parts.append(format_html("{}", change.old))
            continue
        if change.old:
            parts.append(format_html("<del>{}</del>", change.old))
        if change.new:
            parts.append(format_html("<ins>{}</ins>", change.new))
    return SafeString(" ".join(parts))


class FullChangesHelper(HistoricalRecordContextHelper):
    """History rows that show each change in full: text as a word diff, nothing cut short.

    Upstream shortens values to 100 characters ("…cr[117 chars] fail"), which hides the one
    word a quote's edit changed.
    """

    def __init__(self, model: Any, historical_record: Any) -> None:
        super().__init__(model, historical_record, max_displayed_delta_change_chars=10**9)

    def context_for_delta_changes(self, delta: Any) -> list[dict[str, Any]]:
        context = super().context_for_delta_changes(delta)
        for entry, change in zip(context, delta.changes, strict=True):
            if isinstance(change.old, str) and isinstance(change.new, str):
                entry["diff"] = word_diff_html(change.old, change.new)
        return context


class NewsroomHistoryAdmin[M: models.Model](SimpleHistoryAdmin[M]):
    """History that tells what changed, and a revert that lands back on the object."""

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return FullChangesHelper(self.model, historical_record)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # django-simple-history rebuilds an old version as an instance that keeps its record.
        version = getattr(obj, "_history", None)
        if version is not None:
            when = timezone.localtime(version.history_date).strftime("%d %b %Y, %H:%M")
            obj._change_reason = f"Reverted to the version of {when}"
        super().save_model(request, obj, form, change)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == HTTPStatus.FOUND:
            # The editor reverted to see the object as it was: show it, not the list.
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[object_id],
                )
            )
        return response
