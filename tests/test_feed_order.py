"""The main feed leads with the newest published statements on every database.

A row written without history (a raw bulk insert) has no publication time; PostgreSQL sorts
NULL first in a descending order, which once filled the feed with such rows and left its
<updated> years old.
"""

import xml.etree.ElementTree as ET

from django.urls import reverse

from summits.models import Statement

ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_puts_statements_with_no_publication_time_last(client, sochi):
    template = Statement.objects.published().first()
    undated = Statement.objects.bulk_create(
        [
            Statement(
                summit=template.summit,
                article=template.article,
                speaker=template.speaker,
                kind=Statement.Kind.PARAPHRASE,
                text=f"An old row imported without history, number {n}.",
                status=Statement.Status.PUBLISHED,
                position=500 + n,
            )
            for n in range(3)
        ]
    )
    dated = Statement.objects.published().with_history_dates().filter(published_at__isnull=False)
    newest = dated.order_by("-published_at", "-pk").first()
    feed = ET.fromstring(client.get(reverse("feed-all")).content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert links[0] == f"http://testserver{newest.get_absolute_url()}"
    assert {f"http://testserver{s.get_absolute_url()}" for s in undated} == set(links[-3:])
