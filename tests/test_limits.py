"""Every limit of the format is written once (schema.LIMITS) and shown where editors and their tools
look: CONTRIBUTING.md's table and the JSON Schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content import jsonschema
from generator.content.schema import LIMITS

REPO = Path(__file__).resolve().parent.parent

# CONTRIBUTING.md's rows, by the start of their first cell, and the limit each states.
ROWS = {
    "`name` of an exercise": LIMITS.name,
    "a guide's `title`": LIMITS.title,
    "`summary`": LIMITS.summary,
    "a term's `description`": LIMITS.description,
    "each cue": LIMITS.cue,
    "a routine item's `note`": LIMITS.note,
    "`aliases`": LIMITS.aliases,
    "`cues`": LIMITS.cues,
    "`images`": LIMITS.images,
    "ids in one list": LIMITS.terms,
    "`easier`, `harder`": LIMITS.variations,
    "items of a routine": LIMITS.routine_items,
    "`sets`": LIMITS.sets,
    "`rounds`": LIMITS.rounds,
    "`reps`": LIMITS.reps,
    "`hold`": LIMITS.hold,
    "`time`": LIMITS.time,
    "`rest`, `rest_between_rounds`": LIMITS.rest,
    "steps": LIMITS.steps,
    "a content file": LIMITS.file_bytes,
    "a line of a body": LIMITS.line,
    "lists and quotes": LIMITS.nesting,
    "terms in one vocabulary": LIMITS.vocabulary_terms,
    "an image in": LIMITS.media_bytes,
}


def contributing_rows() -> dict[str, int]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Limits", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| ([\d,]+)[^|]*\|$", section, re.M)
    return {what: int(number.replace(",", "")) for what, number in rows}


def test_contributing_states_every_limit_as_the_code_has_it() -> None:
    rows = contributing_rows()
    assert len(rows) == len(ROWS) == len(LIMITS.__slots__)  # type: ignore[attr-defined]
    for start, limit in ROWS.items():
        (stated,) = [number for what, number in rows.items() if what.startswith(start)]
        assert stated == limit, start


@pytest.mark.parametrize(
    ("kind", "path", "key", "limit"),
    [
        ("exercise", ("properties", "name"), "maxLength", LIMITS.name),
        ("exercise", ("properties", "summary"), "maxLength", LIMITS.summary),
        ("exercise", ("properties", "aliases"), "maxItems", LIMITS.aliases),
        ("exercise", ("properties", "cues"), "maxItems", LIMITS.cues),
        ("routine", ("properties", "exercises"), "maxItems", LIMITS.routine_items),
        ("routine", ("properties", "rounds"), "maximum", LIMITS.rounds),
        ("routine", ("$defs", "RoutineItem", "properties", "sets"), "maximum", LIMITS.sets),
        ("routine", ("$defs", "RoutineItem", "properties", "note"), "maxLength", LIMITS.note),
    ],
)
def test_the_json_schema_carries_the_limits(kind: str, path: tuple[str, ...], key: str, limit: int) -> None:
    node = jsonschema.json_schema(kind)
    for part in path:
        node = node[part]
    found = (
        node.get(key)
        if key in node
        else next(option[key] for option in node.get("anyOf", node.get("allOf", [])) if key in option)
    )
    assert found == limit
