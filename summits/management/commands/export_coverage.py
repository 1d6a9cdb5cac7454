"""Export one summit's coverage bundle to stdout: `manage.py export_coverage SUMMIT_SLUG`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.bundles import dump_bundle, export_bundle
from summits.models import Summit


class Command(BaseCommand):
    help = "Write a summit's coverage bundle (published statements) to stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("summit", metavar="SUMMIT_SLUG")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Also export draft statements (for backups; readers never see drafts).",
        )

    def handle(self, *args: Any, summit: str, include_drafts: bool, **options: Any) -> None:
        found = Summit.objects.filter(slug=summit).first()
        if found is None:
            known = ", ".join(Summit.objects.values_list("slug", flat=True)[:20]) or "none"
            raise CommandError(f"no summit '{summit}' (known: {known})")
        self.stdout.write(
            dump_bundle(export_bundle(found, include_drafts=include_drafts)), ending=""
        )
