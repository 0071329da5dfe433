"""The editor's path, shared by tests/test_editor_workflow.py and tests/site/test_site_edit_links.py:
scaffold a file with `python -m generator new`, see what `validate` says about it, fill it in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# `validate` on the minimal content (tests/fixtures/minimal) with a fresh `new exercise "Side Lunge"`:
# exactly these lines, one for every placeholder and nothing else.
EXERCISE_PLACEHOLDERS = [
    "content/exercises/side-lunge.md:10: 'summary' is a placeholder: write one sentence (at most 200 characters): the position, the movement and what it trains",
    "content/exercises/side-lunge.md:11: 'level' is a placeholder: write beginner, intermediate or advanced",
    "content/exercises/side-lunge.md:12: 'equipment' is a placeholder: list the equipment ids in brackets, like [mat], or write [] for bodyweight only",
    "content/exercises/side-lunge.md:14: 'muscles.primary' is a placeholder: list the ids of the muscles that do the main work, in brackets, like [glutes, hamstrings]",
    "content/exercises/side-lunge.md:18: 'dosage.sets' is a placeholder: write the number of sets, like 2",
    "content/exercises/side-lunge.md:19: 'dosage.reps' is a placeholder: write the repetitions per set, like 10 or \"8-12\"; for a timed exercise, replace this line with time: 30s",
    "content/exercises/side-lunge.md:23: 'dosage.rest' is a placeholder: write the rest after each set, like 45s or 1m30s",
    "content/exercises/side-lunge.md:25: 'cues' item 1 is a placeholder: write a short reminder, like: Hips level, as if balancing a cup",
    "content/exercises/side-lunge.md:32: this text is a placeholder: write two or three sentences on what the exercise trains and why it helps, or delete this paragraph",
    "content/exercises/side-lunge.md:36: this text is a placeholder: describe the starting position: where the body is and what rests on the floor or the trainer",
    "content/exercises/side-lunge.md:37: this text is a placeholder: describe the movement, one action a step, and the way back; add as many steps as it takes",
    "content/exercises/side-lunge.md:41: this text is a placeholder: name a mistake people often make and what it does, or delete this section",
    "content/exercises/side-lunge.md:45: this text is a placeholder: say when to stop and what to do instead, or delete this section",
]

# The same for `new routine "Evening Core"`.
ROUTINE_PLACEHOLDERS = [
    "content/routines/evening-core.md:8: 'summary' is a placeholder: write one sentence (at most 200 characters): who it is for, how long it takes and what it trains",
    "content/routines/evening-core.md:9: 'level' is a placeholder: write beginner, intermediate or advanced",
    "content/routines/evening-core.md:14: 'exercise' is a placeholder: write an exercise's file name without .md, like plank",
    "content/routines/evening-core.md:16: 'note' is a placeholder: write a note for the card (at most 100 characters), or delete this line",
    "content/routines/evening-core.md:19: this text is a placeholder: write a few sentences on who the routine is for, when to do it and how to progress",
    "content/routines/evening-core.md:23: this text is a placeholder: give a tip for doing the routine well, or delete this section",
]

# What an editor writes in place of each placeholder (by the key on its line; "-" for a list item).
EXERCISE_VALUES = {
    "summary": "Step wide to one side and sit back into that hip, training the glutes and the inner thighs.",
    "level": "beginner",
    "equipment": "[]",
    "primary": "[glutes, hamstrings]",
    "sets": "2",
    "reps": '"8-10"',
    "rest": "45s",
    "-": "Knee over the toes",
}
EXERCISE_BODY = """
A lunge to the side, for hips that hold the knee in line.

## Steps

1. Stand tall with the feet wide apart and the toes pointing forward.
2. Sit back into the right hip, bending the right knee while the left leg stays straight.
3. Push through the right heel to stand up again, then switch sides.

## Safety

Stop if a knee hurts; a shallower lunge is just as useful.
"""

ROUTINE_VALUES = {
    "summary": "Ten quiet minutes for the hips and the trunk after an easy evening run.",
    "level": "beginner",
    "exercise": "side-lunge",
    "note": "Slow on the way down",
}
ROUTINE_BODY = """
Do it after easy runs, two or three times a week.
"""

_PLACEHOLDER_LINE = re.compile(r'^(?P<lead>\s*(?:- )?)(?:(?P<key>\w+): )?"TODO:.*$')


def generator(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `cwd`, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"},
    )


def fill_in(path: Path, values: dict[str, str], body: str) -> None:
    """Replace each "TODO: ..." value of the frontmatter with `values`, and the body with `body`,
    leaving the scaffold's comments and real values as they are."""
    text = path.read_text(encoding="utf-8")
    _, front, _old_body = text.split("---\n", 2)
    lines = []
    for line in front.split("\n"):
        match = _PLACEHOLDER_LINE.match(line)
        if match:
            key = match["key"]
            line = match["lead"] + (f"{key}: {values[key]}" if key else values["-"])
        lines.append(line)
    path.write_text("---\n" + "\n".join(lines) + "---\n" + body, encoding="utf-8")
    assert not re.search(r"(?m)^[^#\n]*TODO", path.read_text(encoding="utf-8"))  # only the comments still say TODO
