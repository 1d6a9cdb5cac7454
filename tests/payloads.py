"""A summit with an injection payload in every field an editor fills in, and the pages,
feeds and JSON answers that show each field: shared by tests/test_escaping.py (Django's test
client) and tests/browser/test_xss.py (Chromium).
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from summits.models import Article, Attendance, Issue, Participant, Statement, Summit

SCRIPT = "<script>window.__xss=1</script>"
ATTRIBUTE = '"><img src=x onerror="window.__xss=1">'
SINGLE_QUOTED = "' onmouseover='window.__xss=1"
SCRIPT_BREAKOUT = "</script><script>window.__xss=1</script>"
TEMPLATE = "{{7*7}}"
ESCAPED_SCRIPT = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
# A word no seed statement uses, so a search for it finds only the stored payloads.
SEARCH_WORD = "zanzibar"


def payload(label: str) -> str:
    """Every payload at once, after a label that says which field it is in (~160 chars)."""
    return f"{label} {SCRIPT} {ATTRIBUTE} {SINGLE_QUOTED} {SCRIPT_BREAKOUT} {TEMPLATE}"


@dataclass
class Payloads:
    summit: Summit
    speaker: Participant
    attendance: Attendance
    issue: Issue
    article: Article
    source: Article  # the article whose url is a javascript: URL
    quote: Statement
    paraphrase: Statement


def store_payloads() -> Payloads:
    """A published summit with an injection payload in every field an editor fills in."""
    summit = Summit.objects.create(
        name=payload("Summit"),
        slug="xss-summit",
        starts_on=date(2031, 5, 1),
        ends_on=date(2031, 5, 2),
        # City and country hold 100 characters: two payloads each.
        city=f"City {SCRIPT} {SINGLE_QUOTED}",
        country=f"Country {ATTRIBUTE} {TEMPLATE}",
        forum=payload("Forum"),
        summary=payload("Summary"),
    )
    speaker = Participant.objects.create(name=payload("Speaker"), slug="xss-speaker")
    attendance = Attendance.objects.create(
        summit=summit, participant=speaker, role=payload("Role"), delegation=payload("Delegation")
    )
    issue = Issue.objects.create(
        name=payload("Issue"),
        slug="xss-issue",
        proposition=payload("Proposition"),
        description=payload("Description"),
    )
    summit.issues.add(issue)
    quote_text = payload(f"The {SEARCH_WORD} quote")
    article = Article.objects.create(
        summit=summit,
        key="xss-article",
        title=payload("Title"),
        outlet=payload("Outlet"),
        url=f"https://example.org/news?a={ATTRIBUTE}&b={SINGLE_QUOTED}&c={SCRIPT}",
        published_on=date(2031, 5, 2),
        authors=[payload("Author"), f"Second author {SINGLE_QUOTED}"],
        editors=[payload("Editor")],
        body=f"{payload('Opening')}\n\n“{quote_text},” the speaker said.\n\n{payload('Closing')}",
    )
    source = Article.objects.create(
        summit=summit,
        key="xss-source",
        title=payload("Source title"),
        outlet=payload("Source outlet"),
        url="javascript:window.__xss=1//https://example.org/",
        published_on=date(2031, 5, 2),
        body=payload("Source body"),
    )
    quote = Statement.objects.create(
        article=article,
        speaker=speaker,
        kind=Statement.Kind.QUOTE,
        text=quote_text,
        context=payload("Context of the quote"),
        stance=Statement.Stance.SUPPORTS,
        said_on=date(2031, 5, 1),
        status=Statement.Status.PUBLISHED,
        position=1,
    )
    paraphrase = Statement.objects.create(
        article=source,
        speaker=speaker,
        kind=Statement.Kind.PARAPHRASE,
        text=payload(f"The {SEARCH_WORD} paraphrase"),
        context=payload("Context of the paraphrase"),
        stance=Statement.Stance.OPPOSES,
        status=Statement.Status.PUBLISHED,
        position=1,
    )
    quote.issues.add(issue)
    paraphrase.issues.add(issue)
    return Payloads(summit, speaker, attendance, issue, article, source, quote, paraphrase)


def reader_pages(stored: Payloads) -> dict[str, str]:
    """Every reader page that shows a stored field, by name."""
    return {
        "home": "/",
        "search": f"/search/?q={SEARCH_WORD}",
        "summit": "/summits/xss-summit/",
        "summit filtered": "/summits/xss-summit/?actor=xss-speaker",
        "participant": "/participants/xss-speaker/",
        "issue": "/issues/xss-issue/",
        "article": f"/articles/{stored.article.pk}/",
        "source article": f"/articles/{stored.source.pk}/",
        "quote permalink": f"/s/{stored.quote.public_id}/",
        "paraphrase permalink": f"/s/{stored.paraphrase.public_id}/",
        "not found": "/s/" + quote(SCRIPT, safe="") + "/",
    }


def feeds() -> dict[str, str]:
    return {
        "all": "/feeds/statements.atom",
        "summit": "/feeds/summits/xss-summit.atom",
        "summit filtered": "/feeds/summits/xss-summit.atom?actor=xss-speaker",
        "participant": "/feeds/participants/xss-speaker.atom",
        "issue": "/feeds/issues/xss-issue.atom",
    }


def json_answers(stored: Payloads, origin: str = "http://testserver") -> dict[str, str]:
    """The oEmbed and API answers, by name; oEmbed needs the permalink on the server asked."""

    def embed(statement: Statement) -> str:
        permalink = quote(f"{origin}/s/{statement.public_id}/", safe="")
        return f"/oembed?url={permalink}&format=json"

    return {
        "oembed quote": embed(stored.quote),
        "oembed paraphrase": embed(stored.paraphrase),
        "summits": "/api/summits/",
        "summit": "/api/summits/xss-summit/",
        "bundle": "/api/summits/xss-summit/bundle.json",
        "participants": "/api/participants/",
        "participant": "/api/participants/xss-speaker/",
        "issues": "/api/issues/",
        "issue": "/api/issues/xss-issue/",
        "statements": "/api/statements/?summit=xss-summit",
        "statement": f"/api/statements/{stored.quote.public_id}/",
    }


def shown_fields(stored: Payloads) -> dict[str, list[str]]:
    """For each reader page, the stored values it shows, each of which must read as typed."""
    quote, paraphrase = stored.quote, stored.paraphrase
    article, summit, issue = stored.article, stored.summit, stored.issue
    return {
        "home": [summit.name, summit.forum, summit.city, summit.country, summit.summary],
        "search": [quote.text, quote.context, paraphrase.text, stored.speaker.name, issue.name],
        "summit": [
            summit.name,
            summit.forum,
            summit.summary,
            stored.speaker.name,
            stored.attendance.role,
            stored.attendance.delegation,
            issue.name,
            issue.proposition,
            article.title,
            *article.authors,
            quote.text,
            paraphrase.context,
        ],
        "summit filtered": [stored.speaker.name, quote.text, paraphrase.text],
        "participant": [stored.speaker.name, summit.name, stored.attendance.role, issue.name],
        "issue": [issue.name, issue.proposition, issue.description, summit.name, quote.text],
        "article": [
            article.title,
            article.outlet,
            *article.authors,
            *article.editors,
            quote.text,
            quote.context,
            payload("Opening"),
        ],
        "source article": [stored.source.title, stored.source.body, paraphrase.text],
        "quote permalink": [
            quote.text,
            quote.context,
            stored.speaker.name,
            stored.attendance.role,
            stored.attendance.delegation,
            issue.name,
            issue.proposition,
            summit.city,
            article.outlet,
            article.title,
        ],
        "paraphrase permalink": [paraphrase.text, paraphrase.context, stored.source.title],
    }
