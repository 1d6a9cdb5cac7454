"""A statement's date: "said on" only when the day said is recorded, else "reported" with the
article's date. The Cite block, the card, the oEmbed HTML and JSON-LD all follow."""

import datetime
import html
import json
import re

import pytest

from summits.cards import StatementCard
from summits.models import Statement


@pytest.fixture
def undated(sochi) -> Statement:
    """A quote whose day said is unknown, in an article dated after the summit ended."""
    statement = Statement.objects.published().filter(kind="quote").first()
    statement.said_on = None
    statement.save()
    article = statement.article
    article.published_on = datetime.date(2011, 7, 5)
    article.save()
    return Statement.objects.for_display().get(pk=statement.pk)


def test_it_says_reported_not_said_on_when_the_day_is_unknown(client, undated):
    page = client.get(undated.get_absolute_url()).content.decode()
    [citation] = re.findall(r'<p class="cite__text" id="citation">(.*?)</p>', page, re.S)
    assert "(reported 5 July 2011)" in html.unescape(citation)
    assert "said on" not in citation
    assert 'Reported <time datetime="2011-07-05">5 July 2011</time>' in page
    [ld] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    data = json.loads(ld)
    assert "dateCreated" not in data
    assert data["isBasedOn"]["datePublished"] == "2011-07-05"
    assert StatementCard.of(undated).date == "reported 5 July 2011"


def test_it_says_said_on_when_the_day_is_recorded(client, undated):
    undated.said_on = datetime.date(2011, 7, 4)
    undated.save()
    page = client.get(undated.get_absolute_url()).content.decode()
    assert "(said on 4 July 2011)" in html.unescape(page)
    oembed = client.get("/oembed", {"url": f"http://testserver{undated.get_absolute_url()}"})
    assert "said on 4 July 2011" in oembed.json()["html"]


def test_it_gives_no_date_when_neither_is_known(undated):
    undated.article.published_on = None
    assert str(undated.date_said) == ""
    assert StatementCard.of(undated).date == ""
