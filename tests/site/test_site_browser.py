"""The built site in a real browser: Debian's Chromium driven by Playwright, over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.local_site import Tab
from support.search_box import NAMES_FIRST, search_once

pytestmark = [pytest.mark.browser, pytest.mark.builders]

# One page of every kind the site has.
PAGE_KINDS = {
    "home": "",
    "exercise index": "exercises/",
    "exercise": "exercises/jackknife/",
    "routine index": "routines/",
    "routine": "routines/balance-trainer-circuit/",
    "booklet": "routines/print/",
    "guide index": "guides/",
    "guide": "guides/stabilization-training-for-runners/",
    "vocabulary": "muscles/",
    "term": "muscles/hamstrings/",
}


def test_searching_an_alias_or_a_name_finds_its_exercise(tab: Tab, shipped_url: str) -> None:
    assert "exercises/jackknife/" in search_once(tab, shipped_url, "V-up")[:5]
    assert search_once(tab, shipped_url, "Jackknife")[0] == "exercises/jackknife/"
    assert tab.errors == []


@pytest.mark.builders(*NAMES_FIRST)
def test_searching_v_up_brings_the_jackknife_first(tab: Tab, shipped_url: str) -> None:
    results = search_once(tab, shipped_url, "V-up")
    assert results[0] == "exercises/jackknife/"
    assert tab.errors == []


@pytest.mark.builders(*NAMES_FIRST)
def test_searching_a_muscle_brings_its_exercises(tab: Tab, shipped_url: str, shipped_site: Path) -> None:
    data = json.loads((shipped_site / "exercises.json").read_text(encoding="utf-8"))
    main = {ex["url"] for ex in data["exercises"] if "hamstrings" in ex["muscles"]["primary"]}
    assert len(main) >= 3
    results = search_once(tab, shipped_url, "hamstrings")
    # Exercises that train the muscle most come first; the muscle's own page does not crowd them out,
    # but is still found.
    assert set(results[: len(main)]) == main
    assert "muscles/hamstrings/" in results[len(main) :]


def test_searching_an_equipment_name_finds_exercises_using_it(tab: Tab, shipped_url: str, shipped_site: Path) -> None:
    data = json.loads((shipped_site / "exercises.json").read_text(encoding="utf-8"))
    band = {ex["url"] for ex in data["exercises"] if "resistance-band" in ex["equipment"]}
    assert band
    assert band <= set(search_once(tab, shipped_url, "resistance band"))


def _visible_cards(tab: Tab) -> list[str]:
    return tab.page.locator(".eg-card:visible .eg-card__name").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _expected(data: dict, **chosen: str) -> list[str]:
    def keep(ex: dict) -> bool:
        fields = {
            "level": [ex["level"]],
            "muscle": ex["muscles"]["primary"] + ex["muscles"]["secondary"],
            "equipment": ex["equipment"] or ["none"],
            "goal": ex["goals"],
        }
        return all(value in fields[name] for name, value in chosen.items())

    return [ex["id"] + "/" for ex in data["exercises"] if keep(ex)]


@pytest.mark.parametrize("which", ["shipped", "test"])
def test_each_filter_narrows_the_list_to_exactly_the_right_exercises(
    tab: Tab, which: str, request: pytest.FixtureRequest
) -> None:
    base = request.getfixturevalue(f"{which}_url")
    site = request.getfixturevalue(f"{which}_site")
    data = json.loads((site / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    page.goto(base + "exercises/")
    assert _visible_cards(tab) == _expected(data)
    assert page.locator("[data-eg-count]").inner_text() == f"All {len(data['exercises'])} exercises"
    checked = 0
    for name in ("level", "muscle", "equipment", "goal"):
        select = page.locator(f"select[name={name}]")
        for value in select.locator("option").evaluate_all("options => options.map(o => o.value)")[1:]:
            select.select_option(value)
            expected = _expected(data, **{name: value})
            assert expected, f"option {name}={value} matches nothing"
            assert _visible_cards(tab) == expected, f"{name}={value}"
            assert (
                page.locator("[data-eg-count]").inner_text() == f"Showing {len(expected)} of {len(data['exercises'])} exercises"
            )
            assert parse_qs(urlsplit(page.url).query) == {name: [value]}
            checked += 1
        select.select_option("")
    assert checked >= 10
    assert tab.errors == []


def test_filters_combine_follow_the_url_and_reset(tab: Tab, test_url: str, test_site: Path) -> None:
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    # A shared link opens filtered.
    page.goto(test_url + "exercises/?muscle=glutes&equipment=mat")
    assert page.locator("select[name=muscle]").input_value() == "glutes"
    assert page.locator("select[name=equipment]").input_value() == "mat"
    assert _visible_cards(tab) == _expected(data, muscle="glutes", equipment="mat") == [f"filler-{n:02d}/" for n in range(1, 13)]
    # Narrow further: nothing is left, and the page says so.
    page.locator("select[name=level]").select_option("advanced")
    assert _visible_cards(tab) == []
    assert page.locator("[data-eg-empty]").is_visible()
    assert parse_qs(urlsplit(page.url).query) == {"level": ["advanced"], "muscle": ["glutes"], "equipment": ["mat"]}
    page.locator("select[name=muscle]").select_option("hamstrings")
    assert _visible_cards(tab) == _expected(data, level="advanced", muscle="hamstrings", equipment="mat") == []
    page.locator("select[name=equipment]").select_option("")
    assert _visible_cards(tab) == ["gamma/"]
    # Reset shows everything again and clears the address.
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)
    assert not page.locator("[data-eg-empty]").is_visible()
    # Unknown values in the address are ignored rather than hiding everything.
    page.goto(test_url + "exercises/?level=expert&goal=strength")
    assert page.locator("select[name=level]").input_value() == ""
    assert _visible_cards(tab) == _expected(data, goal="strength")
    assert tab.errors == []


def test_filters_work_by_keyboard_alone(tab: Tab, test_url: str, test_site: Path) -> None:
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    page.goto(test_url + "exercises/")
    for _ in range(60):  # Tab through the page until the first filter has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "level":
            break
    else:
        pytest.fail("the level filter cannot be reached with the Tab key")
    page.keyboard.press("ArrowDown")  # -> Beginner
    assert page.locator("select[name=level]").input_value() == "beginner"
    assert _visible_cards(tab) == _expected(data, level="beginner")
    for _ in range(4):  # muscle, equipment, goal, then the reset button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Reset filters"
    page.keyboard.press("Enter")
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)


def test_without_javascript_the_full_list_shows(browser, test_url: str, test_site: Path) -> None:
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    with Tab(browser, java_script_enabled=False) as tab:
        tab.page.goto(test_url + "exercises/?level=advanced")
        assert _visible_cards(tab) == _expected(data)
        assert not tab.page.locator("form.eg-filters").is_visible()


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_console_errors_and_no_serious_accessibility_violations(browser, shipped_url: str, kind: str, scheme: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as tab:
        tab.page.goto(shipped_url + PAGE_KINDS[kind])
        tab.page.wait_for_load_state("networkidle")
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        results = Axe().run(tab.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert tab.errors == []
