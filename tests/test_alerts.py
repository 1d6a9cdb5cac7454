"""Email alerts: follow, confirm, alert once, digest, unsubscribe, refuse bad input.

Mail goes through a real SMTP server (aiosmtpd) started by the test; the queue's own worker
loop (django-tasks-db's db_worker) runs the tasks in the test's process.
"""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loggerheads.settings import email_config, site_url
from summits.alerts import tasks, tokens
from summits.alerts.models import Delivery, Subscriber, Subscription
from summits.models import Statement, Status
from summits.publishing import change_state, publish_summits
from tests.alerts_support import html_of, link_in, run_worker, smtp_mailer, start_smtp, text_of
from tests.factories import paraphrase

SITE = "https://loggerheads.example"
READER = "reader@example.org"
LAVROV_FOLLOW = "/alerts/follow/participant/sergei-lavrov/"


@pytest.fixture
def smtp(settings):
    controller, inbox = start_smtp()
    settings.MAILERS = {"default": smtp_mailer(controller.port)}
    settings.SITE_URL = SITE
    yield inbox
    controller.stop()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run on-commit work (queueing tasks) as the test's transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def draft_by(slug: str, text: str, issue: str = "missile-defense") -> Statement:
    return paraphrase(
        slug, text, issue, stance=Statement.Stance.OPPOSES, status=Statement.Status.DRAFT
    )


def publish_in_admin(statements: list[Statement]) -> None:
    editor = Client()
    # No password: hashing one costs more than the rest of a test.
    user, _ = User.objects.get_or_create(
        username="editor", defaults={"is_staff": True, "is_superuser": True}
    )
    editor.force_login(user)
    response = editor.post(
        "/admin/summits/statement/",
        {"action": "publish", "_selected_action": [s.pk for s in statements]},
    )
    assert response.status_code == 302


def follow(client, commits, path=LAVROV_FOLLOW, email=READER, frequency="immediate", **extra):
    with commits():
        return client.post(path, {"email": email, "frequency": frequency, **extra})


def confirmed_follower(client, commits, smtp, **kwargs) -> Subscription:
    assert follow(client, commits, **kwargs).status_code == 200
    run_worker()
    confirm = link_in(smtp.messages[-1], "confirm")
    with commits():
        assert client.post(confirm).status_code == 200
    return Subscription.objects.get(confirmed_at__isnull=False, subscriber__email=READER)


