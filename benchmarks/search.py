"""Time from typing in Material's search box to the first result, in Debian's Chromium.

Each site is served over HTTP on 127.0.0.1. A fresh browser context (empty cache) opens the home
page; as soon as it has loaded, the query is typed. A MutationObserver in the page notes when the
first `.md-search-result__item` appears, so the figure is the page's own clock, not Playwright's
round trips. That includes fetching and indexing search_index.json when the reader types before
it is ready, as a reader who searches at once does.
"""

from __future__ import annotations

import ast
import functools
import http.server
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
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


def chromium_args() -> list[str]:
    """The flags the browser tests use (CHROMIUM_ARGS in tests/site/conftest.py), read from there."""
    source = (REPO / "tests" / "site" / "conftest.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "CHROMIUM_ARGS" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise LookupError("CHROMIUM_ARGS is not in tests/site/conftest.py")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
        try:
            yield instance
        finally:
            instance.close()


def first_result_ms(chromium: object, url: str, query: str = QUERY) -> float:
    """Milliseconds from the first key of `query` to the first search result on the page."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        # No internet here: the one outside request (Material's GitHub facts) gets an empty answer, as in the tests.
        page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.fulfill(status=200, content_type="application/json", body="{}"))
        page.goto(url, wait_until="load")
        page.evaluate(_OBSERVE)
        page.locator("input.md-search__input").click()
        start = page.evaluate("performance.now()")
        page.keyboard.type(query)
        page.wait_for_function("window.__firstResult !== null", timeout=120_000)
        return float(page.evaluate("window.__firstResult")) - float(start)
    finally:
        context.close()
