"""The built site in a real browser: Debian's Chromium driven by Playwright, over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re
from itertools import pairwise
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


def _visible_cards(tab: Tab, *, every: bool = True) -> list[str]:
    """The entries shown; with `every`, after pressing "Show more" until the results are whole."""
    more = tab.page.locator("[data-eg-more]")
    while every and more.is_visible():
        more.click()
    return tab.page.locator(".eg-card:visible .eg-card__name").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _fields(ex: dict) -> dict[str, list[str]]:
    """An exercise's ids for each of the list's filters (URL parameter -> ids), from exercises.json."""
    return {
        "level": [ex["level"]],
        "muscle": ex["muscles"]["primary"] + ex["muscles"]["secondary"],
        "equipment": ex["equipment"] or ["none"],
        "goal": ex["goals"],
    }


def _expected(data: dict, **chosen: str) -> list[str]:
    def keep(ex: dict) -> bool:
        fields = _fields(ex)
        return all(value in fields[name] for name, value in chosen.items())

    return [ex["id"] + "/" for ex in data["exercises"] if keep(ex)]


def _expected_counts(data: dict, name: str, **chosen: str) -> dict[str, int]:
    """What each option of the filter `name` shows beside the other filters chosen: the exercises that every other
    chosen filter lets through and that hold the option's id."""
    others = {key: value for key, value in chosen.items() if key != name}
    counts: dict[str, int] = {}
    for ex in data["exercises"]:
        fields = _fields(ex)
        if all(value in fields[key] for key, value in others.items()):
            for value in set(fields[name]):
                counts[value] = counts.get(value, 0) + 1
    return counts


def _shown_counts(tab: Tab, name: str) -> dict[str, int]:
    """The count each option of the filter `name` shows ("Glutes (20)" -> 20)."""
    texts = tab.page.locator(f"select[name={name}] option").evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.value, o.textContent])"
    )
    counts = {}
    for value, text in texts:
        match = re.fullmatch(r".+ \((\d+)\)", text)
        assert match, f"{name}={value}: {text!r} gives no count"
        counts[value] = int(match[1])
    return counts


def _assert_counts(tab: Tab, data: dict, **chosen: str) -> None:
    for name in FILTERS:
        shown = _shown_counts(tab, name)
        expected = _expected_counts(data, name, **chosen)
        assert shown == {value: expected.get(value, 0) for value in shown}, f"{name} beside {chosen}"


def _wait_for_address(tab: Tab, **chosen: str) -> None:
    """The address follows the filters once the list is drawn (guide.js replaces it when the browser is idle)."""
    tab.page.wait_for_function(
        """chosen => {
          const query = new URLSearchParams(location.search);
          return [...query.keys()].length === Object.keys(chosen).length
            && Object.entries(chosen).every(([name, value]) => query.get(name) === value);
        }""",
        arg=chosen,
    )
    assert parse_qs(urlsplit(tab.page.evaluate("location.href")).query) == {name: [value] for name, value in chosen.items()}


def _counted(tab: Tab) -> None:
    """A list opened filtered has its counts (the list's and each option's beside the others chosen) once guide.js
    has indexed the entries, which it does when the browser is idle after the load."""
    tab.page.wait_for_function("document.querySelector('[data-eg-count]').textContent !== ''", polling=100)


FILTERS = ("level", "muscle", "equipment", "goal")
GUIDES = ["shipped", "test", "imported_slice"]
# The tests below take their guide by name (request.getfixturevalue); asking for `builder` as well runs them on
# each builder's site, as the rest of this module.


