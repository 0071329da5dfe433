"""`python -m generator import free-exercise-db FILE`: a slice of the real dataset, imported into a
copy of the guide, validates and builds; importing twice changes nothing; nothing is overwritten."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.commands import importer
from generator.content.bodies import read_body
from generator.content.load import load
from generator.content.markdown import render, simple_block_tokens, steps_markdown
from generator.content.parse import decode, split
from support.markdown import same_tokens

REPO = Path(__file__).resolve().parent.parent
# The public-domain dataset, kept in the repository (benchmarks/data/) so that these tests run on any clone.
DATASET = REPO / "benchmarks" / "data" / "free-exercise-db" / "exercises.json"
# The first 40 records, and some that test a rule: Bicycling (one sentence: skipped), a bar named
# "e-z curl bar", Face Pull (one instruction of two sentences), Hip Circles (abductors), Iron Cross (no
# instructions: skipped) and Plank (the guide has its own plank.md).
EXTRA = ("Bicycling", "Bodyweight Flyes", "Face Pull", "Hip Circles (prone)", "Iron Cross", "Plank")

MARKUP = [
    *list("0123456789 .)-#>+*_`[]{}()<>&;!|:=\\\"'~^@"),
    "&amp;",
    "&#35;",
    "<b>",
    "TODO",
    "{: .x}",
    "](x)",
    "[^1]",
    "!!! ",
    "    ",
]


def run(*args: str | os.PathLike[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def dataset_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = json.loads(DATASET.read_text(encoding="utf-8"))
    chosen = records[:40] + [record for record in records if record["name"] in EXTRA]
    path = tmp_path_factory.mktemp("dataset") / "exercises.json"
    path.write_text(json.dumps(chosen), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported(dataset_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The shipped guide with the slice imported once, and what the command printed."""
    folder = tmp_path_factory.mktemp("imported")
    shutil.copytree(REPO / "content", folder / "content")
    return folder, run("-m", "generator", "import", "free-exercise-db", dataset_slice, "--into", "content", cwd=folder)


