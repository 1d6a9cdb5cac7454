"""A worker killed in the middle of a send, then restarted, sends no statement twice.

The worker is the real `manage.py db_worker` in a subprocess; the SMTP server in this test
kills it (SIGKILL) while it waits for the server's answer to a message: the moment between
"the mail server has it" and "the database says sent". On SQLite the test's in-memory
database is copied to a file the subprocess can open; on PostgreSQL it opens the test
database itself.
"""

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from summits.alerts.models import Subscriber, Subscription
from summits.models import Article, Participant, Statement
from tests.alerts_support import start_smtp

ROOT = Path(__file__).resolve().parent.parent


def worker_database(tmp_path: Path) -> tuple[str, Callable[[str], list[tuple]]]:
    """A DATABASE_URL for a subprocess with this test's committed data, and a SQL reader."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "worker.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])

        def read(sql: str) -> list[tuple]:
            with sqlite3.connect(copy) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{copy}", read
    config = connection.settings_dict
    url = (
        f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}"
        f":{config['PORT'] or 5432}/{config['NAME']}"
    )

    def read_here(sql: str) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return url, read_here


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "--worker-id",
            name,
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.django_db(transaction=True)
def test_it_sends_no_duplicate_after_a_worker_is_killed_mid_send(sochi, tmp_path):
    # After the seed's statements were published: those are not news to these readers.
    followed_since = timezone.now()
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    readers = [f"reader{n}@example.org" for n in range(3)]
    for address in readers:
        Subscription.objects.create(
            subscriber=Subscriber.objects.create(email=address),
            target=Subscription.Target.PARTICIPANT,
            participant=lavrov,
            confirmed_at=followed_since,
        )
    # Saved as published outside any atomic block: the fan-out is queued at once.
    statement = Statement.objects.create(
        article=Article.objects.get(),
        speaker=lavrov,
        kind=Statement.Kind.PARAPHRASE,
        text="Lavrov said the talks had run their course.",
        status=Statement.Status.PUBLISHED,
    )

    database_url, read = worker_database(tmp_path)
    controller, inbox = start_smtp()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_ALLOW_ASYNC", "PYTEST"))
    } | {
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "SITE_URL": "https://loggerheads.example",
        "CONN_MAX_AGE": "0",
    }
    try:
        first = start_worker(env, "first")

        def kill_on_second(message: object) -> None:
            if len(inbox.messages) == 2:  # the second message
                first.send_signal(signal.SIGKILL)
                first.wait(timeout=30)

        inbox.on_data = kill_on_second
        assert first.wait(timeout=60) == -signal.SIGKILL, first.stderr
        assert len(inbox.messages) == 2  # the second was taken by the server as it died

        inbox.on_data = None
        restarted = start_worker(env, "restarted")
        assert restarted.wait(timeout=60) == 0, restarted.stderr.read() if restarted.stderr else ""
    finally:
        controller.stop()

    recipients = sorted(message["To"] for message in inbox.messages)
    assert recipients == readers  # each reader once: nobody twice, nobody missed
    assert all(statement.public_id in message.as_string() for message in inbox.messages)
    states = sorted(state for (state,) in read("SELECT state FROM alerts_delivery"))
    # The one the worker died on stays claimed: in doubt, so never sent again.
    assert states == ["sending", "sent", "sent"]
