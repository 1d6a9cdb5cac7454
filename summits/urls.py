from django.urls import path

from summits import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("summits/<slug:slug>/", views.summit, name="summit"),
    path("participants/<slug:slug>/", views.participant, name="participant"),
    path("issues/<slug:slug>/", views.issue, name="issue"),
    path("articles/<str:ref>/", views.article, name="article"),
    path("s/<str:public_id>/", views.statement, name="statement"),
]
