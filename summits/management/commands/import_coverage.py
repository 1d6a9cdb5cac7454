"""Import coverage bundles: `manage.py import_coverage FILE.json [FILE ...]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.bundles import BundleError, import_bundle, read_bundle
from summits.models import Statement


class Command(BaseCommand):
    help = "Import coverage bundles, each atomically: a bundle with any problem writes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Hold the bundle back: create its new summit, articles and statements as "
            "drafts, invisible to readers until an editor publishes them.",
        )

    def handle(self, *args: Any, files: list[Path], draft: bool, **options: Any) -> None:
        status = Statement.Status.DRAFT if draft else Statement.Status.PUBLISHED
        failed = []
        for path in files:
            try:
                report = import_bundle(read_bundle(path), status=status)
            except BundleError as exc:
                failed.append(str(path))
                for problem in exc.problems:
                    self.stderr.write(f"{path}: {problem}")
                self.stderr.write(f"{path}: not imported; nothing was written")
                continue
            self.stdout.write(f"{path}: summit '{report.summit}'")
            for line in report.summary().splitlines():
                self.stdout.write(f"  {line}")
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(files)} bundles not imported: {', '.join(failed)}"
            )
