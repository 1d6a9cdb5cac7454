"""Whatever an editor types is shown as text: script and attribute injection in every field.

`store_payloads` (tests/payloads.py) writes a summit whose every editor-entered field carries
script, attribute and template-injection payloads, with a quote and a paraphrase published.
The tests here fetch every reader page, feed and JSON answer over Django's test client; the
browser tests (tests/browser/test_xss.py) load the same coverage in Chromium and check
nothing runs.
"""

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests.payloads import (
    ATTRIBUTE,
    ESCAPED_SCRIPT,
    SCRIPT,
    SCRIPT_BREAKOUT,
    SINGLE_QUOTED,
    TEMPLATE,
    Payloads,
    feeds,
    json_answers,
    reader_pages,
    shown_fields,
    store_payloads,
)

JSON_LD = re.compile(
    r'<script type="application/ld\+json"[^>]*>(?P<body>.*?)</script', re.IGNORECASE | re.DOTALL
)


class Markup(HTMLParser):
    """What a browser would build from the markup: elements, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @classmethod
    def of(cls, html: str) -> "Markup":
        markup = cls()
        markup.feed(html)
        markup.close()
        return markup

    def injected(self) -> list[str]:
        """Elements and attributes that no template writes: the signs of an injection."""
        found = []
        for tag, attrs in self.elements:
            handlers = [name for name in attrs if name.startswith("on")]
            if handlers:
                found.append(f"<{tag}> with {handlers}")
            if tag == "script" and not (attrs.get("src") or attrs.get("type")):
                found.append("an inline <script>")
            if tag == "img" and attrs.get("src") == "x":
                found.append("<img src=x>")
            for name in ("href", "src", "action", "formaction"):
                if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}={attrs[name]!r}>")
        return found

    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def stored(db) -> Payloads:
    return store_payloads()


def test_it_shows_every_payload_as_text_on_every_reader_page(client, stored):
    for name, path in reader_pages(stored).items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), name
        html = response.content.decode()
        outside_json_ld = JSON_LD.sub("", html)
        for raw in (SCRIPT, ATTRIBUTE, SINGLE_QUOTED, SCRIPT_BREAKOUT, 'onerror="window'):
            assert raw not in outside_json_ld, f"{name}: unescaped {raw!r}"
        assert Markup.of(html).injected() == [], name
        if name != "not found":
            assert ESCAPED_SCRIPT in html, name
            assert TEMPLATE in html, f"{name}: the template payload was dropped or evaluated"


def test_it_keeps_each_field_readable_where_it_is_shown(client, stored):
    pages = reader_pages(stored)
    for name, values in shown_fields(stored).items():
        text = Markup.of(client.get(pages[name]).content.decode()).plain_text()
        for value in values:
            assert squeeze(value) in text, f"{name}: {value[:30]!r} is not shown as text"


def test_it_links_an_article_only_to_a_web_address(client, stored):
    def links(path: str) -> list[str]:
        html = client.get(path).content.decode()
        return [attrs.get("href") or "" for tag, attrs in Markup.of(html).elements if tag == "a"]

    assert stored.article.url in links(f"/articles/{stored.article.pk}/")
    assert stored.article.url in links(f"/s/{stored.quote.public_id}/")
    # A javascript: address is not a source a reader can follow; it is not linked at all.
    for path in (f"/articles/{stored.source.pk}/", f"/s/{stored.paraphrase.public_id}/"):
        assert not [href for href in links(path) if "javascript" in href.lower()], path


def test_it_keeps_the_json_ld_inside_its_script_element(client, stored):
    for statement in (stored.quote, stored.paraphrase):
        html = client.get(f"/s/{statement.public_id}/").content.decode()
        blocks = JSON_LD.findall(html)
        assert len(blocks) == 1
        block = blocks[0]
        # The first "</script" ends the element, in any case: the JSON must be whole by then.
        assert "<!--" not in block and "<script" not in block.lower()
        data = json.loads(block)
        assert data["text"] == statement.text
        assert data["creator"]["name"] == stored.speaker.name
        assert data["creator"]["jobTitle"] == stored.attendance.role
        assert data["about"][0]["name"] == stored.issue.name
        assert data["isBasedOn"]["headline"] == statement.article.title
        assert data["isBasedOn"]["publisher"]["name"] == statement.article.outlet


def test_it_puts_the_payloads_in_the_share_tags_as_attribute_text(client, stored):
    html = client.get(f"/s/{stored.quote.public_id}/").content.decode()
    meta = {
        attrs.get("property") or attrs.get("name"): attrs.get("content")
        for tag, attrs in Markup.of(html).elements
        if tag == "meta"
    }
    assert meta["og:title"] == f"{stored.speaker.name} at {stored.summit.name}"
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["og:description"].startswith(f"“{stored.quote.text}”")
    assert meta["description"] == meta["og:description"]
    assert stored.quote.text in meta["og:image:alt"]


def atom(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_writes_the_payloads_into_the_feeds_as_text(client, stored):
    for name, path in feeds().items():
        feed = atom(client, path)
        entries = {entry.findtext(f"{ATOM}id"): entry for entry in feed.iter(f"{ATOM}entry")}
        quote = next(e for url, e in entries.items() if url.endswith(stored.quote.public_id + "/"))
        assert quote.findtext(f"{ATOM}title").startswith(f"{stored.speaker.name}: “")
        summary = quote.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        # The summary is HTML a feed reader renders: the payloads must arrive escaped in it.
        markup = Markup.of(summary.text)
        assert markup.injected() == [], name
        assert stored.quote.text in markup.plain_text()
        assert stored.quote.context in markup.plain_text()
        assert stored.issue.name in [c.get("term") for c in quote.iter(f"{ATOM}category")]
    assert stored.summit.name in atom(client, feeds()["summit"]).findtext(f"{ATOM}title")
    filtered = atom(client, feeds()["summit filtered"]).findtext(f"{ATOM}title")
    assert stored.speaker.name in filtered
    assert stored.speaker.name in atom(client, feeds()["participant"]).findtext(f"{ATOM}title")
    issue_feed = atom(client, feeds()["issue"])
    assert stored.issue.name in issue_feed.findtext(f"{ATOM}title")
    assert issue_feed.findtext(f"{ATOM}subtitle") == stored.issue.proposition


def strings(value) -> set[str]:
    """Every string anywhere in a parsed JSON document."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(strings, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(strings, value)) if value else set()
    return set()


