"""Every content rule, each with a case that passes and a case that fails with its exact message and line.

Frontmatter rules are checked through `check_front` (the schema plus the message mapping), body rules
through `read_body`, and the rules that need the whole content folder through `load`.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.content.bodies import Link, Prose, read_body
from generator.content.frontmatter import check_front
from generator.content.load import load
from generator.content.parse import load_yaml
from generator.content.schema import ArticleMeta, ExerciseMeta, Known, RoutineMeta, taxonomy_model
from generator.problems import ContentError, Problem

TaxonomyMeta = taxonomy_model()
KNOWN = Known(
    terms={
        "muscles": frozenset({"core", "glutes", "hamstrings", "lower-back"}),
        "equipment": frozenset({"mat", "balance-trainer"}),
        "goals": frozenset({"stabilization", "strength"}),
    },
    exercises=frozenset({"plank", "side-plank", "bridge"}),
    media=frozenset({"plank.svg", "plank/side.png"}),
    this="plank",
)


def flaws(model, text: str, known: Known | None = KNOWN) -> list[tuple[int, str]]:
    meta, found = check_front(model, load_yaml(text), known)
    assert (meta is None) == bool(found)
    return sorted((flaw.line, flaw.message) for flaw in found)


def valid(model, text: str, known: Known | None = KNOWN):
    meta, found = check_front(model, load_yaml(text), known)
    assert found == []
    return meta


# ---- exercises --------------------------------------------------------------------------------------

EXERCISE = """\
name: Plank
summary: Hold a straight line.
level: beginner
equipment: [mat]
muscles:
  primary: [core]
"""  # six lines; a test's own lines start at line 7


def exercise(*lines: str, **fields: str) -> str:
    """EXERCISE with top-level fields replaced (None drops one) and lines appended."""
    rows = EXERCISE.splitlines()
    for key, value in fields.items():
        index = next(i for i, row in enumerate(rows) if row.startswith(f"{key}:"))
        rows[index : index + (2 if key == "muscles" else 1)] = [] if value is None else value.split("\n")
    return "\n".join(rows + list(lines)) + "\n"


FULL_EXERCISE = """\
name: Plank
aliases: [Front plank, Forearm plank]
summary: Hold a straight line.
level: intermediate
equipment: []
muscles:
  primary: [core]
  secondary: [glutes, lower-back]
goals: [stabilization, strength]
dosage:
  sets: 3
  reps: 8-12
  hold: 2s
  per_side: true
  rest: 1m30s
cues:
  - Elbows under the shoulders
easier: [bridge]
harder: [side-plank]
images:
  - src: plank.svg
    alt: A forearm plank
  - src: plank/side.png
    alt: From the side
