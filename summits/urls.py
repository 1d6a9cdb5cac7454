from django.urls import path, re_path

from summits import compare, downloads, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    re_path(
        r"^search/statements\.(?P<fmt>csv|json)$",
        downloads.search_statements,
        name="search-download",
    ),
    path("compare/", compare.compare, name="compare"),
    re_path(
        r"^summits/(?P<slug>[-a-zA-Z0-9_]+)/statements\.(?P<fmt>csv|json)$",
        downloads.summit_statements,
        name="summit-download",
    ),
    path("summits/<slug:slug>/", views.summit, name="summit"),
    path("participants/<slug:slug>/", views.participant, name="participant"),
    path("issues/<slug:slug>/", views.issue, name="issue"),
    path("articles/<str:ref>/", views.article, name="article"),
    path("s/<str:public_id>/", views.statement, name="statement"),
    path("s/<str:public_id>/in-summit/", views.statement_in_summit, name="statement-in-summit"),
]
