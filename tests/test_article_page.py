"""The article page: metadata and full text, each recorded quote highlighted and linked."""

import re

from summits.bundles import import_bundle
from summits.models import Article, Statement
from tests.factories import LISBON, drafted


def test_it_shows_metadata_and_the_full_text(client, sochi):
    article = Article.objects.get(key="dw-2011-07-04")
    html = client.get(f"/articles/{article.pk}/").content.decode()
    assert "<h1>At loggerheads</h1>" in html
    assert "DW" in html and "By Geert Groot Koerkamp" in html
    assert "<p>Moscow&#x27;s warning</p>" in html
    assert html.count('<section class="article-body"') == 1


def test_it_highlights_every_published_quote_with_a_link(client, sochi):
    article = Article.objects.get(key="dw-2011-07-04")
    html = client.get(article.get_absolute_url()).content.decode()
    body = re.search(r'<section class="article-body".*?</section>', html, re.S).group(0)
    quotes = Statement.objects.filter(article=article, kind="quote", status="published")
    for quote in quotes:
        assert f'<mark id="q-{quote.public_id}"><a href="/s/{quote.public_id}/">' in body
    lavrov = quotes.get(text__startswith="We did not agree")
    assert f'<a href="/s/{lavrov.public_id}/">We did not agree.' in body


def test_it_does_not_highlight_a_draft(client, sochi):
    article = Article.objects.get(key="dw-2011-07-04")
    draft = drafted(text="Good weather, good relations")
    html = client.get(article.get_absolute_url()).content.decode()
    assert draft.public_id not in html
    assert "Good weather, good relations" in html  # still in the text, not marked


def test_it_finds_an_article_by_its_key(client, sochi):
    response = client.get("/articles/dw-2011-07-04/")
    assert response.status_code == 200
    assert "<h1>At loggerheads</h1>" in response.content.decode()


def test_it_answers_404_for_an_unknown_or_ambiguous_key(client, sochi):
    assert client.get("/articles/no-such-article/").status_code == 404
    assert client.get("/articles/999999/").status_code == 404
    shared = LISBON | {"articles": [LISBON["articles"][0] | {"key": "dw-2011-07-04"}]}
    shared["statements"] = [LISBON["statements"][0] | {"article": "dw-2011-07-04"}]
    import_bundle(shared)
    assert client.get("/articles/dw-2011-07-04/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, sochi, django_assert_max_num_queries):
    article = Article.objects.get(key="dw-2011-07-04")
    with django_assert_max_num_queries(5):
        response = client.get(article.get_absolute_url())
    # A count taken on an error page would prove nothing about this one.
    assert response.status_code == 200