"""


def test_minimal_exercise_is_valid():
    meta = valid(ExerciseMeta, EXERCISE)
    assert (meta.name, meta.level, meta.equipment, meta.muscles.primary, meta.muscles.secondary) == (
        "Plank",
        "beginner",
        ["mat"],
        ["core"],
        [],
    )
    assert (meta.aliases, meta.goals, meta.dosage, meta.cues, meta.easier, meta.harder, meta.images) == (
        [],
        [],
        None,
        [],
        [],
        [],
        [],
    )


def test_full_exercise_is_valid():
    meta = valid(ExerciseMeta, FULL_EXERCISE)
    assert meta.aliases == ["Front plank", "Forearm plank"]
    assert meta.equipment == []
    assert meta.muscles.secondary == ["glutes", "lower-back"]
    assert (meta.dosage.sets, meta.dosage.reps, meta.dosage.hold, meta.dosage.per_side, meta.dosage.rest) == (
        3,
        (8, 12),
        2,
        True,
        90,
    )
    assert [(image.src, image.alt) for image in meta.images] == [
        ("plank.svg", "A forearm plank"),
        ("plank/side.png", "From the side"),
    ]


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_every_level_is_valid(level):
    assert valid(ExerciseMeta, exercise(level=f"level: {level}")).level == level


def test_limits_are_inclusive():
    meta = valid(ExerciseMeta, exercise("cues:", "  - " + "c" * 80, summary="summary: " + "s" * 200))
    assert len(meta.summary) == 200 and len(meta.cues[0]) == 80


def test_without_known_ids_only_the_form_is_checked():
    text = exercise(
        "goals: [anything]", "harder: [plank]", "images:", "  - {src: nowhere.png, alt: x}", equipment="equipment: [rope]"
    )
    valid(ExerciseMeta, text, known=None)


EXERCISE_FAILS = {
    # required fields
    "name missing": (exercise(name=None), [(1, "missing required field 'name'")]),
    "summary missing": (exercise(summary=None), [(1, "missing required field 'summary'")]),
    "level missing": (exercise(level=None), [(1, "missing required field 'level'")]),
    "equipment missing": (exercise(equipment=None), [(1, "missing required field 'equipment'")]),
    "muscles missing": (exercise(muscles=None), [(1, "missing required field 'muscles'")]),
    # text
    "name a number": (exercise(name="name: 300"), [(1, "'name' must be text, not the number 300 (put it in quotes)")]),
    "name a list": (exercise(name="name: [Plank]"), [(1, "'name' must be text, not a list")]),
    "name a date": (exercise(name="name: 2024-05-01"), [(1, "'name' must be text, not date 2024-05-01")]),
    "name blank": (exercise(name='name: "   "'), [(1, "'name' must not be empty")]),
    "name without value": (exercise(name="name:"), [(1, "'name' has no value")]),
    "summary too long": (
        exercise(summary="summary: " + "s" * 201),
        [(2, "'summary' is 201 characters long; at most 200 are allowed")],
    ),
    "summary blank": (exercise(summary='summary: ""'), [(2, "'summary' must not be empty")]),
    # level
    "level misspelt": (
        exercise(level="level: beginer"),
        [(3, "'level' must be one of beginner, intermediate or advanced, not 'beginer' — did you mean 'beginner'?")],
    ),
    "level unknown": (
        exercise(level="level: expert"),
        [(3, "'level' must be one of beginner, intermediate or advanced, not 'expert'")],
    ),
    "level a number": (
        exercise(level="level: 2"),
        [(3, "'level' must be one of beginner, intermediate or advanced, not the number 2")],
    ),
    "level capitalised": (
        exercise(level="level: Beginner"),
        [(3, "'level' must be one of beginner, intermediate or advanced, not 'Beginner' — did you mean 'beginner'?")],
    ),
    # equipment
    "equipment not a list": (exercise(equipment="equipment: mat"), [(4, "'equipment' must be a list, not 'mat'")]),
    "equipment unknown": (
        exercise(equipment="equipment: [matt]"),
        [(4, "unknown equipment 'matt' — did you mean 'mat'? (the equipment are listed in taxonomy.yml)")],
    ),
    "equipment unknown, nothing close": (
        exercise(equipment="equipment: [rope]"),
        [(4, "unknown equipment 'rope' (the equipment are listed in taxonomy.yml)")],
    ),
    "equipment twice": (exercise(equipment="equipment:\n  - mat\n  - mat"), [(6, "'mat' is listed twice")]),
    # muscles
    "muscles not a mapping": (exercise(muscles="muscles: [core]"), [(5, "'muscles' must be a mapping of fields, not a list")]),
    "muscles without primary": (
        exercise(muscles="muscles:\n  secondary: [glutes]"),
        [(5, "missing required field 'primary' in 'muscles'")],
    ),
    "primary empty": (exercise(muscles="muscles:\n  primary: []"), [(6, "'muscles.primary' must list at least 1")]),
    "primary unknown": (
        exercise(muscles="muscles:\n  primary:\n    - core\n    - glute"),
        [(8, "unknown muscle 'glute' — did you mean 'glutes'? (the muscles are listed in taxonomy.yml)")],
    ),
    "secondary unknown": (
        exercise("  secondary: [lower-bak]"),
        [(7, "unknown muscle 'lower-bak' — did you mean 'lower-back'? (the muscles are listed in taxonomy.yml)")],
    ),
    "muscle both primary and secondary": (
        exercise("  secondary:", "    - glutes", "    - core"),
        [(9, "'core' is both a primary and a secondary muscle; keep it in one list")],
    ),
    "secondary twice": (exercise("  secondary:", "    - glutes", "    - glutes"), [(9, "'glutes' is listed twice")]),
    "muscles unknown field": (exercise("  secundary: [glutes]"), [(7, "unknown field 'secundary' — did you mean 'secondary'?")]),
    # goals, aliases, cues
    "goal unknown": (
        exercise("goals: [stability]"),
        [(7, "unknown goal 'stability' — did you mean 'stabilization'? (the goals are listed in taxonomy.yml)")],
    ),
    "goals not a list": (exercise("goals: strength"), [(7, "'goals' must be a list, not 'strength'")]),
    "alias twice": (exercise("aliases: [Front plank, Front plank]"), [(7, "'Front plank' is listed twice")]),
    "alias blank": (exercise("aliases:", "  - Front plank", '  - ""'), [(9, "'aliases' item 2 must not be empty")]),
    "alias a number": (exercise("aliases: [99]"), [(7, "'aliases' item 1 must be text, not the number 99 (put it in quotes)")]),
    "cue too long": (
        exercise("cues:", "  - Short", "  - " + "c" * 81),
        [(9, "'cues' item 2 is 81 characters long; at most 80 are allowed")],
    ),
    "cues not a list": (exercise("cues: Keep it straight"), [(7, "'cues' must be a list, not 'Keep it straight'")]),
    # easier / harder
    "easier than itself": (
        exercise("easier: [bridge, plank]"),
        [(7, "an exercise cannot be easier or harder than itself ('plank')")],
    ),
    "harder than itself": (
        exercise("harder:", "  - plank"),
        [(8, "an exercise cannot be easier or harder than itself ('plank')")],
    ),
    "harder unknown": (
        exercise("harder: [side-plnk]"),
        [(7, "unknown exercise 'side-plnk' — did you mean 'side-plank'? (no file exercises/side-plnk.md)")],
    ),
    "easier unknown": (exercise("easier: [squat]"), [(7, "unknown exercise 'squat' (no file exercises/squat.md)")]),
    "easier and harder": (
        exercise("easier: [bridge]", "harder: [side-plank, bridge]"),
        [(8, "'bridge' is listed as both easier and harder")],
    ),
    "easier twice": (exercise("easier: [bridge, bridge]"), [(7, "'bridge' is listed twice")]),
    # images
    "image without alt": (exercise("images:", "  - src: plank.svg"), [(8, "missing required field 'alt' in 'images' item 1")]),
    "image without src": (exercise("images:", "  - alt: A plank"), [(8, "missing required field 'src' in 'images' item 1")]),
    "image alt empty": (exercise("images:", "  - src: plank.svg", '    alt: ""'), [(9, "'alt' must not be empty")]),
    "image alt without value": (exercise("images:", "  - src: plank.svg", "    alt:"), [(9, "'alt' has no value")]),
    "image missing": (
        exercise("images:", "  - src: plonk.svg", "    alt: A plank"),
        [(8, "image 'content/media/plonk.svg' does not exist — did you mean 'plank.svg'?")],
    ),
    "image missing, nothing close": (
        exercise("images:", "  - {src: squat.webp, alt: A squat}"),
        [(8, "image 'content/media/squat.webp' does not exist")],
    ),
    "image outside media": (
        exercise("images:", "  - {src: ../plank.svg, alt: A plank}"),
        [(8, "'../plank.svg' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")],
    ),
    "image absolute": (
        exercise("images:", "  - {src: /plank.svg, alt: A plank}"),
        [(8, "'/plank.svg' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")],
    ),
    "image backslash": (
        exercise("images:", "  - {src: 'plank\\side.png', alt: A plank}"),
        [(8, "'plank\\side.png' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")],
    ),
    "image dot segment": (
        exercise("images:", "  - {src: ./plank.svg, alt: A plank}"),
        [(8, "'./plank.svg' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")],
    ),
    "image not an image": (
        exercise("images:", "  - {src: plank.bmp, alt: A plank}"),
        [(8, "'plank.bmp' is not an image this site shows: use svg, png, jpg, jpeg, webp, gif, avif")],
    ),
    "image a bare path": (
        exercise("images:", "  - plank.svg"),
        [(8, "'images' item 1 must be a mapping of fields, not 'plank.svg'")],
    ),
    "image unknown field": (
        exercise("images:", "  - src: plank.svg", "    alt: A plank", "    caption: Side view"),
        [(10, "unknown field 'caption'")],
    ),
    # unknown fields
    "unknown field, close to one": (exercise("goal: [strength]"), [(7, "unknown field 'goal' — did you mean 'goals'?")]),
    "unknown field, misspelt muscles": (
        exercise("muscels:", "  primary: [core]", muscles=None),
        [(1, "missing required field 'muscles'"), (5, "unknown field 'muscels' — did you mean 'muscles'?")],
    ),
    "unknown field, nothing close": (exercise("difficulty: 3"), [(7, "unknown field 'difficulty'")]),
}


@pytest.mark.parametrize(("text", "expected"), EXERCISE_FAILS.values(), ids=EXERCISE_FAILS.keys())
def test_exercise_rule_fails(text, expected):
    assert flaws(ExerciseMeta, text) == expected


def test_every_problem_in_a_file_is_reported_at_once():
    text = exercise("goals: [stability]", "cues: [" + "c" * 81 + "]", name="name: 1", level="level: easy")
    assert flaws(ExerciseMeta, text) == [
        (1, "'name' must be text, not the number 1 (put it in quotes)"),
        (3, "'level' must be one of beginner, intermediate or advanced, not 'easy'"),
        (7, "unknown goal 'stability' — did you mean 'stabilization'? (the goals are listed in taxonomy.yml)"),
        (8, "'cues' item 1 is 81 characters long; at most 80 are allowed"),
    ]


# ---- dosage -------------------------------------------------------------------------------------------


def dosage(*lines: str) -> str:
    """An exercise whose dosage holds `lines` (the first of them on line 8)."""
    return exercise("dosage:", *(f"  {line}" for line in lines))


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("sets: 1", "sets", 1),
        ("reps: 8", "reps", (8, 8)),
        ("reps: 8-12", "reps", (8, 12)),
        ("reps: ' 8 - 12 '", "reps", (8, 12)),
        ("hold: 45", "hold", 45),
        ("hold: 45s", "hold", 45),
        ("time: 2m", "time", 120),
        ("time: 1m30s", "time", 90),
        ("time: 1m 30s", "time", 90),
        ("rest: 90s", "rest", 90),
        ("per_side: true", "per_side", True),
        ("per_side: false", "per_side", False),
        ("per_side: yes", "per_side", True),
    ],
)
def test_dosage_field_is_valid(line, field, value):
    assert getattr(valid(ExerciseMeta, dosage(line)).dosage, field) == value


def test_dosage_hold_goes_with_reps_or_time():
    assert valid(ExerciseMeta, dosage("reps: 5", "hold: 3")).dosage.hold == 3
    assert valid(ExerciseMeta, dosage("time: 30", "hold: 10")).dosage.time == 30


DURATION_TEXT = 'must be seconds (45) or text like "45s", "2m", "1m30s", not'
DOSAGE_FAILS = {
    "sets zero": (["sets: 0"], [(8, "'dosage.sets' must be 1 or more, not 0")]),
    "sets negative": (["sets: -2"], [(8, "'dosage.sets' must be 1 or more, not -2")]),
    "sets quoted": (["sets: '3'"], [(8, "'dosage.sets' must be a whole number, not '3'")]),
    "sets a fraction": (["sets: 2.5"], [(8, "'dosage.sets' must be a whole number, not the number 2.5")]),
    "sets true": (["sets: true"], [(8, "'dosage.sets' must be a whole number, not true")]),
    "sets without value": (["sets:"], [(8, "'dosage.sets' has no value")]),
    "reps zero": (["reps: 0"], [(8, "'dosage.reps' must be more than zero, not 0")]),
    "reps negative": (["reps: -3"], [(8, "'dosage.reps' must be more than zero, not -3")]),
    "reps range downwards": (
        ["reps: 12-8"],
        [(8, "the range '12-8' must go from a positive number up to a larger one, like \"8-12\"")],
    ),
    "reps range of one": (
        ["reps: 8-8"],
        [(8, "the range '8-8' must go from a positive number up to a larger one, like \"8-12\"")],
    ),
    "reps range from zero": (
        ["reps: 0-5"],
        [(8, "the range '0-5' must go from a positive number up to a larger one, like \"8-12\"")],
    ),
    "reps words": (["reps: many"], [(8, "'dosage.reps' must be a whole number or a range like \"8-12\", not 'many'")]),
    "reps true": (["reps: true"], [(8, "'dosage.reps' must be a whole number or a range like \"8-12\", not true")]),
    "reps a list": (["reps: [8, 12]"], [(8, "'dosage.reps' must be a whole number or a range like \"8-12\", not a list")]),
    "reps a fraction": (
        ["reps: 2.5"],
        [(8, "'dosage.reps' must be a whole number or a range like \"8-12\", not the number 2.5")],
    ),
    "time unparseable": (["time: 30 sec"], [(8, f"'dosage.time' {DURATION_TEXT} '30 sec'")]),
    "time in hours": (["time: 1h"], [(8, f"'dosage.time' {DURATION_TEXT} '1h'")]),
    "time unit only": (["time: s"], [(8, f"'dosage.time' {DURATION_TEXT} 's'")]),
    "time empty text": (["time: ''"], [(8, f"'dosage.time' {DURATION_TEXT} ''")]),
    "time zero": (["time: 0"], [(8, "'dosage.time' must be more than zero, not 0")]),
    "time zero seconds": (["time: 0s"], [(8, "'dosage.time' must be more than zero, not '0s'")]),
    "time zero minutes and seconds": (["time: 0m0s"], [(8, "'dosage.time' must be more than zero, not '0m0s'")]),
    "rest negative": (["rest: -5"], [(8, "'dosage.rest' must be more than zero, not -5")]),
    "hold a fraction": (
        ["hold: 2.5"],
        [(8, '\'dosage.hold\' must be a whole number of seconds or text like "45s", "2m", "1m30s", not 2.5')],
    ),
    "hold true": (["hold: true"], [(8, "'dosage.hold' must be a whole number, not true")]),
    "hold a list": (["hold: [30]"], [(8, "'dosage.hold' must be a whole number, not a list")]),
    "reps and time": (["sets: 2", "reps: 10", "time: 30s"], [(10, "give either 'reps' or 'time', not both")]),
    "per_side words": (["per_side: yes please"], [(8, "'dosage.per_side' must be true or false, not 'yes please'")]),
    "unknown dosage field": (["set: 3"], [(8, "unknown field 'set' — did you mean 'sets'?")]),
}


@pytest.mark.parametrize(("lines", "expected"), DOSAGE_FAILS.values(), ids=DOSAGE_FAILS.keys())
def test_dosage_rule_fails(lines, expected):
    assert flaws(ExerciseMeta, dosage(*lines)) == expected


def test_dosage_not_a_mapping():
    assert flaws(ExerciseMeta, exercise("dosage: 3x10")) == [(7, "'dosage' must be a mapping of fields, not '3x10'")]
    assert flaws(ExerciseMeta, exercise("dosage:")) == [(7, "'dosage' has no value")]


# ---- routines ------------------------------------------------------------------------------------------

ROUTINE = """\
name: Core basics
summary: A short trunk routine.
level: beginner
exercises:
  - exercise: plank
