"""Embeds and citations: oEmbed for a permalink, its discovery link, and the Cite block, as a
blog engine and a reader writing a footnote see them."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from summits.models import Statement

PERMALINK = "http://testserver/s/{}/"


@pytest.fixture
def quote(sochi) -> Statement:
    return Statement.objects.get(text="Good weather, good relations")


@pytest.fixture
def paraphrase(sochi) -> Statement:
    return Statement.objects.filter(
        kind=Statement.Kind.PARAPHRASE, speaker__slug="dmitry-medvedev"
    ).first()


def oembed(client, status=200, **params):
    response = client.get(reverse("oembed"), params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_it_embeds_a_quote_as_a_rich_blockquote(client, quote):
    body = oembed(client, url=PERMALINK.format(quote.public_id), format="json")
    assert body["version"] == "1.0"
    assert body["type"] == "rich"
    assert body["provider_name"] == "Loggerheads"
    assert body["provider_url"] == "http://testserver/"
    assert body["author_name"] == "Dmitry Medvedev"
    assert isinstance(body["width"], int) and isinstance(body["height"], int)
    assert body["thumbnail_url"] == f"http://testserver/s/{quote.public_id}/card.png"
    assert (body["thumbnail_width"], body["thumbnail_height"]) == (1200, 630)
    embed = body["html"]
    assert embed.startswith("<blockquote") and embed.endswith("</blockquote>")
    assert "<script" not in embed and "style=" not in embed
    text = html.unescape(re.sub(r"<[^>]+>", "", embed))
    assert "“Good weather, good relations”" in text
    assert "Dmitry Medvedev, President of Russia" in text
    assert "DW" in text and "At loggerheads" in text
    assert f'href="{PERMALINK.format(quote.public_id)}"' in embed


def test_it_marks_an_embedded_paraphrase_as_the_articles_words(client, paraphrase):
    body = oembed(client, url=PERMALINK.format(paraphrase.public_id))
    text = html.unescape(re.sub(r"<[^>]+>", "", body["html"]))
    assert f"Paraphrase, in the article's words: {paraphrase.text}" in text
    assert f"“{paraphrase.text}”" not in text


def test_it_honours_maxwidth(client, quote):
    body = oembed(client, url=PERMALINK.format(quote.public_id), maxwidth="320")
    assert body["width"] == 320


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/summits/sochi-2011/",
        "http://testserver/",
        "http://testserver/s/zzzzzzzz/",
        "http://elsewhere.example/s/{}/",
        "ftp://testserver/s/{}/",
        "not a url at all",
    ],
)
def test_it_answers_404_for_anything_but_a_permalink(client, quote, url):
    body = oembed(client, status=404, url=url.format(quote.public_id))
    assert body["error"]


def test_it_answers_404_for_a_draft(client, quote):
    quote.status = Statement.Status.DRAFT
    quote.save()
    oembed(client, status=404, url=PERMALINK.format(quote.public_id))


def test_it_offers_json_only(client, quote):
    body = oembed(client, status=501, url=PERMALINK.format(quote.public_id), format="xml")
    assert body["error"].startswith("format:")


def test_it_asks_for_a_url(client, sochi):
    assert oembed(client, status=400)["error"].startswith("url:")


def head(client, statement) -> str:
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(page: str, attribute: str, name: str) -> list[str]:
    pattern = rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"'
    return [html.unescape(value) for value in re.findall(pattern, page)]


def test_it_links_the_permalink_to_its_oembed(client, quote):
    page = head(client, quote)
    [href] = re.findall(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page
    )
    href = html.unescape(href)
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "http://testserver/oembed"
    assert parse_qs(parts.query) == {"url": [PERMALINK.format(quote.public_id)], "format": ["json"]}
    assert client.get(href).json()["type"] == "rich"


def test_it_points_the_permalinks_share_preview_at_the_card(client, quote):
    page = head(client, quote)
    assert meta(page, "property", "og:image") == [f"http://testserver/s/{quote.public_id}/card.png"]
    assert meta(page, "property", "og:image:width") == ["1200"]
    assert meta(page, "property", "og:image:height") == ["630"]
    [alt] = meta(page, "property", "og:image:alt")
    assert alt.startswith("“Good weather, good relations” — Dmitry Medvedev, President of Russia")
    assert meta(page, "name", "twitter:card") == ["summary_large_image"]
    card = client.get(meta(page, "property", "og:image")[0])
    assert card["Content-Type"] == "image/png"


def test_it_says_a_paraphrase_is_one_in_the_card_alt_text(client, paraphrase):
    [alt] = meta(head(client, paraphrase), "property", "og:image:alt")
    assert alt.startswith(f"Paraphrase — in the article's words: {paraphrase.text}")


def test_it_gives_a_summit_page_its_card(client, sochi):
    page = client.get(sochi.get_absolute_url()).content.decode().split("</head>")[0]
    assert meta(page, "property", "og:image") == ["http://testserver/summits/sochi-2011/card.png"]
    assert meta(page, "name", "twitter:card") == ["summary_large_image"]


def test_it_offers_a_plain_text_citation_on_the_permalink(client, quote):
    page = client.get(quote.get_absolute_url()).content.decode()
    [section] = re.findall(r'<section class="cite".*?</section>', page, re.S)
    assert ">Cite<" in section
    [citation] = re.findall(r'<p class="cite__text" id="citation">(.*?)</p>', section, re.S)
    assert html.unescape(citation) == (
        "Dmitry Medvedev, President of Russia (said on 4 July 2011), at NATO-Russia Council, "
        "Sochi 2011. "
        "Reported in DW, “At loggerheads”, 4 July 2011. "
        f"Loggerheads, {PERMALINK.format(quote.public_id)}"
    )


def test_it_writes_the_share_tags_as_the_head_carries_them(client, sochi, quote):
    # The share tags are drawn in Python (summits/templatetags/sharing.py): the markup.
    page = client.get(sochi.get_absolute_url()).content.decode().split("</head>")[0]
    assert (
        '<meta property="og:image:alt" content="NATO-Russia Council, Sochi 2011, 4 July 2011, '
        'Sochi: who said what, on which issue">'
    ) in page
    assert '<meta property="og:url" content="http://testserver/summits/sochi-2011/">' in page
    permalink = head(client, quote)
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?'
        f"url=http%3A%2F%2Ftestserver%2Fs%2F{quote.public_id}%2F&amp;format=json"
        '" title="Dmitry Medvedev">'
    ) in permalink
    # A page with no card of its own: the small card, no image.
    home = client.get("/").content.decode().split("</head>")[0]
    assert '<meta name="twitter:card" content="summary">' in home
    assert "og:image" not in home
    assert '<meta property="og:type" content="website">' in home
