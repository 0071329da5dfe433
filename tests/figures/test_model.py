"""The `figure:` format: what an editor may write, the messages for mistakes, and hostile input.

Messages are checked through `python -m generator validate`'s own path (the exercise model and the
loader), so what is asserted is exactly what an editor reads, with its line.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SHIPPED
from pydantic import ValidationError

from generator.content.jsonschema import json_text
from generator.content.load import load
from generator.figures import check
from generator.figures.model import FigureMeta, unjudged
from support.editor_path import generator

GOOD = {
    "props": ["mat"],
    "start": {"pose": "quadruped"},
    "end": {"pose": "quadruped", "lift": ["left.arm", "right.leg"], "left": {"shoulder": 178}, "right": {"hip": 0, "knee": 0}},
}


def errors(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    try:
        FigureMeta.model_validate(data)
    except ValidationError as error:
        return [(tuple(e["loc"]), e["msg"]) for e in error.errors(include_url=False)]
    return []


def test_a_good_figure_has_no_problems() -> None:
    assert errors(GOOD) == []
    assert check(FigureMeta.model_validate(GOOD)) == []


def exercise_with(figure_yaml: str) -> str:
    """superman.md with its figure replaced by `figure_yaml` (indented two spaces under `figure:`)."""
    text = (REPO / "content" / "exercises" / "superman.md").read_text(encoding="utf-8")
    head, rest = text.split("\nfigure:\n", 1)
    tail = rest[rest.index("\n---\n") :]  # the figure is the frontmatter's last field
    return head + "\nfigure:\n" + figure_yaml.rstrip("\n") + tail


def validate_lines(tmp_path: Path, figure_yaml: str) -> list[str]:
    """The problems `validate` reports for superman.md in a copy of the shipped guide, with this figure."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "exercises" / "superman.md").write_text(exercise_with(figure_yaml), encoding="utf-8")
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in load(content).problems]


def test_messages_for_bad_figures_name_the_line_and_say_what_to_do(tmp_path: Path) -> None:
    figure = """\
  props: [balance-trainer, stepp]
  start:
    pose: quadrupedd
    rests_on: {hands: balance-trainer, knees: balance-trainer}
  end:
    pose: quadruped
    rests_on: {right.hand: balance-trainer, left.kneee: balance-trainer}
    left: {shoulder: 178}
    right: {hip: 0, knee: 200}
    lift: [left.armm]
"""
    assert validate_lines(tmp_path, figure) == [
        "superman.md:23: unknown prop 'stepp' — did you mean 'step'? (the props are mat, balance-trainer, step, bench, wall, band, loop-band)",
        "superman.md:25: 'figure.start.pose' is not a base pose: 'quadrupedd' — did you mean 'quadruped'? (the poses are standing, single-leg-stance, "
        "split-stance, lunge, squat, hinge, kneeling, half-kneeling, quadruped, plank, forearm-plank, side-plank, side-lying, side-lying-forearm, "
        "supine, hook-lying, bridge, prone, prone-forearms, seated, v-sit)",
        "superman.md:29: 'figure.end.rests_on.left.kneee' is not a contact — did you mean 'left.knee'? (contacts are body parts: feet, toes, "
        "heels, knees, shins, hands, forearms, elbows, back, seat, head, or one side's, like left.hand)",
        "superman.md:31: 'figure.end.right.knee' is 200°: a knee bends from 0° (straight) to 150°; it cannot bend backwards",
        "superman.md:32: 'figure.end.lift' item 1 'left.armm' is not a contact or a limb — did you mean 'left.arm'? (lift contacts like "
        "left.hand, or limbs: left.arm, right.leg, arms, legs)",
    ]


def test_a_contact_that_cannot_hold_is_reported_at_its_line(tmp_path: Path) -> None:
    figure = """\
  start: {pose: standing}
  end:
    pose: standing
    rests_on: {feet: floor, hands: floor}
"""
    lines = validate_lines(tmp_path, figure)
    assert len(lines) == 1, lines  # one message for what the editor wrote once ("hands")
    assert lines[0].startswith("superman.md:26: 'figure.end.rests_on.hands' cannot hold: the left hand stays 8")
    assert lines[0].endswith(
        " cm above the floor (the left heel is lower and holds the body up); change the pose's angles or its contacts"
    )