"""  # five lines; a test's own item lines start at line 6


def routine(*items: str, **fields: str | None) -> str:
    rows = ROUTINE.splitlines()
    for key, value in fields.items():
        index = next(i for i, row in enumerate(rows) if row.startswith(f"{key}:"))
        rows[index : index + 1] = [] if value is None else value.split("\n")
    return "\n".join(rows + list(items)) + "\n"


def test_minimal_routine_is_valid():
    meta = valid(RoutineMeta, ROUTINE, ROUTINE_KNOWN)
    assert (meta.rounds, meta.rest_between_rounds, meta.goals) == (1, None, [])
    assert [(item.exercise, item.sets, item.reps, item.note) for item in meta.exercises] == [("plank", None, None, None)]


def test_full_routine_is_valid():
    text = routine(
        "  - exercise: bridge",
        "    sets: 2",
        "    reps: 8-10",
        "    hold: 2",
        "    per_side: false",
        "    rest: 30",
        "    note: " + "n" * 100,
        "  - {exercise: side-plank, time: 1m}",
        "goals: [strength]",
        "rounds: 3",
        "rest_between_rounds: 2m",
    )
    meta = valid(RoutineMeta, text, ROUTINE_KNOWN)
    assert (meta.rounds, meta.rest_between_rounds, meta.goals) == (3, 120, ["strength"])
    bridge, side = meta.exercises[1], meta.exercises[2]
    assert (bridge.sets, bridge.reps, bridge.hold, bridge.per_side, bridge.rest, len(bridge.note)) == (
        2,
        (8, 10),
        2,
        False,
        30,
        100,
    )
    assert (side.exercise, side.time) == ("side-plank", 60)


def test_routine_may_repeat_an_exercise_and_hold_twelve():
    meta = valid(RoutineMeta, routine(*["  - exercise: plank"] * 11), ROUTINE_KNOWN)
    assert len(meta.exercises) == 12


ROUTINE_KNOWN = dataclasses.replace(KNOWN, this=None)  # as load() checks routines
HEAD = ROUTINE.split("exercises:")[0]  # the routine without its exercises
ROUTINE_FAILS = {
    "exercises missing": (HEAD, [(1, "missing required field 'exercises'")]),
    "exercises empty": (HEAD + "exercises: []\n", [(4, "'exercises' must list at least 1")]),
    "exercises too many": (routine(*["  - exercise: plank"] * 12), [(5, "'exercises' lists 13; at most 12 are allowed")]),
    "exercises not a list": (HEAD + "exercises: plank\n", [(4, "'exercises' must be a list, not 'plank'")]),
    "item a bare slug": (routine("  - bridge"), [(6, "'exercises' item 2 must be a mapping of fields, not 'bridge'")]),
    "item without exercise": (
        routine("  - sets: 2", "    reps: 5"),
        [(6, "missing required field 'exercise' in 'exercises' item 2")],
    ),
    "item unknown exercise": (
        routine("  - exercise: brigde"),
        [(6, "unknown exercise 'brigde' — did you mean 'bridge'? (no file exercises/brigde.md)")],
    ),
    "item sets zero": (routine("    sets: 0"), [(6, "'sets' must be 1 or more, not 0")]),
    "item reps and time": (routine("    reps: 5", "    time: 20s"), [(7, "give either 'reps' or 'time', not both")]),
    "item bad duration": (
        routine("    rest: 10 seconds"),
        [(6, '\'rest\' must be seconds (45) or text like "45s", "2m", "1m30s", not \'10 seconds\'')],
    ),
    "item note too long": (routine("    note: " + "n" * 101), [(6, "'note' is 101 characters long; at most 100 are allowed")]),
    "item note blank": (routine('    note: " "'), [(6, "'note' must not be empty")]),
    "item unknown field": (routine("    rep: 10"), [(6, "unknown field 'rep' — did you mean 'reps'?")]),
    "rounds zero": (routine("rounds: 0"), [(6, "'rounds' must be 1 or more, not 0")]),
    "rounds text": (routine("rounds: two"), [(6, "'rounds' must be a whole number, not 'two'")]),
    "rest between rounds bad": (
        routine("rest_between_rounds: 1h"),
        [(6, '\'rest_between_rounds\' must be seconds (45) or text like "45s", "2m", "1m30s", not \'1h\'')],
    ),
    "rest between rounds zero": (routine("rest_between_rounds: 0"), [(6, "'rest_between_rounds' must be more than zero, not 0")]),
    "goal unknown": (
        routine("goals: [strenght]"),
        [(6, "unknown goal 'strenght' — did you mean 'strength'? (the goals are listed in taxonomy.yml)")],
    ),
    "level missing": (routine(level=None), [(1, "missing required field 'level'")]),
    "unknown field": (routine("equipment: [mat]"), [(6, "unknown field 'equipment'")]),
}


@pytest.mark.parametrize(("text", "expected"), ROUTINE_FAILS.values(), ids=ROUTINE_FAILS.keys())
def test_routine_rule_fails(text, expected):
    assert flaws(RoutineMeta, text, ROUTINE_KNOWN) == expected


# ---- articles (guides/*.md, index.md) ---------------------------------------------------------------------


def test_article_frontmatter_is_valid():
    meta = valid(ArticleMeta, "title: Running\nsummary: Why and how.\n")
    assert (meta.title, meta.summary) == ("Running", "Why and how.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Running\nauthor: me\n", [(2, "unknown field 'author'")]),
        ("title: Running\ntitel: x\n", [(2, "unknown field 'titel' — did you mean 'title'?")]),
        ('title: ""\n', [(1, "'title' must not be empty")]),
        ("title: 2024\n", [(1, "'title' must be text, not the number 2024 (put it in quotes)")]),
        ("summary: " + "s" * 201 + "\n", [(1, "'summary' is 201 characters long; at most 200 are allowed")]),
    ],
)
def test_article_rule_fails(text, expected):
    assert flaws(ArticleMeta, text) == expected


# ---- taxonomy.yml ---------------------------------------------------------------------------------------------

TAXONOMY = """\
muscles:
  core: Core
