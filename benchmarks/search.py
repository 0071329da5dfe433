"""Search in Debian's Chromium: the time from typing to the first result, and the relevance rates.

Each site is served over HTTP on 127.0.0.1. A fresh browser context (empty cache) opens the home
page; as soon as it has loaded, the query is typed. A MutationObserver in the page notes when the
first `.md-search-result__item` appears, so the figure is the page's own clock, not Playwright's
round trips. That includes fetching and indexing search_index.json (and the guide's names) when the
reader types before it is ready, as a reader who searches at once does.

"Plain" is the theme's own search on the same pages: each page served without the script that hands
Material the guide's search worker (search_box.plain_theme_search), so Material runs its own.
The relevance rates are those of the suite in tests/site/test_search_relevance.py, same queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.content.records import Catalog
from support import search_queries as queries  # tests/support/, on the path by benchmarks/__init__.py
from support.local_site import CHROMIUM, CHROMIUM_ARGS, Tab
from support.search_box import SearchBox, plain_theme_search

QUERY = "squat"

_OBSERVE = """() => {
  window.__firstResult = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('.md-search-result__item')) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def first_result_ms(chromium: object, url: str, query: str = QUERY, *, plain: bool = False) -> float:
    """Milliseconds from the first key of `query` to the first search result on the page."""
    with Tab(chromium, viewport={"width": 1280, "height": 900}) as tab:  # type: ignore[arg-type]
        if plain:
            plain_theme_search(tab)
        page = tab.page
        page.goto(url, wait_until="load")
        page.evaluate(_OBSERVE)
        page.locator("input.md-search__input").click()
        start = page.evaluate("performance.now()")
        page.keyboard.type(query)
        page.wait_for_function("window.__firstResult !== null", timeout=120_000)
        return float(page.evaluate("window.__firstResult")) - float(start)


def _ask(box: SearchBox, asked: Iterable[queries.Query]) -> list[queries.Answer]:
    return [queries.Answer(query, tuple(box.results(query.text))) for query in asked]


def relevance(chromium: object, url: str, catalog: Catalog, shipped: Iterable[str], *, plain: bool = False) -> dict[str, float]:
    """The suite's rates on one site: with only `shipped` exercises, (a); else (b), (c) and (d).

    (a), (b): share of queries whose exercise comes first; (c): share in the top 3; (d): the fewest
    exercises, over the muscles asked, among the first ten that train the muscle as a main muscle."""
    shipped = set(shipped)
    with Tab(chromium, viewport={"width": 1280, "height": 900}) as tab:  # type: ignore[arg-type]
        if plain:
            plain_theme_search(tab)
        box = SearchBox(tab, url).open()
        if set(catalog.exercises) <= shipped:
            answers = _ask(box, queries.names_and_aliases(catalog) + queries.written_otherwise(catalog))
            return {"a first": queries.share(answers, "first"), "a top 3": queries.share(answers, "top3")}
        names = _ask(box, queries.sample_names(catalog, queries.imported(catalog, shipped)))
        typos = _ask(box, queries.typos(catalog))
        muscles = [(query, box.results(query.text)[:10]) for query in queries.muscles(catalog)]
        return {
            "b first": queries.share(names, "first"),
            "b top 3": queries.share(names, "top3"),
            "c top 3": queries.share(typos, "top3"),
            "d main of 10": min(sum(path in query.main for path in results) for query, results in muscles),
            "d term page": sum(query.term_page in results for query, results in muscles) / len(muscles),
        }


def shipped_slugs(content: Path) -> list[str]:
    return [path.stem for path in (content / "exercises").glob("*.md")]
