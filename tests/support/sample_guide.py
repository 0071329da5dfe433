"""A test guide of our own, written out by the fixtures: the edge cases the shipped content lacks.

- names and summaries full of HTML and Markdown specials, to prove everything is escaped;
- easier/harder declared one way only, to prove the relation is shown both ways;
- terms used by some exercises, as primary or secondary muscle, and one term used by none;
- a routine of 12 exercises with a note on each item and 3 rounds (the largest printed card).
"""

from __future__ import annotations

from pathlib import Path

TAXONOMY = """\
muscles:
  core: {name: Core, description: The trunk muscles}
  glutes: Glutes
  hamstrings: {name: Hamstrings, description: Back of the thigh}
  calves: Calves
  unused-muscle: Unused muscle
equipment:
  mat: Exercise mat
  band: {name: Resistance band}
  ball: Ball
goals:
  balance: Balance
  strength: {name: Strength, description: Getting stronger}
"""

TRICKY_NAME = "<b>Bold</b> * & _under_ `tick`"
TRICKY_SUMMARY = 'Shows <script>alert(1)</script> & *stars* literally, "quoted".'
TRICKY_ALIAS = "A&B <i>italic</i>"


def exercise(
    name: str,
    *,
    level: str = "beginner",
    equipment: str = "[]",
    primary: str = "[core]",
    extra: str = "",
    summary: str | None = None,
    label: str | None = None,
) -> str:
    summary = summary or f"{name} done slowly and well."
    name_in_body = label or name  # the body is the editor's Markdown, rendered as such
    return f"""---
name: {_quoted(name)}
summary: {_quoted(summary)}
level: {level}
equipment: {equipment}
muscles:
  primary: {primary}
{extra}---

An introduction to {name_in_body}.

## Steps

1. Get ready for {name_in_body}.
2. Do {name_in_body}
   with care.

## Common mistakes

- Rushing.
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EXERCISES = {
    "alpha": exercise(
        "Alpha",
        equipment="[mat]",
        extra="goals: [balance]\nharder: [beta]\ndosage: {sets: 2, reps: 8, per_side: true, hold: 3, rest: 30}\ncues: [Breathe out, Stay tall]\n",
    ),
    "beta": exercise(
        "Beta",
        level="intermediate",
        equipment="[band]",
        primary="[glutes]",
        extra="  secondary: [hamstrings]\ngoals: [strength]\nharder: [gamma]\ndosage: {sets: 3, time: 45s, rest: 1m}\n",
    ),
    "gamma": exercise(
        "Gamma",
        level="advanced",
        primary="[hamstrings]",
        extra='  secondary: [calves]\ndosage: {sets: 3, reps: "6-10"}\n',
    ),
    "delta": exercise(
        "Delta",
        equipment="[ball, mat]",
        primary="[calves]",
        extra="goals: [strength]\neasier: [alpha]\ndosage: {sets: 1, hold: 20s}\nimages: [{src: delta.svg, alt: A person holding a ball}]\n",
    ),
    "tricky": exercise(
        TRICKY_NAME,
        label="the tricky one",
        summary=TRICKY_SUMMARY,
        extra=f"aliases: [{_quoted(TRICKY_ALIAS)}]\ncues: [{_quoted('Keep <em>this</em> & that')}]\ndosage: {{reps: 5}}\n",
    ),
    **{
        f"filler-{n:02d}": exercise(
            f"Filler {n:02d}", equipment="[mat]", primary="[glutes]", extra="dosage: {sets: 2, reps: 10, rest: 20s}\n"
        )
        for n in range(1, 13)
    },
}

TWELVE_ITEMS = "".join(f"  - exercise: filler-{n:02d}\n    note: Note for item {n} of twelve\n" for n in range(1, 13))

ROUTINES = {
    "short": """---
name: Short <Routine> & co
summary: Three exercises for a quick test.
level: beginner
goals: [balance]
rounds: 2
rest_between_rounds: 1m
exercises:
  - exercise: alpha
    note: Slow and steady
  - exercise: beta
    sets: 2
  - exercise: delta
---

A short routine.
""",
    "twelve": f"""---
name: Twelve Stations
summary: "Twelve exercises, three rounds, a note on each: the largest card."
level: intermediate
goals: [strength]
rounds: 3
rest_between_rounds: 2m
exercises:
{TWELVE_ITEMS}---

The longest routine of the test guide.
""",
}

INDEX = """# Test guide

Start with [Alpha](exercises/alpha.md) or the [short routine](routines/short.md).
Read [the article](guides/article.md).
"""

ARTICLE = """# The article

Links to [Beta](../exercises/beta.md), [Gamma](../exercises/gamma.md) and [Twelve](../routines/twelve.md).
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n'


def write(root: Path) -> Path:
    """Write the test guide under root/content and return that folder."""
    content = root / "content"
    files = {
        "taxonomy.yml": TAXONOMY,
        "index.md": INDEX,
        "guides/article.md": ARTICLE,
        "media/delta.svg": SVG,
        **{f"exercises/{slug}.md": text for slug, text in EXERCISES.items()},
        **{f"routines/{slug}.md": text for slug, text in ROUTINES.items()},
    }
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content