def test_it_answers_json_with_the_payloads_intact(client, stored):
    expected = {
        "oembed quote": [stored.speaker.name],
        "oembed paraphrase": [stored.speaker.name],
        "summits": [stored.summit.name, stored.summit.city, stored.summit.forum],
        "summit": [
            stored.summit.summary,
            stored.attendance.role,
            stored.attendance.delegation,
            stored.article.title,
            *stored.article.authors,
            stored.issue.name,
        ],
        "bundle": [
            stored.quote.text,
            stored.article.body,
            stored.source.url,
            *stored.article.editors,
        ],
        "participants": [stored.speaker.name],
        "participant": [stored.attendance.role, stored.summit.name],
        "issues": [stored.issue.name, stored.issue.proposition],
        "issue": [stored.issue.description],
        "statements": [stored.quote.text, stored.paraphrase.text, stored.paraphrase.context],
        "statement": [stored.quote.text, stored.quote.context, stored.article.outlet],
    }
    for name, path in json_answers(stored).items():
        response = client.get(path)
        assert response.status_code == 200, (name, response.content)
        assert response["Content-Type"].startswith("application/json"), name
        assert response["X-Content-Type-Options"] == "nosniff"
        found = strings(json.loads(response.content))
        for value in expected[name]:
            assert value in found, f"{name}: {value[:30]!r} is not intact"


def test_it_embeds_the_payloads_as_text_in_the_oembed_html(client, stored):
    for statement in (stored.quote, stored.paraphrase):
        permalink = quote(f"http://testserver/s/{statement.public_id}/", safe="")
        embed = client.get(f"/oembed?url={permalink}&format=json").json()
        assert embed["title"].startswith(f"{stored.speaker.name}: ")
        # Consumers paste this html into their own pages, which have no CSP to fall back on.
        markup = Markup.of(embed["html"])
        assert markup.injected() == [], statement.kind
        text = markup.plain_text()
        for value in (statement.text, stored.speaker.name, stored.summit.name):
            assert squeeze(value) in text
        assert unescape(squeeze(statement.article.title)) in text
