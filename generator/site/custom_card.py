"""The reader's own card (/routines/custom/): its address, and the data its page carries.

A reader's card lives in its address, so that it can be bookmarked, sent, or reopened from the QR code
printed on it, with no server. The address is a query string, version 1:

    ?v=1&n=Morning&f=after-run-basics&r=2&b=60&x=glute-bridge.1x10h2,plank.3x30s,clamshell

- `v`: the version of this format (1);
- `n`: the title, as text; left out when it is the default (the `f` routine's name, else "My card");
- `f`: the routine the card was made from; the card then prints that routine's summary, level, goals
  and notes, as the routine's own card does;
- `r`: rounds (1 when left out); `b`: seconds of rest between rounds (none when left out);
- `x`: the exercises in order, `id` or `id.dosage`; a bare id stands for the exercise's own dosage.
  A dosage is `[sets x][reps | low-high | seconds s][h hold][r rest][p]`: `2x8h5p` is 2 × 8/side with a
  5 s hold, `3x30sr60` is 3 × 30 s with 60 s rest, `1x8-12` is 1 × 8–12, `h20` is a 20 s hold.

This module writes addresses (the Customize link of each routine page is one, made here at build
time); the page's script (card.js) reads and writes the same format, and tests hold the two together.
The script never trusts an address: it reads it against the limits and the exercises this module
puts into the page (`builder_data`), and says what it left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup

from ..content import kinds
from ..content.schema import LIMITS, SECONDS_PER_REP, Dosage
from . import paths, words

if TYPE_CHECKING:
    from ..content.records import Catalog, Routine
    from .context import Site

VERSION = 1
SLUG = "custom"  # the builder's page among the routine kind's own pages: /routines/custom/
LONG_AFTER = 8  # past this many exercises a card is tighter and shows one cue an exercise (as _card.md says)
CUES = 2  # cues a card shows for an exercise; one on a long card
# What encodeURIComponent leaves as it is; Python's quote keeps letters, digits and "_.-~" besides.
_TITLE_SAFE = "-_.!~*'()"
# JSON's own escapes for what could end a <script> element or start a comment in it.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True, slots=True)
class Card:
    """A card as its address holds it."""

    title: str
    items: Sequence[tuple[str, Dosage | None]]  # (exercise id, its dosage; None: the exercise's own)
    rounds: int = 1
    rest_between_rounds: int | None = None
    routine: str | None = None  # the id of the routine it was made from
    default_title: str = "My card"  # the title `n` may leave out


def dosage_code(dosage: Dosage) -> str:
    """A dosage as the address writes it: Dosage(sets=2, reps=(8, 8), hold=5, per_side=True) -> '2x8h5p'."""
    code = f"{dosage.sets}x" if dosage.sets else ""
    if dosage.reps is not None:
        low, high = dosage.reps
        code += str(low) if low == high else f"{low}-{high}"
    elif dosage.time is not None:
        code += f"{dosage.time}s"
    if dosage.hold is not None:
        code += f"h{dosage.hold}"
    if dosage.rest is not None:
        code += f"r{dosage.rest}"
    if dosage.per_side:
        code += "p"
    return code


def title_code(title: str) -> str:
    """The title as encodeURIComponent writes it, with '+' for a space (as forms and URLSearchParams do)."""
    return quote(title, safe=_TITLE_SAFE).replace("%20", "+")


def address(card: Card) -> str:
    """The query string of a card, without its '?'."""
    parts = [f"v={VERSION}"]
    if card.title != card.default_title:
        parts.append(f"n={title_code(card.title)}")
    if card.routine:
        parts.append(f"f={card.routine}")
    if card.rounds != 1:
        parts.append(f"r={card.rounds}")
    if card.rest_between_rounds:
        parts.append(f"b={card.rest_between_rounds}")
    items = (exercise if dosage is None else f"{exercise}.{dosage_code(dosage)}" for exercise, dosage in card.items)
    parts.append("x=" + ",".join(items))
    return "&".join(parts)


def routine_address(routine: Routine) -> str:
    """The address of a routine's card in the builder (its Customize link): every item with its resolved dosage."""
    return address(
        Card(
            routine.name,
            [(item.exercise, item.dosage) for item in routine.items],
            routine.rounds,
            routine.rest_between_rounds,
            routine.slug,
            routine.name,
        )
    )


def builder_data(catalog: Catalog, site: Site, href: Any) -> dict[str, Any]:
    """What the builder's script reads: limits, words it needs, the exercises and the routines.

    Each exercise is a row of `fields` rather than an object, to keep the page light with a thousand
    exercises (the keys would be a third of it). Only what a card prints is given: the first cues, the
    default dosage as an address writes it, the equipment's ids (their names once, under `equipment`)
    and whether it has a figure (1 or 0).
    """
    exercise_url = href(paths.exercise("eg-id")).replace("eg-id", "{id}")
    figure_url = href(paths.figure("eg-id")).replace("eg-id", "{id}")
    rows = [
        [
            slug,
            ex.name,
            dosage_code(ex.dosage) if ex.dosage else None,
            list(ex.equipment),
            list(ex.cues[:CUES]),
            int(ex.figure is not None),
        ]
        for slug, ex in catalog.exercises.items()
    ]
    routines = [
        {
            "id": slug,
            "name": routine.name,
            "summary": routine.summary,
            "level": words.LEVEL_NAMES[routine.level],
            "goals": [catalog.term("goals", goal).name for goal in routine.goals],
            "notes": [[item.exercise, item.note] for item in routine.items],
        }
        for slug, routine in catalog.routines.items()
    ]
    return {
        "version": VERSION,
        "title": default_title(),
        "address": site.absolute_url(page()),  # for the QR code; None without a site_url
        "path": site.page_url(page()),  # printed in its place
        "limits": {
            "items": LIMITS.routine_items,
            "sets": LIMITS.sets,
            "rounds": LIMITS.rounds,
            "reps": LIMITS.reps,
            "hold": LIMITS.hold,
            "time": LIMITS.time,
            "rest": LIMITS.rest,
            "name": LIMITS.name,
        },
        "seconds_per_rep": SECONDS_PER_REP,
        "long_after": LONG_AFTER,
        "cues": CUES,
        "exercise_url": exercise_url,
        "figure_url": figure_url,  # an exercise's figure as a file of its own (the lists'), for the card's column
        "equipment": {term.id: term.name for term in catalog.vocabulary("equipment").values()},
        "fields": ["id", "name", "dosage", "equipment", "cues", "figure"],
        "exercises": rows,
        "routines": routines,
    }


def page() -> str:
    return paths.extra(kinds.ROUTINE.name, SLUG)


def default_title() -> str:
    """A card's title when the reader gives none: the builder page's own title."""
    return kinds.ROUTINE.extra_pages[SLUG][1]


def script_json(value: Any) -> Markup:
    """JSON to put inside <script type="application/json">: nothing in it can end the element or open a
    comment there, whatever the content's text holds ('</script>', '<!--')."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_ESCAPES))
