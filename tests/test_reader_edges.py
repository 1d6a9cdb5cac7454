"""Reader pages at their edges: nothing found, no filters, ranges of days, roles that name
their country, the icon browsers guess, and ways to skip ahead."""

import datetime
import re

from summits.models import Attendance, Issue, Statement, Summit


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_says_0_statements_and_keeps_the_facets_when_nothing_matches(client, sochi):
    html = client.get("/summits/sochi-2011/", {"q": "Qaddafi", "stance": "opposes"}).content
    html = html.decode()
    assert "0 utterances match the filters." in html
    assert 'class="active-filters"' in html
    # One link per filter, each dropping that filter alone.
    assert 'href="/summits/sochi-2011/?stance=opposes"' in html  # drops the words
    assert 'href="/summits/sochi-2011/?q=Qaddafi"' in html  # drops the stance
    # The facets are still there to widen from: every speaker of the summit, at 0.
    assert 'id="f-actor-sergei-lavrov"' in html
    assert 'id="f-issue-libya"' in html
    assert 'id="f-stance-supports"' in html


def test_it_says_0_statements_for_a_search_that_finds_nothing(client, sochi):
    html = client.get("/search/", {"q": "Gaddafi go"}).content.decode()
    assert "0 utterances match “Gaddafi go”." in html
    assert "no published statement matches this search" in html
    assert 'id="filter-form"' in html


def test_it_does_not_call_a_bare_search_filtered(client, sochi):
    html = client.get("/search/", {"q": "ceasefire"}).content.decode()
    count = re.search(r'<p id="result-count"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "match the filters" not in count
    assert "match “ceasefire”." in count or "matches “ceasefire”." in count


def test_it_leaves_no_stray_space_before_the_agenda(client, sochi):
    html = client.get("/issues/libya/").content.decode()
    assert " ; on the agenda" not in text_of(html)
    assert "reported it; on the agenda at" in text_of(html)


def test_it_writes_a_range_of_days_once_for_the_month():
    summit = Summit(starts_on=datetime.date(2011, 5, 26), ends_on=datetime.date(2011, 5, 27))
    assert summit.date_range == "26–27 May 2011"
    summit.ends_on = datetime.date(2011, 6, 2)
    assert summit.date_range == "26 May – 2 June 2011"
    summit.ends_on = None
    assert summit.date_range == "26 May 2011"


def test_it_does_not_repeat_a_country_the_role_names(client, sochi):
    attendance = Attendance.objects.get(summit=sochi, participant__slug="dmitry-medvedev")
    attendance.role = "President of Russia (host)"
    attendance.save()
    html = client.get("/summits/sochi-2011/").content.decode()
    assert "President of Russia (host)" in html
    medvedev = Statement.objects.published().filter(speaker__slug="dmitry-medvedev").first()
    card = re.search(rf'id="s-{medvedev.public_id}".*?</p>', html, re.S).group(0)
    assert "President of Russia (host)</span></p>" in card
    # A delegation the role does not name is still shown.
    zuma = Attendance.objects.get(summit=sochi, participant__slug="jacob-zuma")
    assert zuma.delegation_shown == "African Union"


def test_it_answers_favicon_ico(client, sochi):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_it_offers_a_skip_link_to_the_filters(client, sochi):
    html = client.get("/summits/sochi-2011/").content.decode()
    assert '<a class="skip-link" href="#filter-q">Skip to the filters</a>' in html
    assert html.index('href="#filter-q"') < html.index('class="masthead"')
    assert 'id="filter-q"' in html


def test_it_sets_the_linked_quote_apart_on_the_article_page(client, sochi):
    css = open("static/css/site.css").read()
    assert re.search(r"\.article-body mark \{[^}]*scroll-margin-block", css)
    assert re.search(r"\.article-body mark:target \{[^}]*outline", css)
    quote = Statement.objects.published().filter(kind="quote").first()
    html = client.get(quote.article.get_absolute_url()).content.decode()
    assert f'<mark id="q-{quote.public_id}">' in html


def test_it_draws_a_statement_on_two_issues_once_per_id(client, sochi):
    statement = Statement.objects.published().filter(speaker__slug="sergei-lavrov").first()
    statement.issues.add(*Issue.objects.all()[:2])
    html = client.get("/participants/sergei-lavrov/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert f'id="s-{statement.public_id}"' in html


def test_it_gives_every_public_page_complete_share_previews(client, sochi):
    quote = Statement.objects.published().filter(kind="quote").first()
    pages = [
        "/",
        "/summits/sochi-2011/",
        "/participants/sergei-lavrov/",
        "/issues/libya/",
        quote.article.get_absolute_url(),
        "/search/?q=ceasefire",
        quote.get_absolute_url(),
    ]
    for url in pages:
        head = client.get(url).content.decode().split("</head>")[0]
        tags = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', head))
        for name in ("og:title", "og:type", "og:url", "og:description", "og:site_name"):
            assert tags.get(name), (url, name)
        for name in ("twitter:card", "twitter:title", "twitter:description"):
            assert tags.get(name), (url, name)
        assert tags["og:url"].startswith("http://testserver/"), url
        if "og:image" in tags:
            assert tags["og:image"].startswith("http://testserver/"), url
    summit_head = client.get("/summits/sochi-2011/").content.decode().split("</head>")[0]
    assert 'content="NATO-Russia Council, Sochi 2011"' in summit_head


def test_it_offers_the_citation_and_embed_code_as_text_without_script(client, sochi):
    quote = Statement.objects.published().filter(kind="quote").first()
    html = client.get(quote.get_absolute_url()).content.decode()
    assert 'data-copy-from="citation"' in html and 'data-copy-from="embed-code"' in html
    embed = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert embed.strip().startswith("&lt;blockquote class=&quot;loggerheads-statement&quot;")
    assert f"http://testserver{quote.get_absolute_url()}" in embed
    # No inline script: the copy buttons are wired by the static site.js.
    assert "onclick" not in html
