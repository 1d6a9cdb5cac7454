"""`manage.py create_editor`: a staff user in the Editors group, password prompted or read."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from summits.management.commands import create_editor

PASSWORD = "black-sea-breeze-2011"


def run(*args) -> str:
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_it_creates_an_editor_from_a_password_file(db, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PASSWORD + "\n")

    output = run("jana", "--email", "jana@example.org", "--password-file", str(secret))

    assert "Editor 'jana' created" in output
    user = User.objects.get(username="jana")
    assert user.is_staff and not user.is_superuser
    assert user.email == "jana@example.org"
    assert user.check_password(PASSWORD)
    assert [group.name for group in user.groups.all()] == ["Editors"]


def test_it_prompts_twice_for_the_password(db, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(create_editor.getpass, "getpass", lambda prompt: next(answers))
    monkeypatch.setattr(create_editor.Command, "stdin_is_interactive", lambda self: True)

    run("jana")

    assert User.objects.get(username="jana").check_password(PASSWORD)


def test_it_refuses_passwords_that_differ(db, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(create_editor.getpass, "getpass", lambda prompt: next(answers))
    monkeypatch.setattr(create_editor.Command, "stdin_is_interactive", lambda self: True)

    with pytest.raises(CommandError, match="differ"):
        run("jana")
    assert not User.objects.filter(username="jana").exists()


def test_it_refuses_to_prompt_without_a_terminal(db, monkeypatch):
    monkeypatch.setattr(create_editor.Command, "stdin_is_interactive", lambda self: False)

    with pytest.raises(CommandError, match="--password-file"):
        run("jana")


def test_it_refuses_a_weak_password(db, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("password")

    with pytest.raises(CommandError, match="too common"):
        run("jana", "--password-file", str(secret))
    assert not User.objects.filter(username="jana").exists()


def test_it_refuses_an_existing_username(db, tmp_path):
    User.objects.create_user("jana")
    secret = tmp_path / "secret"
    secret.write_text(PASSWORD)

    with pytest.raises(CommandError, match="already exists"):
        run("jana", "--password-file", str(secret))


def test_it_names_an_unreadable_password_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read the password file"):
        run("jana", "--password-file", str(tmp_path / "missing"))
