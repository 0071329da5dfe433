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

from .markdown import heading_markup, may_need_cleaning, parser, render, render_inline
from .parse import Flaw
from .schema import LIMITS, placeholder_hint

_MARKER = re.compile(r"^\s{0,3}\d{1,9}[.)][ \t]?")
_OPENS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open", "admonition_open", "dl_open"})  # what nests
_CLOSES = frozenset(name.replace("_open", "_close") for name in _OPENS)


@dataclass(frozen=True, slots=True)
class Link:
    line: int
    target: str
    image: bool


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


def read_body(text: str, first_line: int, *, with_steps: bool) -> tuple[Body, list[Flaw]]:
    flaws = _line_flaws(text, first_line)
    if flaws:  # a line too long to be prose: the body is not read further (it is what makes readers slow)
        return Body(Prose(text, first_line), None, (), ()), flaws
    tokens = parse(text)
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
        for step, line in steps:
            flaws += judge_step(step, line)
    return Body(body_text, title, tuple(step for step, _ in steps), tuple(links), intro), flaws


def parse(text: str) -> list[Token]:
    """markdown-it's tokens of a body; simple bodies (most of them) are tokenised by `simple_block_tokens`."""
    md = parser()
    tokens = simple_block_tokens(text)
    if tokens is None:
        return md.parse(text)
    env: dict[str, object] = {}
    for index, token in enumerate(tokens):
        # A heading with any markup is read whole: a heading is shown as plain text, and says so.
        heading = index > 0 and tokens[index - 1].type == "heading_open" and _HEADING_MARKUP.search(token.content)
        if token.type == "inline" and (heading or _INLINE_NEEDED.search(token.content)):
            token.children = []
            md.inline.parse(token.content, md, env, token.children)
    return tokens


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
    from .sanitize import plain_url

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


def judge_step(step: str, line: int) -> list[Flaw]:
    if not may_need_cleaning(step):
        return []
    from . import sanitize

    return [_flaw(change, step.split("\n"), line) for change in sanitize.judge(render_inline(step))[1]]


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


# Inline tokens are read for their links ('[', '<') and placeholders; text without any of these has
# nothing for the inline parser to find (placeholders are read from the token's own text).
_INLINE_NEEDED = re.compile(r"[\[<]")
_HEADING_MARKUP = re.compile(r"[*_`\[<&\\!~]")


def _links(token: Token, line: int, links: list[Link]) -> None:
    for child in token.children or ():
        if child.type in ("link_open", "image"):
            target = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
            links.append(Link(line, target, child.type == "image"))
        line += 1 if child.type in ("softbreak", "hardbreak") else child.content.count("\n")


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