def without_nonces(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_it_offers_following_on_cached_pages_without_a_csrf_token(client, sochi):
    for url, follow_url in [
        ("/participants/sergei-lavrov/", LAVROV_FOLLOW),
        ("/issues/libya/", "/alerts/follow/issue/libya/"),
        ("/summits/sochi-2011/", "/alerts/follow/summit/sochi-2011/"),
    ]:
        page = client.get(url).content.decode()
        assert f'href="{follow_url}"' in page
        assert f'data-hx-get="{follow_url}"' in page
        assert "csrfmiddlewaretoken" not in page

    form = client.get(LAVROV_FOLLOW)
    assert form.status_code == 200
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert "no-cache" in form["Cache-Control"]
    fragment = client.get(LAVROV_FOLLOW, headers={"HX-Request": "true"}).content.decode()
    assert "csrfmiddlewaretoken" in fragment
    assert "<html" not in fragment
    assert client.get("/alerts/follow/participant/nobody/").status_code == 404
    assert client.get("/alerts/follow/search/").status_code == 404


def test_it_alerts_a_confirmed_follower_once_through_smtp(client, sochi, smtp, commits, caplog):
    response = follow(client, commits)
    assert response.status_code == 200
    assert "Check your mailbox" in response.content.decode()
    assert READER not in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert smtp.messages == []  # the worker sends it, not the request

    run_worker()
    [confirmation] = smtp.messages
    assert confirmation["To"] == READER
    assert "Sergei Lavrov" in confirmation["Subject"]
    assert "Confirm" in html_of(confirmation)
    confirm = link_in(confirmation, "confirm")
    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    assert "Confirm: follow Sergei Lavrov" in client.get(confirm).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    with commits():
        confirmed = client.post(confirm)
    assert "You follow Sergei Lavrov" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    lavrov = draft_by("sergei-lavrov", "Lavrov said the shield still threatens Russia.")
    others = [
        draft_by("dmitry-medvedev", "Medvedev said talks would go on."),
        draft_by("anders-fogh-rasmussen", "Rasmussen said the shield protects everyone."),
    ]
    run_worker()
    assert len(smtp.messages) == 1  # drafts alert nobody
    with commits():
        publish_in_admin([lavrov, *others])
    run_worker()

    [alert] = smtp.messages[1:]
    permalink = f"{SITE}/s/{lavrov.public_id}/"
    assert alert["To"] == READER
    assert permalink in text_of(alert)
    assert f'href="{permalink}"' in html_of(alert)
    for part in (text_of(alert), html_of(alert)):
        assert "Sergei Lavrov" in part
        assert "Opposes" in part
        assert "shield still threatens Russia" in part
    assert alert["List-Unsubscribe"].startswith(f"<{SITE}/alerts/unsubscribe/")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.get().state == Delivery.State.SENT
    # Our own logs (the test's SMTP server, aiosmtpd's "mail.log", is the mail system).
    ours = [r.getMessage() for r in caplog.records if r.name != "mail.log"]
    assert ours
    assert not [line for line in ours if READER in line]


def test_it_sends_nothing_new_for_an_edit_of_a_sent_statement(client, sochi, smtp, commits):
    confirmed_follower(client, commits, smtp)
    statement = draft_by("sergei-lavrov", "Lavrov said the shield still threatens Russia.")
    with commits():
        publish_in_admin([statement])
    run_worker()
    sent = len(smtp.messages)
    assert sent == 2

    statement.refresh_from_db()
    statement.context = "at the closing press conference"
    with commits():
        statement.save()
    with commits():
        tasks.fan_out.enqueue([statement.pk])
    run_worker()
    assert len(smtp.messages) == sent
    assert Delivery.objects.get().state == Delivery.State.SENT


def test_it_alerts_a_reader_who_followed_during_an_embargo_when_it_is_lifted(
    client, sochi, smtp, commits
):
    # The statement is published under a draft summit: readers first see it at the lift,
    # so a reader who followed before then is owed it.
    with commits():
        change_state(Status.DRAFT, None, "embargo", summits=[sochi])
    statement = draft_by("sergei-lavrov", "Lavrov said the shield still threatens Russia.")
    with commits():
        publish_in_admin([statement])
    confirmed_follower(client, commits, smtp)
    run_worker()
    assert len(smtp.messages) == 1  # the confirmation only: the summit is still a draft

    with commits():
        publish_summits([sochi], None, "lifted")
    run_worker()
    # Lavrov's older statements were hidden by the embargo too, so they come along.
    alerts = [text_of(message) for message in smtp.messages[1:]]
    assert sum(statement.get_absolute_url() in alert for alert in alerts) == 1


def test_it_sends_nothing_unconfirmed_or_unpublished_before_the_send(client, sochi, smtp, commits):
    subscription = confirmed_follower(client, commits, smtp)
    follow(client, commits, email="someone@example.org")  # never confirmed
    run_worker()
    sent_before = len(smtp.messages)

    statement = draft_by("sergei-lavrov", "Lavrov said nothing was agreed.")
    with commits():
        publish_in_admin([statement])
    tasks.fan_out.call([statement.pk])  # the alert is owed and its send queued
    # Unpublished after its send was queued, before the worker got to it.
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.DRAFT)
    run_worker()
    assert len(smtp.messages) == sent_before
    assert Delivery.objects.get(subscription=subscription).state == Delivery.State.PENDING
    assert DBTaskResult.objects.filter(task_path=tasks.send_alert.module_path).count() == 1

    statement.refresh_from_db()
    statement.status = Statement.Status.PUBLISHED
    with commits():
        statement.save()
    run_worker()
    [alert] = smtp.messages[sent_before:]
    assert alert["To"] == READER
    assert Delivery.objects.filter(subscription__confirmed_at__isnull=True).count() == 0


def test_it_claims_a_delivery_once_however_often_its_send_is_queued(client, sochi, smtp, commits):
    confirmed_follower(client, commits, smtp)
    statement = draft_by("sergei-lavrov", "Lavrov said the door stays open.")
    with commits():
        publish_in_admin([statement])
    tasks.fan_out.call([statement.pk])
    delivery = Delivery.objects.get()
    for _ in range(3):  # a retry, a duplicate, a recovery round
        tasks.send_alert.enqueue(delivery.pk)
    run_worker()
    assert len([m for m in smtp.messages if "door stays open" in text_of(m)]) == 1


