"""Reading Markdown bodies: the `## Steps` list, the title, the links, and what the page would show.

markdown-it (markdown.py) gives every block its source lines, so a flaw in a body has a line like any
other. Every stretch of a body that could render to HTML the sanitizer changes is rendered here, as the
page will render it, and judged (sanitize.py); a body that cannot (no '<', '[', fence or admonition)
is published as written by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from .markdown import heading_markup, may_change, may_need_cleaning, render, steps_markdown, tokenize
from .parse import Flaw
from .schema import LIMITS, placeholder_hint

_MARKER = re.compile(r"^\s{0,3}\d{1,9}[.)][ \t]?")
_OPENS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open", "admonition_open", "dl_open"})  # what nests
_CLOSES = frozenset(name.replace("_open", "_close") for name in _OPENS)


@dataclass(frozen=True, slots=True)
class Link:
    """A link or an image in a body: where it is, where it points."""

    line: int
    target: str
    image: bool = False  # an image (![alt](target)) rather than a link


@dataclass(frozen=True, slots=True)
class Prose:
    """A stretch of a body's Markdown, and the file line it starts on (for its problems)."""

    markdown: str = ""
    line: int = 0

    def __bool__(self) -> bool:
        return bool(self.markdown.strip())


@dataclass(frozen=True, slots=True)
class Body:
    text: Prose  # the Markdown; when steps were read, only what follows the Steps section
    title: str | None  # the text of the first '# ' heading
    steps: tuple[str, ...]
    links: tuple[Link, ...]
    intro: Prose = Prose()  # what precedes the Steps section
    steps_line: int = 0  # the file line of the first step


def read_body(text: str, first_line: int, *, with_steps: bool) -> tuple[Body, list[Flaw]]:
    flaws = _line_flaws(text, first_line)
    if flaws:  # a line too long to be prose: the body is not read further (it is what makes readers slow)
        return Body(Prose(text, first_line), None, (), ()), flaws
    tokens = tokenize(text)
    links: list[Link] = []
    title = None
    depth = 0
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in _OPENS:
            depth += 1
            if depth == LIMITS.nesting + 1:
                flaws.append(Flaw(line, f"lists and quotes are nested more than {LIMITS.nesting} deep here; flatten them"))
        elif token.type in _CLOSES:
            depth -= 1
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            if title is None and token.tag == "h1":
                title = inline.content.strip()
            if token.level == 0 and (markup := heading_markup(inline)):
                flaws.append(Flaw(line, f"a heading is shown as plain text: take the {_markup_name(markup[0])} out of it"))
        elif token.type == "inline":
            _links(token, line, links)
            if (hint := placeholder_hint(token.content)) is not None:
                flaws.append(Flaw(line, f"this text is a placeholder: {hint}"))
    steps: tuple[tuple[str, int], ...] = ()
    intro = Prose()
    body_text = Prose(text.strip(), first_line + _leading_blank_lines(text))
    if with_steps:
        steps, intro, body_text = _steps(tokens, text, first_line, flaws)
    if may_need_cleaning(text) and may_change(tokens):
        for prose in (intro, body_text):
            flaws += judge_prose(prose)
        if steps:
            flaws += judge_steps(tuple(step for step, _ in steps), steps[0][1])
    steps_line = steps[0][1] if steps else 0
    return Body(body_text, title, tuple(step for step, _ in steps), tuple(links), intro, steps_line), flaws


def judge_prose(prose: Prose) -> list[Flaw]:
    """What the sanitizer would change in a stretch of body, each at its line."""
    if not prose or not may_need_cleaning(prose.markdown):
        return []
    from . import sanitize  # nh3 and lexbor are loaded only for a body that needs them

    lines = prose.markdown.split("\n")
    flaws = []
    for part in render(prose.markdown):
        if part.html:
            part_lines = lines[part.line :]
            flaws += [_flaw(change, part_lines, prose.line + part.line) for change in sanitize.judge(part.html)[1]]
    return flaws


def judge_steps(steps: tuple[str, ...], line: int) -> list[Flaw]:
    """What the sanitizer would change in an exercise's steps, rendered as its page shows them."""
    from . import sanitize

    text = steps_markdown(steps)
    return [
        _flaw(change, text.split("\n"), line) for part in render(text) if part.html for change in sanitize.judge(part.html)[1]
    ]


