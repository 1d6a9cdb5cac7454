"""URL map for sharing and open data: quote cards, oEmbed, Atom feeds and the JSON API."""

from django.urls import path

from summits import api, cards, feeds

urlpatterns = [
    path("s/<str:public_id>/card.png", cards.statement_card, name="statement-card"),
    path("summits/<slug:slug>/card.png", cards.summit_card, name="summit-card"),
    path("oembed", api.oembed, name="oembed"),
    path("feeds/statements.atom", feeds.StatementFeed(), name="feed-all"),
    path("feeds/summits/<slug:slug>.atom", feeds.SummitFeed(), name="feed-summit"),
    path("feeds/participants/<slug:slug>.atom", feeds.ParticipantFeed(), name="feed-participant"),
    path("feeds/issues/<slug:slug>.atom", feeds.IssueFeed(), name="feed-issue"),
    path("api/summits/", api.summit_list, name="api-summits"),
    path("api/summits/<slug:slug>/", api.summit_detail, name="api-summit"),
    path("api/summits/<slug:slug>/bundle.json", api.summit_bundle, name="api-summit-bundle"),
    path("api/participants/", api.participant_list, name="api-participants"),
    path("api/participants/<slug:slug>/", api.participant_detail, name="api-participant"),
    path("api/issues/", api.issue_list, name="api-issues"),
    path("api/issues/<slug:slug>/", api.issue_detail, name="api-issue"),
    path("api/statements/", api.statement_list, name="api-statements"),
    path("api/statements/<str:public_id>/", api.statement_detail, name="api-statement"),
]