def test_it_unsubscribes_with_one_click_in_one_request(client, sochi, smtp, commits):
    subscription = confirmed_follower(client, commits, smtp)
    statement = draft_by("sergei-lavrov", "Lavrov said the shield worries Moscow.")
    with commits():
        publish_in_admin([statement])
    run_worker()
    header = smtp.messages[-1]["List-Unsubscribe"]
    url = header.strip("<>").removeprefix(SITE)

    # As a mail provider does it (RFC 8058): a POST, no cookie, no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You no longer follow Sergei Lavrov" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Subscriber.objects.exists()
    assert provider.post(url).status_code == 200  # again: still a success

    # Other POST endpoints still want their CSRF token.
    assert provider.post(LAVROV_FOLLOW, {"email": READER}).status_code == 403


def test_it_batches_a_days_statements_into_one_digest(client, sochi, smtp, commits):
    subscription = confirmed_follower(
        client, commits, smtp, path="/alerts/follow/issue/missile-defense/", frequency="daily"
    )
    drafts = [
        draft_by("sergei-lavrov", "Lavrov said the radar must be shared."),
        draft_by("dmitry-medvedev", "Medvedev said a deal was still possible."),
        draft_by("nato", "NATO said the shield was not aimed at Russia."),
        draft_by("jacob-zuma", "Zuma said Libya needed a ceasefire.", issue="libya"),
    ]
    with commits():
        publish_in_admin(drafts)
    run_worker()
    before = len(smtp.messages)  # the confirmation only: daily followers wait
    assert before == 1

    with commits():
        queued = tasks.queue_digests(timezone.now().replace(hour=tasks.DIGEST_HOUR + 1))
    assert queued == 1
    run_worker()
    [digest] = smtp.messages[before:]
    assert digest["Subject"] == "3 new statements: Missile defense"
    text = text_of(digest)
    for statement in drafts[:3]:
        assert f"{SITE}/s/{statement.public_id}/" in text
    assert drafts[3].public_id not in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.last_digest_at is not None

    # The same day again: nothing is due.
    with commits():
        assert tasks.queue_digests(timezone.now().replace(hour=tasks.DIGEST_HOUR + 2)) == 0