@pytest.mark.parametrize("which", GUIDES)
def test_each_filter_narrows_the_list_to_exactly_the_right_exercises(
    tab: Tab, which: str, builder: str, request: pytest.FixtureRequest
) -> None:
    base = request.getfixturevalue(f"{which}_url")
    site = request.getfixturevalue(f"{which}_site")
    data = json.loads((site / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    page.goto(base + "exercises/")
    assert _visible_cards(tab) == _expected(data)
    assert page.locator("[data-eg-count]").inner_text() == f"All {len(data['exercises'])} exercises"
    _assert_counts(tab, data)  # as the page was built: each option on its own
    checked = 0
    for name in FILTERS:
        select = page.locator(f"select[name={name}]")
        for value in select.locator("option").evaluate_all("options => options.map(o => o.value)")[1:]:
            select.select_option(value)
            expected = _expected(data, **{name: value})
            assert expected, f"option {name}={value} matches nothing"
            assert _visible_cards(tab) == expected, f"{name}={value}"
            assert (
                page.locator("[data-eg-count]").inner_text() == f"Showing {len(expected)} of {len(data['exercises'])} exercises"
            )
            _wait_for_address(tab, **{name: value})
            checked += 1
        _assert_counts(tab, data, **{name: value})
        select.select_option("")
    assert checked >= 10
    _assert_counts(tab, data)
    assert tab.errors == []


def test_filters_combine_follow_the_url_and_reset(tab: Tab, test_url: str, test_site: Path) -> None:
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    # A shared link opens filtered, with every option's count beside the filters the link chose.
    page.goto(test_url + "exercises/?muscle=glutes&equipment=mat")
    assert page.locator("select[name=muscle]").input_value() == "glutes"
    assert page.locator("select[name=equipment]").input_value() == "mat"
    assert _visible_cards(tab) == _expected(data, muscle="glutes", equipment="mat") == [f"filler-{n:02d}/" for n in range(1, 13)]
    _counted(tab)
    _assert_counts(tab, data, muscle="glutes", equipment="mat")
    assert _shown_counts(tab, "level") == {"beginner": 12, "intermediate": 0, "advanced": 0}
    # Narrow further: nothing is left, and the page says so.
    page.locator("select[name=level]").select_option("advanced")
    assert _visible_cards(tab) == []
    assert page.locator("[data-eg-empty]").is_visible()
    _assert_counts(tab, data, level="advanced", muscle="glutes", equipment="mat")
    _wait_for_address(tab, level="advanced", muscle="glutes", equipment="mat")
    page.locator("select[name=muscle]").select_option("hamstrings")
    assert _visible_cards(tab) == _expected(data, level="advanced", muscle="hamstrings", equipment="mat") == []
    page.locator("select[name=equipment]").select_option("")
    assert _visible_cards(tab) == ["gamma/"]
    _assert_counts(tab, data, level="advanced", muscle="hamstrings")
    # Reset shows everything again, with the counts of each option on its own, and clears the address.
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)
    assert not page.locator("[data-eg-empty]").is_visible()
    _assert_counts(tab, data)
    # Unknown values in the address are ignored rather than hiding everything.
    page.goto(test_url + "exercises/?level=expert&goal=strength")
    assert page.locator("select[name=level]").input_value() == ""
    assert _visible_cards(tab) == _expected(data, goal="strength")
    _wait_for_address(tab, goal="strength")
    assert tab.errors == []


def _most_common(data: dict, name: str, below: int | None = None, **chosen: str) -> str:
    """The option of filter `name` that shows the most beside `chosen` (fewer than `below`, if any does)."""
    counts = _expected_counts(data, name, **chosen)
    narrower = {value: count for value, count in counts.items() if below is None or count < below} or counts
    return max(sorted(narrower), key=lambda value: narrower[value])


@pytest.mark.parametrize("which", ["shipped", "imported_slice"])
def test_filters_combine_follow_the_address_and_reset_at_scale(
    tab: Tab, which: str, builder: str, request: pytest.FixtureRequest
) -> None:
    """The combinations, the address and reset at the shipped guide and on an imported slice (a list of several
    chunks, whose results come a page at a time): three filters, chosen from the data so that each narrows."""
    base = request.getfixturevalue(f"{which}_url")
    data = json.loads((request.getfixturevalue(f"{which}_site") / "exercises.json").read_text(encoding="utf-8"))
    total = len(data["exercises"])
    level = _most_common(data, "level", below=total)
    equipment = _most_common(data, "equipment", below=len(_expected(data, level=level)), level=level)
    two = _expected(data, level=level, equipment=equipment)
    muscle = _most_common(data, "muscle", below=len(two), level=level, equipment=equipment)
    three = _expected(data, level=level, equipment=equipment, muscle=muscle)
    assert 0 < len(three) < len(two) < total
    page = tab.page
    # A shared link opens filtered by two, with each option's count beside the others chosen.
    page.goto(base + f"exercises/?level={level}&equipment={equipment}")
    assert page.locator("select[name=level]").input_value() == level
    assert page.locator("select[name=equipment]").input_value() == equipment
    assert _visible_cards(tab) == two
    _counted(tab)
    assert page.locator("[data-eg-count]").inner_text() == f"Showing {len(two)} of {total} exercises"
    _assert_counts(tab, data, level=level, equipment=equipment)
    # A third narrows further; the address follows, and a reload opens the same list.
    page.locator("select[name=muscle]").select_option(muscle)
    assert _visible_cards(tab) == three
    _assert_counts(tab, data, level=level, equipment=equipment, muscle=muscle)
    _wait_for_address(tab, level=level, equipment=equipment, muscle=muscle)
    page.reload()
    assert _visible_cards(tab) == three
    assert page.locator("select[name=muscle]").input_value() == muscle
    # Letting one go widens the list again.
    page.locator("select[name=level]").select_option("")
    assert _visible_cards(tab) == _expected(data, equipment=equipment, muscle=muscle)
    _assert_counts(tab, data, equipment=equipment, muscle=muscle)
    _wait_for_address(tab, equipment=equipment, muscle=muscle)
    # Reset: everything, each option's count on its own, and no filter left in the address.
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)
    assert page.locator("[data-eg-count]").inner_text() == f"All {total} exercises"
    _assert_counts(tab, data)
    assert tab.errors == []