def test_a_surface_must_be_a_prop_of_the_figure(tmp_path: Path) -> None:
    figure = """\
  start: {pose: standing, rests_on: step}
  end: {pose: squat}
"""
    assert validate_lines(tmp_path, figure) == [
        "superman.md:23: 'figure.start.rests_on' rests on the step, which is not in the figure's props: add 'step' to 'props'",
    ]


def test_check_says_the_same_with_locations_inside_the_figure() -> None:
    bad = unjudged({"start": {"pose": "standing"}, "end": {"pose": "standing", "left": {"knee": -10}}})
    assert check(bad) == [
        (("end", "left", "knee"), "'end.left.knee' is -10°: a knee bends from 0° (straight) to 150°; it cannot bend backwards")
    ]
    assert check(bad, field="figure")[0][1].startswith("'figure.end.left.knee' is -10°")


def test_a_pose_that_sinks_into_a_prop_is_refused() -> None:
    found = errors(
        {
            "props": ["balance-trainer"],
            "start": {"pose": "standing", "rests_on": "balance-trainer"},
            "end": {"pose": "squat", "rests_on": "balance-trainer", "both": {"hip": 0, "knee": 150}},
        }
    )
    assert found, "a squat with the knees folded flat on a dome cannot hold"


@pytest.mark.parametrize(
    ("data", "loc", "start"),
    [
        (
            {"start": {"pose": "standing", "spine": float("nan")}, "end": {"pose": "standing"}},
            ("start", "spine"),
            "must be an angle in degrees between -720 and 720",
        ),
        (
            {"start": {"pose": "standing", "neck": 1e300}, "end": {"pose": "standing"}},
            ("start", "neck"),
            "must be an angle in degrees between",
        ),
        (
            {"start": {"pose": "standing", "left": {"knee": True}}, "end": {"pose": "standing"}},
            ("start", "left", "knee"),
            "must be an angle in degrees, like 90",
        ),
        (
            {"start": {"pose": "standing", "left": {"knee": "x" * 10_000_000}}, "end": {"pose": "standing"}},
            ("start", "left", "knee"),
            "must be an angle in degrees, like 90, not text",
        ),
        (
            {"start": {"pose": "standing", "rests_on": "x" * 10_000_000}, "end": {"pose": "standing"}},
            ("start", "rests_on"),
            "is 10000000 characters long",
        ),
        (
            {"start": {"pose": "standing", "lift": ["arms"] * 100}, "end": {"pose": "standing"}},
            ("start", "lift"),
            "lists 100; at most 8",
        ),
        (
            {"start": {"pose": "standing", "rests_on": {f"k{i}": "floor" for i in range(50)}}, "end": {"pose": "standing"}},
            ("start", "rests_on"),
            "lists 50 contacts; at most 12",
        ),
        (
            {"props": ["mat"] * 50, "start": {"pose": "standing"}, "end": {"pose": "standing"}},
            ("props",),
            "List should have at most 6 items",
        ),
        (
            {"props": [{"step": 10_000}], "start": {"pose": "standing"}, "end": {"pose": "standing"}},
            ("props", 0),
            "the step's option is its height in cm, from 8 to 45",
        ),
        (
            {"camera": {"turn": float("inf")}, "start": {"pose": "standing"}, "end": {"pose": "standing"}},
            ("camera", "turn"),
            "Input should be a finite number",
        ),
    ],
    ids=[
        "nan",
        "huge",
        "bool",
        "10MB-angle",
        "10MB-surface",
        "long-lift",
        "many-contacts",
        "many-props",
        "step-height",
        "inf-camera",
    ],
)
def test_hostile_input_gets_a_message_not_a_traceback(data: dict[str, Any], loc: tuple[Any, ...], start: str) -> None:
    found = errors(data)
    assert any(where == loc and start in message for where, message in found), found


def test_deep_nesting_is_refused_plainly() -> None:
    nested: Any = "floor"
    for _ in range(200):
        nested = {"x": nested}
    found = errors({"start": {"pose": "standing", "rests_on": nested}, "end": {"pose": "standing"}})
    assert found and all("Traceback" not in m for _, m in found)


