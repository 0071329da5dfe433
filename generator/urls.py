"""Where every page lives: the source path MkDocs sees for it (its URL follows) — one place for all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import VOCABULARIES

if TYPE_CHECKING:
    from .records import Guide

# Pages the generator makes itself; a content file may not take their names.
RESERVED = {
    "exercises": frozenset({"index"}),
    "routines": frozenset({"index", "print"}),
    "guides": frozenset({"index"}),
}
TERM_RESERVED = frozenset({"index"})

HOME = "index.md"
EXERCISES = "exercises/index.md"
ROUTINES = "routines/index.md"
BOOKLET = "routines/print.md"
GUIDES = "guides/index.md"
JSON = "exercises.json"


def exercise(slug: str) -> str:
    return f"exercises/{slug}.md"


def routine(slug: str) -> str:
    return f"routines/{slug}.md"


def article(slug: str) -> str:
    return f"guides/{slug}.md"


def vocabulary(name: str) -> str:
    return f"{name}/index.md"


def term(vocabulary_name: str, term_id: str) -> str:
    return f"{vocabulary_name}/{term_id}.md"


def generated_pages() -> frozenset[str]:
    """The fixed index pages, which exist whatever the content."""
    return frozenset({EXERCISES, ROUTINES, BOOKLET, GUIDES, *(vocabulary(name) for name in VOCABULARIES)})


def nav(guide: Guide) -> list:
    """The site's navigation. Exercise, routine and term pages stay out of it: Material renders the
    whole nav into every page, so a nav of thousands of exercises costs time and bytes squared."""
    return [
        {"Home": HOME},
        {"Guides": [GUIDES, *(article(slug) for slug in guide.articles)]},
        {"Exercises": [EXERCISES, *(vocabulary(name) for name in VOCABULARIES)]},
        {"Routines": [ROUTINES, BOOKLET]},
    ]


# For builders without the plugin: the pages that are deliberately not in the nav (gitignore style).
NOT_IN_NAV = "\n".join(["/exercises/", "/routines/", *(f"/{name}/" for name in VOCABULARIES)])
