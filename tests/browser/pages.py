"""The browser tab the tests drive, the Sochi reader pages they visit, and the axe check."""

from axe_playwright_python.sync_playwright import Axe

from summits.models import Article, Statement

SUMMIT = "/summits/sochi-2011/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Site:
    """A browser tab on the live server that remembers what went wrong in the console."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response


def statements(page):
    """The statements listed on a summit or search page."""
    return page.locator("ol.statements > li")


def reader_pages() -> list[tuple[str, str]]:
    """Every kind of reader page on the Sochi seed, by name; the seed must be loaded."""
    statement = Statement.objects.get(text__startswith="We did not agree")
    article = Article.objects.get(key="dw-2011-07-04")
    return [
        ("home", "/"),
        ("summit", SUMMIT),
        ("summit filtered", f"{SUMMIT}?actor=sergei-lavrov&issue=missile-defense"),
        ("summit bad filter", f"{SUMMIT}?actor=xyz"),
        ("search", "/search/?q=missile"),
        ("participant", "/participants/dmitry-medvedev/"),
        ("issue", "/issues/missile-defense/"),
        ("article", f"/articles/{article.pk}/"),
        ("permalink", f"/s/{statement.public_id}/"),
        ("not found", "/s/zzzzzzzz/"),
    ]


def axe_violations(page, tags: list[str] = WCAG_TAGS) -> str:
    """axe's report of the page's WCAG violations; empty when there are none."""
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]},
    )
    return results.generate_report() if results.violations_count else ""
