"""Propose the quotes in an article: `manage.py extract_statements ARTICLE.txt` prints JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from summits.extraction import extract_statements


class Command(BaseCommand):
    help = "Print the direct quotes in an article text file, with their speakers, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("article", metavar="ARTICLE.txt")

    def handle(self, *args, article: str, **options):
        try:
            body = Path(article).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise CommandError(f"cannot read article '{article}': {reason}") from None
        proposals = [
            {"speaker": p.speaker, "kind": p.kind, "text": p.text, "context": p.context}
            for p in extract_statements(body)
        ]
        self.stdout.write(json.dumps(proposals, indent=2, ensure_ascii=False))
