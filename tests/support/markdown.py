"""The fast reading of simple bodies (markdown.simple_block_tokens) against markdown-it's own parser."""

from __future__ import annotations

from typing import Any

from generator.content.markdown import parser, tokenize


def _block(tokens: list[Any]) -> list[dict[str, Any]]:
    return [{key: value for key, value in token.as_dict().items() if key != "children"} for token in tokens]


def same_tokens(text: str) -> bool:
    """Whether the body reader gives markdown-it's own block tokens for `text`, and its inline tokens
    wherever it parses inline (where a link or HTML may be)."""
    ours, theirs = tokenize(text), parser().parse(text)
    if _block(ours) != _block(theirs):
        return False
    return all(
        a.children == [] or [c.as_dict() for c in a.children] == [c.as_dict() for c in b.children or []]
        for a, b in zip(ours, theirs, strict=False)
        if a.type == "inline"
    )
