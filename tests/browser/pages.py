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
        # Requests started, and those not yet answered, for settle().
        self.started = 0
        self.in_flight: set = set()
        page.on("request", self.started_request)
        page.on("requestfinished", self.ended_request)
        page.on("requestfailed", self.ended_request)

    def started_request(self, request) -> None:
        self.started += 1
        self.in_flight.add(request)

    def ended_request(self, request) -> None:
        self.in_flight.discard(request)

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)  # returns after the load event
        self.settle()
        return response

    def settle(self, quiet_ms: int = 100, timeout_ms: int = 10_000) -> None:
        """Waits until no request is open and none has started for `quiet_ms`.

        What Playwright's "networkidle" waits for, with a shorter quiet window: its fixed
        500 ms after every page load was ~50 s of the suite's browser tests. The reader pages
        start nothing after load on their own, and a request that does start, or is still
        open, is waited for all the same.
        """
        quiet, seen = 0, self.started
        for _ in range(timeout_ms // 25):
            if self.in_flight or self.started != seen:
                quiet, seen = 0, self.started
            elif quiet >= quiet_ms:
                return
            else:
                quiet += 25
            self.page.wait_for_timeout(25)  # lets Playwright deliver the request events
        raise TimeoutError(f"requests still open after {timeout_ms} ms: {self.in_flight}")


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