def test_unknown_keys_are_refused_with_a_suggestion(tmp_path: Path) -> None:
    figure = """\
  start: {pose: standing, rests_onn: floor}
  end: {pose: squat}
"""
    assert validate_lines(tmp_path, figure) == ["superman.md:23: unknown field 'rests_onn' — did you mean 'rests_on'?"]


def test_the_json_schema_describes_the_figure() -> None:
    schema = json.loads(json_text("exercise"))
    figure = schema["$defs"]["Figure"]
    assert set(figure["properties"]) == {"alt", "view", "near", "props", "camera", "arrows", "detail", "start", "end"}
    keyframe = schema["$defs"]["Keyframe"]["properties"]
    assert "quadruped" in keyframe["pose"]["enum"]
    assert keyframe["rests_on"]["oneOf"][0]["enum"][:3] == ["floor", "mat", "balance-trainer"]
    assert schema["$defs"]["Limb"]["properties"]["knee"]["description"].startswith("knee bend")
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    for slug, front in SHIPPED.items():
        assert not list(validator.iter_errors(front)), slug
    assert list(
        validator.iter_errors({**SHIPPED["superman"], "figure": {**SHIPPED["superman"]["figure"], "start": {"pose": "crouch"}}})
    )


def test_the_figure_messages_quoted_in_contributing_are_the_real_ones(tmp_path: Path) -> None:
    """CONTRIBUTING's "Posing the figure" quotes validate on the side lunge with three mistakes."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    quoted = re.findall(r"(?m)^ *> (content/exercises/side-lunge\.md:\d+: 'figure\..*)$", text)
    assert len(quoted) == 3
    example = re.search(r"<!-- example: exercises/side-lunge.md -->\n```markdown\n(.*?)```\n", text, re.S)
    assert example is not None
    figure = (
        "figure:\n  view: front\n  start:\n    pose: standng\n    both: {hip_out: 20}\n  end:\n    pose: standing\n"
        "    rests_on: {feet: floor, hands: floor}\n    lead: left\n    spine: 25\n    right: {hip: 75, hip_out: 12, knee: 200}\n"
        "    left: {hip_out: 32}\n"
    )
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    path = content / "exercises" / "side-lunge.md"
    path.write_text(
        example.group(1).replace("harder: [lateral-step-down]\n---", "harder: [lateral-step-down]\n" + figure + "---"),
        encoding="utf-8",
    )
    seen = [f"content/exercises/{Path(p.path).name}:{p.line}: {p.message}" for p in load(content).problems]
    path.write_text(
        path.read_text(encoding="utf-8").replace("knee: 200}", "knee: 85}").replace("pose: standng", "pose: standing"),
        encoding="utf-8",
    )
    seen += [f"content/exercises/{Path(p.path).name}:{p.line}: {p.message}" for p in load(content).problems]
    assert quoted == seen


def test_the_figure_command_writes_a_preview_and_reports_the_files_problems(tmp_path: Path) -> None:
    """`python -m generator figure NAME`, as CONTRIBUTING's "Posing the figure" tells an editor to run it."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    done = generator(tmp_path, "figure", "superman", "--content", "content")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == "wrote figure-superman.html; open it in a browser\n"
    preview = (tmp_path / "figure-superman.html").read_text(encoding="utf-8")
    # page and card inline, the list's thumbnail as an <img>, in the light palette and the dark
    assert (preview.count("<svg"), preview.count('<img class="thumb" alt="" src="data:image/svg+xml;base64,')) == (4, 2)
    assert "<title>Figure: Superman</title>" in preview and "Problems" not in preview

    (content / "exercises" / "superman.md").write_text(
        exercise_with("  start: {pose: standing}\n  end: {pose: standing, left: {knee: -10}}\n"), encoding="utf-8"
    )
    done = generator(tmp_path, "figure", "superman", "--content", "content", "--out", "bent.html")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("content/exercises/superman.md:24: 'figure.end.left.knee' is -10°")
    assert "Problems" in (tmp_path / "bent.html").read_text(encoding="utf-8")  # drawn anyway, the problem above it

    done = generator(tmp_path, "figure", "no-such-exercise", "--content", "content")
    assert (done.returncode, done.stderr) == (1, "error: no exercise content/exercises/no-such-exercise.md\n")
