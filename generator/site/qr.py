"""QR codes for printed routine cards, drawn at build time as inline SVG (no image files, no script).

A card pinned to a wall leads back to its page: phones read the code from the paper.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

# Medium error correction survives a crease or a smudge and keeps the code small for a URL.
ERROR = "m"
# The quiet zone readers need around the code, in modules; 4 is what the standard asks for.
QUIET_ZONE = 4


def svg(text: str, *, title: str | None = None) -> Markup:
    """The QR code of `text` as an `<svg>` without width and height: its size comes from CSS."""
    code = segno.make(text, error=ERROR, micro=False)
    return Markup(code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="eg-qr", lineclass=None, title=title))
