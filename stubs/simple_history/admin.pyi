# django-simple-history ships no types; these stubs cover only the names Loggerheads uses.
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

class SimpleHistoryAdmin[M: Model](admin.ModelAdmin[M]):
    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse: ...
