"""Draft preview: an editor reads drafts on the permalink, summit and article pages under a
banner; readers still get 404, and no preview ever reaches the page cache."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from summits.models import Statement, Summit

BANNER = "Draft — not public"
SUMMIT = "/summits/sochi-2011/"


@pytest.fixture
def editor(db) -> Client:
    user = User.objects.create_user("jana", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_a_draft_to_an_editor_under_a_banner_and_privately(client, editor, draft):
    response = editor.get(draft.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert BANNER in page
    assert draft.text in page
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_it_never_hands_a_cached_preview_to_a_reader(client, editor, draft):
    # The page cache is on in tests: the editor asks first, the reader right after.
    assert editor.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404

    assert draft.text in editor.get(SUMMIT).content.decode()
    reader_page = client.get(SUMMIT)
    assert reader_page.status_code == 200
    assert draft.text not in reader_page.content.decode()
    assert BANNER not in reader_page.content.decode()


def test_it_never_hands_a_readers_cached_page_to_an_editor(client, editor, draft):
    assert draft.text not in client.get(SUMMIT).content.decode()

    page = editor.get(SUMMIT).content.decode()

    assert draft.text in page
    assert BANNER in page


def test_it_previews_a_draft_summit_and_its_article(client, editor, sochi):
    Summit.objects.filter(pk=sochi.pk).update(status="draft")
    article = sochi.articles.get()

    for url in [SUMMIT, article.get_absolute_url()]:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert BANNER in response.content.decode()
        assert client.get(url).status_code == 404, url
    # The banner only when something on the page is not public.
    Summit.objects.filter(pk=sochi.pk).update(status="published")
    assert BANNER not in editor.get(SUMMIT).content.decode()


def test_it_previews_for_editors_only(client, draft):
    viewer = User.objects.create_user("vic", password="x" * 12, is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_statement"))
    client.force_login(viewer)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_it_keeps_drafts_out_of_feeds_api_cards_and_search_even_for_editors(editor, draft):
    for url in [
        reverse("feed-all"),
        reverse("api-statements"),
        reverse("api-statement", args=[draft.public_id]),
        reverse("statement-card", args=[draft.public_id]),
        reverse("search") + "?q=draft",
        reverse("oembed") + f"?url=http://testserver{draft.get_absolute_url()}",
    ]:
        response = editor.get(url)
        assert draft.text not in response.content.decode(errors="replace"), url


def test_it_lets_view_on_site_open_a_draft_for_the_editor(editor, draft):
    change = editor.get(reverse("admin:summits_statement_change", args=[draft.pk]))
    [view_on_site] = re.findall(r'<a href="([^"]+)" class="viewsitelink"', change.content.decode())

    response = editor.get(view_on_site)

    assert view_on_site == draft.get_absolute_url()
    assert response.status_code == 200
    assert BANNER in response.content.decode()


def test_it_marks_a_statement_draft_when_only_its_article_is(editor, sochi):
    statement = Statement.objects.get(text__startswith="We will support everything")
    sochi.articles.update(status="draft")

    assert BANNER in editor.get(statement.get_absolute_url()).content.decode()
