"""Reading Markdown bodies: the `## Steps` list, the links, and the HTML policy.

markdown-it gives every block its source lines, so a flaw in a body has a line like any other.
The site itself is rendered later by MkDocs; this only reads structure.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, block
from markdown_it.token import Token

from .parse import Flaw
from .schema import placeholder_hint

FORBIDDEN_TAGS = frozenset({"script", "iframe", "object", "embed"})
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# Python-Markdown's attr_list turns `{ onclick="..." }` into real attributes.
_ATTR_LIST_HANDLER = re.compile(r"\{[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_ATTR_LIST_SCRIPT_URL = re.compile(r"\{[^{}\n]*(javascript|vbscript):", re.IGNORECASE)
_MARKER = re.compile(r"^\s{0,3}\d{1,9}[.)][ \t]?")
# A Markdown link to a script (`[a](javascript:`, `[a]: javascript:`, `<javascript:`), spaces taken out.
_UNSAFE_LINK = re.compile(r"(?:\]\(<?|\]:|<)(javascript:|vbscript:|data:text/html)", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Link:
    line: int
    target: str
    image: bool


@dataclass(frozen=True, slots=True)
class Body:
    text: str  # the Markdown; when steps were read, only what follows the Steps section
    title: str | None  # the text of the first '# ' heading
    steps: tuple[str, ...]
    links: tuple[Link, ...]
    intro: str = ""  # what precedes the Steps section


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Python-Markdown (which renders the site) keeps javascript: links; so must the reader that judges them.
    md.validateLink = lambda url: True
    md.core.ruler.at("block", _block)
    md.core.ruler.at("inline", _inline_where_needed)
    # A guide links to the same few pages and sites again and again, and normalising a URL (mdurl, punycode)
    # costs more than reading the rest of its line; the result depends on the URL alone.
    md.normalizeLink = functools.lru_cache(maxsize=4096)(md.normalizeLink)
    return md


# Inline tokens are read for their links (`[`, `<`) and attribute lists (`{`, or one spelt as an entity,
# `&`); text without any of these has nothing for `_inline` to find in it.
_INLINE_NEEDED = re.compile(r"[\[<{&]")


def _inline_where_needed(state: StateCore) -> None:
    """markdown-it's own core rule 'inline', for the inline tokens that can hold what is checked: it
    was a third of reading a body, and most lines of a guide (steps, cues) are plain text."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if _INLINE_NEEDED.search(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


# ---- simple bodies ------------------------------------------------------------------------------
# Most bodies are headings, numbered steps of one line and paragraphs of prose. For those, markdown-it's
# block parser, which tries every block rule on every line, was two thirds of reading a large guide; the
# tokens it would make are made here directly, the same in every field. A body with any other kind of
# line, or with a line whose reading depends on the one before (prose right after a step continues the
# step; a step right after prose may not start a list), goes to markdown-it's own rule.
# tests/test_import.py compares the two on every content file it has and on random bodies.

_HEADING = re.compile(r"(#{1,6}) ([^\W_][^#]*)")  # no '#' in the title: no closing sequence to take off
_STEP = re.compile(r"(\d{1,9})([.)]) ([^\W\d_].*)")  # one space after the marker, then prose
_PROSE = re.compile(r"[^\W\d_]")  # a line that starts with a letter opens no block but a paragraph


def _block(state: StateCore) -> None:
    tokens = simple_block_tokens(state.src)
    if tokens is None:
        block(state)
    else:
        state.tokens.extend(tokens)