equipment:
  mat: {name: Exercise mat, description: A foam mat}
goals:
  strength: Strength
"""


def taxonomy(old: str, new: str) -> str:
    assert old in TAXONOMY
    return TAXONOMY.replace(old, new, 1)


def test_taxonomy_is_valid():
    meta = valid(TaxonomyMeta, TAXONOMY, known=None)
    assert (meta.muscles["core"].name, meta.muscles["core"].description) == ("Core", None)
    assert (meta.equipment["mat"].name, meta.equipment["mat"].description) == ("Exercise mat", "A foam mat")


def test_taxonomy_vocabulary_may_be_empty_and_ids_may_be_digits():
    meta = valid(
        TaxonomyMeta,
        taxonomy("  strength: Strength\n", "  5k: Five kilometres\n")
        .replace("  core: Core\n", "")
        .replace("muscles:", "muscles: {}"),
        known=None,
    )
    assert (dict(meta.muscles), list(meta.goals)) == ({}, ["5k"])


TAXONOMY_FAILS = {
    "entry without name": (
        taxonomy("core: Core", "core:"),
        [(2, "this entry has no name: write 'id: Name' or give a mapping with 'name'")],
    ),
    "mapping without name": (
        taxonomy("mat: {name: Exercise mat, description: A foam mat}", "mat: {description: A foam mat}"),
        [(4, "missing required field 'name' in 'equipment.mat'")],
    ),
    "empty name": (taxonomy("core: Core", 'core: ""'), [(2, "'muscles.core.name' must not be empty")]),
    "empty name in mapping": (taxonomy("name: Exercise mat", "name: ''"), [(4, "'equipment.mat.name' must not be empty")]),
    "name a number": (
        taxonomy("core: Core", "core: 12"),
        [(2, "'muscles.core' must be a name ('id: Name') or a mapping with 'name'")],
    ),
    "name a list": (
        taxonomy("core: Core", "core: [Core]"),
        [(2, "'muscles.core' must be a name ('id: Name') or a mapping with 'name'")],
    ),
    "description blank": (
        taxonomy("description: A foam mat", "description: ' '"),
        [(4, "'equipment.mat.description' must not be empty")],
    ),
    "unknown field in entry": (taxonomy("description: A foam mat", "desc: A foam mat"), [(4, "unknown field 'desc'")]),
    "id not a slug": (
        taxonomy("core: Core", "Lower_Back: Lower back"),
        [(2, "'Lower_Back' is not an id: use lower-case letters, digits and single hyphens (like 'lower-back')")],
    ),
    "id without letters": (
        taxonomy("core: Core", "'--': Core"),
        [(2, "'--' is not an id: use lower-case letters, digits and single hyphens")],
    ),
    "unknown vocabulary": (TAXONOMY + "levels:\n  easy: Easy\n", [(7, "unknown field 'levels'")]),
    "misspelt vocabulary": (
        taxonomy("goals:", "goal:"),
        [(1, "missing required field 'goals'"), (5, "unknown field 'goal' — did you mean 'goals'?")],
    ),
    "vocabulary without entries": (taxonomy("goals:\n  strength: Strength\n", "goals:\n"), [(5, "'goals' has no value")]),
    "vocabulary a list": (
        taxonomy("muscles:\n  core: Core", "muscles:\n  - core"),
        [(2, "'muscles' must be a mapping of fields, not a list")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), TAXONOMY_FAILS.values(), ids=TAXONOMY_FAILS.keys())
def test_taxonomy_rule_fails(text, expected):
    assert flaws(TaxonomyMeta, text, known=None) == expected


# ---- bodies: ## Steps ----------------------------------------------------------------------------------------------


def body(text: str, *, steps: bool = True, first_line: int = 1):
    found, found_flaws = read_body(text, first_line, with_steps=steps)
    return found, [(flaw.line, flaw.message) for flaw in found_flaws]


def test_steps_are_read_and_taken_out_of_the_body():
    text = "Intro.\n\n## Steps\n\n1. Lie down.\n2. Lift the hips\n   and hold.\n3. Lower.\n\n## Common mistakes\n\n- Sagging.\n"
    found, problems = body(text, first_line=20)
    assert problems == []
    assert found.steps == ("Lie down.", "Lift the hips\nand hold.", "Lower.")
    assert found.intro == Prose("Intro.", 20)
    assert found.text == Prose("## Common mistakes\n\n- Sagging.", 29)


def test_steps_heading_any_case_and_paren_markers():
    found, problems = body("## steps\n\n1) One.\n2) Two.\n")
    assert problems == [] and found.steps == ("One.", "Two.")


def test_steps_keep_inline_markdown():
    found, _ = body("## Steps\n\n1. Press **hard** into [the mat](../media/mat.svg).\n2. Hold.\n")
    assert found.steps[0] == "Press **hard** into [the mat](../media/mat.svg)."


def test_steps_may_hold_nested_lists():
    found, problems = body("## Steps\n\n1. Set up:\n   - feet apart\n   - knees soft\n2. Go.\n")
    assert problems == []
    assert found.steps == ("Set up:\n- feet apart\n- knees soft", "Go.")


def test_articles_need_no_steps():
    found, problems = body("# Title\n\nJust text.\n", steps=False)
    assert (found.title, found.steps, problems) == ("Title", (), [])


STEPS_FAILS = {
    "no steps section": (
        "Intro.\n\n## How\n\n1. a\n2. b\n",
        [(10, "the body needs a '## Steps' section: a numbered list of at least two steps")],
    ),
    "steps as h1": (
        "# Steps\n\n1. a\n2. b\n",
        [(10, "the body needs a '## Steps' section: a numbered list of at least two steps")],
    ),
    "steps as h3": (
        "### Steps\n\n1. a\n2. b\n",
        [(10, "the body needs a '## Steps' section: a numbered list of at least two steps")],
    ),
    "bulleted steps": (
        "Intro.\n\n## Steps\n\n- a\n- b\n",
        [(12, "the '## Steps' section has a bulleted list; it needs a numbered list ('1. ...') of at least two steps")],
    ),
    "no list": (
        "## Steps\n\nJust do it.\n",
        [(10, "the '## Steps' section has no list; it needs a numbered list ('1. ...') of at least two steps")],
    ),
    "empty section": (
        "## Steps\n\n## Tips\n\ntext\n",
        [(10, "the '## Steps' section has no list; it needs a numbered list ('1. ...') of at least two steps")],
    ),
    "one step": ("## Steps\n\n1. Only one.\n", [(12, "the '## Steps' list has 1 step; give at least two")]),
    "text in the section": (
        "## Steps\n\n1. a\n2. b\n\nThen rest.\n",
        [(15, "the '## Steps' section may hold only its numbered list; put other text under a heading of its own")],
    ),
    "subheading in the section": (
        "## Steps\n\n1. a\n2. b\n\n### Tips\n\nx\n",
        [(15, "the '## Steps' section may hold only its numbered list; put other text under a heading of its own")],
    ),
    "two lists": (
        "## Steps\n\n1. a\n2. b\n\n1) c\n2) d\n",
        [(15, "the '## Steps' section may hold only its numbered list; put other text under a heading of its own")],
    ),
    "two steps sections": (
        "## Steps\n\n1. a\n2. b\n\n## Steps\n\n1. c\n2. d\n",
        [(15, "a second '## Steps' section; keep all steps in one list")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), STEPS_FAILS.values(), ids=STEPS_FAILS.keys())
def test_steps_rule_fails(text, expected):
    assert body(text, first_line=10)[1] == expected


# ---- bodies: what the page would publish -----------------------------------------------------------------------
# Each body is rendered as the page renders it and judged by the sanitizer (tests/test_hostile.py has the
# hostile cases, in the browser too); here, the rule's messages and lines.

ALLOWED = [
    "<div>\n<p>Text</p>\n</div>",
    '<img src="../media/plank.svg" alt="A plank" width="200">',
    '<a href="https://example.org/" title="x">out</a>',
    "<details><summary>More</summary>\n\nHidden text\n\n</details>",
    "Text with <kbd>Ctrl</kbd> and <br> and <sup>2</sup>.",
    "In code: `<script>alert(1)</script>` and ``a ` <iframe onload=x>`` stay text.",
    '```html\n<div class="grid">\n  <img src="a.svg" alt="A" onerror=x>\n</div>\n```',
    "a &lt;script&gt; written as entities",
    "```\nLinks look like [a](javascript:x); javascript: is a language.\n```",
    "The onclick= attribute and javascript: URLs are explained here, in words.",
    "A set { of braces } is text, and so is {: .note }.",
    # not HTML to CommonMark (no space between attributes): the page shows them as text, as written
    'x <img src="x"onerror="alert(1)"> y',
    'A <a title="x',
    "one\ntwo <svg/onload=alert(1)>",
    "<!-- a comment is not published, and says nothing -->",
    "[Mail us](mailto:team@example.org) or [read](https://example.org/javascript:no)",
    "a < b and c > d",
    '!!! warning "Careful"\n    Admonitions of the theme\'s kinds are fine.',
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "A note[^1].\n\n[^1]: The footnote.",
    "```python\nprint('code with a language')\n```",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_html_policy_allows(text):
    assert body(text, steps=False)[1] == []


def element(tag: str) -> str:
    return f"<{tag}> is not allowed in content: raw HTML may only lay out text (CONTRIBUTING.md lists what is allowed)"


def handler(name: str) -> str:
    return f"the event-handler attribute '{name}' is not allowed"


UNFINISHED = "the HTML here is left unfinished (a tag, a quote or an element never closed): finish it"


def link(url: str) -> str:
    return f"the link '{url}' is not allowed: links may be http, https, mailto or relative"


HTML_FAILS = {
    "script block": ("<script>alert(1)</script>", [(5, element("script"))]),
    "script inline": ("Text <script>alert(1)</script> text", [(5, element("script"))]),
    "script upper case": ("<SCRIPT SRC=x.js></SCRIPT>", [(5, element("script"))]),
    "script left open": (
        'Intro.\n\n<script src="https://evil.example/x.js"',
        [(7, UNFINISHED), (7, element("script"))],
    ),
    "iframe": ('<iframe src="https://example.org"></iframe>', [(5, element("iframe"))]),
    "object": ('<object data="x.swf"></object>', [(5, element("object"))]),
    "embed": ('<embed src="x.swf">', [(5, element("embed"))]),
    "onclick in a block": ('<div onclick="steal()">Hi</div>', [(5, handler("onclick"))]),
    "onclick upper case": ('<div ONCLICK="steal()">Hi</div>', [(5, handler("onclick"))]),
    "onerror unquoted": ("<img src=x onerror=alert(1)>", [(5, handler("onerror"))]),
    "handler inline": ('Some <span onmouseover="x()">text</span>', [(5, handler("onmouseover"))]),
    "handler on a later line of a block": ('<div>\n<p>ok</p>\n<p onclick="x()">bad</p>\n</div>', [(7, handler("onclick"))]),
    "handler on a later line of a paragraph": ('one\ntwo\nthree <b onclick="x()">b</b>', [(7, handler("onclick"))]),
    "javascript in a markdown link": ("[click](javascript:alert(1))", [(5, link("javascript:alert(1)"))]),
    "javascript in an angle-bracket link": ("[click](<javascript:alert(1)>)", [(5, link("javascript:alert(1)"))]),
    "javascript in mixed case": ("[click](JaVaScRiPt:alert(1))", [(5, link("JaVaScRiPt:alert(1)"))]),
    "javascript autolink": ("<javascript:alert(1)>", [(5, link("javascript:alert(1)"))]),
    "javascript reference link": ("[x][r]\n\n[r]: javascript:alert(1)", [(7, link("javascript:alert(1)"))]),  # where the URL is
    "vbscript link": ("[x](vbscript:msgbox)", [(5, link("vbscript:msgbox"))]),
    "javascript in an html attribute": ('<a href="javascript:alert(1)">x</a>', [(5, link("javascript:alert(1)"))]),
    "data html url": ('<a href="data:text/html,<b>x</b>">a</a>', [(5, link("data:text/html,<b>x</b>"))]),
    "image from another host": (
        "![x](https://evil.example/track.png)",
        [(5, "the image 'https://evil.example/track.png' is not allowed: images must be files in content/media/")],
    ),
    "style attribute": (
        '<p style="background:url(//evil.example/x)">x</p>',
        [(5, "the style attribute is not allowed ('background:url(//evil.example/x)'); the site's stylesheet styles content")],
    ),
    "class of the theme": ('<div class="md-header">x</div>', [(5, "the class 'md-header' is not allowed on <div>")]),
    "tag left open": (
        '<div title="x',
        [(5, UNFINISHED)],
    ),
    "raw text left open": (
        "<textarea>\nthe rest of the page",
        [(5, UNFINISHED), (5, element("textarea"))],
    ),
    "form": (
        '<form action="https://evil.example/"><input type="password"></form>',
        [(5, element("form"))],  # the input goes with it
    ),
}


@pytest.mark.parametrize(("text", "expected"), HTML_FAILS.values(), ids=HTML_FAILS.keys())
def test_html_policy_fails(text, expected):
    assert sorted(body(text, steps=False, first_line=5)[1]) == sorted(expected)


def test_html_policy_applies_to_exercise_bodies_and_steps_too():
    text = 'Intro <i onclick="x()">i</i>.\n\n## Steps\n\n1. Lie down.\n2. <b onclick="x()">Lift</b>.\n'
    assert body(text, first_line=30)[1] == [(30, handler("onclick")), (35, handler("onclick"))]


def test_links_are_collected_with_lines():
    found, _ = body("# T\n\nSee [a](a.md)\nand ![b](../media/b.svg).\n\n- [c](https://x.org#y)\n", steps=False, first_line=3)
    assert found.links == (Link(5, "a.md", False), Link(6, "../media/b.svg", True), Link(8, "https://x.org#y", False))
    assert found.title == "T"


# ---- problems ------------------------------------------------------------------------------------------------------


def test_a_problem_prints_as_path_line_message():
    assert (
        str(Problem("content/exercises/plank.md", 7, "'level' must be ..."))
        == "content/exercises/plank.md:7: 'level' must be ..."
    )


def test_a_problem_prints_on_one_printable_line():
    problem = Problem("content/exercises/a\nb.md", 2, "unknown field 'x\ry\u2028z\x85' in caf\udce9 — é ok")
    assert str(problem) == "content/exercises/a\\nb.md:2: unknown field 'x\\ry\\u2028z\\x85' in caf\\udce9 — é ok"
    assert problem.message.count("\r") == 1  # the record keeps the text as it is


def test_problems_sort_by_path_then_line():
    found = [Problem("b.md", 1, "x"), Problem("a.md", 10, "y"), Problem("a.md", 9, "z"), Problem("a.md", 9, "a")]
    assert [str(p) for p in sorted(found)] == ["a.md:9: a", "a.md:9: z", "a.md:10: y", "b.md:1: x"]
    assert [str(p) for p in ContentError(found).problems] == ["a.md:9: a", "a.md:9: z", "a.md:10: y", "b.md:1: x"]


# ---- rules across files (load) -----------------------------------------------------------------------------------


@pytest.fixture
def problems(make_content, tmp_path, monkeypatch):
    """problems({...}) -> every 'path:line: message' of the minimal tree with those files changed."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict) -> list[str]:
        shutil.rmtree(tmp_path / "content", ignore_errors=True)
        make_content(files)
        return [str(problem) for problem in load("content").problems]

    return run


