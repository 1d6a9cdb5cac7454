"""URL map: the reader's pages, the permalink and the editors' admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from loggerheads.health import healthz
from summits.views import favicon

admin.site.site_header = admin.site.site_title = "Loggerheads newsroom"
admin.site.index_title = "Summits, articles and statements"
# The app list beside every form costs a quarter of a laptop's width, which the article's
# statement table needs; breadcrumbs and the home page lead to the same places.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", favicon, name="favicon"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("alerts/", include("summits.alerts.urls")),
    path("", include("summits.sharing_urls")),
    path("", include("summits.urls")),
]
