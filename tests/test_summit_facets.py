"""A summit's facet counts with one facet chosen or none: the summit's unfiltered counts are
kept per revision and only the chosen facet's statements are read per request
(StatementFilter.summit_facet_rows); the counts are those the general query gives."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from summits.bundles import import_bundle, read_bundle
from summits.filters import StatementFilter, reader_facet_base, run_grouped
from summits.models import Summit
from tests.conftest import SEED
from tests.pages import HTMX

URL = "/summits/sochi-2011/"


def counted(rows) -> set[tuple]:
    # The general query also returns values no statement passes (all counts 0); the page
    # shows only values with reports, as facets() keeps them.
    return {row for row in rows if row[5]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "actor=sergei-lavrov",
        "actor=sergei-lavrov&actor=dmitry-medvedev",
        "issue=missile-defense",
        "stance=opposes",
        "stance=supports&stance=neutral",
        "kind=paraphrase",
        "actor=no-such-speaker",
        "page=2",
    ],
)
def test_it_counts_as_the_general_query_does(sochi, query):
    # A second outlet's reports (utterances counted once) and another summit's statements.
    import_bundle(read_bundle(SEED.parent / "sochi-2011-kremlin.json"))
    call_command("generate_corpus", "--summits", "2", "--statements", "60", "--seed", "3")
    for summit in Summit.objects.all():
        filters = StatementFilter.for_readers(QueryDict(query), summit.pk)
        shape, values = filters.reader_query()
        general = run_grouped([("s", *reader_facet_base(shape, values, narrow=False))])[0]
        assert counted(filters.facet_rows()) == counted(general)


@pytest.mark.django_db
def test_a_summits_fragments_share_its_unfiltered_counts(client, sochi):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?actor=sergei-lavrov", headers=HTMX)
    assert response.status_code == 200
    facet_queries = [q["sql"] for q in queries if q["sql"].lstrip().startswith("WITH")]
    # One facet query, over the speaker's statements only: the summit's are kept.
    assert len(facet_queries) == 1
    assert facet_queries[0].lstrip().startswith("WITH n AS")
