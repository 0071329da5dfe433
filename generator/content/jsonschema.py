"""`python -m generator schema exercise|routine`: the frontmatter as JSON Schema (draft 2020-12).

Made from the same pydantic models the checks run (schema.py), so the two cannot drift; the site
publishes the result at /schema/<kind>.json (site/schemas.py). Pydantic's raw output is
tidied where it would mislead an editor's tools: optional fields say "default": null although a
null is refused, names of Python classes appear as titles, and the rule "reps or time, not both"
is missing.

The schema describes one file on its own; what needs the rest of the guide (does this muscle id
exist in taxonomy.yml?) is checked only by `validate`.
"""

from __future__ import annotations

import json
from typing import Any

from . import kinds

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The names of the parts of a file, for the Python classes that define them.
DEF_NAMES = {
    "ImageMeta": "Image",
    "MusclesMeta": "Muscles",
    "ItemMeta": "RoutineItem",
    "TermMeta": "Term",
    **{f"{name}Meta": name for name in ("Figure", "Keyframe", "Limb", "Camera")},
}


def described() -> tuple[str, ...]:
    """The kinds whose files start with frontmatter, each with a schema."""
    return tuple(kind.name for kind in kinds.all_kinds() if kind.frontmatter)


# Models whose objects may give reps or time but not both (Dosage and its subclass ItemMeta).
REPS_OR_TIME = ("Dosage", "RoutineItem")


def path(kind: str) -> str:
    """Where the site publishes the schema of `kind`, relative to the site root."""
    return f"schema/{kind}.json"


def json_schema(kind: str, site_url: str | None = None) -> dict[str, Any]:
    """The schema of a `kind` file's frontmatter; its $id is its address on the site when known."""
    model = kinds.get(kind).model
    raw = _tidy(model.model_json_schema(ref_template="#/$defs/{model}"))
    defs = {DEF_NAMES.get(name, name): value for name, value in raw.pop("$defs", {}).items()}
    for name, definition in defs.items():
        definition["title"] = name
        if name in REPS_OR_TIME:
            definition["not"] = {"required": ["reps", "time"], "description": "give either reps or time, not both"}
    raw.pop("title", None)
    raw.pop("description", None)
    document: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": site_url.rstrip("/") + "/" + path(kind) if site_url else path(kind),
        "title": f"{kind.capitalize()} frontmatter",
        "description": f"{(model.__doc__ or '').strip()} Made from the checks of `python -m generator validate`, "
        "which also checks what one file cannot show, such as whether every id exists; see CONTRIBUTING.md.",
        "type": raw.pop("type", "object"),
        **raw,
    }
    if defs:
        document["$defs"] = defs
    return document


def json_text(kind: str, site_url: str | None = None) -> str:
    return json.dumps(json_schema(kind, site_url), indent=2, ensure_ascii=False) + "\n"


def _tidy(node: Any) -> Any:
    """Drop "default": null and the titles pydantic makes up from field names; rename the $refs."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidied: dict[str, Any] = {}
    for key, value in node.items():
        if key == "default" and value is None:
            continue
        if key == "properties" and isinstance(value, dict):
            tidied[key] = {name: _without_made_up_title(name, _tidy(prop)) for name, prop in value.items()}
        elif key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
            name = value[len("#/$defs/") :]
            tidied[key] = "#/$defs/" + DEF_NAMES.get(name, name)
        else:
            tidied[key] = _tidy(value)
    return tidied


def _without_made_up_title(name: str, prop: Any) -> Any:
    if isinstance(prop, dict) and prop.get("title") == name.replace("_", " ").title():
        prop = {key: value for key, value in prop.items() if key != "title"}
    return prop