def text(rel: str) -> str:
    return (Path(__file__).parent / "fixtures" / "minimal" / rel).read_text(encoding="utf-8")


def test_the_minimal_tree_is_valid(problems):
    assert problems({}) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Side_Plank.md",
            "the file name 'Side_Plank.md' is not a slug: use lower-case letters, digits and single hyphens, like 'side-plank.md'",
        ),
        (
            "Plank2.md",
            "the file name 'Plank2.md' is not a slug: use lower-case letters, digits and single hyphens, like 'plank2.md'",
        ),
        (
            "side--plank.md",
            "the file name 'side--plank.md' is not a slug: use lower-case letters, digits and single hyphens, like 'side-plank.md'",
        ),
        ("_.md", "the file name '_.md' is not a slug: use lower-case letters, digits and single hyphens, like 'my-page.md'"),
        ("index.md", "'index' is reserved for a page the site makes itself; rename the file"),
    ],
)
def test_exercise_file_name_must_be_a_slug(problems, name, expected):
    assert problems({f"exercises/{name}": text("exercises/side-plank.md")}) == [f"content/exercises/{name}:1: {expected}"]


def test_routine_file_names_print_and_index_are_reserved(problems):
    assert problems({"routines/print.md": text("routines/core.md"), "guides/index.md": "# Guides\n"}) == [
        "content/guides/index.md:1: 'index' is reserved for a page the site makes itself; rename the file",
        "content/routines/print.md:1: 'print' is reserved for a page the site makes itself; rename the file",
    ]


