"""Propose the statements in an article: `manage.py extract_statements ARTICLE.txt
[--summit SLUG]` prints a JSON array of quotes and paraphrases with speaker, confidence,
evidence and, when the summit's roster names the speaker, the participant's slug."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.extraction import RosterEntry, extract_statements
from summits.models import Summit, summit_roster

# Far beyond any article (a long feature is 60 KB); past it the file is not one.
LARGEST_ARTICLE = 1_000_000


class Command(BaseCommand):
    help = (
        "Print the quotes and reported speech in an article text file as JSON: speaker, "
        "kind, text, context, confidence, evidence and participant."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article", metavar="ARTICLE.txt")
        parser.add_argument(
            "--summit",
            metavar="SLUG",
            help="resolve titles and names against this summit's roster and link participants",
        )

    def handle(self, *args: Any, article: str, summit: str | None, **options: Any) -> None:
        body = read_article(Path(article))
        roster: list[RosterEntry] = []
        if summit is not None:
            found = Summit.objects.filter(slug=summit).first()
            if found is None:
                raise CommandError(f"no summit with slug '{summit}'")
            roster = summit_roster(found)
        proposals = [
            {
                "speaker": p.speaker,
                "kind": p.kind,
                "text": p.text,
                "context": p.context,
                "confidence": p.confidence,
                "evidence": p.evidence,
                "participant": p.participant,
                "route": p.route,
            }
            for p in extract_statements(body, roster)
        ]
        self.stdout.write(json.dumps(proposals, indent=2, ensure_ascii=False))


def read_article(path: Path) -> str:
    """The article's text, or a CommandError that says why it cannot be one."""
    try:
        size = path.stat().st_size
        if size > LARGEST_ARTICLE:
            raise CommandError(
                f"'{path}' is {size:,} bytes; an article is at most {LARGEST_ARTICLE:,}"
            )
        body = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise CommandError(f"cannot read article '{path}': {reason}") from None
    if "\x00" in body:
        raise CommandError(f"cannot read article '{path}': a binary file, not text")
    if not body.strip():
        raise CommandError(f"article '{path}' is empty")
    return body
