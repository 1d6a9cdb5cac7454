"""A real SMTP server for the alert tests, and the queue's worker run in the test's process."""

import email
import re
import socket
import threading
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from typing import Any
from unittest import mock

from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker


class Inbox:
    """What the SMTP server accepted, parsed; `on_data` runs on each, before it answers 250."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.on_data: Callable[[EmailMessage], None] | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        # Kept before `on_data` runs: the server has the message once DATA ends, and a test
        # that kills the sender from `on_data` must find it here when the sender is gone.
        with self.lock:
            self.messages.append(message)
        if self.on_data is not None:
            self.on_data(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_smtp() -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox


def smtp_mailer(port: int) -> dict[str, Any]:
    """Django's MAILERS entry for the test's SMTP server."""
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
    }


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def link_in(message: EmailMessage, kind: str) -> str:
    """The path of the first /alerts/<kind>/ link in the plain-text part."""
    found = re.search(rf"https?://[^/\s]+(/alerts/{kind}/[^\s]+/)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def run_worker() -> None:
    """The db_worker loop, in this process, until nothing is ready to run.

    It closes "old" connections between tasks; inside a test's transaction that would close
    the test's own connection, so that step is skipped here.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        worker.run()
