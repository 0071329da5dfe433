"""Reading Markdown bodies: the `## Steps` list, the links, and the HTML policy.

markdown-it gives every block its source lines, so a flaw in a body has a line like any other.
The site itself is rendered later by MkDocs; this only reads structure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt
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
    return md


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
    flaws += _html_flaws(_CODE_SPAN.sub(_blank, token.content), line)
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
