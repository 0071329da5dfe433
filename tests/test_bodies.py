"""bodies.py makes the block tokens of simple bodies itself (a large guide is thousands of them);
they must be the very tokens markdown-it makes. tests/test_import.py compares the two on real data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_core import block

from generator import bodies

LINES = ["", "", "## Steps", "# Title", "### Sub", "1. Do this.", "2. Then that.", "10. Ten", "1) Paren", "3) x", "Plain text.", "More text",
         "Éclair", "7. TODO later", "1. a [link](x.md)", "Text with `code` and <b>", "#nospace", "####### seven", "1.  two spaces",
         " 1. indented", "- bullet", "> quote", "---", "===", "<div>", "Text  ", "1. ", "123456789. big", "1234567890. too big",
         "a | b", "| --- |", "[ref]: /x", "\tTab", "## Heading ##", "2. Item\twith tab", "Ünïcödé", "2. 3. nested", "Done\\"]


def markdown_it_alone() -> object:
    md = bodies._parser()
    md.core.ruler.at("block", block)  # markdown-it's own rule instead of the simple bodies' one
    return md


def same_tokens(text: str, md: object) -> bool:
    return [t.as_dict() for t in bodies._MD.parse(text)] == [t.as_dict() for t in md.parse(text)]  # type: ignore[attr-defined]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=10).map("\n".join), st.booleans())
def test_simple_bodies_give_markdown_its_own_tokens(text: str, final_newline: bool) -> None:
    assert same_tokens(text + "\n" * final_newline, markdown_it_alone())


def test_simple_bodies_make_thesame_tokens_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokens are made field by field while markdown-it's Token has the fields bodies.py knows, else by
    Token(...): both give markdown-it's own tokens."""
    text = "## Steps\n\n1. Lie down.\n2. Lift [the](x.md) hips.\n\n3. Lower.\n\nThen rest.\n"
    md = markdown_it_alone()
    assert bodies._SET_FIELDS and same_tokens(text, md)
    monkeypatch.setattr(bodies, "_SET_FIELDS", False)
    assert same_tokens(text, md)
