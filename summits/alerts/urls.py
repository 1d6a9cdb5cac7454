from django.urls import path

from summits.alerts import views
from summits.alerts.models import Target

app_name = "alerts"
urlpatterns = [
    path("follow/search/", views.follow, {"target": Target.SEARCH}, name="follow-search"),
    path("follow/<str:target>/<slug:slug>/", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
