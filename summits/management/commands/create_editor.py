"""Create an editor: `manage.py create_editor USERNAME [--email ADDRESS] [--password-file PATH]`.

An editor is a staff user in the "Editors" group (created by a migration): they manage
summits, participants, issues, articles and statements in the admin, and nothing else.
"""

import getpass
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

EDITORS = "Editors"


class Command(BaseCommand):
    help = "Create a staff user in the Editors group; prompts for the password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-file",
            type=Path,
            help="Read the password from this file (its first line) instead of prompting.",
        )

    def handle(
        self, *args: Any, username: str, email: str, password_file: Path | None, **options: Any
    ) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named '{username}' already exists.")
        group = Group.objects.filter(name=EDITORS).first()
        if group is None:
            raise CommandError(f"There is no '{EDITORS}' group: run `manage.py migrate` first.")

        user = User(username=username, email=email, is_staff=True)
        password = self.read_password(password_file) if password_file else self.prompt()
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("The password was refused: " + " ".join(exc.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Editor '{username}' created; they can log in to the admin now.")

    def read_password(self, path: Path) -> str:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"Cannot read the password file {path}: {exc.strerror}") from None
        if not lines or not lines[0]:
            raise CommandError(f"The password file {path} is empty.")
        return lines[0]

    def prompt(self) -> str:
        if not self.stdin_is_interactive():
            raise CommandError("No terminal to ask for a password: use --password-file.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        if not password:
            raise CommandError("An editor needs a password; nothing was created.")
        return password

    def stdin_is_interactive(self) -> bool:
        return hasattr(sys.stdin, "isatty") and sys.stdin.isatty()
