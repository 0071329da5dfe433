"""`python -m generator new exercise|routine "Name"`: a new content file from its kind's template.

The templates (content/archetypes/, as in Hugo) hold every field with a hint, and a "TODO: ..."
placeholder wherever only the editor can decide; `validate` reports each placeholder left, with what
to write. The ids an editor may use are listed in the new file's comments, read from the guide itself.
"""

from __future__ import annotations

import os
import string
import textwrap
from importlib import resources
from pathlib import Path

from ..content import kinds, vocabularies
from ..content.parse import Unreadable, decode, load_yaml, yaml_scalar
from ..content.schema import slugify

COMMENT_WIDTH = 100


class ScaffoldError(Exception):
    """The file cannot be made; the message says why and what to do."""


def template(kind: kinds.ContentKind) -> string.Template:
    assert kind.archetype is not None
    return string.Template(
        resources.files("generator.content").joinpath("archetypes", kind.archetype).read_text(encoding="utf-8")
    )


def text(kind: kinds.ContentKind, name: str, content: str | os.PathLike[str] = "content") -> str:
    """The new file's text: the template with the name and the ids of the guide in `content`."""
    root = Path(content)
    ids = _vocabularies(root / kinds.TAXONOMY_FILE)
    ids["exercises"] = sorted(path.stem for path in (root / kinds.EXERCISE.folder).glob("*.md"))
    values = {name: _id_list(name, ids.get(name)) for name in (*vocabularies.ids(), "exercises")}
    return template(kind).safe_substitute(values, name=yaml_scalar(name))


def new(kind_name: str, name: str, content: str | os.PathLike[str] = "content") -> str:
    """Write the scaffold of a new `kind_name` called `name`; returns its path. Never overwrites."""
    choices = {kind.name: kind for kind in kinds.with_archetype()}
    kind = choices.get(kind_name)
    if kind is None:
        raise ScaffoldError(f"there is no template for '{kind_name}': choose one of {', '.join(choices)}")
    name = " ".join(name.split())
    if not name.isprintable():
        raise ScaffoldError(f"the name {name!r} holds control characters: type it as plain text")
    slug = slugify(name)
    if not slug:
        raise ScaffoldError(f'cannot make a file name from {name!r}: give a name with letters or digits, like "Side plank"')
    if slug in kind.reserved:
        raise ScaffoldError(f"'{slug}' is reserved for a page the site makes itself: choose another name")
    if not Path(content).is_dir():
        raise ScaffoldError(f"there is no content folder '{content}' here (give another with --content)")
    path = os.path.join(content, kind.folder, f"{slug}.md")
    body = text(kind, name, content)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(body)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: edit that file, or choose another name") from None
    return path


def _vocabularies(path: Path) -> dict[str, list[str]]:
    try:
        data = load_yaml(decode(path.read_bytes()), what="taxonomy").data
    except (OSError, Unreadable):
        return {}
    return {name: sorted(map(str, data[name])) for name in vocabularies.ids() if isinstance(data.get(name), dict)}


def _id_list(name: str, ids: list[str] | None) -> str:
    if not ids:
        return f"none yet (see content/{'exercises/' if name == 'exercises' else kinds.TAXONOMY_FILE})"
    indent = "#   " + " " * (len(name) + 2)
    return textwrap.fill(", ".join(ids), COMMENT_WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)[
        len(indent) :
    ]
