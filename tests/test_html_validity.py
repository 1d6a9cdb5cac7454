"""Every reader page type, the htmx fragments and the oEmbed HTML pass the Nu HTML Checker.

The checker (vnu.jar, from the npm package vnu-jar) runs once over every page, one JVM for
all the files: a JVM per page would cost the suite a minute. Locally the test is skipped when
java or the jar is missing; with REQUIRE_HTML_CHECKER=1 (CI, see .ci/run) that is a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from summits.models import Issue, Statement

VNU_JAR = Path(os.getenv("VNU_JAR", "/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
FRAGMENT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fragment</title>'
    "</head><body>{}</body></html>"
)


def checker() -> list[str]:
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-Xss1m", "-jar", str(VNU_JAR)]
    message = f"the Nu HTML Checker needs java and {VNU_JAR}"
    if os.getenv("REQUIRE_HTML_CHECKER") == "1":
        pytest.fail(f"REQUIRE_HTML_CHECKER=1 but {message}")
    pytest.skip(message)


def reader_pages(client) -> dict[str, str]:
    """name -> HTML: each kind of page, in the states that draw different markup."""
    quote = Statement.objects.published().filter(kind="quote").first()
    paraphrase = Statement.objects.published().filter(kind="paraphrase").first()
    # A statement on two issues is drawn twice on its speaker's page: ids must stay unique.
    quote.issues.add(*Issue.objects.all()[:2])
    fragment = {"HX-Request": "true"}
    pages = {
        "home": ("/", {}),
        "summit": ("/summits/sochi-2011/", {}),
        "summit-filtered": ("/summits/sochi-2011/?actor=sergei-lavrov&stance=supports", {}),
        "summit-empty": ("/summits/sochi-2011/?q=Qaddafi", {}),
        "summit-bad-filter": ("/summits/sochi-2011/?actor=nobody&stance=maybe", {}),
        "participant": (quote.speaker.get_absolute_url(), {}),
        "issue": ("/issues/libya/", {}),
        "article": (quote.article.get_absolute_url(), {}),
        "search": ("/search/", {}),
        "search-results": ("/search/?q=ceasefire", {}),
        "search-empty": ("/search/?q=Gaddafi+go", {}),
        "permalink-quote": (quote.get_absolute_url(), {}),
        "permalink-paraphrase": (paraphrase.get_absolute_url(), {}),
        "compare": ("/compare/?actors=sergei-lavrov,anders-fogh-rasmussen", {}),
        "compare-one": ("/compare/?actors=sergei-lavrov", {}),
        "not-found": ("/participants/nobody/", {}),
        "fragment-summit": ("/summits/sochi-2011/?actor=sergei-lavrov", fragment),
        "fragment-search": ("/search/?q=ceasefire&stance=supports", fragment),
        "fragment-empty": ("/summits/sochi-2011/?q=Qaddafi", fragment),
    }
    html = {}
    for name, (url, headers) in pages.items():
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        text = response.content.decode()
        html[name] = FRAGMENT.format(text) if name.startswith("fragment") else text
    oembed = client.get("/oembed", {"url": f"http://testserver{quote.get_absolute_url()}"})
    html["oembed"] = FRAGMENT.format(oembed.json()["html"])
    return html


def test_it_passes_the_nu_html_checker_on_every_reader_page(client, sochi, tmp_path):
    command = checker()
    files = []
    for name, text in reader_pages(client).items():
        path = tmp_path / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:60])
