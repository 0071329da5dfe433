"""Parsed content files kept on disk between runs, in the cache folder beside mkdocs.yml (with the
solved figures, generator/figures/kept.py, and under the same switch: generator/kept.py).

Reading and checking each file on its own (YAML, the frontmatter's model, the Markdown body) is most
of what `python -m generator validate` does: 0.75 of its 1.2 s at 889 exercises. An editor runs it
after changing one or two files, so each file's result is kept under a digest of what it was made
from: the file's bytes, its kind, the ids that exist (`Known`: the taxonomy's terms, the exercises,
the media) and the source of the generator and of the extensions in use. Any change to those is
another key. Results are kept in one pickle per content folder (1.2 MB at 889 exercises; loading it
takes 40 ms), read at the first file to parse: a `mkdocs serve` rebuild that has every file in memory
never opens it. A file that cannot be read or written costs nothing: the content is parsed again.
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

from .. import extensions, kept

_FORMAT = 1  # of the pickle's dict, besides the code's digest


class KeptParses:
    """The kept results of one content folder: a key (bytes) per file, and what parsing it gave."""

    def __init__(self, folder: Path, content: str):
        name = hashlib.sha256(os.path.abspath(content).encode()).hexdigest()[:16]
        self.path = folder / "parsed" / _source()[:16] / f"{name}.pickle"
        self.read: dict[str, tuple[bytes, Any]] | None = None  # what an earlier run kept, once opened
        self.now: dict[str, tuple[bytes, Any]] = {}  # this run's: what to write back
        self.changed = False  # a file was parsed

    def recall(self, rel: str, key: bytes, parse: Callable[[], Any]) -> Any:
        if self.read is None:
            self.read = _read(self.path)
        found = self.read.get(rel)
        if found is not None and found[0] == key:
            self.now[rel] = found
            return found[1]
        result = parse()
        self.now[rel] = (key, result)
        self.changed = True
        return result

    def save(self) -> None:
        """Write this run's results, when it parsed anything (files gone are dropped)."""
        if self.read is None or (not self.changed and self.now.keys() == self.read.keys()):
            return
        try:
            data = pickle.dumps({"format": _FORMAT, "files": self.now}, protocol=pickle.HIGHEST_PROTOCOL)
        except pickle.PicklingError:
            return
        kept.store(self.path, data)


def _read(path: Path) -> dict[str, tuple[bytes, Any]]:
    try:
        with open(path, "rb") as stream:
            found = pickle.load(stream)
    except Exception:  # missing, partial, from another Python: parse again
        return {}
    if isinstance(found, dict) and found.get("format") == _FORMAT and isinstance(found.get("files"), dict):
        files: dict[str, tuple[bytes, Any]] = found["files"]
        return files
    return {}


def for_content(content: str, known: Any) -> tuple[KeptParses, bytes] | None:
    """The kept results for `content` and the key of the ids that exist, when this run keeps anything
    (generator/kept.py) and the ids can be keyed."""
    folder = kept.folder()
    known_key = _known_key(known)
    if folder is None or known_key is None:
        return None
    return KeptParses(folder, content), known_key


def _known_key(known: Any) -> bytes | None:
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
    package = Path(__file__).resolve().parent.parent
    paths = sorted(package.rglob("*.py"))
    paths += [Path(file) for name in extension_names if (file := getattr(sys.modules.get(name), "__file__", None))]
    return kept.code_digest(paths, salt=sys.version)
