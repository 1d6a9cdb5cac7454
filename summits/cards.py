"""Share images: a 1200x630 PNG "quote card" per published statement and one per summit.

A card is drawn server-side with Pillow in the DejaVu fonts shipped in static/fonts/. What
goes on a card is gathered first (`StatementCard`, `SummitCard`); its hash names the cached
PNG and is the ETag, so any edit to a drawn field gives a new key and a new image while an
unchanged card is served from the cache. A quote is wrapped to the card's text box, set
smaller until it fits, and only then shortened at a word boundary with an ellipsis: no line
is cut mid-word or drawn off the card.
"""

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from PIL import Image, ImageDraw, ImageFont

from summits.models import Statement, Summit

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The quote's area: left, top, right, bottom. The footer (speaker, source) sits below it.
TEXT_BOX = (MARGIN, 112, WIDTH - MARGIN, 452)
LARGEST_SIZE, SMALLEST_SIZE, SIZE_STEP = 54, 30, 2
LINE_SPACING = 1.28
ELLIPSIS = "…"
PARAPHRASE_LABEL = "Paraphrase — in the article's words"
QUOTE_LABEL = "Quote"
# Bump when the drawing changes, so every cached card is redrawn.
LAYOUT_VERSION = 2
CACHE_SECONDS = 60 * 60 * 24 * 30
MAX_AGE = 3600

PAPER = "#faf7f2"
INK = "#1d1d1f"
MUTED = "#5b5b60"
ACCENT = "#9b1c1c"
RULE = "#d8d2c8"

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
SERIF = "DejaVuSerif.ttf"
SANS = "DejaVuSans.ttf"
SANS_BOLD = "DejaVuSans-Bold.ttf"


Typeface = ImageFont.FreeTypeFont


@memoize
def font(name: str, size: int) -> Typeface:
    return ImageFont.truetype(str(FONT_DIR / name), size)


@dataclass(frozen=True)
class Line:
    text: str
    box: tuple[float, float, float, float]  # the ink's bounding box on the card, from textbbox
    origin: tuple[int, int]


@dataclass(frozen=True)
class TextLayout:
    lines: list[Line]
    size: int
    shortened: bool


def measure() -> ImageDraw.ImageDraw:
    return ImageDraw.Draw(Image.new("RGB", (1, 1)))


