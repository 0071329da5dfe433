"""The JSON Schema of the frontmatter (`python -m generator schema`, /schema/*.json on the site).

It is made from the pydantic models the checks run, so it must accept every file the guide ships and
refuse what the checks refuse on the level of one file.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.content import jsonschema as schema_export
from generator.content.load import load
from generator.site.context import Settings, Site
from generator.site.schemas import produce as schema_files

REPO = Path(__file__).resolve().parent.parent
SHIPPED = {kind: sorted((REPO / "content" / f"{kind}s").glob("*.md")) for kind in schema_export.described()}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        # Without SITE_URL unless a test sets it: the default address comes from mkdocs.yml.
        env={**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "PYTHONPATH": str(REPO), **(env or {})},
    )


@functools.cache
def printed(kind: str) -> dict:
    """The schema as `python -m generator schema KIND` prints it."""
    done = cli("schema", kind)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


@pytest.fixture(scope="module", params=schema_export.described())
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def validator(kind: str) -> jsonschema.protocols.Validator:
    """The printed schema, itself checked against the draft it names."""
    jsonschema.Draft202012Validator.check_schema(printed(kind))
    return jsonschema.Draft202012Validator(printed(kind))


def test_the_schema_names_its_draft_its_address_and_what_it_describes(kind: str) -> None:
    schema = json.loads(cli("schema", kind, "--site-url", "https://guide.example/sub/").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://guide.example/sub/schema/{kind}.json"
    assert schema["title"] == f"{kind.capitalize()} frontmatter"
    assert f"content/{kind}s/<slug>.md" in schema["description"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_the_default_address_is_the_site_url_mkdocs_would_use() -> None:
    from_config = printed("exercise")["$id"]
    assert from_config == "https://exercise-guide.github.io/exercise-guide/schema/exercise.json"
    from_env = json.loads(cli("schema", "exercise", env={"SITE_URL": "https://me.github.io/guide/"}).stdout)["$id"]
    assert from_env == "https://me.github.io/guide/schema/exercise.json"


@pytest.mark.parametrize("path", SHIPPED["exercise"], ids=lambda p: p.stem)
def test_every_shipped_exercise_is_valid(path: Path) -> None:
    jsonschema.Draft202012Validator(printed("exercise")).validate(frontmatter(path))


@pytest.mark.parametrize("path", SHIPPED["routine"], ids=lambda p: p.stem)
def test_every_shipped_routine_is_valid(path: Path) -> None:
    jsonschema.Draft202012Validator(printed("routine")).validate(frontmatter(path))


def test_the_guide_ships_files_of_both_kinds() -> None:
    assert len(SHIPPED["exercise"]) >= 10 and len(SHIPPED["routine"]) >= 2


def test_an_unknown_field_is_refused(kind: str, validator: jsonschema.protocols.Validator) -> None:
    data = frontmatter(SHIPPED[kind][0])
    validator.validate(data)
    errors = list(validator.iter_errors({**data, "muscels": {"primary": ["glutes"]}}))
    assert [error.validator for error in errors] == ["additionalProperties"]
    assert "'muscels' was unexpected" in errors[0].message


@pytest.mark.parametrize(
    "change",
    [
        {"level": "expert"},
        {"summary": "x" * 201},
        {"name": 300},
        {"goals": ["balance", "balance"]},
    ],
    ids=["level", "summary-length", "name-type", "duplicate-goal"],
)
def test_what_the_checks_refuse_in_one_file_the_schema_refuses(
    kind: str, validator: jsonschema.protocols.Validator, change: dict
) -> None:
    data = {**frontmatter(SHIPPED[kind][0]), **change}
    assert not validator.is_valid(data)


def test_a_missing_required_field_is_refused(kind: str, validator: jsonschema.protocols.Validator) -> None:
    data = frontmatter(SHIPPED[kind][0])
    del data["summary"]
    assert [error.message for error in validator.iter_errors(data)] == ["'summary' is a required property"]


def test_reps_and_time_together_are_refused() -> None:
    validator = jsonschema.Draft202012Validator(schema_export.json_schema("exercise"))
    data = frontmatter(REPO / "content" / "exercises" / "superman.md")
    assert validator.is_valid(data)
    assert not validator.is_valid({**data, "dosage": {"sets": 2, "reps": 8, "time": "30s"}})
    assert validator.is_valid({**data, "dosage": {"sets": 2, "time": "30s", "rest": "1m30s"}})
    assert not validator.is_valid({**data, "dosage": {"sets": 0}})
    assert not validator.is_valid({**data, "dosage": {"rest": "soon"}})


def test_routine_items_are_checked_inside_the_list() -> None:
    validator = jsonschema.Draft202012Validator(schema_export.json_schema("routine"))
    data = frontmatter(SHIPPED["routine"][0])
    assert not validator.is_valid({**data, "exercises": []})
    assert not validator.is_valid({**data, "exercises": [{"exercise": "plank", "sets": 2, "weight": 10}]})
    assert not validator.is_valid({**data, "exercises": [{"exercise": "plank", "note": "x" * 101}]})
    assert validator.is_valid({**data, "exercises": [{"exercise": "plank", "time": 30, "per_side": True}]})


def test_pydantic_leftovers_are_tidied(kind: str) -> None:
    text = schema_export.json_text(kind)

    def walk(node):
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    nodes = list(walk(json.loads(text)))
    assert not [node for node in nodes if "default" in node and node["default"] is None]
    assert "Meta" not in text  # no Python class names
    titles = {node["title"] for node in nodes if isinstance(node.get("title"), str)}
    assert not titles & {"Name", "Summary", "Sets", "Per Side", "Rest Between Rounds"}


def test_the_site_publishes_the_same_schemas() -> None:
    loaded = load(REPO / "content")
    assert loaded.catalog is not None, loaded.problems
    files = {made.path: made.content for made in schema_files(loaded.catalog, Site(Settings(site_url="https://guide.example/")))}
    for kind in schema_export.described():
        published = json.loads(files[f"schema/{kind}.json"])
        printed = json.loads(cli("schema", kind, "--site-url", "https://guide.example/").stdout)
        assert published == printed
        assert published["$id"] == f"https://guide.example/schema/{kind}.json"


def test_an_unknown_kind_is_a_usage_error() -> None:
    done = cli("schema", "guide")
    assert done.returncode == 2
    assert done.stderr == "error: there is no schema for 'guide': choose one of exercise, routine\n"