@pytest.mark.parametrize("which", ["test", "shipped", "imported_slice"])
def test_filters_work_by_keyboard_alone(tab: Tab, which: str, builder: str, request: pytest.FixtureRequest) -> None:
    base = request.getfixturevalue(f"{which}_url")
    data = json.loads((request.getfixturevalue(f"{which}_site") / "exercises.json").read_text(encoding="utf-8"))
    page = tab.page
    page.goto(base + "exercises/")
    for _ in range(60):  # Tab through the page until the first filter has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "level":
            break
    else:
        pytest.fail("the level filter cannot be reached with the Tab key")
    page.keyboard.press("ArrowDown")  # -> Beginner
    assert page.locator("select[name=level]").input_value() == "beginner"
    # Only the first page of the results: pressing "Show more" with the mouse would move the focus.
    assert _visible_cards(tab, every=False) == _expected(data, level="beginner")[:30]
    for _ in range(4):  # muscle, equipment, goal, then the reset button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Reset filters"
    page.keyboard.press("Enter")
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)


def test_results_come_a_page_at_a_time(tab: Tab, imported_slice_url: str, imported_slice_site: Path) -> None:
    """Once a filter changes, what it lets through shows 30 entries at a time, the full list hidden and out of
    reach; "Show more" adds the next ones, keeping the keyboard's focus, and the full list is back on reset."""
    data = json.loads((imported_slice_site / "exercises.json").read_text(encoding="utf-8"))
    level = max(("beginner", "intermediate"), key=lambda value: len(_expected(data, level=value)))
    expected = _expected(data, level=level)
    assert len(expected) > 60
    page = tab.page
    page.goto(imported_slice_url + "exercises/")
    page.locator("select[name=level]").select_option(level)
    assert _visible_cards(tab, every=False) == expected[:30]
    more = page.locator("[data-eg-more]")
    assert more.inner_text() == f"Show 30 more ({len(expected) - 30} left)"
    more.focus()
    page.keyboard.press("Enter")
    assert _visible_cards(tab, every=False) == expected[:60]
    assert page.evaluate("document.activeElement.hasAttribute('data-eg-more')")
    assert _visible_cards(tab) == expected
    assert not more.is_visible()
    assert page.locator("[data-eg-count]").inner_text() == f"Showing {len(expected)} of {len(data['exercises'])} exercises"
    # The full list's own entries are neither shown nor reachable meanwhile; reset brings them back.
    assert page.locator("[data-eg-list] .eg-card:visible").count() == 0
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("!location.search")
    assert _visible_cards(tab) == _expected(data)
    assert page.locator("[data-eg-results] .eg-card").count() == 0
    assert tab.errors == []


