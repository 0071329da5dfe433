"""Time from typing in Material's search box to the first result, in Debian's Chromium.

Each site is served over HTTP on 127.0.0.1. A fresh browser context (empty cache) opens the home
page; as soon as it has loaded, the query is typed. A MutationObserver in the page notes when the
first `.md-search-result__item` appears, so the figure is the page's own clock, not Playwright's
round trips. That includes fetching and indexing search_index.json when the reader types before
it is ready, as a reader who searches at once does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from support.local_site import CHROMIUM, CHROMIUM_ARGS, Tab  # tests/support/, on the path by benchmarks/__init__.py

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


def first_result_ms(chromium: object, url: str, query: str = QUERY) -> float:
    """Milliseconds from the first key of `query` to the first search result on the page."""
    with Tab(chromium, viewport={"width": 1280, "height": 900}) as tab:  # type: ignore[arg-type]
        page = tab.page
        page.goto(url, wait_until="load")
        page.evaluate(_OBSERVE)
        page.locator("input.md-search__input").click()
        start = page.evaluate("performance.now()")
        page.keyboard.type(query)
        page.wait_for_function("window.__firstResult !== null", timeout=120_000)
        return float(page.evaluate("window.__firstResult")) - float(start)
