"""Cached reader pages: never stale after an edit, 304 for an unchanged page, one query per hit."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from summits.bundles import import_bundle, read_bundle
from summits.models import CoverageRevision, Statement
from summits.publishing import change_state
from tests.conftest import SEED

SUMMIT = "/summits/sochi-2011/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def lavrov(sochi) -> Statement:
    return Statement.objects.get(text__startswith="We will support everything")


def test_it_answers_304_when_the_page_is_unchanged(client, sochi):
    first = client.get(SUMMIT)
    etag = first["ETag"]
    again = client.get(SUMMIT, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


def test_it_changes_the_etag_when_coverage_changes(client, lavrov):
    etag = client.get(SUMMIT)["ETag"]
    lavrov.context = "In Sochi, after the talks"
    lavrov.save()
    response = client.get(SUMMIT, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "In Sochi, after the talks" in response.content.decode()


def test_it_shows_a_saved_edit_on_the_next_request(client, lavrov):
    permalink = lavrov.get_absolute_url()
    assert "After the talks" not in client.get(permalink).content.decode()
    lavrov.context = "After the talks, to reporters"
    lavrov.save()
    assert "After the talks, to reporters" in client.get(permalink).content.decode()


def run_admin_action(client: Client, action: str, statement: Statement) -> None:
    """An editor, in a session of their own, runs this changelist action on the statement."""
    editor = client.__class__()
    editor.force_login(User.objects.create_superuser("chief", password="x" * 12))
    editor.post(
        reverse("admin:summits_statement_changelist"),
        {"action": action, "_selected_action": [statement.pk]},
    )


def test_it_hides_a_statement_unpublished_in_the_admin_at_once(client, lavrov):
    assert lavrov.text in client.get(SUMMIT).content.decode()
    run_admin_action(client, "unpublish", lavrov)
    lavrov.refresh_from_db()
    assert lavrov.status == "draft"
    assert lavrov.text not in client.get(SUMMIT).content.decode()
    assert client.get(lavrov.get_absolute_url()).status_code == 404


def test_it_shows_a_statement_published_in_the_admin_at_once(client, lavrov):
    Statement.objects.filter(pk=lavrov.pk).update(status="draft")
    from summits.revision import advance_revision

    advance_revision()
    assert lavrov.text not in client.get(SUMMIT).content.decode()
    run_admin_action(client, "publish", lavrov)
    assert lavrov.text in client.get(SUMMIT).content.decode()


def test_it_serves_a_repeat_request_with_one_query(client, sochi, django_assert_num_queries):
    first = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    with django_assert_num_queries(1):
        second = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    assert second.content == first.content


@pytest.mark.parametrize(
    "url",
    [
        "/",
        SUMMIT,
        "/participants/sergei-lavrov/",
        "/participants/sergei-lavrov/?page=2",
        "/issues/missile-defense/",
        "/search/?q=libya",
    ],
)
def test_it_answers_every_reader_page_from_the_cache_the_second_time(
    client, sochi, url, django_assert_num_queries
):
    # Issue 14: the hot participant page served a tenth of the others' requests a second;
    # it was cached (one query, the revision), but 5 MB a hit (tests/test_stance_over_time).
    first = client.get(url)
    with django_assert_num_queries(1):  # the revision: a hit, not a render
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert not second.cookies


def test_it_keeps_the_fragment_and_the_page_apart(client, sochi):
    page = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    fragment = client.get(SUMMIT, {"actor": "sergei-lavrov"}, headers=HTMX)
    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert page["ETag"] != fragment["ETag"]
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
    restored = client.get(
        SUMMIT, {"actor": "sergei-lavrov"}, headers=HTMX | {"HX-History-Restore-Request": "true"}
    )
    assert "<html" in restored.content.decode()


@pytest.mark.parametrize(
    ("url", "headers"),
    [(SUMMIT, {}), (SUMMIT + "?actor=sergei-lavrov", HTMX), ("/", {}), ("/search/?q=libya", {})],
)
def test_it_gives_cached_pages_no_nonce_to_share(client, sochi, url, headers):
    first = client.get(url, headers=headers)
    second = client.get(url, headers=headers)
    for response in (first, second):
        policy = response["Content-Security-Policy"]
        assert "nonce" not in policy
        assert "script-src 'self'" in policy
        assert "nonce=" not in response.content.decode()


def test_it_gives_a_permalink_no_nonce_and_keeps_its_json_ld(client, lavrov):
    response = client.get(lavrov.get_absolute_url())
    assert "nonce" not in response["Content-Security-Policy"]
    assert '<script type="application/ld+json" >' in response.content.decode()


def test_it_still_gives_pages_never_cached_a_fresh_nonce(client, sochi):
    first = client.get("/admin/login/")
    second = client.get("/admin/login/")
    policies = [response["Content-Security-Policy"] for response in (first, second)]
    assert "'nonce-" in policies[0]
    assert policies[0] != policies[1]


def test_it_does_not_cache_a_bad_filter(client, sochi):
    assert client.get(SUMMIT, {"actor": "nobody"}).status_code == 400
    assert "ETag" not in client.get(SUMMIT, {"actor": "nobody"})


def revision_number() -> int:
    return CoverageRevision.objects.get(pk=1).number if CoverageRevision.objects.exists() else 0


def test_it_advances_the_revision_once_for_an_import(db):
    before = revision_number()
    report = import_bundle(read_bundle(SEED))
    assert Statement.objects.count() == 24
    assert report.created  # every row written, one signal each
    assert revision_number() == before + 1


def test_it_advances_the_revision_once_for_a_bulk_publish(client, sochi):
    drafts = list(Statement.objects.values_list("pk", flat=True)[:10])
    Statement.objects.filter(pk__in=drafts).update(status="draft")
    before = revision_number()
    admin = User.objects.create_superuser("chief", password="x" * 12)
    client.force_login(admin)
    client.post(
        reverse("admin:summits_statement_changelist"),
        {"action": "publish", "_selected_action": drafts},
    )
    assert Statement.objects.filter(pk__in=drafts, status="published").count() == 10
    assert revision_number() == before + 1


def test_it_advances_the_revision_again_after_a_rolled_back_savepoint(lavrov):
    before = revision_number()
    with transaction.atomic():
        try:
            with transaction.atomic():
                lavrov.context = "rolled back"
                lavrov.save()
                raise RuntimeError
        except RuntimeError:
            pass
        lavrov.refresh_from_db()
        lavrov.context = "kept"
        lavrov.save()
    assert revision_number() == before + 1
    assert Statement.objects.get(pk=lavrov.pk).context == "kept"


def test_it_advances_the_revision_for_each_transaction(lavrov):
    before = revision_number()
    for context in ("first", "second"):
        with transaction.atomic():
            lavrov.context = context
            lavrov.save()
    assert revision_number() == before + 2


def test_it_advances_the_revision_for_each_publish_through_the_same_function(lavrov):
    # change_state is decorated with transaction.atomic: every call enters one Atomic
    # object, so a mark kept on that object would let only the first publish retire pages.
    admin = User.objects.create_superuser("chief", password="x" * 12)
    before = revision_number()
    for status in (Statement.Status.DRAFT, Statement.Status.PUBLISHED):
        change_state(status, admin, "test", statements=[Statement.objects.get(pk=lavrov.pk)])
    assert revision_number() == before + 2


def test_it_serves_junk_parameters_the_canonical_page_from_the_cache(
    client, sochi, django_assert_num_queries
):
    canonical = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    with django_assert_num_queries(1):  # the revision: a hit, not a render
        junk = client.get(SUMMIT + "?utm_source=feed&actor=sergei-lavrov&_=123&page=1")
    assert junk.content == canonical.content
    assert junk["ETag"] == canonical["ETag"]
    assert "utm_source" not in junk.content.decode()


def test_it_keys_filters_in_any_order_as_one_page(client, sochi):
    one = client.get(SUMMIT + "?stance=supports&actor=sergei-lavrov&actor=dmitry-medvedev")
    other = client.get(SUMMIT + "?actor=dmitry-medvedev&stance=supports&actor=sergei-lavrov")
    assert one["ETag"] == other["ETag"]
    assert one.content == other.content


def test_it_does_not_fill_the_cache_with_junk(client, sochi):
    caches["pages"].clear()
    for n in range(20):
        client.get(f"{SUMMIT}?utm_campaign={n}")
        client.get(f"/?ref={n}")
    # One page each, whatever the junk: the summit page and the home page.
    assert len(caches["pages"]._cache) == 2


def test_it_still_refuses_a_bad_filter_value_uncached(client, sochi):
    response = client.get(SUMMIT + "?stance=furious&utm_source=x")
    assert response.status_code == 400
    assert "No such stance" in response.content.decode()
    assert "ETag" not in response