def wrap(draw: ImageDraw.ImageDraw, text: str, typeface: Typeface, width: float) -> list[str]:
    """Greedy word wrap to `width` pixels; a word wider than a line is split by characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if draw.textlength(candidate, font=typeface) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while draw.textlength(word, font=typeface) > width:
            cut = len(word)
            while cut > 1 and draw.textlength(word[:cut], font=typeface) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def with_ellipsis(draw: ImageDraw.ImageDraw, line: str, typeface: Typeface, width: float) -> str:
    """End the line with an ellipsis at a word boundary, dropping words until it fits."""
    words = line.split(" ")
    while words:
        candidate = " ".join(words).rstrip(",;:—–-") + ELLIPSIS
        if draw.textlength(candidate, font=typeface) <= width:
            return candidate
        if len(words) == 1:
            # One unbroken word wider than the line: only here is a word cut.
            word = words[0]
            while word and draw.textlength(word + ELLIPSIS, font=typeface) > width:
                word = word[:-1]
            return word + ELLIPSIS
        words.pop()
    return ELLIPSIS


def layout_text(
    text: str,
    box: tuple[int, int, int, int] = TEXT_BOX,
    typeface_name: str = SERIF,
    largest: int = LARGEST_SIZE,
    smallest: int = SMALLEST_SIZE,
    *,
    middle: bool = False,
) -> TextLayout:
    """The lines of `text` inside `box` and each line's box: largest size that fits, else
    the smallest size shortened with an ellipsis at a word boundary. `middle` centres the
    lines vertically in the box (a short quote should not hang from the top)."""
    draw = measure()
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    size = largest
    while True:
        typeface = font(typeface_name, size)
        ascent, descent = typeface.getmetrics()
        step = round(size * LINE_SPACING)
        room = max(1, (height - ascent - descent) // step + 1)
        lines = wrap(draw, text, typeface, width)
        if len(lines) <= room or size <= smallest:
            break
        size = max(smallest, size - SIZE_STEP)
    shortened = len(lines) > room
    if shortened:
        lines = [*lines[: room - 1], with_ellipsis(draw, lines[room - 1], typeface, width)]
    if middle:
        top += (height - (len(lines) - 1) * step - ascent - descent) // 2
    placed = []
    for index, line in enumerate(lines):
        origin = (left, top + index * step)
        placed.append(Line(line, draw.textbbox(origin, line, font=typeface), origin))
    return TextLayout(placed, size, shortened)


def fitted(draw: ImageDraw.ImageDraw, text: str, typeface: Typeface, width: float) -> str:
    """One line no wider than `width`, shortened at a word boundary if it must be."""
    if draw.textlength(text, font=typeface) <= width:
        return text
    return with_ellipsis(draw, text, typeface, width)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    return image, draw


def draw_footer(draw: ImageDraw.ImageDraw, name: str, detail: str, source: str) -> None:
    """Rule, speaker (or summit) in bold, a detail line, the source line and the site name."""
    draw.line((MARGIN, 476, WIDTH - MARGIN, 476), fill=RULE, width=2)
    width = WIDTH - 2 * MARGIN
    draw.text(
        (MARGIN, 496), fitted(draw, name, font(SANS_BOLD, 32), width), INK, font(SANS_BOLD, 32)
    )
    if detail:
        draw.text((MARGIN, 540), fitted(draw, detail, font(SANS, 24), width), MUTED, font(SANS, 24))
    site = font(SANS_BOLD, 26)
    site_width = draw.textlength(settings.SITE_NAME, font=site)
    draw.text((WIDTH - MARGIN - site_width, 574), settings.SITE_NAME, ACCENT, site)
    source_width = width - site_width - 32
    draw.text(
        (MARGIN, 578), fitted(draw, source, font(SANS, 22), source_width), MUTED, font(SANS, 22)
    )


@dataclass(frozen=True)
class StatementCard:
    """Everything drawn on a statement's card; its hash keys the cache and is the ETag."""

    kind: str
    text: str
    speaker: str
    role: str
    summit: str
    date: str
    outlet: str
    version: int = LAYOUT_VERSION
    site: str = settings.SITE_NAME

    @classmethod
    def of(cls, statement: Statement) -> "StatementCard":
        """The card of a statement loaded with `StatementQuerySet.for_display()`."""
        return cls(
            kind=statement.kind,
            text=statement.text,
            speaker=statement.speaker.name,
            role=statement.speaker_role,
            summit=statement.summit.name,
            date=str(statement.date_said),
            outlet=statement.article.outlet,
        )

    @property
    def digest(self) -> str:
        return digest(self)

    @property
    def is_paraphrase(self) -> bool:
        return self.kind == Statement.Kind.PARAPHRASE

    def layout(self) -> TextLayout:
        return layout_text(self.text, middle=True)

    def alt(self) -> str:
        """What the card shows, in words: the permalink's og:image:alt."""
        said = f"{PARAPHRASE_LABEL}: {self.text}" if self.is_paraphrase else f"“{self.text}”"
        who = f"{self.speaker}, {self.role}" if self.role else self.speaker
        return f"{said} — " + ", ".join(part for part in (who, self.summit, self.date) if part)

    def render(self) -> bytes:
        image, draw = canvas()
        label = PARAPHRASE_LABEL if self.is_paraphrase else QUOTE_LABEL
        draw.text((MARGIN, 52), label.upper(), ACCENT, font(SANS_BOLD, 22))
        layout = self.layout()
        if not self.is_paraphrase:
            # A hanging opening mark in the margin: the words inside the box stay the quote's.
            mark = font(SERIF, round(layout.size * 1.6))
            first = layout.lines[0].origin[1]
            draw.text(
                (MARGIN - 8, first - round(layout.size * 0.2)), "“", ACCENT, mark, anchor="ra"
            )
        typeface = font(SERIF, layout.size)
        colour = MUTED if self.is_paraphrase else INK
        for line in layout.lines:
            draw.text(line.origin, line.text, colour, typeface)
        source = " · ".join(part for part in (self.summit, self.date, self.outlet) if part)
        draw_footer(draw, self.speaker, self.role, source)
        return png(image)


