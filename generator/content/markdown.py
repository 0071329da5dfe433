"""The content's Markdown: CommonMark with tables, footnotes, definition lists and admonitions.

markdown-it-py reads every body (for its steps, links and sections) and renders it, so the text the
checks judge is the text the page shows: the generator, not the site builder, turns content into
HTML, which then goes through the sanitizer (sanitize.py). The page templates place that HTML on the
pages as it is, so MkDocs, ProperDocs and Zensical all publish the same, already judged, HTML.

A body is rendered in parts, cut at its top-level headings (`Part`): the headings reach the page as
Markdown headings of plain text, so the site builder still puts them in the page's table of contents
and gives them anchors, and the parts between them as HTML.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# Only these can make HTML that the sanitizer would change: raw HTML and autolinks ('<'), links and images
# and footnotes ('['), fences (their info string becomes a class) and admonitions (their type becomes one).
# A text without any of them renders to elements of Markdown's own, all in the allowlist, with no URL and
# no attribute from the text; tests/test_sanitize.py checks this on random text.
_MAY_NEED_CLEANING = re.compile(r"[<\[]|```|~~~|!!!")

Link = Callable[[str], str]  # a link or image target as written -> as the page needs it


@functools.cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin).use(deflist_plugin).use(admon_plugin)
    # Every URL is kept as written, `javascript:` too: the sanitizer judges what the HTML would carry,
    # and refusing here would only turn the link into text without a word to the editor.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def may_need_cleaning(markdown: str) -> bool:
    return _MAY_NEED_CLEANING.search(markdown) is not None


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a rendered body: a top-level heading (plain text) or the HTML between two of them."""

    heading: str | None
    level: int  # of the heading; 0 for HTML
    html: str
    line: int  # where it starts, 0-based within the Markdown


def render(markdown: str, link: Link | None = None) -> list[Part]:
    """The body cut at its top-level headings, each stretch between them rendered to HTML (not yet cleaned)."""
    md = parser()
    env: dict[str, object] = {}
    tokens = md.parse(markdown, env)
    if link is not None:
        _relink(tokens, link)
    parts: list[Part] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0:
            _add_html(parts, md, tokens[start:index], env)
            inline = tokens[index + 1]
            parts.append(Part(heading_text(inline), int(token.tag[1]), "", token.map[0] if token.map else 0))
            start = index + 3
    _add_html(parts, md, tokens[start:], env)
    return parts


def _add_html(parts: list[Part], md: MarkdownIt, tokens: list[Token], env: dict[str, object]) -> None:
    if not tokens:
        return
    html = md.renderer.render(tokens, md.options, env)
    if html.strip():
        line = next((token.map[0] for token in tokens if token.map), 0)
        parts.append(Part(None, 0, html, line))


def render_inline(markdown: str, link: Link | None = None) -> str:
    """One step: its HTML without the paragraph around it when it is a single paragraph."""
    html = "".join(part.html for part in render(markdown, link))
    stripped = html.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        return stripped[3:-4]
    return stripped


def heading_text(inline: Token) -> str:
    """A heading as plain text: its words, without the markup around them."""
    if inline.children is None:
        return inline.content.strip()
    words = [child.content for child in inline.children if child.type in ("text", "code_inline", "softbreak")]
    return "".join(words).strip() or inline.content.strip()


def heading_markup(inline: Token) -> list[str]:
    """What a heading holds besides text and emphasis (links, images, HTML): not shown in a plain heading."""
    allowed = ("text", "code_inline", "softbreak", "em_open", "em_close", "strong_open", "strong_close")
    return [child.type for child in inline.children or () if child.type not in allowed]


def _relink(tokens: list[Token], link: Link) -> None:
    for token in tokens:
        if token.type == "link_open" or token.type == "image":
            attribute = "href" if token.type == "link_open" else "src"
            target = token.attrGet(attribute)
            if isinstance(target, str):
                token.attrSet(attribute, link(target))
        if token.children:
            _relink(token.children, link)
