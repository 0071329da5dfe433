"""A standalone preview for editors: the page, thumbnail and card versions of one figure, light and dark.

`python -m generator figure NAME` writes it (see `run`); the file needs nothing else to open.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .model import FigureMeta


def write_preview(meta: FigureMeta, title: str, alt: str, path: str | os.PathLike[str], problems: Sequence[str] = ()) -> None:
    """An HTML file showing the figure as a page, a list and a printed card show it, in both palettes;
    `problems` (lines of text) are listed above it."""
    from .markup import svg

    page = svg(meta, title=title, alt=alt, size="page")
    thumb = base64.b64encode(svg(meta, title=title, alt=alt, size="thumb").encode("utf-8")).decode("ascii")
    card = svg(meta, title=title, alt=alt, size="card")
    listed = "".join(f"<li>{escape(line)}</li>" for line in problems)
    warning = f'<section class="problems"><h2>Problems</h2><ul>{listed}</ul></section>' if problems else ""

    def palette(name: str, label: str) -> str:
        return (
            f'<section class="{name}"><h2>{label}: page</h2><div class="page">{page}</div>'
            f'<h2>List thumbnail (an &lt;img&gt;)</h2><img class="thumb" alt="" src="data:image/svg+xml;base64,{thumb}">'
            '<h2>Routine card row (20 mm)</h2><div class="card"><span '
            f'class="card-figure">{card}</span><b>{escape(title)}</b></div></section>'
        )

    html = (
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Figure: {escape(title)}</title><style>{PREVIEW_CSS}</style>'
        f'<body><h1>{escape(title)}</h1><p class="alt">{escape(alt)}</p>{warning}'
        f'<div class="row">{palette("light", "Light")}{palette("dark", "Dark")}</div></body></html>'
    )
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(html)


# The custom properties a page sets for its figures (see README.md): here for the two palettes.
PREVIEW_CSS = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; }
.row { display: flex; gap: 1.5rem; flex-wrap: wrap; }
section { padding: 1rem; border-radius: 8px; flex: 1 1 24rem; }
.light { color: #1f1f1f; background: #fff; --paper: #fff; }
.dark { color: #e2e4e9; background: #1e2129; --paper: #1e2129; }
.problems { background: #fff4e5; color: #5c3b00; }
section h2 { font-size: 0.9rem; margin: 1rem 0 0.4rem; }
.eg-fig {
  --eg-figure-paper: var(--paper);
  --eg-figure-far: color-mix(in srgb, currentColor 64%, var(--paper));
  --eg-figure-ghost: color-mix(in srgb, currentColor 24%, var(--paper));
  --eg-figure-prop: color-mix(in srgb, currentColor 42%, var(--paper));
  --eg-figure-prop-light: color-mix(in srgb, currentColor 11%, var(--paper));
  --eg-figure-accent: #e8590c;
}
.page .eg-fig { width: 100%; max-width: 30rem; height: auto; display: block; }
img.thumb { width: 160px; height: auto; display: block; border-radius: 4px; }
.card { display: flex; align-items: center; gap: 3mm; }
.card-figure .eg-fig { width: 20mm; height: auto; display: block; }
"""
