"""markdown.py makes the block tokens of simple bodies itself (a large guide is thousands of them);
they must be the very tokens markdown-it makes. tests/test_import.py compares the two on real data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.markdown import may_change, simple_block_tokens, tokenize
from support.markdown import same_tokens

LINES = [
    "",
    "",
    "## Steps",
    "# Title",
    "### Sub",
    "1. Do this.",
    "2. Then that.",
    "10. Ten",
    "1) Paren",
    "3) x",
    "Plain text.",
    "More text",
    "Éclair",
    "7. TODO later",
    "1. a [link](x.md)",
    "Text with `code` and <b>",
    "#nospace",
    "####### seven",
    "1.  two spaces",
    " 1. indented",
    "- bullet",
    "> quote",
    "---",
    "===",
    "<div>",
    "Text  ",
    "1. ",
    "123456789. big",
    "1234567890. too big",
    "a | b",
    "| --- |",
    "[ref]: /x",
    "\tTab",
    "## Heading ##",
    "2. Item\twith tab",
    "Ünïcödé",
    "2. 3. nested",
    "Done\\",
    "!!! note",
    "Term",
    ": definition",
    "[^1]: a note",
    "Text[^1]",
    "```",
    "~~~",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=10).map("\n".join), st.booleans())
def test_simple_bodies_give_markdown_its_own_tokens(text: str, final_newline: bool) -> None:
    assert same_tokens(text + "\n" * final_newline)


def test_a_simple_body_is_read_without_markdown_its_block_parser() -> None:
    text = "## Steps\n\n1. Lie down.\n2. Lift [the](x.md) hips.\n\n3. Lower.\n\nThen rest.\n"
    assert simple_block_tokens(text) is not None
    assert same_tokens(text)
    assert simple_block_tokens("## Steps\n\n- a bullet\n") is None


PIECES = [
    "Text ",
    "*em* ",
    "`code` ",
    "[a](b.md) ",
    "[a](../x/y.md#z) ",
    "[a](https://example.org/p?q=1) ",
    "[a](mailto:x@y.z) ",
    "[a](javascript:x) ",
    "[a](java\tscript:x) ",
    "[a](//evil.example/) ",
    "![i](../media/a.svg) ",
    "![i](https://e.org/a.png) ",
    "<b>b</b> ",
    "<img src=x onerror=y> ",
    "<https://example.org> ",
    "&amp; ",
    "&#106; ",
    "\\* ",
    "[^1] ",
    "\n\n[^1]: note\n\n",
    "\n\n```\ncode\n```\n\n",
    "\n\n```py\ncode\n```\n\n",
    "\n\n!!! note\n    x\n\n",
    "\n\n- item\n",
    "\n\n> quote\n",
    "\n\n| a |\n|---|\n| b |\n\n",
    "\n\n## Head\n\n",
    "[a](<x y.md>) ",
    "[a](%6Aavascript:x) ",
    "[a](HTTPS://E.ORG) ",
    "[r]\n\n[r]: data:text/html,x\n\n",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_a_body_left_unjudged_renders_to_what_the_sanitizer_keeps(text: str) -> None:
    """The shortcut that spares most bodies the sanitizer (markdown.may_change) never lets through a body
    the sanitizer would change."""
    from generator.content import markdown, sanitize

    if may_change(tokenize(text)):
        return
    for part in markdown.render(text):
        if part.html:
            assert sanitize.judge(part.html)[1] == [], (text, part.html)


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        ("See the [plank](plank.md) and [a site](https://example.org/a?b=1#c).", False),
        ("![A figure](../media/plank.svg)\n\n- a list\n\n> a quote", False),
        ("A <b>bold</b> word.", True),
        ("[x](javascript:alert(1))", True),
        ("![x](https://example.org/x.png)", True),
        ("```python\ncode\n```", True),
        ("!!! note\n    Text.", True),
    ],
)
def test_only_what_may_change_is_judged(text: str, judged: bool) -> None:
    assert may_change(tokenize(text)) is judged


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*LINES, "Text with \\* and &amp; and `code`", "*em* and **strong**", "1. Step with \\[x\\]"]),
        max_size=10,
    ).map("\n".join)
)
def test_simple_bodies_render_as_markdown_it_renders_them(text: str) -> None:
    """The pages render bodies from the same tokens: the HTML is markdown-it's own."""
    from generator.content.markdown import parser, render

    assert "".join(part.html for part in render(text) if part.heading is None) == _markdown_it_html(parser(), text)


def _markdown_it_html(md: object, text: str) -> str:
    """markdown-it's HTML of `text`, without the top-level headings (render() gives those apart)."""
    env: dict[str, object] = {}
    tokens = md.parse(text, env)  # type: ignore[attr-defined]
    kept, skip = [], 0
    for token in tokens:
        if skip:
            skip -= 1
            continue
        if token.type == "heading_open" and token.level == 0:
            skip = 2
            continue
        kept.append(token)
    return md.renderer.render(kept, md.options, env)  # type: ignore[attr-defined]
