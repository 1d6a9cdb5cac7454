"""Requests crafted to break parsing get a 4xx saying what is wrong, never a 500."""

import pytest

from summits.models import Statement


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/summits/?page=²", 400, "page: the page must be a whole number"),
        ("/api/participants/?page=²", 400, "page: the page must be a whole number"),
        ("/api/issues/?page=²", 400, "page: the page must be a whole number"),
        (
            "/oembed?url=http://testserver{permalink}&maxwidth=²",
            400,
            "maxwidth: must be a whole number",
        ),
        (
            "/oembed?url=http://testserver{permalink}&maxheight=²",
            400,
            "maxheight: must be a whole number",
        ),
        ("/articles/²/", 404, "No article"),
        ("/oembed?url=http://[::1", 400, "url: not a valid address"),
    ],
)
def test_it_answers_crafted_input_with_a_clear_4xx(client, sochi, url, status, message):
    permalink = Statement.objects.published().first().get_absolute_url()
    response = client.get(url.format(permalink=permalink))
    assert response.status_code == status
    if response["Content-Type"].startswith("application/json"):
        assert message in response.json()["error"]
