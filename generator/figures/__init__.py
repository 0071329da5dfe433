"""Figures drawn from poses: a body posed by joint angles, placed on its contacts, drawn as SVG.

    from generator.figures import FigureMeta, check, svg, write_preview

See README.md beside this file for the format, the API and the markup to use on pages and cards.
"""

from __future__ import annotations

from .checks import check
from .markup import svg
from .model import FigureMeta
from .preview import write_preview

__all__ = ["FigureMeta", "check", "svg", "write_preview"]