@pytest.mark.parametrize("which", ["test", "shipped", "imported_slice"])
def test_without_javascript_the_full_list_shows(browser, which: str, builder: str, request: pytest.FixtureRequest) -> None:
    base = request.getfixturevalue(f"{which}_url")
    data = json.loads((request.getfixturevalue(f"{which}_site") / "exercises.json").read_text(encoding="utf-8"))
    with Tab(browser, java_script_enabled=False) as tab:
        tab.page.goto(base + "exercises/?level=advanced")
        assert _visible_cards(tab) == _expected(data)
        assert not tab.page.locator("form.eg-filters").is_visible()


# Installed before the page's own scripts: in every frame until the page has loaded, the entries shown so far
# (parsed and not hidden), and whether the form shows. Read in requestAnimationFrame, which runs right before
# the frame is drawn, so each record is what that frame shows. The parser can stop inside an entry: its
# attributes, which the filters' rule reads, are there, its link not yet, so it is left out of that frame.
# (Reading that missing link would throw and end the recording, and the test wait for a frame that never comes.)
_FRAMES = """
window.__frames = [];
window.addEventListener('load', () => { window.__loaded = performance.now(); });
(function record() {
  requestAnimationFrame(() => {
    try {
      const form = document.querySelector('[data-eg-filters]');
      window.__frames.push({
        shown: Array.from(document.querySelectorAll('.eg-card')).filter(card => card.checkVisibility())
          .map(card => card.querySelector('.eg-card__name')).filter(Boolean).map(link => link.getAttribute('href')),
        form: !!form && form.checkVisibility(),
        list: !!document.querySelector('[data-eg-list]'),
        complete: document.readyState === 'complete',
      });
    } finally {
      if (document.readyState !== 'complete') record();
    }
  });
})();
"""


@pytest.mark.parametrize("guide_js", ["with guide.js", "without guide.js"])
@pytest.mark.parametrize("which", ["test", "imported_slice"])
def test_the_address_applies_before_the_first_frame(
    tab: Tab, which: str, guide_js: str, builder: str, request: pytest.FixtureRequest
) -> None:
    """A shared, filtered link draws the filtered list from its first frame, with the form showing: the inline
    script after the form does it while the page is parsed, so that nothing moves when guide.js runs (or if it
    never does). No frame ever shows an entry the address leaves out."""
    base = request.getfixturevalue(f"{which}_url")
    data = json.loads((request.getfixturevalue(f"{which}_site") / "exercises.json").read_text(encoding="utf-8"))
    chosen = {"muscle": "glutes"} if which == "test" else {"level": "beginner", "equipment": "none"}
    expected = _expected(data, **chosen)
    assert 0 < len(expected) < len(data["exercises"])
    page = tab.page
    if guide_js == "without guide.js":
        page.route("**/guide.js", lambda route: route.abort())
    page.add_init_script(_FRAMES)
    page.goto(base + "exercises/?" + "&".join(f"{name}={value}" for name, value in chosen.items()), wait_until="load")
    # The recorder stops at the first frame drawn once the page has loaded, which on a busy machine can come
    # well after the load event: wait for that frame rather than for a fixed time.
    # (Polled by time: Playwright's own polling waits for animation frames, which a busy machine hands out late.)
    # A browser that draws no frame for 3 s after the load has drawn every frame of the loading already.
    page.wait_for_function(
        """() => window.__frames.length > 0 && (window.__frames[window.__frames.length - 1].complete
          || (window.__loaded !== undefined && performance.now() - window.__loaded > 3000))""",
        polling=100,
        timeout=90_000,
    )
    frames = page.evaluate("window.__frames")
    drawn = [frame for frame in frames if frame["list"]]
    assert drawn, "no frame was drawn while the page loaded"
    for frame in drawn:
        assert frame["form"]
        assert frame["shown"] == expected[: len(frame["shown"])]
    assert _visible_cards(tab) == expected
    for name, value in chosen.items():
        assert page.locator(f"select[name={name}]").input_value() == value
    if guide_js == "without guide.js":
        assert page.locator("[data-eg-count]").inner_text() == ""
    else:
        _counted(tab)
        assert page.locator("[data-eg-count]").inner_text() == f"Showing {len(expected)} of {len(data['exercises'])} exercises"
        _assert_counts(tab, data, **chosen)