def test_the_import_reports_what_it_wrote_kept_and_skipped(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, done = imported
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    written = sorted(set(tree(folder / "content" / "exercises")) - set(tree(REPO / "content" / "exercises")))
    assert lines[0] == f"wrote {len(written)} exercise files to content{os.sep}exercises{os.sep}"
    assert len(written) == 46 - 3  # Plank exists; Bicycling and Iron Cross give fewer than two steps
    assert f"kept 1 file that already exists, unchanged: content{os.sep}exercises{os.sep}plank.md" in lines
    assert "skipped 'Bicycling': the dataset gives 1 step; an exercise needs at least two" in lines
    assert "skipped 'Iron Cross': the dataset gives no steps; an exercise needs at least two" in lines
    assert any(line.startswith("added ") and "taxonomy.yml: " in line and "strength" in line for line in lines)
    assert lines[-1].startswith("the guide in content: ") and lines[-1].endswith(": no problems")
    assert "\r" not in done.stdout  # no progress bar when the output is not a terminal
    assert (folder / "content" / "exercises" / "plank.md").read_bytes() == (
        REPO / "content" / "exercises" / "plank.md"
    ).read_bytes()


def test_imported_exercises_validate_and_build(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = imported
    checked = run("-m", "generator", "validate", "--content", "content", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    config = folder / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {folder / 'content'}", text)
    config.write_text(re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {REPO / 'theme'}", text), encoding="utf-8")
    built = run("-m", "mkdocs", "build", "-f", config, "-d", folder / "site", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr  # strict: any warning fails the build
    page = (folder / "site" / "exercises" / "3-4-sit-up" / "index.html").read_text(encoding="utf-8")
    assert "Reverse the motion, going only ¾ of the way down." in page
    data = json.loads((folder / "site" / "exercises.json").read_text(encoding="utf-8"))
    sit_up = next(ex for ex in data["exercises"] if ex["id"] == "3-4-sit-up")
    assert sit_up["level"] == "beginner" and sit_up["equipment"] == [] and sit_up["goals"] == ["strength"]
    assert len(sit_up["steps"]) == 5


def test_importing_twice_changes_nothing(imported: tuple[Path, subprocess.CompletedProcess[str]], dataset_slice: Path) -> None:
    folder, _ = imported
    before = tree(folder / "content")
    again = run("-m", "generator", "import", "free-exercise-db", dataset_slice, "--into", "content", cwd=folder)
    assert again.returncode == 0, again.stdout + again.stderr
    assert tree(folder / "content") == before
    assert again.stdout.splitlines()[0] == "wrote no exercise file"
    assert not any(line.startswith("added ") for line in again.stdout.splitlines())


def test_the_mapping_of_one_record(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = imported
    content = folder / "content"
    assert (content / "exercises" / "3-4-sit-up.md").read_text(encoding="utf-8") == (
        "---\n"
        "name: 3/4 Sit-Up\n"
        "summary: Lie down on the floor and secure your feet.\n"
        "level: beginner\n"
        "equipment: []\n"
        "muscles:\n"
        "  primary: [abdominals]\n"
        "goals: [strength]\n"
        "---\n\n"
        "## Steps\n\n"
        "1. Lie down on the floor and secure your feet. Your legs should be bent at the knees.\n"
        "2. Place your hands behind or to the side of your head. You will begin with your back on the ground. This will be your starting position.\n"
        "3. Flex your hips and spine to raise your torso toward your knees.\n"
        "4. At the top of the contraction your torso should be perpendicular to the ground. Reverse the motion, going only ¾ of the way down.\n"
        "5. Repeat for the recommended amount of repetitions.\n\n"
        "## Source\n\n"
        "From free-exercise-db (github.com/yuhonas/free-exercise-db, public domain), where its id is `3_4_Sit-Up`.\n"
    )
    guide = load(content).catalog
    assert guide is not None
    exercises = guide.exercises
    assert exercises["atlas-stones"].level == "advanced"  # the dataset's "expert"
    assert exercises["adductor-groin"].equipment == []  # the dataset names no equipment
    assert exercises["bodyweight-flyes"].equipment == ["e-z-curl-bar"]
    assert guide.term("equipment", "e-z-curl-bar").name == "EZ curl bar"
    assert exercises["back-flyes-with-bands"].equipment == ["resistance-band"]  # the guide's own term for bands
    assert "hip-abductors" in exercises["hip-circles-prone"].muscles.primary
    quad = exercises["all-fours-quad-stretch"]  # the dataset lists quadriceps as primary and secondary
    assert quad.muscles.primary == ["quadriceps"] and "quadriceps" not in quad.muscles.secondary
    assert exercises["face-pull"].steps == (
        "Facing a high pulley with a rope or dual handles attached, pull the weight directly towards your face, separating your hands as you do so.",
        "Keep your upper arms parallel to the ground.",
    )


def test_taxonomy_gains_terms_and_keeps_its_own(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = imported
    old = (REPO / "content" / "taxonomy.yml").read_text(encoding="utf-8")
    new = (folder / "content" / "taxonomy.yml").read_text(encoding="utf-8")
    # Every line of the old file is still there, in order: comments, blank lines and entries.
    remaining = iter(new.splitlines())
    assert all(line in remaining for line in old.splitlines())
    old_data, new_data = yaml.safe_load(old), yaml.safe_load(new)
    for vocabulary in ("muscles", "equipment", "goals"):
        assert list(new_data[vocabulary])[: len(old_data[vocabulary])] == list(old_data[vocabulary])
    assert new_data["goals"]["strength"] == "Strength"
    assert new_data["muscles"]["middle-back"] == "Middle back"
    assert "abductors" not in new_data["muscles"] and "bands" not in new_data["equipment"]


def test_terms_go_at_the_end_of_their_vocabulary_with_comments_kept() -> None:
    text = "# The vocabularies.\nmuscles:\n  glutes:\n    name: Glutes\n    description: Buttocks\n\n# Things.\nequipment:\n  mat: Mat  # soft\ngoals: {}\n"
    added = importer.add_terms(text, {"muscles": {"chest": "Chest"}, "equipment": {"e-z-curl-bar": "EZ curl bar", "yes": "Yes"}})
    assert added == (
        "# The vocabularies.\nmuscles:\n  glutes:\n    name: Glutes\n    description: Buttocks\n  chest: Chest\n\n"
        "# Things.\nequipment:\n  mat: Mat  # soft\n  e-z-curl-bar: EZ curl bar\n  'yes': 'Yes'\ngoals: {}\n"
    )
    # A vocabulary written in flow style takes no lines: the file is written anew from its data.
    rewritten = importer.add_terms(text, {"goals": {"strength": "Strength"}})
    assert yaml.safe_load(rewritten)["goals"] == {"strength": "Strength"}
    assert yaml.safe_load(rewritten)["muscles"] == {"glutes": {"name": "Glutes", "description": "Buttocks"}}


def test_records_that_make_no_exercise_are_skipped_with_the_reason() -> None:
    have = {name: frozenset() for name in ("muscles", "equipment", "goals")}
    record = {
        "name": "Wall Sit",
        "level": "beginner",
        "equipment": "body only",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": [],
        "category": "strength",
    }
    assert importer.free_exercise_db({**record, "instructions": []}, have) == importer.Skipped(
        "Wall Sit", "the dataset gives no steps; an exercise needs at least two"
    )
    assert (
        importer.free_exercise_db({**record, "instructions": ["Sit.", "Hold."], "level": "elite"}, have).reason
        == "unknown level 'elite'"
    )
    assert (
        importer.free_exercise_db({**record, "instructions": ["Sit.", "Hold."], "primaryMuscles": []}, have).reason
        == "the dataset names no primary muscle"
    )
    assert importer.free_exercise_db({**record, "name": "!!!", "instructions": ["Sit.", "Hold."]}, have).reason.startswith(
        "no usable file name"
    )


def test_a_long_first_sentence_is_cut_on_a_word_boundary() -> None:
    sentence = "Stand " + "very " * 60 + "tall."
    summary = importer.summary(sentence + " Then sit.")
    assert len(summary) <= 200 and summary.endswith("very…") and sentence.startswith(summary[:-1])
    assert importer.summary("Lie down. Then sit.") == "Lie down."


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(MARKUP) | st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_characters="\x7f"),
        min_size=1,
        max_size=30,
    )
    .map(lambda pieces: " ".join("".join(pieces).split()))  # as the importer reads an instruction
    .filter(bool)
)
def test_a_step_reads_as_its_text(text: str) -> None:
    """Whatever an instruction holds, its step is one list item that shows exactly that text."""
    line = importer._markdown(text)
    body, flaws = read_body(f"## Steps\n\n1. {line}\n2. Next.\n", 1, with_steps=True)
    assume(not flaws)  # text the checks refuse ("TODO: ...", "{ onclick=") is skipped by the importer
    assert body.steps == (line, "Next.")
    html = "".join(part.html for part in render(steps_markdown((line, "Next."))))  # as the exercise page shows the steps
    item = re.fullmatch(r"<ol>\n<li>(.*)</li>\n<li>Next.</li>\n</ol>\n", html, re.DOTALL)
    assert item is not None, html
    assert "<" not in item[1].replace("&lt;", ""), html
    assert _text_of(item[1]) == text


def _text_of(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


def test_the_progress_bar_is_drawn_on_a_terminal_only(tmp_path: Path) -> None:
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", tmp_path / "content")
    records = [
        {
            "name": f"Drill {n}",
            "level": "beginner",
            "equipment": "body only",
            "primaryMuscles": ["glutes"],
            "secondaryMuscles": [],
            "instructions": ["Stand.", "Move."],
            "category": "strength",
            "id": f"Drill_{n}",
        }
        for n in range(1, 6)
    ]
    (tmp_path / "data.json").write_text(json.dumps(records), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "import", "free-exercise-db", "data.json", "--into", "content"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=tmp_path, env=env, stdout=follower, stderr=subprocess.PIPE) as process:
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes with the process
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=60)
    os.close(leader)
    text = output.decode("utf-8")
    assert process.returncode == 0, text
    assert "\rimporting [" in text and "100%" in text
    assert "wrote 5 exercise files" in text


def test_a_file_that_is_not_the_dataset_stops_the_import(tmp_path: Path) -> None:
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", tmp_path / "content")
    before = tree(tmp_path / "content")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    done = run("-m", "generator", "import", "free-exercise-db", "bad.json", "--into", "content", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("error: bad.json is not JSON")
    done = run("-m", "generator", "import", "free-exercise-db", "missing.json", "--into", "content", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("error: cannot read missing.json")
    done = run("-m", "generator", "import", "free-exercise-db", "bad.json", "--into", "nowhere", cwd=tmp_path)
    assert done.returncode == 1 and "there is no content folder 'nowhere'" in done.stderr
    assert tree(tmp_path / "content") == before


# ---- bodies read without markdown-it's block parser (tests/test_bodies.py), on real data ----------


def test_every_body_at_hand_gives_markdown_its_own_tokens(imported: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = imported
    paths = [*(folder / "content").rglob("*.md"), *(REPO / "tests" / "fixtures").rglob("*.md")]
    simple = 0
    for path in paths:
        text = split(decode(path.read_bytes()), required=False).body
        simple += simple_block_tokens(text) is not None
        assert same_tokens(text), path
    assert simple > len(paths) / 2  # the fast way is the common one
