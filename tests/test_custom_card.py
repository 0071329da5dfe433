"""The reader's own card, on the Python side: the addresses the routines' Customize links hold, the
data the builder page carries, and the QR library the page bundles. (What the page's script does with
them is in tests/site/test_card_builder.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.content import kinds
from generator.content.load import load
from generator.content.records import Dosage
from generator.content.schema import LIMITS, SECONDS_PER_REP
from generator.site import custom_card
from generator.site.context import Settings, Site
from support.local_site import REPO

VENDORED = REPO / "theme" / "assets" / "javascripts" / "vendor" / "qrcode-generator.js"


@pytest.mark.parametrize(
    ("dosage", "code"),
    [
        (Dosage(sets=2, reps=(8, 8), hold=5, per_side=True), "2x8h5p"),
        (Dosage(sets=3, time=30, rest=60), "3x30sr60"),
        (Dosage(sets=1, reps=(8, 12)), "1x8-12"),
        (Dosage(hold=20), "h20"),
        (Dosage(hold=20, per_side=False), "h20"),
        (Dosage(sets=4), "4x"),
        (Dosage(rest=45), "r45"),
        (Dosage(), ""),
        (Dosage(sets=8, reps=(100, 100), hold=300, rest=600, per_side=True), "8x100h300r600p"),
        (Dosage(sets=1, time=1800, hold=5), "1x1800sh5"),
    ],
)
def test_dosage_codes(dosage: Dosage, code: str) -> None:
    assert custom_card.dosage_code(dosage) == code


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Morning", "Morning"),
        ("Morning core", "Morning+core"),
        ("A&B=C?#", "A%26B%3DC%3F%23"),
        ("Dan's (hard) card!", "Dan's+(hard)+card!"),
        ("100% + more", "100%25+%2B+more"),
        ("Übungen für den Morgen", "%C3%9Cbungen+f%C3%BCr+den+Morgen"),
        ("~*._-", "~*._-"),
    ],
)
def test_titles_are_written_as_encode_uri_component_writes_them(title: str, code: str) -> None:
    assert custom_card.title_code(title) == code


def test_an_address_leaves_out_what_is_the_default() -> None:
    card = custom_card.Card("My card", [("plank", Dosage(sets=3, time=30)), ("superman", None)])
    assert custom_card.address(card) == "v=1&x=plank.3x30s,superman"
    full = custom_card.Card("Morning", [("plank", Dosage())], rounds=2, rest_between_rounds=60, routine="after-run-basics")
    assert custom_card.address(full) == "v=1&n=Morning&f=after-run-basics&r=2&b=60&x=plank."


@pytest.fixture(scope="module")
def shipped():
    loaded = load(REPO / "content")
    assert loaded.catalog is not None
    return loaded.catalog


def test_a_routines_address_holds_its_items_resolved(shipped) -> None:
    routine = shipped.routines["pre-run-activation"]
    address = custom_card.routine_address(routine)
    items = ",".join(f"{item.exercise}.{custom_card.dosage_code(item.dosage)}" for item in routine.items)
    assert address == f"v=1&f=pre-run-activation&r=2&b=30&x={items}"
    assert "glute-bridge.1x10h1r10" in address
    # The title is the routine's name, the default of a card made from it: left out.
    assert "n=" not in address


def test_builder_data_carries_the_limits_and_every_exercise(shipped) -> None:
    site = Site(Settings(site_url="https://example.org/guide/"))
    data = custom_card.builder_data(shipped, site, site.linker(custom_card.page()))
    assert data["limits"] == {
        "items": LIMITS.routine_items,
        "sets": LIMITS.sets,
        "rounds": LIMITS.rounds,
        "reps": LIMITS.reps,
        "hold": LIMITS.hold,
        "time": LIMITS.time,
        "rest": LIMITS.rest,
        "name": LIMITS.name,
    }
    assert data["seconds_per_rep"] == SECONDS_PER_REP
    assert data["address"] == "https://example.org/guide/routines/custom/"
    assert data["path"] == "routines/custom/"
    assert data["title"] == "My card" == kinds.ROUTINE.extra_pages["custom"][1]
    assert data["exercise_url"] == "../../exercises/{id}/"
    rows = {row[0]: dict(zip(data["fields"], row, strict=True)) for row in data["exercises"]}
    assert list(rows) == list(shipped.exercises)
    plank = rows["plank"]
    assert plank["name"] == "Plank" and plank["dosage"] == "3x30sr30"
    assert plank["cues"] == list(shipped.exercises["plank"].cues[: custom_card.CUES])
    assert [routine["id"] for routine in data["routines"]] == list(shipped.routines)
    first = data["routines"][0]
    routine = shipped.routines[first["id"]]
    assert first["notes"] == [[item.exercise, item.note] for item in routine.items]
    assert first["goals"] == [shipped.term("goals", goal).name for goal in routine.goals]


def test_builder_data_cannot_end_its_script_element() -> None:
    text = custom_card.script_json({"name": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!-- & \u2028"}


def test_the_builder_page_reserves_its_slug(make_content, validate) -> None:
    routine = (REPO / "content" / "routines" / "pre-run-activation.md").read_text(encoding="utf-8")
    make_content({"routines/custom.md": routine})
    code, out, _ = validate()
    assert code == 1
    assert "content/routines/custom.md:1: 'custom' is reserved for a page the site makes itself; rename the file" in out


def test_the_vendored_qr_library_is_the_pinned_package() -> None:
    """theme/ bundles qrcode-generator as npm installs it (package.json pins the version): not a copy
    that could drift from it, nor one edited by hand."""
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["qrcode-generator"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact version"
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/qrcode-generator"]["version"] == version
    installed = REPO / "node_modules" / "qrcode-generator"
    assert installed.is_dir(), "node_modules/ is missing: run `npm ci` (make test does)"
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == version
    assert VENDORED.read_bytes() == (installed / "dist" / "qrcode.js").read_bytes()
    licence = VENDORED.with_suffix(".LICENSE").read_text(encoding="utf-8")
    assert f"qrcode-generator {version}" in licence and "MIT" in licence
    assert "Licensed under the MIT license" in VENDORED.read_text(encoding="utf-8")[:1000]


def test_nothing_in_the_theme_fetches_from_another_host() -> None:
    scripts = Path(REPO / "theme" / "assets" / "javascripts")
    for path in [*scripts.glob("*.js"), REPO / "theme" / "pages" / "card-builder.md"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(fetch|XMLHttpRequest|eval|innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b", text), (
            path
        )
        assert "https://" not in text.replace("https://github.com/kazuhikoarase", ""), path
