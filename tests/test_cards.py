"""Quote cards as a social network fetches them: a 1200x630 PNG that shows the statement,
changes when the statement does, fits any length of quote, and is served from the cache."""

import io
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from summits import cards
from summits.cards import (
    ELLIPSIS,
    HEIGHT,
    PARAPHRASE_LABEL,
    TEXT_BOX,
    WIDTH,
    StatementCard,
    layout_text,
)
from summits.models import Statement

LONG_QUOTE = " ".join(
    f"Sentence {n} of a very long answer about missile defense, cooperation and trust."
    for n in range(60)
)[:3000]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def png_size(content: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG"
    return image.size


def test_it_serves_a_1200_by_630_png_for_a_statement(client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    response = client.get(reverse("statement-card", args=[statement.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"].startswith('"')
    assert png_size(response.content) == (1200, 630)


def test_it_draws_a_new_card_when_the_statement_changes(client, sochi):
    statement = Statement.objects.filter(kind=Statement.Kind.PARAPHRASE).first()
    url = reverse("statement-card", args=[statement.public_id])
    before = client.get(url)
    statement.text = "Russia and NATO agreed to keep talking."
    statement.save()
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content
    assert png_size(after.content) == (1200, 630)


def test_it_draws_a_new_card_when_the_speakers_role_changes(client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    url = reverse("statement-card", args=[statement.public_id])
    before = client.get(url)
    attendance = statement.speaker.attendances.get(summit=sochi)
    attendance.role = "President of the Russian Federation"
    attendance.save()
    assert client.get(url)["ETag"] != before["ETag"]


def test_it_serves_an_unchanged_card_from_the_cache(client, sochi, monkeypatch):
    statement = Statement.objects.get(text="Good weather, good relations")
    url = reverse("statement-card", args=[statement.public_id])
    drawn = []
    render = StatementCard.render
    monkeypatch.setattr(StatementCard, "render", lambda card: drawn.append(card) or render(card))
    first = client.get(url)
    second = client.get(url)
    assert len(drawn) == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_it_answers_304_when_the_reader_has_the_card(client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    url = reverse("statement-card", args=[statement.public_id])
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_it_has_no_card_for_a_draft_or_an_unknown_statement(client, sochi):
    statement = Statement.objects.first()
    statement.status = Statement.Status.DRAFT
    statement.save()
    assert client.get(reverse("statement-card", args=[statement.public_id])).status_code == 404
    assert client.get(reverse("statement-card", args=["zzzzzzzz"])).status_code == 404


def test_it_fits_a_3000_character_quote_inside_the_text_area():
    layout = layout_text(LONG_QUOTE)
    left, top, right, bottom = TEXT_BOX
    assert layout.shortened
    assert len(layout.lines) > 1
    for line in layout.lines:
        x0, y0, x1, y1 = line.box
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, line
    assert layout.lines[-1].text.endswith(ELLIPSIS)
    # Shortened at a word boundary: what is drawn is the quote's first words, whole.
    drawn = " ".join(line.text for line in layout.lines).removesuffix(ELLIPSIS).rstrip(",;:")
    assert LONG_QUOTE.startswith(drawn)
    assert LONG_QUOTE[len(drawn)] in " ,;:"
    # Lines never overlap one another.
    for upper, lower in zip(layout.lines, layout.lines[1:], strict=False):
        assert upper.box[3] <= lower.box[1] + 2


def test_it_renders_a_card_for_a_3000_character_quote(client, sochi):
    statement = Statement.objects.filter(kind=Statement.Kind.PARAPHRASE).first()
    statement.text = LONG_QUOTE
    statement.save()
    response = client.get(reverse("statement-card", args=[statement.public_id]))
    assert png_size(response.content) == (1200, 630)


def test_it_keeps_a_short_quote_whole_and_large():
    layout = layout_text("Good weather, good relations")
    assert [line.text for line in layout.lines] == ["Good weather, good relations"]
    assert layout.size == cards.LARGEST_SIZE
    assert not layout.shortened


def test_it_breaks_a_word_too_long_for_a_line_without_leaving_the_card():
    layout = layout_text("https://example.org/" + "a" * 400 + " and then some words")
    left, top, right, bottom = TEXT_BOX
    for line in layout.lines:
        x0, y0, x1, y1 = line.box
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, line


def test_it_marks_a_paraphrase_and_names_the_role_held_at_the_summit(sochi):
    paraphrase = (
        Statement.objects.for_display()
        .filter(kind=Statement.Kind.PARAPHRASE, speaker__slug="dmitry-medvedev")
        .first()
    )
    card = StatementCard.of(paraphrase)
    assert card.is_paraphrase
    assert card.alt().startswith(f"{PARAPHRASE_LABEL}: {paraphrase.text}")
    assert "“" not in card.alt().split(" — ")[0]
    assert card.role == "President of Russia"
    assert card.summit == "NATO-Russia Council, Sochi 2011"
    assert card.date == "said on 4 July 2011"
    assert card.outlet == "DW"


def test_it_serves_a_summit_card(client, sochi):
    url = reverse("summit-card", args=["sochi-2011"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert png_size(response.content) == (WIDTH, HEIGHT)
    sochi.name = "NATO-Russia Council, Sochi, July 2011"
    sochi.save()
    assert client.get(url)["ETag"] != response["ETag"]
    assert client.get(reverse("summit-card", args=["yalta-1945"])).status_code == 404


def test_it_renders_a_card_in_well_under_a_second(sochi):
    card = StatementCard.of(
        Statement.objects.for_display().filter(kind=Statement.Kind.PARAPHRASE).first()
    )
    started = time.perf_counter()
    card.render()
    assert time.perf_counter() - started < 1.0
