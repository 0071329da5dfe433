"""The editor's whole path, ending in a real `mkdocs build`: `new` -> `validate` reports the
placeholders -> filled in -> `validate` is clean -> the built page has its edit link. And on the
shipped site: every exercise and routine page links to its source file; made-up pages do not."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from support.editor_path import (
    EXERCISE_BODY,
    EXERCISE_PLACEHOLDERS,
    EXERCISE_VALUES,
    ROUTINE_BODY,
    ROUTINE_VALUES,
    fill_in,
    generator,
)
from support.local_site import REPO, build

DEFAULT_REPO_URL = "https://github.com/exercise-guide/exercise-guide"
FORK = "https://github.com/a-runner/exercise-guide-fork"


def edit_links(html: str) -> list[str]:
    """The hrefs of Material's "Edit this page" buttons."""
    return [m[1] for m in re.finditer(r'<a href="([^"]*)"[^>]*\brel="edit"', html)]


def test_from_new_to_a_built_page_with_its_edit_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", tmp_path / "content")
    content = tmp_path / "content"

    created = generator(tmp_path, "new", "exercise", "Side Lunge")
    assert created.returncode == 0 and created.stdout.startswith("created content/exercises/side-lunge.md\n")
    scaffolded = generator(tmp_path, "validate")
    assert scaffolded.returncode == 1
    assert scaffolded.stdout.splitlines() == EXERCISE_PLACEHOLDERS

    fill_in(content / "exercises" / "side-lunge.md", EXERCISE_VALUES, EXERCISE_BODY)
    assert generator(tmp_path, "new", "routine", "Evening Core").returncode == 0
    fill_in(content / "routines" / "evening-core.md", ROUTINE_VALUES, ROUTINE_BODY)
    clean = generator(tmp_path, "validate")
    assert (clean.returncode, clean.stdout) == (0, "4 exercises, 2 routines, 1 guide: no problems\n")

    # The deploy workflow sets REPO_URL to the repository the site is built from.
    monkeypatch.setenv("REPO_URL", FORK)
    monkeypatch.delenv("SITE_URL", raising=False)
    site = tmp_path / "site"
    result = build(content, site)
    assert result.returncode == 0, result.stdout + result.stderr

    page = (site / "exercises" / "side-lunge" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Side Lunge" in page
    assert edit_links(page) == [FORK + "/edit/main/content/exercises/side-lunge.md"]
    routine = (site / "routines" / "evening-core" / "index.html").read_text(encoding="utf-8")
    assert edit_links(routine) == [FORK + "/edit/main/content/routines/evening-core.md"]

    # The frontmatter schemas are published beside the pages.
    for kind in ("exercise", "routine"):
        schema = json.loads((site / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"https://exercise-guide.github.io/exercise-guide/schema/{kind}.json"


def test_every_exercise_and_routine_page_links_to_its_source(shipped_site: Path) -> None:
    repo_url = os.environ.get("REPO_URL", DEFAULT_REPO_URL)  # shipped_site is built with the environment as it is
    content = shipped_site.parent / "content"
    sources = [*sorted((content / "exercises").glob("*.md")), *sorted((content / "routines").glob("*.md"))]
    assert len(sources) >= 30
    for source in sources:
        folder, slug = source.parent.name, source.stem
        html = (shipped_site / folder / slug / "index.html").read_text(encoding="utf-8")
        assert edit_links(html) == [f"{repo_url}/edit/main/content/{folder}/{slug}.md"], source


@pytest.mark.parametrize("url", ["exercises/", "routines/", "routines/print/", "muscles/glutes/", "equipment/"])
def test_pages_the_site_makes_itself_have_no_edit_link(shipped_site: Path, url: str) -> None:
    html = (shipped_site / url / "index.html").read_text(encoding="utf-8")
    assert "Runner" in html  # the page is there
    assert edit_links(html) == []