def test_a_misnamed_file_is_still_checked_but_is_no_id(problems):
    bad = text("exercises/side-plank.md").replace("level: intermediate", "level: hard")
    assert problems({"exercises/Side_Plank.md": bad, "exercises/side-plank.md": None}) == [
        "content/exercises/Side_Plank.md:1: the file name 'Side_Plank.md' is not a slug: use lower-case letters, digits and single hyphens, like 'side-plank.md'",
        "content/exercises/Side_Plank.md:4: 'level' must be one of beginner, intermediate or advanced, not 'hard'",
        "content/exercises/plank.md:17: unknown exercise 'side-plank' — did you mean 'plank'? (no file exercises/side-plank.md)",
        "content/routines/core.md:13: unknown exercise 'side-plank' — did you mean 'plank'? (no file exercises/side-plank.md)",
    ]


def test_stray_files(problems):
    assert problems(
        {
            "notes.txt": "x",
            "images/a.svg": "<svg/>",
            "exercises/plank.txt": "x",
            "exercises/more/x.md": "x",
            ".hidden": "x",
            "exercises/.draft.md": "x",
        }
    ) == [
        "content/exercises/more:1: unexpected here: exercises/ holds only <slug>.md files",
        "content/exercises/plank.txt:1: unexpected here: exercises/ holds only <slug>.md files",
        "content/images:1: unexpected here: content/ holds index.md, taxonomy.yml, exercises/, routines/, guides/ and media/",
        "content/notes.txt:1: unexpected here: content/ holds index.md, taxonomy.yml, exercises/, routines/, guides/ and media/",
    ]


