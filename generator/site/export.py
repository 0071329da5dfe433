"""The data output: /exercises.json, every record with stable field names, for reuse by other tools
(and by the site's own scripts).

Generic over the content kinds: each kind with a `json_key` is listed under it, each record as its
frontmatter model dumps itself (mode "json": types such as reps and media paths say how they are
written), with the renames below, the record's id, URL and source, and the facts derived from other
files. The field names are documented in README.md ("Data for reuse"); a change to them is a new
VERSION.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from ..content import kinds, vocabularies
from . import words
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog

PATH = "exercises.json"
VERSION = 2
# Field names in the data that differ from the frontmatter's, to say their unit.
RENAMES = {
    "hold": "hold_seconds",
    "time": "time_seconds",
    "rest": "rest_seconds",
    "rest_between_rounds": "rest_between_rounds_seconds",
}
# Frontmatter fields the data gives in another form: a routine's items, resolved, stand for its exercises as written.
OMITTED = {"routine": frozenset({"exercises"})}


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    yield SiteFile(PATH, text(catalog, site))


def data(catalog: Catalog, site: Site) -> dict[str, Any]:
    """The document, as data."""
    document: dict[str, Any] = {"version": VERSION, "site_url": site.settings.site_url}
    for kind in kinds.all_kinds():
        if kind.json_key:
            document[kind.json_key] = [_entry(kind, record, catalog, site) for record in catalog.records[kind.name].values()]
    document["taxonomy"] = _taxonomy(catalog)
    return document


def text(catalog: Catalog, site: Site) -> str:
    """The document as `json.dumps(data(...), ensure_ascii=False, indent=1)` writes it, each record's part
    remembered (Site.remember): under `mkdocs serve`, an edit dumps its own record again, not all of them
    (that was 0.16 s of every rebuild at 889 exercises). A test in tests/site/test_site_build.py holds the two equal."""
    parts = [f" {_dumped(key)}: {_dumped(value)}" for key, value in (("version", VERSION), ("site_url", site.settings.site_url))]
    for kind in kinds.all_kinds():
        if kind.json_key:
            slugs = catalog.records[kind.name]
            records = [site.remember(("data", kind.name, slug), partial(_record_text, kind, slug, site)) for slug in slugs]
            listed = "[\n" + ",\n".join(records) + "\n ]" if records else "[]"
            parts.append(f" {_dumped(kind.json_key)}: {listed}")
    parts.append(f' "taxonomy": {_dumped(_taxonomy(catalog))}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _record_text(kind: kinds.ContentKind, slug: str, site: Site, catalog: Catalog) -> str:
    """One record's entry, indented as an item of the document's list (JSON strings hold no line breaks)."""
    entry = _entry(kind, catalog.records[kind.name][slug], catalog, site)
    return "  " + json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _dumped(value: Any) -> str:
    """A value one level down in the document."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")


def _entry(kind: kinds.ContentKind, record: Any, catalog: Catalog, site: Site) -> dict[str, Any]:
    extra: Callable[[Catalog, Any], dict[str, Any]] = _EXTRAS.get(kind.name, _no_extras)
    return _record(kind, record, site) | extra(catalog, record)


def _taxonomy(catalog: Catalog) -> dict[str, Any]:
    return {
        v.id: [{"id": term.id, "name": term.name, "description": term.description} for term in catalog.vocabulary(v.id).values()]
        for v in vocabularies.all_vocabularies()
    }


def _record(kind: kinds.ContentKind, record: Any, site: Site) -> dict[str, Any]:
    fields = set(kind.model.model_fields) - OMITTED.get(kind.name, frozenset())
    dumped = _renamed(record.model_dump(mode="json", include=fields))
    return {"id": record.slug, "url": site.page_url(kind.page(record.slug)), **dumped, "source": f"content/{record.source}"}


def _renamed(value: Any) -> Any:
    if isinstance(value, dict):
        return {RENAMES.get(key, key): _renamed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item) for item in value]
    return value


def _dosage(dosage: Any) -> dict[str, Any] | None:
    if dosage is None:
        return None
    return {**_renamed(dosage.model_dump(mode="json")), "text": words.dosage(dosage)}


def _exercise(catalog: Catalog, exercise: Any) -> dict[str, Any]:
    return {
        "dosage": _dosage(exercise.dosage),
        "steps": list(exercise.steps),
        "easier": list(catalog.easier[exercise.slug]),  # both ways: what this file says, and what others say of it
        "harder": list(catalog.harder[exercise.slug]),
        "routines": list(catalog.used_in[exercise.slug]),
    }


def _routine(catalog: Catalog, routine: Any) -> dict[str, Any]:
    derived = {v.id: list(catalog.terms(routine, v.id)) for v in vocabularies.all_vocabularies() if not hasattr(routine, v.field)}
    return {
        **derived,
        "estimated_seconds": routine.seconds(),
        "items": [{"exercise": item.exercise, "dosage": _dosage(item.dosage), "note": item.note} for item in routine.items],
    }


def _no_extras(catalog: Catalog, record: Any) -> dict[str, Any]:
    return {}


_EXTRAS: dict[str, Callable[[Any, Any], dict[str, Any]]] = {"exercise": _exercise, "routine": _routine}
__all__ = ["PATH", "VERSION", "data", "produce", "text"]