def test_a_filtered_list_one_column_wide_keeps_its_chunks_and_reads_as_one(
    browser, imported_slice_url: str, imported_slice_site: Path, builder: str
) -> None:
    """On a phone the list is one column: filtered from the address, its chunks stay (each skips its work away
    from the screen, guide.css) and the entries left read as one list, evenly spaced, with no gap where a chunk
    has none of them."""
    data = json.loads((imported_slice_site / "exercises.json").read_text(encoding="utf-8"))
    ids = [ex["id"] + "/" for ex in data["exercises"]]
    chunks = [set(ids[start : start + 60]) for start in range(0, len(ids), 60)]
    assert len(chunks) >= 3

    def chunks_held(expected: list[str]) -> int:
        return sum(1 for chunk in chunks if chunk & set(expected))

    # A filter some chunk has no entry for, while two others have.
    options = [(name, value) for ex in data["exercises"] for name, values in _fields(ex).items() for value in values]
    name, value = next(
        (name, value) for name, value in sorted(set(options)) if 2 <= chunks_held(_expected(data, **{name: value})) < len(chunks)
    )
    expected = _expected(data, **{name: value})
    with Tab(browser, viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=1.75) as tab:
        page = tab.page
        page.goto(f"{imported_slice_url}exercises/?{name}={value}")
        assert _visible_cards(tab) == expected
        layout = page.evaluate(
            """() => ({
              chunks: Array.from(document.querySelectorAll('[data-eg-list] > ul')).map(ul => getComputedStyle(ul).display),
              boxes: Array.from(document.querySelectorAll('[data-eg-list] .eg-card')).filter(card => card.checkVisibility())
                .map(card => { const box = card.getBoundingClientRect(); return [box.left, box.top, box.bottom]; }),
            })"""
        )
    assert layout["chunks"].count("none") == len(chunks) - chunks_held(expected)
    assert set(layout["chunks"]) - {"none"} == {"grid"}, "the chunks stay, each a grid of one column"
    assert len({left for left, _, _ in layout["boxes"]}) == 1
    gaps = {round(top - bottom) for (_, _, bottom), (_, top, _) in pairwise(layout["boxes"])}
    assert len(gaps) == 1 and gaps.pop() > 0, f"uneven spacing between entries: {gaps}"
    assert tab.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_toggle_switches_and_keeps_the_choice(browser, shipped_url: str, scheme: str) -> None:
    """The light/dark toggle (theme/partials/eg-palette.html, in place of Material's own component, which is not
    mounted): the system's scheme at first, a click or Enter switches, and the choice holds on the next page."""
    other = {"light": "dark", "dark": "light"}[scheme]
    names = {"light": "default", "dark": "slate"}

    def shown(page) -> dict:
        return page.evaluate(
            """() => ({
              scheme: document.body.getAttribute('data-md-color-scheme'),
              toggles: Array.from(document.querySelectorAll('[data-eg-palette] label')).filter(l => l.checkVisibility())
                .map(l => l.title),
              meta: document.querySelector('meta[name=color-scheme]').content,
            })"""
        )

    with Tab(browser, viewport={"width": 412, "height": 823}, color_scheme=scheme) as tab:
        page = tab.page
        page.goto(shipped_url + "exercises/")
        assert page.locator("[data-md-component=palette]").count() == 0
        assert shown(page) == {"scheme": names[scheme], "toggles": [f"Switch to {other} mode"], "meta": scheme}
        page.get_by_title(f"Switch to {other} mode").click()
        assert shown(page) == {"scheme": names[other], "toggles": [f"Switch to {scheme} mode"], "meta": other}
        page.goto(shipped_url + "exercises/jackknife/")
        assert shown(page)["scheme"] == names[other]
        page.locator("[data-eg-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert shown(page) == {"scheme": names[scheme], "toggles": [f"Switch to {other} mode"], "meta": scheme}
        assert page.locator("[data-eg-palette] input:checked").evaluate("input => input === document.activeElement")
        page.reload()
        assert shown(page)["scheme"] == names[scheme]
        assert tab.errors == []


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