def test_folders_are_optional(problems):
    # a new guide may start with no routines and no guides
    assert problems({"routines/core.md": None, "guides/running.md": None, "index.md": "# Home\n"}) == []
    shutil.rmtree("content/routines")
    shutil.rmtree("content/guides")
    assert [str(p) for p in load("content").problems] == []


def test_taxonomy_missing(problems):
    found = problems({"taxonomy.yml": None})
    assert found[-1] == "content/taxonomy.yml:1: taxonomy.yml is missing: it lists the muscles, equipment and goals"


def test_home_page_missing(problems):
    assert problems({"index.md": None}) == ["content/index.md:1: the home page content/index.md is missing"]


def test_content_folder_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in load("nowhere").problems] == ["nowhere:1: no content folder here (give another with --content)"]


def test_taxonomy_id_index_is_reserved(problems):
    taxonomy_text = text("taxonomy.yml").replace("  strength: Strength\n", "  strength: Strength\n  index: Index\n")
    assert problems({"taxonomy.yml": taxonomy_text}) == [
        "content/taxonomy.yml:11: 'index' is reserved for the page listing all goals; choose another id"
    ]


def test_a_flawed_taxonomy_entry_still_counts_as_known(problems):
    taxonomy_text = text("taxonomy.yml").replace("glutes: Glutes", "glutes:")
    assert problems({"taxonomy.yml": taxonomy_text}) == [
        "content/taxonomy.yml:3: this entry has no name: write 'id: Name' or give a mapping with 'name'"
    ]


