"""Parsed content files kept on disk between runs, in the cache folder beside mkdocs.yml (with the
solved figures, generator/figures/kept.py, and under the same switch: `figures.kept.kept_in`).

Reading and checking each file on its own (YAML, the frontmatter's model, the Markdown body) is most
of what `python -m generator validate` does: 0.75 of its 1.2 s at 889 exercises. An editor runs it
after changing one or two files, so each file's result is kept under a digest of what it was made
from: the file's bytes, its kind, the ids that exist (`Known`: the taxonomy's terms, the exercises,
the media) and the source of the generator and of the extensions in use. Any change to those is
another key; what other code kept is removed by the first run of this code. Results are kept in one
pickle per content folder (1.2 MB at 889 exercises; loading it takes 40 ms). A file that cannot be
read or written costs nothing: the content is parsed again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import extensions
from ..figures import kept as figures_kept

_FORMAT = 1  # of the pickle's dict, besides the code's digest


class KeptParses:
    """The kept results of one content folder: a key (bytes) per file, and what parsing it gave."""

    def __init__(self, folder: Path, content: str):
        code = _source()
        name = hashlib.sha256(os.path.abspath(content).encode()).hexdigest()[:16]
        self.path = folder / "parsed" / code[:16] / f"{name}.pickle"
        self.read: dict[str, tuple[bytes, Any]] = {}
        self.now: dict[str, tuple[bytes, Any]] = {}  # this run's: what to write back
        self.changed = False
        try:
            with open(self.path, "rb") as stream:
                kept = pickle.load(stream)
            if isinstance(kept, dict) and kept.get("format") == _FORMAT and isinstance(kept.get("files"), dict):
                self.read = kept["files"]
        except Exception:  # missing, partial, from another Python: parse again
            self.read = {}

    def recall(self, rel: str, key: bytes, parse: Callable[[], Any]) -> Any:
        kept = self.read.get(rel)
        if kept is not None and kept[0] == key:
            self.now[rel] = kept
            return kept[1]
        result = parse()
        self.now[rel] = (key, result)
        self.changed = True
        return result

    def save(self) -> None:
        """Write this run's results, when they differ from what was read (files gone are dropped)."""
        if not self.changed and self.now.keys() == self.read.keys():
            return
        try:
            if not self.path.parent.is_dir():  # this code's first: what earlier code kept is never read again
                for older in self.path.parent.parent.glob("*"):
                    if older.is_dir():
                        for file in older.iterdir():
                            file.unlink(missing_ok=True)
                        older.rmdir()
                self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")
            with open(partial, "wb") as stream:
                pickle.dump({"format": _FORMAT, "files": self.now}, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)  # whole or not at all, for a run beside this one
        except (OSError, pickle.PicklingError):
            pass


def for_content(content: str) -> KeptParses | None:
    """The kept results for `content`, when this run keeps anything (figures.kept.kept_in)."""
    folder = figures_kept.folder()
    return KeptParses(folder, content) if folder is not None else None


def known_key(known: Any) -> bytes | None:
    """A digest of the ids that exist, the same in every process (frozensets print in no fixed order);
    None when an extension adds facts of its own, which are not kept."""
    if known.extra:
        return None
    terms = sorted((name, sorted(ids) if ids is not None else None) for name, ids in known.terms.items())
    text = repr((terms, sorted(known.exercises), sorted(known.media)))
    return hashlib.sha256(text.encode()).digest()


def _source() -> str:
    """A digest of the generator's code and of the extensions in use: what parsing depends on besides the file."""
    return _digest(tuple(extensions.loaded))


@functools.cache
def _digest(extension_names: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{sys.version}\0".encode())
    package = Path(__file__).resolve().parent.parent
    paths = sorted(package.rglob("*.py"))
    paths += [Path(file) for name in extension_names if (file := getattr(sys.modules.get(name), "__file__", None))]
    for path in paths:
        code = path.read_bytes()
        digest.update(f"{path}\0{len(code)}\0".encode() + code)
    return digest.hexdigest()
