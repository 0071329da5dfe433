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
    plain: bool = False  # rendered only from what the sanitizer keeps as it is (`may_change`): no need to judge it


# Inline tokens are read for their links ('[', '<') and placeholders; text without any of these has
# nothing for the inline parser to find (placeholders are read from the token's own text).
_INLINE_NEEDED = re.compile(r"[\[<]")
_HEADING_MARKUP = re.compile(r"[*_`\[<&\\!~]")


def tokenize(text: str, *, inline: bool = False, env: dict[str, object] | None = None) -> list[Token]:
    """markdown-it's tokens of a body. Simple bodies (most of them) are tokenised by `simple_block_tokens`;
    their inline content is parsed where it can hold a link, HTML or markup in a heading, or, with
    `inline`, everywhere (for rendering). `env` is markdown-it's, for rendering what it collected."""
    md = parser()
    env = {} if env is None else env
    tokens = simple_block_tokens(text)
    if tokens is None:
        return md.parse(text, env)
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        # A heading with any markup is read whole: a heading is shown as plain text, and says so.
        heading = index > 0 and tokens[index - 1].type == "heading_open" and _HEADING_MARKUP.search(token.content)
        if inline or heading or _INLINE_NEEDED.search(token.content):
            token.children = []
            md.inline.parse(token.content, md, env, token.children)
            for child in token.children:  # what markdown-it's core rule text_join does after parsing inline
                if child.type == "text_special":
                    child.type = "text"
    return tokens


def render(markdown: str, link: Link | None = None) -> list[Part]:
    """The body cut at its top-level headings, each stretch between them rendered to HTML (not yet cleaned)."""
    md = parser()
    env: dict[str, object] = {}
    tokens = tokenize(markdown, inline=True, env=env)
    plain = not may_change(tokens)  # judged before the links are made relative to the page: as validate judges them
    if link is not None:
        _relink(tokens, link)
    parts: list[Part] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0:
            _add_html(parts, md, tokens[start:index], env, plain)
            inline = tokens[index + 1]
            parts.append(Part(heading_text(inline), int(token.tag[1]), "", token.map[0] if token.map else 0))
            start = index + 3
    _add_html(parts, md, tokens[start:], env, plain)
    return parts


def _add_html(parts: list[Part], md: MarkdownIt, tokens: list[Token], env: dict[str, object], plain: bool) -> None:
    if not tokens:
        return
    html = md.renderer.render(tokens, md.options, env)
    if html.strip():
        line = next((token.map[0] for token in tokens if token.map), 0)
        parts.append(Part(None, 0, html, line, plain))


def steps_markdown(steps: tuple[str, ...]) -> str:
    """An exercise's steps as the numbered list its page shows (each step's later lines indented under it)."""
    return "".join(f"{number}. " + step.replace("\n", "\n   ") + "\n" for number, step in enumerate(steps, 1))


# What markdown-it renders only from the allowlist's elements, with no attribute taken from the text:
# everything but raw HTML, links and images (their URLs), fences (the info string becomes a class) and
# admonitions (the type becomes one). Footnotes make ids and classes of markdown-it's own.
_PLAIN_TOKENS = frozenset(
    {
        "paragraph_open",
        "paragraph_close",
        "heading_open",
        "heading_close",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
        "blockquote_open",
        "blockquote_close",
        "hr",
        "code_block",
        "inline",
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "code_inline",
        "s_open",
        "s_close",
        "table_open",
        "table_close",
        "thead_open",
        "thead_close",
        "tbody_open",
        "tbody_close",
        "tr_open",
        "tr_close",
        "th_open",
        "th_close",
        "td_open",
        "td_close",
        "dl_open",
        "dl_close",
        "dt_open",
        "dt_close",
        "dd_open",
        "dd_close",
        "footnote_ref",
        "footnote_block_open",
        "footnote_block_close",
        "footnote_open",
        "footnote_close",
        "footnote_anchor",
    }
)


def may_change(tokens: list[Token]) -> bool:
    """Whether the sanitizer could change what these tokens render to, so that the body must be rendered
    and judged. A link or image whose URL the allowlist takes as it is (a relative link; http, https or
    mailto; an image of the site) cannot; anything else may, and is judged on the rendered HTML."""
    from .sanitize import plain_url  # the allowlist's own rule for URLs

    for token in tokens:
        if token.type in ("link_open", "image"):
            url = token.attrGet("href" if token.type == "link_open" else "src")
            if not plain_url(str(url or ""), image=token.type == "image"):
                return True
        elif token.type == "fence":
            if token.info.strip():
                return True
        elif token.type not in _PLAIN_TOKENS and not token.type.endswith("_close") and token.type != "link_close":
            return True
        if token.children and may_change(token.children):
            return True
    return False


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


