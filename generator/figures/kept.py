"""Solved figures kept on disk between runs, in the cache folder beside mkdocs.yml (where the shared
images are kept too, and Material keeps its plugins' caches).

They are in `solved/<the code's digest>/`; the first run of other code removes what earlier code kept.

Solving the 30 shipped figures (placing each body on its contacts) is about a third of a second:
a quarter of `python -m generator validate` at 889 exercises, and with the drawing half a second of
a build. What is kept is what comes out of the solver: each figure's findings (what validate reports)
and each drawing (the SVG of one size, title and alt text). Keys are made of the figure as validated,
what the drawing was asked for and the source of this package, so a change to the solver or to the
drawing is a new key and an old file is never read for it.

Whether and where anything is kept is generator/kept.py's switch (`kept_in`); tests and previews
solve every time. A file that cannot be read or written is no loss: the figure is solved again."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from .. import kept


def recall(kind: str, key: str, make: Callable[[], str]) -> str:
    """The text made by `make` for `key`, read from the folder when it was kept there, else made and kept."""
    where = kept.folder()
    if where is None:
        return make()
    source = _source()
    name = hashlib.sha256(f"{source}\n{kind}\n{key}".encode()).hexdigest()
    path = where / "solved" / source[:16] / f"{kind}-{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        pass
    text = make()
    kept.store(path, text.encode("utf-8"))
    return text


@functools.cache
def _source() -> str:
    """A digest of this package's code: what the findings and the drawings depend on besides the figure."""
    return kept.code_digest(sorted(Path(__file__).parent.glob("*.py")))