@dataclass(frozen=True)
class SummitCard:
    """A summit's card: title, dates, place and its most quoted participants with roles."""

    name: str
    dates: str
    place: str
    forum: str
    counts: str
    participants: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    version: int = LAYOUT_VERSION
    site: str = settings.SITE_NAME

    KEY_PARTICIPANTS = 5

    @classmethod
    def of(cls, summit: Summit) -> "SummitCard":
        said_here = (
            Statement.objects.published()
            .filter(summit=summit, speaker=OuterRef("participant_id"))
            .order_by()
            .values("speaker")
            .annotate(n=Count("pk"))
            .values("n")
        )
        attendances = (
            summit.attendances.select_related("participant")
            .annotate(n=Coalesce(Subquery(said_here, output_field=IntegerField()), Value(0)))
            .order_by("-n", "participant__name")[: cls.KEY_PARTICIPANTS]
        )
        statement_count = summit.statements.published().count()
        issue_count = summit.issues.count()
        return cls(
            name=summit.name,
            dates=summit.date_range,
            place=", ".join(part for part in (summit.city, summit.country) if part),
            forum=summit.forum,
            counts=f"{statement_count} statements on {issue_count} issues",
            participants=tuple((a.participant.name, a.role) for a in attendances),
        )

    @property
    def digest(self) -> str:
        return digest(self)

    def render(self) -> bytes:
        image, draw = canvas()
        draw.text((MARGIN, 52), "SUMMIT", ACCENT, font(SANS_BOLD, 22))
        title = layout_text(self.name, (MARGIN, 92, WIDTH - MARGIN, 200), SERIF, 50, 34)
        for line in title.lines:
            draw.text(line.origin, line.text, INK, font(SERIF, title.size))
        y = 250
        width = WIDTH - 2 * MARGIN
        if self.participants:
            draw.text((MARGIN, 212), "MOST QUOTED", MUTED, font(SANS_BOLD, 18))
        for index, (name, role) in enumerate(self.participants):
            entry = f"{name} — {role}" if role else name
            face = font(SANS_BOLD if index == 0 else SANS, 26)
            draw.text((MARGIN, y), fitted(draw, entry, face, width), INK, face)
            y += 44
        detail = " · ".join(part for part in (self.dates, self.place) if part)
        draw_footer(draw, self.forum or self.name, detail, self.counts)
        return png(image)


def digest(card: StatementCard | SummitCard) -> str:
    drawn = json.dumps(asdict(card), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(drawn.encode()).hexdigest()[:32]


def card_response(
    request: HttpRequest, card: StatementCard | SummitCard, kind: str
) -> HttpResponseBase:
    """The cached PNG (drawn on a miss), with an ETag of its inputs' hash."""
    etag = f'"{card.digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"card:{kind}:{card.digest}"
        image = cache.get(key)
        if image is None:
            image = card.render()
            cache.set(key, image, CACHE_SECONDS)
        response = HttpResponse(image, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def statement_card(request: HttpRequest, public_id: str) -> HttpResponseBase:
    statement = Statement.objects.published().for_display().filter(public_id=public_id).first()
    if statement is None:
        raise Http404(f"No statement '{public_id}'")
    return card_response(request, StatementCard.of(statement), "statement")


def summit_card(request: HttpRequest, slug: str) -> HttpResponseBase:
    summit = Summit.objects.published().filter(slug=slug).first()
    if summit is None:
        raise Http404(f"No summit '{slug}'")
    return card_response(request, SummitCard.of(summit), "summit")