# ---- simple bodies ------------------------------------------------------------------------------
# Most bodies are headings, numbered steps of one line and paragraphs of prose. For those, markdown-it's
# block parser, which tries every block rule on every line, is two thirds of reading a large guide: at
# 889 exercises, `validate` takes 0.63 s with it and 0.40 s with this (`make bench` measures it), a
# gain far above the 5% of the command that would justify writing it. The tokens it would make are made
# here directly, with markdown-it's own Token; a body with any other kind of line, or with a line whose
# reading depends on the one before (prose right after a step continues the step; a step right after
# prose may not start a list), goes to markdown-it. tests/test_bodies.py compares the two on every
# content file it has and on random bodies.

_HEADING = re.compile(r"(#{1,6}) ([^\W_][^#]*)")  # no '#' in the title: no closing sequence to take off
_STEP = re.compile(r"(\d{1,9})([.)]) ([^\W\d_].*)")  # one space after the marker, then prose
_PROSE = re.compile(r"[^\W\d_]")  # a line that starts with a letter opens no block but a paragraph


def simple_block_tokens(src: str) -> list[Token] | None:
    """markdown-it's block tokens for a body of simple lines only, or None for any other body."""
    lines = src.split("\n")
    if src.endswith("\n"):
        lines.pop()
    kinds = [_line_kind(line) for line in lines]
    if None in kinds:
        return None
    known = [kind for kind in kinds if kind is not None]
    tokens: list[Token] = []
    index = 0
    while index < len(lines):
        kind = known[index]
        if kind[0] == "blank":
            index += 1
        elif kind[0] == "heading":
            tag, markup = f"h{len(kind[1])}", kind[1]
            tokens += [
                Token("heading_open", tag, 1, map=[index, index + 1], level=0, markup=markup, block=True),
                Token("inline", "", 0, map=[index, index + 1], level=1, content=kind[2].strip(), children=[], block=True),
                Token("heading_close", tag, -1, level=0, markup=markup, block=True),
            ]
            index += 1
        elif kind[0] == "prose":
            start = index
            while index < len(lines) and known[index][0] == "prose":
                index += 1
            if index < len(lines) and known[index][0] != "blank":
                return None
            tokens += [
                Token("paragraph_open", "p", 1, map=[start, index], level=0, block=True),
                Token(
                    "inline", "", 0, map=[start, index], level=1, content="\n".join(lines[start:index]), children=[], block=True
                ),
                Token("paragraph_close", "p", -1, level=0, block=True),
            ]
        else:
            index = _steps_list(known, index, tokens)
            if index < 0:
                return None
    return tokens


def _line_kind(line: str) -> tuple[str, ...] | None:
    if not line:
        return ("blank",)
    if line[-1].isspace():  # a hard break, or a blank line that is not empty: markdown-it decides
        return None
    if line[0] == "#":
        heading = _HEADING.fullmatch(line)
        return ("heading", heading[1], heading[2]) if heading else None
    if line[0].isdigit():
        step = _STEP.fullmatch(line)
        return ("step", step[1], step[2], step[3]) if step else None
    return ("prose",) if _PROSE.match(line) else None


def _steps_list(kinds: list[tuple[str, ...]], start: int, tokens: list[Token]) -> int:
    """The tokens of the numbered list that starts at line `start`; the line after it, or -1."""
    marker = kinds[start][2]
    opening = Token("ordered_list_open", "ol", 1, level=0, markup=marker, block=True)
    if int(kinds[start][1]) != 1:
        opening.attrs = {"start": int(kinds[start][1])}
    tokens.append(opening)
    first, tight, index = len(tokens), True, start
    while True:
        following = index + 1
        if following < len(kinds) and kinds[following][0] == "prose":
            return -1
        after = following  # an item runs to the next line that is not blank
        while after < len(kinds) and kinds[after][0] == "blank":
            after += 1
        tokens += [
            Token("list_item_open", "li", 1, map=[index, after], level=1, markup=marker, info=kinds[index][1], block=True),
            Token("paragraph_open", "p", 1, map=[index, index + 1], level=2, block=True),
            Token("inline", "", 0, map=[index, index + 1], level=3, content=kinds[index][3], children=[], block=True),
            Token("paragraph_close", "p", -1, level=2, block=True),
            Token("list_item_close", "li", -1, level=1, markup=marker, block=True),
        ]
        if after < len(kinds) and kinds[after][0] == "step" and kinds[after][2] == marker:
            tight = tight and after == following  # a blank line between steps makes the list loose
            index = after
            continue
        opening.map = [start, after]
        tokens.append(Token("ordered_list_close", "ol", -1, level=0, markup=marker, block=True))
        if tight:  # as markdown-it's markTightParagraphs
            for token in tokens[first:]:
                if token.type in ("paragraph_open", "paragraph_close"):
                    token.hidden = True
        return after
