"""The search output: search/names.json, what the site's search box knows exactly, for the search
worker (theme/assets/javascripts/workers/guide-search.js).

Material's full-text index finds words anywhere; this one holds only names, aliases and terms, so
that the search can put the exercise whose name or alias a reader typed first, and list a muscle's
exercises before those that merely mention it. The worker ranks it and merges its results ahead of
Material's. Everything it knows of vocabularies comes from here (and so from the vocabulary
registry): the worker spells none out.

Kept small (it is fetched before the first result): exercises as lists, terms by position, and each
kind of address written once as a pattern, "*" standing for the slug or id. The shape, by key:

    v   format version (VERSION)
    l   level names, by position: an exercise's level is its position here
    x   where an exercise page lives: "exercises/*/"
    f   where an exercise's list picture lives: "figures/*.svg"
    t   the vocabularies, in registry order, each
        [noun ("Muscle"), address pattern of its term pages, [[id, name], ...], text for none or null]
        where the last, when given, asks for the exercise's terms of that vocabulary on its result
        ("Beginner · Mat, Ball"), or that text when it has none ("Beginner · No equipment")
    e   the exercises, in display order: [slug, name, aliases, level, figure (1 or 0), terms], where
        terms holds, per vocabulary in the order of t, [main, also]: positions in its term list, the
        main role's (primary muscles; all of a vocabulary without roles) and the others'

Names go in as written: the worker escapes them before they reach the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..content import vocabularies
from ..content.records import terms_of
from ..content.schema import LEVELS
from . import paths, words
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog, Exercise

VERSION = 2
PATH = "search/names.json"
SCRIPT_PATH = "search/names.js"  # the same, as a script, in the offline copy
# The vocabularies a result line names, with what it says when an exercise has none of their terms.
IN_RESULTS = {vocabularies.EQUIPMENT.id: "No equipment"}
_SLOT = "\x00"  # stands for a slug, to find where a slug sits in an address; no slug or id holds it


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    text = json.dumps(name_index(catalog, site), ensure_ascii=False, separators=(",", ":"))
    yield SiteFile(PATH, text)
    if site.settings.offline:
        # Opened from file://, a page can run a script but fetch no file (the worker then reads this one):
        # JSON is JavaScript (line separators in strings included, since ES2019).
        yield SiteFile(SCRIPT_PATH, f"self.__guideSearchNames = {text};\n")


def name_index(catalog: Catalog, site: Site) -> dict[str, Any]:
    listed = vocabularies.all_vocabularies()
    positions = {v.id: {term_id: n for n, term_id in enumerate(catalog.vocabulary(v.id))} for v in listed}

    def terms(exercise: Exercise) -> list[list[list[int]]]:
        made = []
        for v in listed:
            main = terms_of(exercise, v.id, main=True)
            also = [t for t in terms_of(exercise, v.id) if t not in main]
            made.append([[positions[v.id][t] for t in main], [positions[v.id][t] for t in also]])
        return made

    return {
        "v": VERSION,
        "l": [words.LEVEL_NAMES[level] for level in LEVELS],
        "x": _pattern(site.page_url(paths.exercise(_SLOT))),
        "f": _pattern(paths.figure(_SLOT)),
        "t": [
            [
                v.noun[:1].upper() + v.noun[1:],
                _pattern(site.page_url(paths.term(v.id, _SLOT))),
                [[term.id, term.name] for term in catalog.vocabulary(v.id).values()],
                IN_RESULTS.get(v.id),
            ]
            for v in listed
        ],
        "e": [
            [slug, ex.name, list(ex.aliases), LEVELS.index(ex.level), int(ex.figure is not None), terms(ex)]
            for slug, ex in catalog.exercises.items()
        ],
    }


def _pattern(address: str) -> str:
    """'exercises/\\x00/' -> 'exercises/*/'."""
    assert address.count(_SLOT) == 1, address
    return address.replace(_SLOT, "*")
