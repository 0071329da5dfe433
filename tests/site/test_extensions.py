"""The seams of the architecture (issue 13): an extension registers a content kind, a vocabulary and an
output from outside generator/ (tests/fixtures/extension/programs_ext.py), and `validate`, the
plugin's build and `emit` all carry them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.content import MINIMAL_CONTENT, write_content
from support.html_tools import article
from support.local_site import REPO, mkdocs_config

EXTENSION = REPO / "tests" / "fixtures" / "extension"
PROGRAM = """---
name: Base Block
summary: Six weeks of the core routine, twice a week.
weeks: 6
routines: [core]
---

Start here, then see the [plank](../exercises/plank.md).
"""


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(EXTENSION), str(REPO)]), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extended")
    taxonomy = (MINIMAL_CONTENT / "taxonomy.yml").read_text(
        encoding="utf-8"
    ) + "positions:\n  prone: {name: Lying face down}\n  standing: Standing\n"
    plank = (
        (MINIMAL_CONTENT / "exercises" / "plank.md")
        .read_text(encoding="utf-8")
        .replace("level: beginner", "level: beginner\npositions: [prone]")
    )
    write_content(root / "content", {"taxonomy.yml": taxonomy, "exercises/plank.md": plank, "programs/base-block.md": PROGRAM})
    config = mkdocs_config(root, root / "content")
    text = config.read_text(encoding="utf-8").replace(
        "  - exercise-guide\n", "  - exercise-guide:\n      extensions: [programs_ext]\n"
    )
    config.write_text(text, encoding="utf-8")
    return root


def test_validate_reads_the_extension_from_the_configuration(project: Path) -> None:
    done = run("-m", "generator", "validate", "--config", "mkdocs.yml", "--content", "content", cwd=project)
    assert (done.returncode, done.stdout) == (0, "3 exercises, 1 routine, 1 guide, 1 program: no problems\n"), done.stderr
    broken = project / "broken"
    write_content(
        broken,
        {
            "taxonomy.yml": (project / "content" / "taxonomy.yml").read_text(),
            "programs/x.md": PROGRAM.replace("weeks: 6", "weeks: 60"),
        },
    )
    done = run("-m", "generator", "validate", "--config", "mkdocs.yml", "--content", "broken", cwd=project)
    assert (done.returncode, done.stdout) == (1, "broken/programs/x.md:4: 'weeks' must be at most 26, not 60\n")


def test_the_build_carries_the_kind_the_vocabulary_and_the_output(project: Path) -> None:
    done = run("-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site", cwd=project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    program = article(site, "programs/base-block/")
    assert (
        "Base Block" in program
        and '<a href="../../routines/core/">Core basics</a>' in program
        and 'href="../../exercises/plank/"' in program
    )
    assert "Base Block" in article(site, "programs/")
    # The vocabulary: a term page, a filter on the exercise list, the exercise's facts.
    assert "Plank" in article(site, "positions/prone/")
    listing = article(site, "exercises/")
    assert '<select id="eg-filter-positions" name="position">' in listing and 'data-positions="prone"' in listing
    assert 'href="../../positions/prone/">Lying face down</a>' in article(site, "exercises/plank/")
    # The output, and the data.
    assert (site / "programs.ics").read_text(encoding="utf-8").count("SUMMARY:Base Block") == 1
    data = json.loads((site / "exercises.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["programs"]] == ["base-block"] and data["programs"][0]["weeks"] == 6
    assert [t["id"] for t in data["taxonomy"]["positions"]] == ["prone", "standing"]
    assert next(e for e in data["exercises"] if e["id"] == "plank")["positions"] == ["prone"]


def test_emit_carries_them_too(project: Path) -> None:
    done = run("-m", "generator", "emit", "emitted", "--config", "mkdocs.yml", cwd=project)
    assert done.returncode == 0, done.stderr
    docs = project / "emitted" / "docs"
    assert (docs / "programs" / "base-block.md").is_file() and (docs / "positions" / "prone.md").is_file()
    assert (docs / "programs.ics").is_file()
    built = run("-m", "mkdocs", "build", "-f", "emitted/mkdocs.yml", "-d", "plain", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "Base Block" in article(project / "emitted" / "plain", "programs/base-block/")
