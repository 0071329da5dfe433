"""The site's search box as a reader uses it, for many queries in one tab: shared by the relevance
suite (test_search_relevance.py) and the benchmark (benchmarks/search.py), without pytest.

Each query is put into Material's search box as a reader pastes it (the text, then a key released),
and the results are read from the page once Material has shown its answer to that query: the links
of `.md-search-result__item > a`, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from support.local_site import Tab

# The plain theme's search: the same pages without the script that hands Material the guide's worker.
_GUIDE_SEARCH_SCRIPT = re.compile(r'<script id="__guide-search">.*?</script>', re.DOTALL)

# The builders whose sites rank names first: the guide's layer runs over Material's search worker.
# Zensical's search is its own, with another protocol between page and worker (README, "Builders").
NAMES_FIRST = ("mkdocs", "properdocs")

_META = ".md-search-result__meta"
_LINKS = ".md-search-result__item > a.md-search-result__link"


def plain_theme_search(tab: Tab) -> None:
    """Serve this tab every page without the guide's search layer, so that it runs Material's own worker."""

    def strip(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        body = response.text()
        route.fulfill(response=response, body=_GUIDE_SEARCH_SCRIPT.sub("", body))

    tab.page.route(re.compile(r"^http://127\.0\.0\.1:\d+/([^?#]*/)?(index\.html)?$"), strip)


# Counts Material's answers: it sets the meta line's text once for each (replacing its text node, even with the
# same words) and renders the first ten results in the same task, before the observer hears of it.
_COUNT_ANSWERS = """meta => {
  window.__answers = 0;
  new MutationObserver(() => { window.__answers += 1; }).observe(document.querySelector(meta), {childList: true});
}"""


@dataclass
class SearchBox:
    tab: Tab
    base: str
    asked: str = ""
    shown: tuple[str, ...] = ()

    def open(self) -> SearchBox:
        page = self.tab.page
        page.goto(self.base)
        page.locator("input.md-search__input").click()
        # Material shows its placeholder once its worker is ready (until then, "Initializing search").
        placeholder = page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
        )
        page.wait_for_function(
            "([meta, text]) => document.querySelector(meta).textContent.trim() === text",
            arg=[_META, placeholder],
            timeout=120_000,
        )
        page.evaluate(_COUNT_ANSWERS, _META)
        return self

    def results(self, query: str) -> tuple[str, ...]:
        """The result pages' paths (relative to the site), best first; the first ten, as rendered at once."""
        if query == self.asked:  # Material asks its worker only when the text changes
            return self.shown
        page = self.tab.page
        box = page.locator("input.md-search__input")
        answers = page.evaluate("window.__answers")
        box.fill(query)
        box.press("End")  # Material reads the box on keyup
        page.wait_for_function("count => window.__answers > count", arg=answers)
        hrefs = page.locator(_LINKS).evaluate_all("links => links.map(a => a.href)")
        root = urlsplit(self.base).path
        self.asked, self.shown = query, tuple(urlsplit(href).path.removeprefix(root) for href in hrefs)
        return self.shown


def search_once(tab: Tab, base: str, query: str) -> list[str]:
    """Open the site's home page (`base`: its address, or its index.html's), type `query` into its
    search box as a reader does, and return the result pages' paths (relative to the site), best
    first, each page once. Material's search box (MkDocs, ProperDocs) or Zensical's, whichever the
    page has."""
    page = tab.page
    page.goto(base)
    root = urlsplit(base).path.rsplit("/", 1)[0] + "/"
    if page.locator("input.md-search__input").count():
        page.locator("input.md-search__input").click()
        page.keyboard.type(query, delay=10)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.match(/\\d/)")
        hrefs = page.locator(_LINKS).evaluate_all("links => links.map(a => a.href)")
    else:  # Zensical: a button opens a dialog (in an open shadow root, which Playwright's locators enter)
        page.locator(".md-search__button").click()
        page.locator("dialog[open] input[role=combobox]").fill(query)
        results = page.locator("dialog[open] ol[role=listbox] a")
        results.first.wait_for()
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
    paths = [urlsplit(href).path.removeprefix(root) for href in hrefs]
    return list(dict.fromkeys(paths))


def full_text_index(site: Path) -> str:
    """The text of the theme's full-text search index, wherever the builder put it: Material's
    search/search_index.json (MkDocs, ProperDocs) or Zensical's search.json."""
    for path in (site / "search" / "search_index.json", site / "search.json"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no search index in {site}")