def test_routine_item_needs_reps_time_or_hold(problems):
    plank = text("exercises/plank.md").replace("  time: 30s\n", "")
    assert problems({"exercises/plank.md": plank}) == [
        "content/routines/core.md:9: 'plank' has no reps, time or hold, here or in its own dosage: give one of them"
    ]


def test_routine_item_gets_its_work_from_the_exercise_or_itself(problems):
    plank = text("exercises/plank.md").replace("  time: 30s\n", "")
    core = text("routines/core.md").replace("  - exercise: plank\n", "  - exercise: plank\n    hold: 10\n")
    assert problems({"exercises/plank.md": plank, "routines/core.md": core}) == []


def test_routine_may_share_its_slug_with_an_exercise_it_lists(problems):
    assert problems({"routines/plank.md": text("routines/core.md")}) == []


def test_guide_needs_a_title(problems):
    assert problems({"guides/running.md": "No heading here.\n"}) == [
        "content/guides/running.md:1: the guide needs a title: start it with a '# Title' line"
    ]
    assert problems({"guides/running.md": "---\ntitle: Running\n---\n\nNo heading here.\n"}) == []


def test_guide_frontmatter_is_checked(problems):
    assert problems({"guides/running.md": "---\ntitle: Running\nauthor: me\n---\n\n# Running\n"}) == [
        "content/guides/running.md:3: unknown field 'author'"
    ]


LINKS_OK = [
    "../exercises/plank.md",
    "../exercises/plank.md#steps",
    "../routines/core.md",
    "running.md",
    "../index.md",
    "../exercises/index.md",
    "../routines/print.md",
    "../muscles/index.md",
    "../muscles/core.md",
    "../equipment/balance-trainer.md",
    "../goals/strength.md",
    "../media/plank.svg",
    "#a-heading",
    "https://example.org/page.html",
    "mailto:team@example.org",
    "/absolute/path/",
]


@pytest.mark.parametrize("target", LINKS_OK)
def test_link_that_exists(problems, target):
    assert problems({"guides/running.md": f"# Running\n\nSee [this]({target}).\n"}) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "../exercises/plnk.md",
            "the link '../exercises/plnk.md' points to a page that does not exist — did you mean 'exercises/plank.md'?",
        ),
        ("../exercises/squat.md", "the link '../exercises/squat.md' points to a page that does not exist"),
        (
            "../exercises/bridge-2.md",
            "the link '../exercises/bridge-2.md' points to a page that does not exist — did you mean 'exercises/bridge.md'?",
        ),
        (
            "../exercise/plank.md",
            "the link '../exercise/plank.md' points to a page that does not exist — did you mean 'exercises/plank.md'?",
        ),
        (
            "../routines/cor.md",
            "the link '../routines/cor.md' points to a page that does not exist — did you mean 'routines/core.md'?",
        ),
        ("runing.md", "the link 'runing.md' points to a page that does not exist — did you mean 'guides/running.md'?"),
        ("../muscles/abs.md", "the link '../muscles/abs.md' points to a page that does not exist"),
        ("../../README.md", "the link '../../README.md' points outside content/"),
        ("../exercises/plank/", "link to pages by their .md file (like '../exercises/plank.md'), not '../exercises/plank/'"),
        (
            "../exercises/plank.html",
            "link to pages by their .md file (like '../exercises/plank.md'), not '../exercises/plank.html'",
        ),
        ("../media/squat.svg", "the link '../media/squat.svg' points to a file that does not exist"),
    ],
)
def test_link_that_does_not_exist(problems, target, message):
    assert problems({"guides/running.md": f"# Running\n\nSome text\nthen [this]({target}).\n"}) == [
        f"content/guides/running.md:4: {message}"
    ]


def test_links_in_exercise_bodies_count_lines_from_the_file_start(problems):
    plank = text("exercises/plank.md").replace("- Sagging hips.", "- Sagging hips, see [bridge](brige.md).")
    assert problems({"exercises/plank.md": plank}) == [
        "content/exercises/plank.md:32: the link 'brige.md' points to a page that does not exist — did you mean 'exercises/bridge.md'?"
    ]


def test_problems_carry_the_content_path_as_given(make_content, tmp_path, monkeypatch):
    make_content({"exercises/plank.md": text("exercises/plank.md").replace("level: beginner", "level: easy")}, name="some/dir")
    monkeypatch.chdir(tmp_path)
    message = "'level' must be one of beginner, intermediate or advanced, not 'easy'"
    assert [str(p) for p in load("some/dir").problems] == [f"some/dir/exercises/plank.md:5: {message}"]
    assert [str(p) for p in load("./some/dir/").problems] == [f"./some/dir/exercises/plank.md:5: {message}"]
    monkeypatch.chdir(tmp_path / "some" / "dir")
    assert [str(p) for p in load(".").problems] == [f"exercises/plank.md:5: {message}"]
    assert [str(p) for p in load(tmp_path / "some" / "dir").problems] == [f"{tmp_path}/some/dir/exercises/plank.md:5: {message}"]
