"""Reading built pages in tests: the main content of a page, its links, its text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and tag != "form":
                self.links.append((name, value))
            elif name == "id":
                self.ids.add(value)


def links(html: str) -> list[tuple[str, str]]:
    collector = _Collector()
    collector.feed(html)
    return collector.links


def ids(html: str) -> set[str]:
    collector = _Collector()
    collector.feed(html)
    return collector.ids


def page(site: Path, url: str) -> str:
    """The HTML of the page at a site URL like 'exercises/alpha/'."""
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return path.read_text(encoding="utf-8")


def article(site: Path, url: str) -> str:
    """The page's main content: Material's <article> element, without the edit action."""
    html = page(site, url)
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, f"no article in {url}"
    without_edit = re.sub(
        r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', "", match[1], flags=re.S
    )
    return re.sub(r"\n\s*\n", "\n", without_edit.strip())


def text(html: str) -> str:
    """Visible text, whitespace collapsed, entities decoded."""
    import html as html_module

    html = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", html)
    without_tags = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
    return re.sub(r" ([,.;:])", r"\1", " ".join(html_module.unescape(without_tags).split()))


def card_names(html: str) -> list[str]:
    """The exercise or routine names on the cards of a list page, in order."""
    import html as html_module

    return [html_module.unescape(name) for name in re.findall(r'class="eg-card__name" href="[^"]*">([^<]*)</a>', html)]


def card_links(html: str) -> list[str]:
    return re.findall(r'class="eg-card__name" href="([^"]*)"', html)
