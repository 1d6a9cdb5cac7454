"""The statement permalink: the quote or paraphrase, its source, share previews, 404s."""

import html as htmllib
import json
import re

from django.db import connection

from summits.bundles import import_bundle, read_bundle
from summits.models import Statement
from tests.conftest import SEED
from tests.factories import add_statements

LAVROV_QUOTE = "We did not agree. We accepted the NATO position"


def lavrov_quote() -> Statement:
    return Statement.objects.get(text__startswith=LAVROV_QUOTE)


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json" >(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert found, f"no <meta> {key}"
    return htmllib.unescape(found.group(1))


def test_it_shows_a_quote_as_a_quotation(client, sochi):
    statement = lavrov_quote()
    response = client.get(f"/s/{statement.public_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<blockquote class="permalink__quote"' in html
    assert f"<p>“{statement.text}”</p>" in html.replace("&#x27;", "'")
    assert "Sergei Lavrov</a>, Foreign Minister of Russia</figcaption>" in html
    assert 'Opposes</span> on <a href="/issues/missile-defense/">Missile defense</a>' in html
    assert "NATO-Russia Council, Sochi 2011" in html
    assert '<time datetime="2011-07-04">4 July 2011</time>' in html
    assert (
        'DW: <a href="/articles/' in html and "At loggerheads</a>, by Geert Groot Koerkamp" in html
    )


def test_it_marks_a_paraphrase_as_the_articles_words(client, sochi):
    statement = Statement.objects.get(text__startswith="Russia would have to respond")
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "Paraphrase: the article's words, not the speaker's" in html
    assert '<p class="permalink__paraphrase">' in html
    assert "permalink__quote" not in html
    assert json_ld(html)["description"].startswith("A paraphrase")


def test_it_links_to_the_statement_in_context(client, sochi):
    statement = lavrov_quote()
    html = client.get(statement.get_absolute_url()).content.decode()
    article_url = statement.article.get_absolute_url()
    assert f'href="{article_url}#q-{statement.public_id}"' in html
    in_summit = f"/s/{statement.public_id}/in-summit/"
    assert f'href="{in_summit}"' in html
    assert client.get(in_summit)["Location"] == f"/summits/sochi-2011/#s-{statement.public_id}"
    # The anchors exist where the links point.
    assert f'id="q-{statement.public_id}"' in client.get(article_url).content.decode()
    assert f'id="s-{statement.public_id}"' in client.get("/summits/sochi-2011/").content.decode()


def test_it_has_share_preview_tags(client, sochi):
    statement = lavrov_quote()
    url = f"http://testserver/s/{statement.public_id}/"
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "<title>Sergei Lavrov: “We did not agree." in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:url") == url
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Sergei Lavrov at NATO-Russia Council, Sochi 2011"
    assert meta(html, "og:description").startswith(f"“{LAVROV_QUOTE}")
    assert "Sergei Lavrov, Foreign Minister of Russia" in meta(html, "og:description")
    assert meta(html, "description") == meta(html, "og:description")
    assert meta(html, "twitter:card") == "summary_large_image"


def test_it_describes_the_quotation_in_json_ld(client, sochi):
    statement = lavrov_quote()
    data = json_ld(client.get(statement.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Quotation"
    assert data["text"] == statement.text
    assert data["creator"] == {
        "@type": "Person",
        "name": "Sergei Lavrov",
        "url": "http://testserver/participants/sergei-lavrov/",
        "jobTitle": "Foreign Minister of Russia",
    }
    assert data["dateCreated"] == "2011-07-04"
    assert data["isBasedOn"]["@type"] == "NewsArticle"
    assert data["isBasedOn"]["headline"] == "At loggerheads"
    assert data["isBasedOn"]["publisher"] == {"@type": "Organization", "name": "DW"}
    assert [topic["name"] for topic in data["about"]] == ["Missile defense"]


def test_it_names_an_organization_as_creator(client, sochi):
    statement = Statement.objects.filter(speaker__slug="the-kremlin").first()
    data = json_ld(client.get(statement.get_absolute_url()).content.decode())
    assert data["creator"]["@type"] == "Organization"
    assert "jobTitle" not in data["creator"]


def test_it_escapes_markup_inside_json_ld(client, sochi):
    statement = lavrov_quote()
    statement.context = "</script><script>alert(1)</script>"
    statement.save()
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


def test_it_offers_a_copy_link_button_from_a_static_script(client, sochi):
    statement = lavrov_quote()
    html = client.get(statement.get_absolute_url()).content.decode()
    assert (
        f'<button type="button" data-copy-link="http://testserver/s/{statement.public_id}/"' in html
    )
    assert '<script src="/static/js/site.js" defer >' in html


def test_it_hides_a_draft(client, sochi):
    statement = lavrov_quote()
    statement.status = Statement.Status.DRAFT
    statement.save()
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 404


def test_it_answers_an_unknown_id_with_the_sites_404_page(client, sochi):
    response = client.get("/s/zzzzzzzz/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'href="/static/css/site.css"' in html
    assert "/s/zzzzzzzz/" in html


def test_it_runs_a_fixed_number_of_queries(client, sochi, django_assert_max_num_queries):
    statement = lavrov_quote()
    with django_assert_max_num_queries(5):
        response = client.get(statement.get_absolute_url())
    # A count taken on an error page would prove nothing about this one.
    assert response.status_code == 200


def test_it_links_to_the_right_page_of_a_long_summit(client, sochi):
    add_statements(sochi, 10)
    last = Statement.objects.get(text="Russia will answer the shield, statement 9.")
    in_summit = client.get(f"/s/{last.public_id}/in-summit/")
    assert in_summit.status_code == 302
    assert in_summit["Location"] == f"/summits/sochi-2011/?page=2#s-{last.public_id}"
    assert f'id="s-{last.public_id}"' in client.get("/summits/sochi-2011/?page=2").content.decode()
    first = Statement.objects.get(text="Good weather, good relations")
    in_summit = client.get(f"/s/{first.public_id}/in-summit/")
    assert in_summit["Location"] == f"/summits/sochi-2011/#s-{first.public_id}"


def test_it_writes_the_facts_and_the_citation_of_the_statement(client, sochi):
    # The statement, its facts and the citation are drawn in Python
    # (summits/templatetags/statements.py): the markup readers and scripts rely on.
    statement = lavrov_quote()
    statement.context = "said <at> the press conference"
    statement.save()
    html = client.get(statement.get_absolute_url()).content.decode()
    article = statement.article.get_absolute_url()
    assert f'<article class="permalink" id="s-{statement.public_id}">' in html
    assert '<h1 class="visually-hidden">Quote by Sergei Lavrov</h1>' in html
    assert f'<blockquote class="permalink__quote" cite="{article}">' in html
    assert (
        "<dt>Missile defense</dt><dd>The proposition: NATO should build its European missile "
        "defense system as planned.</dd>"
    ) in html
    assert "<dt>Context</dt><dd>Said &lt;at&gt; the press conference</dd>" in html
    assert '<dd><a href="/summits/sochi-2011/">NATO-Russia Council, Sochi 2011</a>, Sochi</dd>' in (
        html
    )
    assert (
        f'<dd>DW: <a href="{article}">At loggerheads</a>, by Geert Groot Koerkamp, '
        '<time datetime="2011-07-04">4 July 2011</time></dd>'
    ) in html
    [citation] = re.findall(r'<p class="cite__text" id="citation">(.*?)</p>', html, re.S)
    assert citation == (
        "Sergei Lavrov, Foreign Minister of Russia (said on 4 July 2011), at NATO-Russia "
        "Council, Sochi 2011. "
        "Reported in DW, “At loggerheads”, 4 July 2011. Loggerheads, "
        f"http://testserver{statement.get_absolute_url()}"
    )
    assert f"<title>Sergei Lavrov: “{statement.text}” · Loggerheads</title>" in html
    # A paraphrase's title is its words, cut to 80 characters, without quotation marks.
    paraphrase = Statement.objects.get(text__startswith="Russia would have to respond")
    paraphrase.text = "Russia would respond " + "and respond again " * 5
    paraphrase.save()
    title = re.search(r"<title>(.*?)</title>", client.get(paraphrase.get_absolute_url()).text)
    assert title.group(1) == (f"{paraphrase.speaker.name}: {paraphrase.text[:79]}… · Loggerheads")


def test_it_leads_to_the_summit_only_for_a_statement_readers_may_see(client, sochi):
    statement = lavrov_quote()
    statement.status = Statement.Status.DRAFT
    statement.save()
    assert client.get(f"/s/{statement.public_id}/in-summit/").status_code == 404
    assert client.get("/s/zzzzzzzz/in-summit/").status_code == 404


def test_the_permalink_does_not_count_its_place_on_the_summit_page(
    client, sochi, django_assert_num_queries
):
    # The revision and the statement (with its issues, on PostgreSQL): the summit page's
    # COUNT runs only when the link is followed.
    statement = lavrov_quote()
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        assert client.get(statement.get_absolute_url()).status_code == 200


def test_it_leads_a_later_report_to_its_utterances_entry(client, sochi):
    # The summit page lists an utterance under its first report: a later report's link
    # lands there.
    import_bundle(read_bundle(SEED.parent / "sochi-2011-kremlin.json"))
    later = Statement.objects.get(text__startswith="it is precisely these sorts")
    first = (
        Statement.objects.filter(utterance=later.utterance)
        .exclude(pk=later.pk)
        .order_by("article__published_on", "pk")
        .first()
    )
    assert client.get(f"/s/{later.public_id}/in-summit/")["Location"] == (
        f"/summits/sochi-2011/#s-{first.public_id}"
    )
    assert f'id="s-{first.public_id}"' in client.get("/summits/sochi-2011/").content.decode()
