"""The admin as the editor sees it: every page renders in a bounded number of queries, a
misquote cannot be saved (alone or inline), and publishing decides what readers see."""

import re

import pytest
from django.urls import reverse

from summits.models import Article, Issue, Participant, Statement, Summit
from tests.factories import paraphrase
from tests.pages import add_statement, form_data, page_text, submit_admin_form

VERBATIM_ERROR = (
    "This quote does not appear in the article 'At loggerheads'. "
    "The closest passage is “Good weather, good relations”: "
    "it says “Good” where the quote has “Bad”."
)


def instance_of(model, sochi):
    return {
        Summit: sochi,
        Participant: Participant.objects.get(slug="dmitry-medvedev"),
        Issue: Issue.objects.get(slug="missile-defense"),
        Article: Article.objects.get(),
        Statement: Statement.objects.first(),
    }[model]


MODELS = [Summit, Participant, Issue, Article, Statement]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history"])
def test_it_renders_each_admin_page(
    admin_client, sochi, django_assert_max_num_queries, model, view
):
    name = model._meta.model_name
    args = [instance_of(model, sochi).pk] if view in ("change", "history") else []
    # Measured: 2-9 queries, whatever the number of rows or inline statements. A statement's
    # history page is the exception: django-simple-history diffs the issue links of each
    # pair of versions, about three queries a version (its page lists at most 100).
    budget = 10
    if model is Statement and view == "history":
        budget += 3 * instance_of(model, sochi).history.count()
    with django_assert_max_num_queries(budget):
        response = admin_client.get(reverse(f"admin:summits_{name}_{view}", args=args))
    assert response.status_code == 200


def test_it_keeps_the_article_page_queries_flat_as_statements_grow(
    admin_client, sochi, django_assert_num_queries
):
    article = Article.objects.get()
    url = reverse("admin:summits_article_change", args=[article.pk])
    response = admin_client.get(url)
    baseline = len(response.context["inline_admin_formsets"][0].formset.forms)
    speaker = Participant.objects.get(slug="sergei-lavrov")
    issue = Issue.objects.get(slug="libya")
    for position in range(30, 40):
        statement = Statement.objects.create(
            article=article, speaker=speaker, kind="paraphrase", text=f"Point {position}"
        )
        statement.issues.add(issue)

    # 24 statements or 34: the same six queries (session, user, article, statements,
    # their issues, the summit's label).
    with django_assert_num_queries(6):
        response = admin_client.get(url)
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == baseline + 10
    assert "Sergei Lavrov" in page_text(response)


def test_it_shows_the_verbatim_error_on_the_statement_form(admin_client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    url = reverse("admin:summits_statement_change", args=[statement.pk])
    data = form_data(admin_client.get(url))
    data["text"] = "Bad weather, good relations"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"][0] == VERBATIM_ERROR
    text = page_text(response)
    assert re.search(r'class="errorlist"[^>]*>\s*<li>' + re.escape(VERBATIM_ERROR), text)
    assert "paraphrase" not in VERBATIM_ERROR  # a misquote is corrected, not relabelled
    assert 'name="use_article_words"' in text
    assert "Use the article’s words: “Good weather, good relations”" in text
    statement.refresh_from_db()
    assert statement.text == "Good weather, good relations"


@pytest.mark.parametrize(
    "changes, saved",
    [
        # A misquote the editor asks to correct takes the article's words.
        (
            {"text": "Bad weather, good relations", "use_article_words": "1"},
            "Good weather, good relations",
        ),
        # A quote relabelled as a paraphrase need not be verbatim.
        (
            {"text": "Fine weather made for fine relations", "kind": "paraphrase"},
            "Fine weather made for fine relations",
        ),
    ],
    ids=["the-articles-words-for-a-misquote", "the-quote-as-a-paraphrase"],
)
def test_it_saves_a_corrected_statement(admin_client, sochi, changes, saved):
    statement = Statement.objects.get(text="Good weather, good relations")
    url = reverse("admin:summits_statement_change", args=[statement.pk])

    response = submit_admin_form(admin_client, url, **changes)

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == saved
    assert statement.summit == sochi


def test_it_shows_the_verbatim_error_in_the_article_inline(admin_client, sochi):
    article = Article.objects.get()
    url = reverse("admin:summits_article_change", args=[article.pk])
    data = form_data(admin_client.get(url))
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-text") and value == "Good weather, good relations"
    )
    data[f"statements-{index}-text"] = "Bad weather, good relations"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[int(index)].errors["text"][0] == VERBATIM_ERROR
    assert VERBATIM_ERROR in page_text(response)
    assert f'name="statements-{index}-use_article_words"' in page_text(response)
    assert Statement.objects.filter(text="Good weather, good relations").exists()

    data[f"statements-{index}-use_article_words"] = "1"
    assert admin_client.post(url, data).status_code == 302
    assert Statement.objects.filter(text="Good weather, good relations").exists()
    assert not Statement.objects.filter(text="Bad weather, good relations").exists()


def test_it_checks_inline_quotes_against_the_submitted_body(admin_client, sochi):
    article = Article.objects.get()
    url = reverse("admin:summits_article_change", args=[article.pk])
    data = form_data(admin_client.get(url))
    data["body"] += '\n\nMedvedev added: "Better weather, better relations."'
    data.update(
        {
            "statements-__prefix__-text": "",
            f"statements-{int(data['statements-TOTAL_FORMS']) - 1}-speaker": str(
                Participant.objects.get(slug="dmitry-medvedev").pk
            ),
            f"statements-{int(data['statements-TOTAL_FORMS']) - 1}-text": (
                "Better weather, better relations"
            ),
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][0].formset.forms if f.errors
    ]
    added = Statement.objects.get(text="Better weather, better relations")
    assert added.summit == sochi
    assert added.status == Statement.Status.DRAFT