def test_it_follows_a_search(client, sochi, smtp, commits):
    page = client.get("/search/?q=radar").content.decode()
    assert 'href="/alerts/follow/search/?q=radar"' in page
    form = client.get("/alerts/follow/search/?q=radar&page=2").content.decode()
    assert 'name="query" value="q=radar"' in form
    confirmed_follower(client, commits, smtp, path="/alerts/follow/search/", query="q=radar")
    matching = draft_by("jacob-zuma", "Zuma said the radar was a European matter.")
    other = draft_by("jacob-zuma", "Zuma said Africa must be heard.")
    with commits():
        publish_in_admin([matching, other])
    run_worker()
    [alert] = smtp.messages[1:]
    assert matching.public_id in text_of(alert)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter a valid email address"),
        ("a" * 10_000 + "@example.org", "at most 254 characters"),
        (f"{READER}\r\nBcc: victim@example.org", "cannot contain a line break"),
        (f"{READER}\n", "cannot contain a line break"),
        ("", "Enter your email address"),
    ],
)
def test_it_refuses_a_bad_address_and_stores_nothing(client, sochi, commits, email, message):
    response = follow(client, commits, email=email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_it_shows_errors_in_place_for_htmx(client, sochi, commits):
    with commits():
        response = client.post(
            LAVROV_FOLLOW, {"email": "nope", "frequency": "daily"}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200  # htmx swaps only 2xx
    assert "Enter a valid email address" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_it_refuses_a_replayed_tampered_or_expired_confirmation(client, sochi, smtp, commits):
    subscription = confirmed_follower(client, commits, smtp)
    confirm = link_in(smtp.messages[0], "confirm")
    confirmed_at = subscription.confirmed_at

    replayed = client.post(confirm)
    assert replayed.status_code == 410
    assert "already been used" in replayed.content.decode()

    tampered = client.get(confirm[:-3] + "xx/")
    assert tampered.status_code == 400
    assert "not valid" in tampered.content.decode()

    follow(client, commits, path="/alerts/follow/issue/libya/")
    pending = Subscription.objects.get(confirmed_at__isnull=True)
    with mock.patch("time.time", return_value=time.time() - 49 * 3600):
        old = tokens.confirm_token(pending.pk, pending.confirm_nonce)
    expired = client.post(f"/alerts/confirm/{old}/")
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()

    subscription.refresh_from_db()
    assert subscription.confirmed_at == confirmed_at
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_it_answers_the_same_whether_or_not_the_address_follows(client, sochi, smtp, commits):
    fresh = follow(client, commits, email="new@example.org").content.decode()
    confirmed_follower(client, commits, smtp)
    again = follow(client, commits).content.decode()
    assert without_nonces(again) == without_nonces(fresh)
    run_worker()
    note = smtp.to(READER)[-1]
    assert "already follow" in note["Subject"]
    assert Subscription.objects.filter(subscriber__email=READER).count() == 1


def test_it_limits_requests_per_address_and_per_client(client, sochi, commits):
    for _ in range(3):
        assert follow(client, commits).status_code == 200
    limited = follow(client, commits)
    assert limited.status_code == 429
    assert "Too many follow requests" in limited.content.decode()

    for n in range(6):
        assert follow(client, commits, email=f"n{n}@example.org").status_code == 200
    assert follow(client, commits, email="last@example.org").status_code == 429
    other_client = Client(REMOTE_ADDR="192.0.2.7")
    assert follow(other_client, commits, email="last@example.org").status_code == 200


def test_it_purges_unconfirmed_addresses_after_48_hours(client, sochi, smtp, commits):
    confirmed_follower(client, commits, smtp)
    follow(client, commits, email="late@example.org")
    Subscription.objects.filter(confirmed_at__isnull=True).update(
        created_at=timezone.now() - timedelta(hours=49)
    )
    follow(client, commits, email="recent@example.org")
    with commits():
        tasks.chores.enqueue()
    run_worker()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "reader@example.org",
        "recent@example.org",
    ]
    # The round booked the next one.
    assert DBTaskResult.objects.filter(status="READY", task_path=tasks.chores.module_path).exists()


def test_it_manages_alerts_from_a_signed_link_without_showing_the_address(
    client, sochi, smtp, commits
):
    subscription = confirmed_follower(client, commits, smtp)
    url = f"/alerts/manage/{tokens.manage_token(subscription.subscriber.key)}/"
    page = client.get(url).content.decode()
    assert "Sergei Lavrov" in page
    assert READER not in page

    changed = client.post(url, {"subscription": subscription.pk, "frequency": "daily"})
    assert changed.status_code == 200
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"

    stopped = client.post(url, {"subscription": subscription.pk, "stop": "1"})
    assert "no longer follow Sergei Lavrov" in stopped.content.decode()
    assert not Subscription.objects.exists()
    assert client.get("/alerts/manage/forged/").status_code == 400


def test_it_reports_the_backlog(client, sochi, capsys, commits):
    follow(client, commits)
    call_command("alerts_backlog")
    out = capsys.readouterr().out
    assert '"tasks_ready": 1' in out
    assert READER not in out


def test_it_reads_mail_settings_strictly(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://user%40x:p%3Ass@mail.example:2525")
    assert email_config()["OPTIONS"] == {
        "host": "mail.example",
        "port": 2525,
        "username": "user@x",
        "password": "p:ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 30,
    }
    monkeypatch.setenv("EMAIL_URL", "smtq://mail.example")
    with pytest.raises(Exception, match="EMAIL_URL has an unknown scheme"):
        email_config()
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example:twenty-five")
    with pytest.raises(Exception, match="EMAIL_URL has a port that is not a number"):
        email_config()
    monkeypatch.delenv("EMAIL_URL")
    monkeypatch.setenv("EMAIL_HOST", "relay.example")
    monkeypatch.setenv("EMAIL_USE_TLS", "perhaps")
    with pytest.raises(Exception, match="EMAIL_USE_TLS must be true or false"):
        email_config()


def test_it_reads_the_site_url_strictly(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://loggerheads.example/")
    assert site_url() == "https://loggerheads.example"
    for bad in ("loggerheads.example", "ftp://loggerheads.example", "https://x.example/news"):
        monkeypatch.setenv("SITE_URL", bad)
        with pytest.raises(Exception, match="SITE_URL must be http"):
            site_url()