def simple_block_tokens(src: str) -> list[Token] | None:
    """markdown-it's block tokens for a body of simple lines only, or None for any other body."""
    lines = src.split("\n")
    if src.endswith("\n"):
        lines.pop()
    kinds = [_line_kind(line) for line in lines]
    if None in kinds:
        return None
    tokens: list[Token] = []
    index = 0
    while index < len(lines):
        kind = kinds[index]
        if kind[0] == "blank":
            index += 1
        elif kind[0] == "heading":
            tag, markup = f"h{len(kind[1])}", kind[1]
            tokens += [
                _token("heading_open", tag, 1, [index, index + 1], 0, markup=markup),
                _token("inline", "", 0, [index, index + 1], 1, content=kind[2].strip()),
                _token("heading_close", tag, -1, None, 0, markup=markup),
            ]
            index += 1
        elif kind[0] == "prose":
            start = index
            while index < len(lines) and kinds[index][0] == "prose":
                index += 1
            if index < len(lines) and kinds[index][0] != "blank":
                return None
            tokens += [
                _token("paragraph_open", "p", 1, [start, index], 0),
                _token("inline", "", 0, [start, index], 1, content="\n".join(lines[start:index])),
                _token("paragraph_close", "p", -1, None, 0),
            ]
        else:
            index = _steps_list(kinds, index, tokens)
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
    opening = _token("ordered_list_open", "ol", 1, None, 0, markup=marker)
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
            _token("list_item_open", "li", 1, [index, after], 1, markup=marker, info=kinds[index][1]),
            _token("paragraph_open", "p", 1, [index, index + 1], 2),
            _token("inline", "", 0, [index, index + 1], 3, content=kinds[index][3]),
            _token("paragraph_close", "p", -1, None, 2),
            _token("list_item_close", "li", -1, None, 1, markup=marker),
        ]
        if after < len(kinds) and kinds[after][0] == "step" and kinds[after][2] == marker:
            tight = tight and after == following  # a blank line between steps makes the list loose
            index = after
            continue
        opening.map = [start, after]
        tokens.append(_token("ordered_list_close", "ol", -1, None, 0, markup=marker))
        if tight:  # as markdown-it's markTightParagraphs
            for token in tokens[first:]:
                if token.type in ("paragraph_open", "paragraph_close"):
                    token.hidden = True
        return after


# Token's own __init__ (a dataclass's, with default factories and a __post_init__) was a fifth of reading
# a simple body. Its fields are set here directly, as long as they are the fields this code knows.
_TOKEN_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info", "meta", "block", "hidden")
_SET_FIELDS = tuple(field.name for field in dataclasses.fields(Token)) == _TOKEN_FIELDS


def _token(kind: str, tag: str, nesting: int, where: list[int] | None, level: int, *, content: str = "", markup: str = "", info: str = "") -> Token:
    children = [] if kind == "inline" else None
    if not _SET_FIELDS:
        return Token(kind, tag, nesting, map=where, level=level, children=children, content=content, markup=markup, info=info, block=True)
    token = Token.__new__(Token)
    token.type, token.tag, token.nesting, token.attrs, token.map, token.level = kind, tag, nesting, {}, where, level
    token.children, token.content, token.markup, token.info, token.meta, token.block, token.hidden = children, content, markup, info, {}, True, False
    return token


_MD = _parser()


def read_body(text: str, first_line: int, *, with_steps: bool) -> tuple[Body, list[Flaw]]:
    tokens = _MD.parse(text)
    flaws: list[Flaw] = []
    links: list[Link] = []
    title = None
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            flaws += _html_flaws(token.content, line)
        elif token.type in ("fence", "code_block"):
            # Python-Markdown reads a fence as Markdown unless an extension says otherwise, and it indents
            # code in lists differently: what is code to CommonMark may be live HTML on the site.
            flaws += _code_flaws(token.content, line + (token.type == "fence"))
        elif token.type == "heading_open" and token.tag == "h1" and title is None:
            title = tokens[index + 1].content.strip()
        elif token.type == "inline":
            _inline(token, line, flaws, links)
            if (hint := placeholder_hint(token.content)) is not None:
                flaws.append(Flaw(line, f"this text is a placeholder: {hint}"))
    steps: tuple[str, ...] = ()
    intro = ""
    if with_steps:
        steps, intro, text = _steps(tokens, text, first_line, flaws)
    return Body(text, title, steps, tuple(links), intro), flaws


def _inline(token: Token, line: int, flaws: list[Flaw], links: list[Link]) -> None:
    # All the raw text, not only what CommonMark calls HTML: Python-Markdown and browsers take more as a
    # tag (`<img src="x"onerror=...>`). Only code spans stay text everywhere.
    flaws += _html_flaws(_CODE_SPAN.sub(_blank, token.content) if "`" in token.content else token.content, line)
    plain: list[tuple[int, str]] = []
    for child in token.children or ():
        if child.type in ("link_open", "image"):
            target = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
            if _unsafe_url(target):
                flaws.append(Flaw(line, f"a '{target.split(':')[0]}:' link is not allowed"))
            links.append(Link(line, target, child.type == "image"))
        elif child.type == "text":
            plain.append((line, child.content))
        line += 1 if child.type in ("softbreak", "hardbreak") else child.content.count("\n")
    for at, content in plain:
        flaws += _attr_list_flaws(content, at)


