"""Figures drawn from poses: a body posed by joint angles, placed on its contacts, drawn as SVG.

    from generator.figures import FigureMeta, check, svg, write_preview

See README.md beside this file for the format, the API and the markup to use on pages and cards.

The four names are loaded when first asked for (PEP 562): `validate` reads figures through
`model` and never draws one, and drawing (markup, draw) was a tenth of its imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checks import check
    from .markup import svg
    from .model import FigureMeta
    from .preview import write_preview

__all__ = ["FigureMeta", "check", "svg", "write_preview"]

_HOMES = {"FigureMeta": "model", "check": "checks", "svg": "markup", "write_preview": "preview"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
