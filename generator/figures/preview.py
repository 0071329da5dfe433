"""A standalone preview for editors: the page, thumbnail and card versions of one figure, light and dark."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .model import FigureMeta


def write_preview(meta: FigureMeta, title: str, alt: str, path: str | os.PathLike[str]) -> None:
    from .markup import svg

    page, thumb, card = (svg(meta, title=title, alt=alt, size=s) for s in ("page", "thumb", "card"))  # type: ignore[arg-type]
    html = f"""<!doctype html><html lang="en"><meta charset="utf-8"><title>Figure: {escape(title)}</title>
<style>{PREVIEW_CSS}</style>
<body><h1>{escape(title)}</h1><p class="alt">{escape(alt)}</p>
<div class="row">
<section class="light"><h2>Page</h2><div class="page">{page}</div><h2>Thumbnail</h2><div class="thumb">{thumb}</div><h2>Card row</h2><div class="card">{card}</div></section>
<section class="dark"><h2>Page, dark palette</h2><div class="page">{page}</div><h2>Thumbnail</h2><div class="thumb">{thumb}</div><h2>Card row</h2><div class="card">{card}</div></section>
</div></body></html>"""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(html)


PREVIEW_CSS = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; }
.row { display: flex; gap: 1.5rem; flex-wrap: wrap; }
section { padding: 1rem; border-radius: 8px; flex: 1 1 24rem; }
.light { color: #1f1f1f; background: #fff; --paper: #fff; }
.dark { color: #e2e4e9; background: #1e2129; --paper: #1e2129; }
section h2 { font-size: 0.9rem; margin: 1rem 0 0.4rem; }
.eg-fig {
  --eg-figure-paper: var(--paper);
  --eg-figure-far: color-mix(in srgb, currentColor 48%, var(--paper));
  --eg-figure-ghost: color-mix(in srgb, currentColor 20%, var(--paper));
  --eg-figure-prop: color-mix(in srgb, currentColor 40%, var(--paper));
  --eg-figure-prop-light: color-mix(in srgb, currentColor 12%, var(--paper));
  --eg-figure-accent: #e8590c;
}
.page .eg-fig { width: 100%; max-width: 30rem; height: auto; display: block; }
.thumb .eg-fig { width: 160px; height: auto; display: block; }
.card .eg-fig { width: 20mm; height: auto; display: block; }
"""
