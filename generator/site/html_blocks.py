"""Raw HTML blocks, handed to MkDocs as they are.

Python-Markdown passes a raw HTML block through untouched, but finds where it ends by parsing it tag
by tag, and MkDocs parses it again for anchors: that was half of MkDocs' Markdown work on these pages,
whose cards, facts and content (rendered by the generator) are HTML. The plugin lets MkDocs see a
placeholder comment for each such block and puts the block back into the page's HTML (`emit` writes
the pages as they are). Only blocks whose extent is beyond doubt are taken: one block-level element
from a line after a blank line (or the start) to its own end tag before a blank line (or the end), and
none that holds an anchor (id=, name=), a comment, raw text (script, style, pre, textarea) or Markdown
(md_in_html's markdown=). A page with a fenced block is left whole: an extension may read fences, and
a placeholder inside a code block would come out as text.
"""

from __future__ import annotations

import re

_BLOCK_TAGS = (
    "div",
    "ul",
    "ol",
    "dl",
    "p",
    "section",
    "figure",
    "form",
    "table",
    "nav",
    "header",
    "footer",
    "aside",
    "article",
    "details",
    "blockquote",
)
_BLOCK_START = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")[\s>]")
_RAW_TEXT = ("<!--", "<![", "<?", "<script", "<style", "<pre", "<textarea")
_ANCHOR = re.compile(r"(?:id|name|markdown)\s*=")  # data-id= too: a block is at worst left to Python-Markdown
_PLACEHOLDER = re.compile(r"<!--eg-html (\d+)-->")


def hide_html_blocks(text: str) -> tuple[str, list[str]]:
    """The page with its plain HTML blocks replaced by placeholders, and the blocks, in order."""
    if "<!--eg-html " in text or "```" in text or "~~~" in text:  # leave it all to Python-Markdown
        return text, []
    blocks: list[str] = []
    chunks = text.split("\n\n")
    for index, chunk in enumerate(chunks):
        start = _BLOCK_START.match(chunk) if chunk[:1] == "<" else None
        if start is None or not chunk.endswith(f"</{start[1]}>"):
            continue
        lowered = chunk.lower()  # HTML's tag and attribute names are read without case
        if any(mark in lowered for mark in _RAW_TEXT) or _ANCHOR.search(lowered) or not _one_element(lowered, start[1]):
            continue
        chunks[index] = f"<!--eg-html {len(blocks)}-->"
        blocks.append(chunk)
    return ("\n\n".join(chunks), blocks) if blocks else (text, [])


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda match: blocks[int(match[1])], html)


def _one_element(chunk: str, tag: str) -> bool:
    """Whether the element that opens `chunk` closes at its very end (and not before)."""
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[\s>/]", chunk):  # '<div/>' counts as opening: at worst not taken
        depth += -1 if found[1] else 1
        if depth == 0:
            return found.end() == len(chunk)
    return False
