"""Hostile content through the real build and a real browser (issue 11).

The build refuses exactly what `validate` refuses, with the same lines, and writes no site. What it
publishes (text that only looks like markup) is harmless in Chromium: no dialog, no request to another
host, and nothing in the content that runs, fetches, submits or takes the page over.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from support import hostile
from support.local_site import Tab, build, built, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.builders]

# The theme's own request, for the repository's stars (mkdocs.yml's repo_url); no content can change it.
THEME_REQUEST = "https://api.github.com/repos/exercise-guide/exercise-guide"
# What the content of a page (Material's article) may not hold, whatever made it.
FORBIDDEN = "script, base, meta, link, style, form, input, button, iframe, object, embed, svg, math, template, video, audio"
FINDINGS_JS = """([forbidden]) => {
  const article = document.querySelector("article.md-content__inner");
  const found = [];
  // The theme's own buttons (edit this page) carry its icons; everything else in the article is the page's.
  const mine = (element) => !element.closest(".md-content__button");
  for (const element of article.querySelectorAll(forbidden)) if (mine(element)) found.push("element " + element.localName);
  for (const element of article.querySelectorAll("*")) {
    if (!mine(element)) continue;
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (attribute.name.startsWith("on")) found.push("handler " + attribute.name);
      if (/^(javascript|vbscript|data:text\\/html)/.test(value)) found.push("script url in " + attribute.name);
      if (attribute.name === "style") found.push("style attribute");
    }
  }
  return found;
}"""


def test_the_build_refuses_what_validate_refuses(builder: str, tmp_path: Path) -> None:
    content = hostile.write(tmp_path, hostile.REFUSED)
    site = tmp_path / "site"
    result = build(content, site, builder=builder)
    assert result.returncode == 1
    printed = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert sorted(printed) == hostile.expected(hostile.REFUSED)
    assert "Traceback" not in result.stderr
    assert not site.exists()


@pytest.fixture(scope="module")
def published(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp(f"hostile-{builder}")
    site = built(hostile.write(folder, hostile.PUBLISHED), folder / "site", builder=builder)
    with served(site) as url:
        yield url


@pytest.mark.parametrize("case", hostile.PUBLISHED, ids=lambda case: case.name)
def test_a_published_look_alike_is_harmless(case: hostile.Case, published: str, browser: Browser) -> None:
    (rel,) = case.files
    page_url = published + rel.removesuffix(".md") + "/"
    with Tab(browser) as tab:
        dialogs: list[str] = []
        elsewhere: list[str] = []
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.page.on("request", lambda request: _elsewhere(request.url, published) and elsewhere.append(request.url))
        response = tab.page.goto(page_url)
        assert response is not None and response.ok
        tab.page.wait_for_load_state("networkidle")
        tab.page.mouse.move(200, 300)  # a handler on hover or focus would run now
        tab.page.keyboard.press("Tab")
        findings = tab.page.evaluate(FINDINGS_JS, [FORBIDDEN])
        shown = tab.page.locator("article.md-content__inner").inner_text()
        assert tab.errors == []
    assert dialogs == [] and elsewhere == [] and findings == []
    # What the editor wrote is what the reader sees: the look-alike markup shows as text.
    source = case.files[rel]
    assert isinstance(source, str)
    for word in ("onerror", "onclick", "javascript", "script", "<kbd>"):
        if word in source and word != "<kbd>":
            assert word in shown, (word, shown)


def _elsewhere(url: str, site: str) -> bool:
    return urlsplit(url).netloc != urlsplit(site).netloc and not url.startswith(THEME_REQUEST)
