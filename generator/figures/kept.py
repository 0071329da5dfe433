"""Solved figures kept on disk between runs, in the cache folder beside mkdocs.yml (where the shared
images are kept too, and Material keeps its plugins' caches).

They are in `solved/<the code's digest>/`; the first run of other code removes what earlier code kept.

Solving the 30 shipped figures (placing each body on its contacts) is about a third of a second:
a quarter of `python -m generator validate` at 889 exercises, and with the drawing half a second of
a build. What is kept is what comes out of the solver: each figure's findings (what validate reports)
and each drawing (the SVG of one size, title and alt text). Keys are made of the figure as validated,
what the drawing was asked for and the source of this package, so a change to the solver or to the
drawing is a new key and an old file is never read for it.

Nothing is kept unless a command names the folder (`validate`, `emit` and the MkDocs plugin do; tests
and previews solve every time). A file that cannot be read or written is no loss: the figure is
solved again."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

_FOLDER: ContextVar[Path | None] = ContextVar("figures_kept_in", default=None)  # None: nowhere


def folder() -> Path | None:
    """The folder this run keeps things in (parsed content too: generator/content/kept.py), or None."""
    return _FOLDER.get()


def keep_in(folder: Path | None) -> None:
    """Keep figures under `folder` (in its `solved/` folder) from now on; None keeps nothing."""
    _FOLDER.set(folder)


@contextlib.contextmanager
def kept_in(folder: Path | None) -> Iterator[None]:
    """Keep figures under `folder` while the block runs."""
    token = _FOLDER.set(folder)
    try:
        yield
    finally:
        _FOLDER.reset(token)


def recall(kind: str, key: str, make: Callable[[], str]) -> str:
    """The text made by `make` for `key`, read from the folder when it was kept there, else made and kept."""
    folder = _FOLDER.get()
    if folder is None:
        return make()
    source = _source()
    name = hashlib.sha256(f"{source}\n{kind}\n{key}".encode()).hexdigest()
    path = folder / "solved" / source[:16] / f"{kind}-{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        pass
    text = make()
    try:
        if not path.parent.is_dir():  # this code's first: what earlier code kept is never read again
            for older in path.parent.parent.glob("*"):
                shutil.rmtree(older, ignore_errors=True)
            path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)  # whole or not at all, for a build running beside this one
    except OSError:
        pass
    return text


@functools.cache
def _source() -> str:
    """A digest of this package's code: what the findings and the drawings depend on besides the figure."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        code = path.read_bytes()
        digest.update(f"{path.name}\0{len(code)}\0".encode() + code)
    return digest.hexdigest()
