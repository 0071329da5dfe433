"""Which files content/ holds, found without ever reading or following a way out of it.

A link (symlink) under content/ may point to another file inside content/; one that leads outside it,
to nothing, or round in a circle is a problem with the link's own path, and nothing behind it is read
or published. `emit` copies the files found here, and only those.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field


@dataclass
class Found:
    """The files of a content folder, as posix paths relative to it."""

    top: list[str] = field(default_factory=list)  # entries directly in content/, files and folders
    files: dict[str, list[str]] = field(default_factory=dict)  # folder -> its files, recursively, sorted
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


def scan(root: str, folders: tuple[str, ...]) -> Found:
    """The entries of `root`, and every file under each of `folders` (those that exist)."""
    found = Found()
    real_root = os.path.realpath(root)
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if not _inside(entry.path, real_root, entry.name, found):
            continue
        found.top.append(entry.name)
        if entry.name in folders and os.path.isdir(entry.path):
            found.files[entry.name] = sorted(_walk(entry.path, entry.name, real_root, found, {os.path.realpath(entry.path)}))
    return found


def _walk(path: str, rel: str, real_root: str, found: Found, seen: set[str]) -> list[str]:
    files = []
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as error:
        found.problems.append((rel, f"this folder cannot be read ({error.strerror})"))
        return []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_rel = f"{rel}/{entry.name}"
        if not _inside(entry.path, real_root, entry_rel, found):
            continue
        if entry.is_dir():
            real = os.path.realpath(entry.path)
            if real in seen:
                found.problems.append((entry_rel, "this link leads back to a folder it is in (a loop); remove it"))
                continue
            files += _walk(entry.path, entry_rel, real_root, found, seen | {real})
        elif entry.is_file():
            files.append(entry_rel)
        else:
            found.problems.append((entry_rel, "not a file or folder (a device, socket or pipe); remove it"))
    return files


def _inside(path: str, real_root: str, rel: str, found: Found) -> bool:
    """Whether `path` may be read: not a link, or a link to something that exists inside content/."""
    if not os.path.islink(path):
        return True
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            found.problems.append((rel, "this link leads round in a circle (a loop); remove it"))
        else:
            found.problems.append(
                (rel, f"this link points to '{os.readlink(path)}', which does not exist; put the file itself here")
            )
        return False
    real = os.path.realpath(path)
    if real != real_root and not real.startswith(real_root + os.sep):
        found.problems.append((rel, f"this link points outside content/ (to '{os.readlink(path)}'); put the file itself here"))
        return False
    return True