def _flaw(change: Any, lines: list[str], first_line: int) -> Flaw:
    needle = change.needle.lower()
    offset = next((index for index, text in enumerate(lines) if needle and needle in text.lower()), 0)
    return Flaw(first_line + offset, change.message)


def _markup_name(token_type: str) -> str:
    names = {
        "link_open": "link",
        "image": "image",
        "html_inline": "HTML",
        "em_open": "emphasis",
        "strong_open": "bold text",
        "code_inline": "code",
    }
    return names.get(token_type, token_type.replace("_open", "").replace("_", " "))


def _line_flaws(text: str, first_line: int) -> list[Flaw]:
    if len(text) <= LIMITS.line:  # the common case: nothing can be too long
        return []
    return [
        Flaw(first_line + index, f"this line is {len(line):,} characters long; break it into lines of at most {LIMITS.line:,}")
        for index, line in enumerate(text.split("\n"))
        if len(line) > LIMITS.line
    ][:1]


def _leading_blank_lines(text: str) -> int:
    return len(text) - len(text.lstrip("\n")) if text.strip() else 0


def _links(token: Token, line: int, links: list[Link]) -> None:
    for child in token.children or ():
        if child.type in ("link_open", "image"):
            target = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
            links.append(Link(line, target, child.type == "image"))
        line += 1 if child.type in ("softbreak", "hardbreak") else child.content.count("\n")


# ---- the Steps section --------------------------------------------------------------------------


def _steps(
    tokens: list[Token], text: str, first_line: int, flaws: list[Flaw]
) -> tuple[tuple[tuple[str, int], ...], Prose, Prose]:
    """The items of the `## Steps` numbered list with their lines, and the body before and after that section."""
    whole = Prose(text.strip(), first_line + _leading_blank_lines(text))
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2") and t.level == 0]
    found = [i for i in headings if tokens[i].tag == "h2" and tokens[i + 1].content.strip().lower() == "steps"]
    if not found:
        flaws.append(Flaw(first_line, "the body needs a '## Steps' section: a numbered list of at least two steps"))
        return (), Prose(), whole
    for extra in found[1:]:
        flaws.append(Flaw(first_line + _line(tokens[extra]), "a second '## Steps' section; keep all steps in one list"))
    start = found[0]
    later = [i for i in headings if i > start]
    end = later[0] if later else len(tokens)
    heading_line = first_line + _line(tokens[start])
    section = [t for t in tokens[start + 3 : end] if t.level == 0 and t.nesting != -1]
    lists = [t for t in section if t.type == "ordered_list_open"]
    if not lists:
        kind = "a bulleted list" if any(t.type == "bullet_list_open" for t in section) else "no list"
        flaws.append(
            Flaw(heading_line, f"the '## Steps' section has {kind}; it needs a numbered list ('1. ...') of at least two steps")
        )
        return (), Prose(), whole
    others = [t for t in section if t.type != "ordered_list_open"]
    if len(lists) > 1 or others:
        stray = (lists[1:] + others)[0]
        flaws.append(
            Flaw(
                first_line + _line(stray),
                "the '## Steps' section may hold only its numbered list; put other text under a heading of its own",
            )
        )
    source = text.split("\n")
    items = [t for t in tokens[start:end] if t.type == "list_item_open" and t.level == 1]
    steps = tuple((_item_text(source[t.map[0] : t.map[1]]), first_line + t.map[0]) for t in items if t.map)
    if len(steps) < 2:
        flaws.append(Flaw(first_line + _line(lists[0]), f"the '## Steps' list has {len(steps)} step; give at least two"))
    elif len(steps) > LIMITS.steps:
        flaws.append(
            Flaw(first_line + _line(lists[0]), f"the '## Steps' list has {len(steps)} steps; at most {LIMITS.steps} are allowed")
        )
    section_end = _line(tokens[end]) if end < len(tokens) else len(source)
    before = "\n".join(source[: _line(tokens[start])])
    after = "\n".join(source[section_end:])
    return (
        steps,
        Prose(before.strip(), first_line + _leading_blank_lines(before)),
        Prose(after.strip(), first_line + section_end + _leading_blank_lines(after)),
    )


def _line(token: Token) -> int:
    return token.map[0] if token.map else 0


def _item_text(lines: list[str]) -> str:
    first = _MARKER.sub("", lines[0], count=1)
    rest = [line.strip() for line in lines[1:]]
    return "\n".join([first.strip(), *rest]).strip()
