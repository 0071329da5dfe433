"""bodies.py makes the block tokens of simple bodies itself (a large guide is thousands of them);
they must be the very tokens markdown-it makes. tests/test_import.py compares the two on real data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import bodies
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
    assert bodies.simple_block_tokens(text) is not None
    assert same_tokens(text)
    assert bodies.simple_block_tokens("## Steps\n\n- a bullet\n") is None