def test_it_shows_the_verbatim_error_when_adding_an_article_with_statements(admin_client, sochi):
    url = reverse("admin:summits_article_add")
    data = form_data(admin_client.get(url))
    data.update(
        {
            "summit": str(sochi.pk),
            "title": "Short and sharp",
            "key": "wire-2",
            "body": 'Lavrov said: "We did not agree."',
            "statements-0-speaker": str(Participant.objects.get(slug="sergei-lavrov").pk),
            "statements-0-text": "We agreed",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert (
        "This quote does not appear in the article 'Short and sharp'. "
        "The closest passage is “We did not agree”: "
        "it says “did not agree” where the quote has “agreed”."
    ) in page_text(response)
    assert not Article.objects.filter(key="wire-2").exists()

    data["statements-0-text"] = "We did not agree."
    response = admin_client.post(url, data)

    assert response.status_code == 302
    statement = Statement.objects.get(article__key="wire-2")
    assert (statement.summit, statement.status) == (sochi, Statement.Status.DRAFT)


def test_it_saves_authors_one_per_line(admin_client, sochi):
    article = Article.objects.get()
    url = reverse("admin:summits_article_change", args=[article.pk])
    data = form_data(admin_client.get(url))
    assert data["authors"] == "Geert Groot Koerkamp"
    data["authors"] = "Geert Groot Koerkamp\r\n Jane Doe \r\n"

    assert admin_client.post(url, data).status_code == 302

    article.refresh_from_db()
    assert article.authors == ["Geert Groot Koerkamp", "Jane Doe"]


def test_it_links_a_statement_to_its_permalink(admin_client, sochi):
    statement = Statement.objects.first()

    response = admin_client.get(reverse("admin:summits_statement_change", args=[statement.pk]))

    assert f'href="/s/{statement.public_id}/"' in response.content.decode()


def test_it_lists_a_summits_articles_on_its_page(admin_client, sochi):
    article = Article.objects.get()

    response = admin_client.get(reverse("admin:summits_summit_change", args=[sochi.pk]))

    text = page_text(response)
    assert f'<a href="{reverse("admin:summits_article_change", args=[article.pk])}">' in text
    assert "At loggerheads</a> (24 statements)" in text
    assert "Dmitry Medvedev" in text  # an attendance inline


def action(admin_client, name: str, statements) -> str:
    response = admin_client.post(
        reverse("admin:summits_statement_changelist"),
        {"action": name, "_selected_action": [s.pk for s in statements]},
        follow=True,
    )
    assert response.status_code == 200
    return page_text(response)


def test_it_publishes_and_unpublishes_in_bulk(admin_client, sochi):
    chosen = list(Statement.objects.order_by("pk")[:3])
    untouched = Statement.objects.order_by("pk")[3]

    assert "3 statements unpublished." in action(admin_client, "unpublish", chosen)
    assert {s.status for s in Statement.objects.filter(pk__in=[s.pk for s in chosen])} == {"draft"}
    untouched.refresh_from_db()
    assert untouched.status == Statement.Status.PUBLISHED
    assert chosen[0].history.first().status == "draft"

    assert "3 statements published." in action(admin_client, "publish", chosen)
    assert set(Statement.objects.values_list("status", flat=True)) == {"published"}


def test_it_makes_new_statements_drafts(admin_client, sochi):
    missile_defense = Issue.objects.get(slug="missile-defense")

    response = add_statement(admin_client, "We did not agree.", issues=[str(missile_defense.pk)])

    assert response.status_code == 302
    statement = Statement.objects.get(text="We did not agree.")
    assert statement.status == Statement.Status.DRAFT
    assert statement.summit == sochi
    assert [issue.slug for issue in statement.issues.all()] == ["missile-defense"]


def test_it_hides_drafts_from_every_reader_page(client, sochi):
    # A paraphrase, so its words are not also in the article body the article page shows.
    words = "Medvedev promised an answer that nobody may read yet"
    statement = paraphrase("dmitry-medvedev", words, "nato-russia-relations")
    pages = [
        reverse("summit", args=[sochi.slug]),
        reverse("participant", args=["dmitry-medvedev"]),
        reverse("issue", args=["nato-russia-relations"]),
        reverse("article", args=[statement.article_id]),
        reverse("search") + "?q=nobody+may+read",
    ]

    assert statement.status == Statement.Status.DRAFT
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert words not in page_text(response), url
    assert client.get(statement.get_absolute_url()).status_code == 404

    statement.status = Statement.Status.PUBLISHED
    statement.save()
    for url in pages:
        assert words in page_text(client.get(url)), url
    assert client.get(statement.get_absolute_url()).status_code == 200


def test_it_serves_admin_pages_that_need_no_inline_script(admin_client, sochi):
    article = Article.objects.get()

    response = admin_client.get(reverse("admin:summits_article_change", args=[article.pk]))

    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert f'nonce="{nonce}"' in tag or 'type="application/json"' in tag, tag


def test_it_sends_a_refused_login_next_to_the_admin_index(client, django_user_model):
    django_user_model.objects.create_superuser("desk", password="black-sea-breeze-2011")

    response = client.post(
        reverse("admin:login") + "?next=https://elsewhere.example/",
        {
            "username": "desk",
            "password": "black-sea-breeze-2011",
            "next": "https://elsewhere.example/",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_it_calls_the_admin_the_newsroom(admin_client):
    text = page_text(admin_client.get(reverse("admin:index")))

    assert "<title>Summits, articles and statements | Loggerheads newsroom</title>" in text
    assert 'rel="icon" href="/static/img/favicon.svg"' in text
