"""What a run keeps on disk for the next one, in the cache folder beside mkdocs.yml
(`.cache/exercise-guide/`, config.cache_folder): solved figures (figures/kept.py) and parsed content
files (content/kept.py).

Nothing is kept unless a command names the folder (`validate`, `emit` and the MkDocs plugin do;
tests and previews make everything every time). Each kind of thing is kept under a digest of the
code that makes it, so a change to that code is a new folder and an old file is never read for it;
the first file this code writes removes what other code kept. A file that cannot be read or written
is no loss: the thing is made again."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

_FOLDER: ContextVar[Path | None] = ContextVar("kept_in", default=None)  # None: nowhere


def folder() -> Path | None:
    """The folder this run keeps things in, or None."""
    return _FOLDER.get()


def keep_in(folder: Path | None) -> None:
    """Keep things under `folder` from now on; None keeps nothing."""
    _FOLDER.set(folder)


@contextlib.contextmanager
def kept_in(folder: Path | None) -> Iterator[None]:
    """Keep things under `folder` while the block runs."""
    token = _FOLDER.set(folder)
    try:
        yield
    finally:
        _FOLDER.reset(token)


def code_digest(paths: Iterable[Path], salt: str = "") -> str:
    """A digest of source files (their names and bytes): what kept things depend on besides their own key."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        code = path.read_bytes()
        digest.update(f"{path.name}\0{len(code)}\0".encode() + code)
    return digest.hexdigest()


def store(path: Path, data: bytes) -> None:
    """Write `data` to `path` (in a folder named for the code's digest) whole or not at all, for a run
    beside this one. The folder's first file removes the folders other code kept beside it."""
    try:
        if not path.parent.is_dir():
            for older in path.parent.parent.glob("*"):
                shutil.rmtree(older, ignore_errors=True)
            path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        pass
