"""What pages say of themselves to machines (issue 16): schema.org JSON-LD on every exercise and
routine page, read by a JSON-LD processor (pyld); Open Graph for shared links; and the date each
page's content file last changed in git, as readers of health content expect."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from generator.content.load import load
from generator.content.records import Catalog
from support.local_site import REPO

S = "https://schema.org/"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load(REPO / "content")
    assert loaded.catalog is not None
    return loaded.catalog


def expanded(site: Path, url: str) -> dict[str, Any]:
    """The page's JSON-LD, expanded by pyld: every term a full schema.org IRI (an unknown one is dropped)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (node,) = jsonld.expand(json.loads(script))
    return node


def values(node: dict[str, Any], term: str) -> list[Any]:
    return [item.get("@value", item) for item in node.get(S + term, [])]


def test_every_exercise_page_describes_the_exercise(shipped_site: Path, catalog: Catalog) -> None:
    for slug, exercise in catalog.exercises.items():
        node = expanded(shipped_site, f"exercises/{slug}")
        assert set(node["@type"]) == {S + "HowTo", S + "ExercisePlan"}
        assert values(node, "name") == [exercise.name] and values(node, "description") == [exercise.summary]
        assert node[S + "url"][0]["@value"] == f"https://exercise-guide.github.io/exercise-guide/exercises/{slug}/"
        assert node[S + "image"][0]["@value"].endswith(f"/figures/{slug}.png")
        muscles = [values(part, "name")[0] for part in node[S + "associatedAnatomy"]]
        assert muscles == [catalog.term("muscles", m).name for m in exercise.muscles.all]
        assert all(part["@type"] == [S + "Muscle"] for part in node[S + "associatedAnatomy"])
        tools = [values(part, "name")[0] for part in node.get(S + "tool", [])]
        assert tools == [catalog.term("equipment", e).name for e in exercise.equipment]
        assert len(node[S + "step"]) == len(exercise.steps)
        assert values(node, "intensity") == [exercise.level.capitalize()]
        if exercise.dosage and exercise.dosage.rest:
            (rest,) = node[S + "restPeriods"]
            assert (values(rest, "value"), values(rest, "unitCode")) == ([exercise.dosage.rest], ["SEC"])


def test_every_routine_page_is_an_exercise_plan(shipped_site: Path, catalog: Catalog) -> None:
    for slug, routine in catalog.routines.items():
        node = expanded(shipped_site, f"routines/{slug}")
        assert node["@type"] == [S + "ExercisePlan"]
        assert values(node, "name") == [routine.name]
        minutes, seconds = divmod(routine.seconds(), 60)
        assert values(node, "activityDuration") == [f"PT{minutes}M{seconds}S" if seconds else f"PT{minutes}M"]
        assert values(node, "repetitions") == [routine.rounds]
        workload = node[S + "workload"][0]
        assert values(workload, "value") == [sum(item.dosage.set_count for item in routine.items) * routine.rounds]
        if routine.rest_between_rounds:
            assert values(node[S + "restPeriods"][0], "value") == [routine.rest_between_rounds]
        parts = sorted(node[S + "hasPart"], key=lambda part: values(part, "position")[0])
        assert [values(part, "name")[0] for part in parts] == [catalog.exercises[item.exercise].name for item in routine.items]


def test_shared_links_show_a_title_a_description_and_the_figure(shipped_site: Path) -> None:
    html = (shipped_site / "exercises" / "superman" / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">', html))
    assert meta["og:title"] == "Superman" and meta["og:type"] == "article"
    assert meta["og:description"].startswith("On hands and knees on the balance trainer")
    assert meta["og:url"] == "https://exercise-guide.github.io/exercise-guide/exercises/superman/"
    assert meta["og:image"] == "https://exercise-guide.github.io/exercise-guide/figures/superman.png"
    image = (shipped_site / "figures" / "superman.png").read_bytes()
    assert (
        image[:8] == b"\x89PNG\r\n\x1a\n"
        and int.from_bytes(image[16:20], "big") == 1200
        and int.from_bytes(image[20:24], "big") == 630
    )
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in home and "og:image" not in home


def test_each_page_says_when_its_file_last_changed(shipped_site: Path, catalog: Catalog) -> None:
    for kind, records in (("exercises", catalog.exercises), ("routines", catalog.routines)):
        for slug, record in list(records.items())[:6]:
            committed = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", f"content/{record.source}"], cwd=REPO, capture_output=True, text=True
            ).stdout.strip()
            if not committed:
                pytest.skip("the content is not in a git repository here")
            html = (shipped_site / kind / slug / "index.html").read_text(encoding="utf-8")
            assert f'<p class="eg-reviewed">Last reviewed <time datetime="{committed}">' in html, slug
