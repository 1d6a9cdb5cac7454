"""URL map: the reader's pages, the permalink and the editors' admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from loggerheads.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("summits.sharing_urls")),
    path("", include("summits.urls")),
]
