"""`python -m generator new exercise|routine "Name"`: a new content file from a template.

The templates (archetypes/, as in Hugo) hold every field with a hint, and a "TODO: ..." placeholder
wherever only the editor can decide; `validate` reports each placeholder left, with what to write.
The ids an editor may use are listed in the new file's comments, read from the guide itself.
"""

from __future__ import annotations

import os
import string
import textwrap
from importlib import resources
from pathlib import Path

import yaml

from . import urls
from .parse import Unreadable, decode, load_yaml
from .schema import VOCABULARIES, slugify

KINDS = ("exercise", "routine")
COMMENT_WIDTH = 100


class ScaffoldError(Exception):
    """The file cannot be made; the message says why and what to do."""


def template(kind: str) -> string.Template:
    return string.Template(resources.files(__package__).joinpath("archetypes", f"{kind}.md").read_text(encoding="utf-8"))


def text(kind: str, name: str, content: str | os.PathLike[str] = "content") -> str:
    """The new file's text: the template with the name and the ids of the guide in `content`."""
    root = Path(content)
    ids = _vocabularies(root / "taxonomy.yml")
    ids["exercises"] = sorted(path.stem for path in (root / "exercises").glob("*.md"))
    values = {name: _id_list(name, ids.get(name)) for name in (*VOCABULARIES, "exercises")}
    return template(kind).substitute(values, name=_yaml_text(name))


def new(kind: str, name: str, content: str | os.PathLike[str] = "content") -> str:
    """Write the scaffold of a new `kind` called `name`; returns its path. Never overwrites."""
    if kind not in KINDS:
        raise ScaffoldError(f"there is no template for '{kind}': choose one of {', '.join(KINDS)}")
    name = " ".join(name.split())
    if not name.isprintable():
        raise ScaffoldError(f"the name {name!r} holds control characters: type it as plain text")
    slug = slugify(name)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from {name!r}: give a name with letters or digits, like \"Side plank\"")
    folder = f"{kind}s"
    if slug in urls.RESERVED[folder]:
        raise ScaffoldError(f"'{slug}' is reserved for a page the site makes itself: choose another name")
    if not Path(content).is_dir():
        raise ScaffoldError(f"there is no content folder '{content}' here (give another with --content)")
    path = os.path.join(content, folder, f"{slug}.md")
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
    return {name: sorted(map(str, data[name])) for name in VOCABULARIES if isinstance(data.get(name), dict)}


def _id_list(name: str, ids: list[str] | None) -> str:
    if not ids:
        return f"none yet (see content/{'exercises/' if name == 'exercises' else 'taxonomy.yml'})"
    indent = "#   " + " " * (len(name) + 2)
    return textwrap.fill(", ".join(ids), COMMENT_WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)[len(indent) :]


def _yaml_text(value: str) -> str:
    """`value` as a YAML scalar: as it is when YAML reads it back unchanged, else in double quotes."""
    try:
        plain = yaml.safe_load(f"name: {value}") == {"name": value}
    except yaml.YAMLError:
        plain = False
    if plain and "#" not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