def _attr_list_flaws(text: str, line: int) -> list[Flaw]:
    flaws = []
    if _ATTR_LIST_HANDLER.search(text):
        flaws.append(Flaw(line, "event-handler attributes (onclick= and the like) are not allowed"))
    if _ATTR_LIST_SCRIPT_URL.search(text):
        flaws.append(Flaw(line, "'javascript:' URLs are not allowed"))
    return flaws


def _code_flaws(code: str, first_line: int) -> list[Flaw]:
    """The policy for the raw text of a code block, line by line; never parsed again, so that code
    nested in code cannot make the reading slow."""
    flaws = _html_flaws(code, first_line)
    for line, text in enumerate(code.split("\n"), first_line):
        flaws += _attr_list_flaws(text, line)
        if unsafe := _UNSAFE_LINK.search(_CONTROL.sub("", html.unescape(text))):
            flaws.append(Flaw(line, f"a '{unsafe[1].split(':')[0]}:' link is not allowed"))
    return flaws


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def _unsafe_url(url: str) -> bool:
    return _CONTROL.sub("", url).lower().startswith(_UNSAFE_SCHEMES)


class _Policy(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.flaws: list[Flaw] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.first_line + self.getpos()[0] - 1
        if tag in FORBIDDEN_TAGS:
            self.flaws.append(Flaw(line, f"<{tag}> is not allowed in content; raw HTML may only lay out text"))
        for name, value in attrs:
            if name.startswith("on"):
                self.flaws.append(Flaw(line, f"the event-handler attribute '{name}' is not allowed"))
            elif value and _unsafe_url(value):
                self.flaws.append(Flaw(line, f"'{value.split(':')[0].strip()}:' URLs are not allowed (in {name}=)"))

    handle_startendtag = handle_starttag


def _html_flaws(html: str, line: int) -> list[Flaw]:
    if "<" not in html:  # no tag, nothing to judge; most text has none, and the parser is slow to start
        return []
    policy = _Policy(line)
    policy.feed(html)
    if policy.rawdata.startswith("<"):
        # A tag left open at the end would take in the page's next '>'; judge it as if closed here.
        policy.feed(">")
    policy.close()
    return policy.flaws


def _steps(tokens: list[Token], text: str, first_line: int, flaws: list[Flaw]) -> tuple[tuple[str, ...], str, str]:
    """The items of the `## Steps` numbered list, and the body before and after that section."""
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2")]
    found = [i for i in headings if tokens[i].tag == "h2" and tokens[i + 1].content.strip().lower() == "steps"]
    if not found:
        flaws.append(Flaw(first_line, "the body needs a '## Steps' section: a numbered list of at least two steps"))
        return (), "", text
    for extra in found[1:]:
        flaws.append(Flaw(first_line + tokens[extra].map[0], "a second '## Steps' section; keep all steps in one list"))
    start = found[0]
    later = [i for i in headings if i > start]
    end = later[0] if later else len(tokens)
    heading_line = first_line + tokens[start].map[0]
    section = [t for t in tokens[start + 3 : end] if t.level == 0 and t.nesting != -1]
    lists = [t for t in section if t.type == "ordered_list_open"]
    if not lists:
        kind = "a bulleted list" if any(t.type == "bullet_list_open" for t in section) else "no list"
        flaws.append(Flaw(heading_line, f"the '## Steps' section has {kind}; it needs a numbered list ('1. ...') of at least two steps"))
        return (), "", text
    others = [t for t in section if t.type != "ordered_list_open"]
    if len(lists) > 1 or others:
        stray = (lists[1:] + others)[0]
        flaws.append(Flaw(first_line + stray.map[0], "the '## Steps' section may hold only its numbered list; put other text under a heading of its own"))
    source = text.split("\n")
    items = [t for t in tokens[start:end] if t.type == "list_item_open" and t.level == 1]
    steps = tuple(_item_text(source[t.map[0] : t.map[1]]) for t in items)
    if len(steps) < 2:
        flaws.append(Flaw(first_line + lists[0].map[0], f"the '## Steps' list has {len(steps)} step; give at least two"))
    section_end = tokens[end].map[0] if end < len(tokens) else len(source)
    return steps, "\n".join(source[: tokens[start].map[0]]).strip(), "\n".join(source[section_end:]).strip()


def _item_text(lines: list[str]) -> str:
    first = _MARKER.sub("", lines[0], count=1)
    rest = [line.strip() for line in lines[1:]]
    return "\n".join([first.strip(), *rest]).strip()
