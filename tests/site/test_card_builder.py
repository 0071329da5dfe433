"""The reader's own card (/routines/custom/, issue 15) in Chromium: built from exercise pages and lists,
edited, reordered, printed to PDF on A4 and Letter, reopened from its printed QR code; the Customize
link of every routine; bad addresses; a copy on disk; keyboard, phone and axe.

The page's script (card.js) and the generator write the same addresses and the same words: the tests
run the script's functions in the page over tables and hypothesis examples that the Python side made.
Expected texts come from the records and generator/site/words.py, never from the card's own markup.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.load import load
from generator.content.records import Catalog, Dosage
from generator.content.schema import LIMITS
from generator.site import custom_card, words
from support import sample_guide
from support.local_site import REPO, Tab, built, served
from support.printing import PAPERS, Printed, canonical_url, print_tab, qr_codes, squashed

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.builders]

SHIPPED_ROUTINES = sorted(path.stem for path in (REPO / "content" / "routines").glob("*.md"))
BUILDER = "routines/custom/"
# What the builder shows on screen and must never reach paper.
BUILDER_CHROME = (
    "Move up",
    "Move down",
    "Remove",
    "Add an exercise",
    "Print card",
    "Copy link",
    "Clear card",
    "Link to this card",
)

# A routine the test guide lacks: one round, no goals, no rest between rounds, an exercise twice with
# a note each time, a hold-only dosage, a time per side, and the exercise whose name is all markup.
SINGLE = """---
name: Single Round
summary: One round, no goals, an exercise twice.
level: advanced
exercises:
  - exercise: alpha
    note: First time
  - exercise: gamma
  - exercise: alpha
    reps: 12
    note: Second time
  - exercise: delta
  - exercise: beta
    time: 90s
    per_side: true
  - exercise: tricky
---

One round.
"""

# The page's data, as builder.js reads it, for the functions of card.js run in the page.
TOOLS_JS = """() => {
  const data = JSON.parse(document.querySelector("[data-eg-card-data]").textContent);
  const exercises = {};
  data.exercises.forEach((row) => { const e = {}; data.fields.forEach((f, i) => { e[f] = row[i]; }); exercises[e.id] = e; });
  const routines = {};
  data.routines.forEach((r) => { routines[r.id] = r; });
  window.__eg = { data, exercises, routines };
}"""

# A card's markup as a nested list (tag, attributes, texts, children) without whitespace between
# elements, the QR code's drawing, the printed address or how a figure is drawn (inline on an editor's
# card, the lists' picture on the reader's): what must be the same on both kinds of card.
SHAPE_JS = """(sheet) => {
  function shape(node) {
    if (node.nodeType === 3) { const text = node.textContent.replace(/\\s+/g, " ").trim(); return text || null; }
    if (node.nodeType !== 1) return null;
    if (node.localName === "svg") return ["svg", node.getAttribute("class")];
    const attributes = Array.from(node.attributes).map((a) => [a.name, a.value]).sort();
    if (node.classList.contains("eg-sheet__url")) return [node.localName, attributes, "(address)"];
    if (node.classList.contains("eg-sheet__figure") && node.localName === "td") {
      return [node.localName, attributes, node.firstElementChild ? "(figure)" : "(none)"];
    }
    return [node.localName, attributes, ...Array.from(node.childNodes).map(shape).filter((x) => x !== null)];
  }
  return shape(sheet);
}"""


# The tests of card.js against Python compare functions, which no builder changes: MkDocs' site only.
AGREEMENT = pytest.mark.builders("mkdocs")


# Sites -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builder_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test guide with one more routine (SINGLE), built by `builder`."""
    folder = tmp_path_factory.mktemp(f"card-builder-{builder}")
    content = sample_guide.write(folder)
    (content / "routines" / "single.md").write_text(SINGLE, encoding="utf-8")
    return built(content, folder / "site", builder=builder)


@pytest.fixture(scope="module")
def builder_url(builder_site: Path) -> Iterator[str]:
    with served(builder_site) as url:
        yield url


@pytest.fixture(scope="module")
def builder_guide(builder_site: Path) -> Catalog:
    loaded = load(builder_site.parent / "content")
    assert not loaded.problems and loaded.catalog is not None
    return loaded.catalog


@pytest.fixture(scope="module")
def shipped(shipped_site: Path) -> Catalog:
    loaded = load(REPO / "content")
    assert not loaded.problems and loaded.catalog is not None
    return loaded.catalog


@pytest.fixture(scope="module")
def tools(browser: Browser, builder_url: str) -> Iterator[Page]:
    """One tab on the builder page with card.js and the page's data at hand, for the agreement tests."""
    with Tab(browser) as tab:
        tab.page.goto(builder_url + BUILDER)
        tab.page.evaluate(TOOLS_JS)
        yield tab.page
        assert tab.errors == []


def js_dosage(dosage: Dosage) -> dict[str, Any]:
    return {
        "sets": dosage.sets,
        "reps": list(dosage.reps) if dosage.reps else None,
        "time": dosage.time,
        "hold": dosage.hold,
        "rest": dosage.rest,
        "perSide": dosage.per_side,
    }


def same_dosage(found: dict[str, Any], dosage: Dosage) -> bool:
    expected = js_dosage(dosage) | {"perSide": True if dosage.per_side else None}
    return found == expected


def open_builder(tab: Tab, base: str, query: str = "") -> Page:
    response = tab.page.goto(base + BUILDER + (f"?{query}" if query else ""))
    assert response is not None and response.ok
    tab.page.locator("[data-eg-builder]").wait_for(state="visible")
    return tab.page


def item_ids(page: Page) -> list[str]:
    hrefs = page.locator(".eg-builder__item .eg-builder__name").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href.rstrip("/").split("/")[-1] for href in hrefs]


def card_shape(page: Page) -> Any:
    return page.locator(".eg-sheets .eg-sheet").evaluate(SHAPE_JS)


def item(page: Page, number: int) -> Any:
    return page.locator(".eg-builder__item").nth(number - 1)


# The script's words and numbers are the generator's ----------------------------------------------


def dosage_table() -> list[Dosage]:
    works: list[dict[str, Any]] = [
        {},
        *({"reps": reps} for reps in [(1, 1), (6, 8), (8, 12), (9, 9), (99, 100), (100, 100)]),
        *({"time": time} for time in [1, 30, 59, 60, 61, 90, 119, 120, 1800]),
    ]
    return [
        Dosage.model_construct(sets=sets, hold=hold, rest=rest, per_side=per_side, **{"reps": None, "time": None, **work})
        for sets in (None, 1, 2, 8)
        for work in works
        for hold in (None, 1, 60, 125, 300)
        for rest in (None, 30, 60, 61, 600)
        for per_side in (None, False, True)
    ]


@AGREEMENT
def test_dosages_durations_and_times_in_words_agree_with_python(tools: Page) -> None:
    table = dosage_table()
    assert len(table) > 4000
    found = tools.evaluate(
        """(dosages) => dosages.map((d) => [egCard.dosageText(d), egCard.dosageShort(d), egCard.dosageSeconds(d, __eg.data.seconds_per_rep),
                                             egCard.dosageCode(d)])""",
        [js_dosage(dosage) for dosage in table],
    )
    expected = [[words.dosage(d), words.dosage_short(d), d.seconds(), custom_card.dosage_code(d)] for d in table]
    mismatches = [(d, f, e) for d, f, e in zip(table, found, expected, strict=True) if f != e]
    assert mismatches == []
    values = list(range(0, 4000)) + list(range(4000, 40000, 7))
    assert tools.evaluate("(values) => values.map(egCard.seconds)", values) == [words.seconds(v) for v in values]
    assert tools.evaluate("(values) => values.map(egCard.about)", values) == [words.about(v) for v in values]


@AGREEMENT
def test_a_dosage_code_reads_back_as_the_dosage(tools: Page) -> None:
    table = dosage_table()
    found = tools.evaluate(
        """(codes) => codes.map((code) => { const problems = []; return [egCard.readDosage(code, __eg.data.limits, problems, ""), problems]; })""",
        [custom_card.dosage_code(d) for d in table],
    )
    wrong = [(d, read) for d, (read, problems) in zip(table, found, strict=True) if problems or not same_dosage(read, d)]
    assert wrong == []


@AGREEMENT
def test_a_cards_time_is_the_routines(tools: Page, builder_guide: Catalog, shipped: Catalog) -> None:
    for routine in [*builder_guide.routines.values(), *shipped.routines.values()]:
        card = {
            "rounds": routine.rounds,
            "rest": routine.rest_between_rounds,
            "items": [{"dosage": js_dosage(i.dosage)} for i in routine.items],
        }
        assert tools.evaluate("(card) => egCard.cardSeconds(card, __eg.data.seconds_per_rep)", card) == routine.seconds()


# The address: written by Python, read and written again by the script --------------------------

TITLE_CHARACTERS = st.characters(exclude_categories=("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn", "Zs"))


@st.composite
def dosages(draw: st.DrawFn) -> Dosage:
    work = draw(st.sampled_from(["reps", "range", "time", "none"]))
    low = draw(st.integers(1, LIMITS.reps))
    return Dosage.model_construct(
        sets=draw(st.none() | st.integers(1, LIMITS.sets)),
        reps=(low, low) if work == "reps" else (low, draw(st.integers(low, LIMITS.reps))) if work == "range" else None,
        time=draw(st.integers(1, LIMITS.time)) if work == "time" else None,
        hold=draw(st.none() | st.integers(1, LIMITS.hold)),
        rest=draw(st.none() | st.integers(1, LIMITS.rest)),
        per_side=draw(st.sampled_from([None, False, True])),
    )


@st.composite
def cards(draw: st.DrawFn, guide: Catalog) -> custom_card.Card:
    routine = draw(st.none() | st.sampled_from(sorted(guide.routines)))
    default = guide.routines[routine].name if routine else "My card"
    words_ = draw(st.lists(st.text(TITLE_CHARACTERS, min_size=1, max_size=12), min_size=1, max_size=8))
    title = draw(st.sampled_from([default, " ".join(words_)[: LIMITS.name].strip() or default]))
    items = draw(st.lists(st.tuples(st.sampled_from(sorted(guide.exercises)), dosages()), max_size=LIMITS.routine_items))
    return custom_card.Card(
        title,
        items,
        draw(st.integers(1, LIMITS.rounds)),
        draw(st.none() | st.integers(1, LIMITS.rest)),
        routine,
        default,
    )


READ_JS = """(query) => {
  const read = egCard.resolve(egCard.parse(query), __eg.data, __eg.exercises, __eg.routines);
  const card = read.card;
  const fallback = card && card.from ? __eg.routines[card.from].name : __eg.data.title;
  return { problems: read.problems, card, again: card && egCard.format(card, fallback) };
}"""


@AGREEMENT
def test_cards_round_trip_through_the_script(tools: Page, builder_guide: Catalog) -> None:
    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(cards(builder_guide))
    def round_trip(card: custom_card.Card) -> None:
        address = custom_card.address(card)
        read = tools.evaluate(READ_JS, address)
        assert read["problems"] == []
        assert read["again"] == address
        found = read["card"]
        assert (found["title"], found["from"], found["rounds"], found["rest"]) == (
            card.title,
            card.routine,
            card.rounds,
            card.rest_between_rounds,
        )
        assert [item["id"] for item in found["items"]] == [exercise for exercise, _ in card.items]
        for item, (_, dosage) in zip(found["items"], card.items, strict=True):
            assert dosage is not None and same_dosage(item["dosage"], dosage)

    round_trip()


@AGREEMENT
def test_a_bare_id_stands_for_the_exercises_own_dosage(tools: Page, builder_guide: Catalog) -> None:
    ids = sorted(builder_guide.exercises)[:12]
    read = tools.evaluate(READ_JS, "v=1&x=" + ",".join(ids))
    assert read["problems"] == []
    for item in read["card"]["items"]:
        own = builder_guide.exercises[item["id"]].dosage
        assert same_dosage(item["dosage"], own or Dosage())
    assert read["again"] == "v=1&x=" + ",".join(
        f"{slug}.{custom_card.dosage_code(builder_guide.exercises[slug].dosage or Dosage())}" for slug in ids
    )


JUNK = st.text(st.sampled_from("v=n&f,r.b-x1280sphz%+#?!é\u202e\x00<>\"' ;/\\"), max_size=300)
KEYED_JUNK = st.lists(st.tuples(st.sampled_from(["v", "n", "f", "r", "b", "x", "v=1&x"]), JUNK), max_size=8).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)


@AGREEMENT
def test_junk_is_never_more_than_a_message(tools: Page, builder_guide: Catalog) -> None:
    """Whatever the address, reading it does not throw, keeps only known exercises within the limits
    and a clean title, and writes a canonical address that reads back without a problem."""

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(JUNK, KEYED_JUNK, st.text(max_size=400), KEYED_JUNK.map(lambda q: "v=1&" + q)))
    def junk(query: str) -> None:
        read = tools.evaluate(
            f"""(query) => {{ try {{ const first = ({READ_JS})(query);
                const second = first.card ? ({READ_JS})(first.again) : null; return {{ first, second }}; }}
              catch (error) {{ return {{ error: String(error) }}; }} }}""",
            query,
        )
        assert "error" not in read
        card = read["first"]["card"]
        assert all(isinstance(problem, str) for problem in read["first"]["problems"])
        if card is None:
            return
        assert {item["id"] for item in card["items"]} <= set(builder_guide.exercises)
        assert len(card["items"]) <= LIMITS.routine_items
        assert 1 <= card["rounds"] <= LIMITS.rounds and (card["rest"] is None or 1 <= card["rest"] <= LIMITS.rest)
        title = card["title"]
        assert 0 < len(title) <= LIMITS.name and title == " ".join(title.split())
        assert not re.search(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", title)
        assert read["second"]["problems"] == [] and read["second"]["again"] == read["first"]["again"]

    junk()


# Building a card from exercise pages, printing it, reopening it from its QR code -----------------


def add_from_page(page: Page, base: str, slug: str) -> str:
    page.goto(f"{base}exercises/{slug}/")
    page.get_by_role("button", name="Add to my card").click()
    return page.locator("[data-eg-added]").inner_text()


def test_a_card_from_three_exercise_pages_prints_on_one_page_and_its_qr_code_reopens_it(
    browser: Browser, shipped_site: Path, shipped_url: str, shipped: Catalog, tmp_path: Path
) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        assert add_from_page(page, shipped_url, "superman") == "Superman is on your card: exercise 1 of 1. Open my card"
        assert add_from_page(page, shipped_url, "plank").startswith("Plank is on your card: exercise 2 of 2.")
        assert add_from_page(page, shipped_url, "glute-bridge").startswith("Glute Bridge is on your card: exercise 3 of 3.")
        assert add_from_page(page, shipped_url, "plank").startswith("Plank is on your card already, as exercise 2 of 3.")
        page.get_by_role("link", name="Open my card").click()
        page.locator("[data-eg-builder]").wait_for(state="visible")
        assert item_ids(page) == ["superman", "plank", "glute-bridge"]
        for number, slug in enumerate(["superman", "plank", "glute-bridge"], 1):
            dosage = shipped.exercises[slug].dosage
            assert dosage is not None
            assert item(page, number).locator(".eg-builder__dosage").inner_text() == words.dosage(dosage)

        # Dosages: Superman 3 × 8 per side (its hold kept), Plank 45 s, Glute Bridge with 20 s rest.
        superman = item(page, 1)
        superman.get_by_label("Sets", exact=True).fill("3")
        superman.get_by_label("Reps", exact=True).fill("8")
        superman.get_by_label("Up to", exact=True).fill("")
        superman.get_by_label("Per side", exact=True).check()
        item(page, 2).get_by_label("Time (s)", exact=True).fill("45")
        item(page, 3).get_by_label("Rest (s)", exact=True).fill("20")
        # Reorder with the keyboard: Glute Bridge to the top.
        page.get_by_role("button", name="Move Glute Bridge up").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Glute Bridge up"
        assert item_ids(page) == ["glute-bridge", "superman", "plank"]
        page.get_by_label("Title", exact=True).fill("Morning core")
        page.get_by_label("Rounds", exact=True).fill("2")
        page.get_by_label("Rest between rounds (s)", exact=True).fill("60")

        own = {slug: shipped.exercises[slug].dosage or Dosage() for slug in ("glute-bridge", "superman", "plank")}
        dosages = {
            "glute-bridge": own["glute-bridge"].model_copy(update={"rest": 20}),
            "superman": own["superman"].model_copy(update={"sets": 3, "reps": (8, 8), "per_side": True}),
            "plank": own["plank"].model_copy(update={"time": 45}),
        }
        for number, dosage in enumerate(dosages.values(), 1):
            assert item(page, number).locator(".eg-builder__dosage").inner_text() == words.dosage(dosage)
        seconds = sum(dosage.seconds() for dosage in dosages.values()) * 2 + 60
        assert page.locator("[data-eg-total]").inner_text() == f"3 exercises · {words.about(seconds)}"
        address = page.locator("[data-eg-link]").input_value()
        builder_address = canonical_url(shipped_site, BUILDER)
        assert address.startswith(builder_address + "?v=1&n=Morning+core&r=2&b=60&x=glute-bridge.2x12h2r20,")
        assert page.url.endswith(address.removeprefix(builder_address))

        equipment = dict.fromkeys(term for slug in dosages for term in shipped.exercises[slug].equipment)
        expected = [
            "Morning core",
            f"Time: {words.about(seconds)}",
            "Rounds: 2, 1 min rest between rounds",
            "Equipment: " + (", ".join(shipped.term("equipment", term).name for term in equipment) or "None (bodyweight)"),
            "ROUND 1",
            "ROUND 2",
            "Date",
            "Notes",
            builder_address,
        ]
        for slug, dosage in dosages.items():
            expected += [shipped.exercises[slug].name, words.dosage_short(dosage), *shipped.exercises[slug].cues[:2]]
        for paper in PAPERS:
            printed = print_tab(page, paper, tmp_path / f"mine-{paper}.pdf")
            assert len(printed.pages) == 1, f"{paper}: {len(printed.pages)} pages"
            assert [text for text in expected if not printed.has(text)] == []
            assert [text for text in BUILDER_CHROME if printed.has(text)] == []
            # The summary, level and goals are a routine's, and this card was made from none.
            assert not printed.has("Level:") and not printed.has("Goals:")

        # A box to tick for every set of every round, on the printed page.
        page.emulate_media(media="print")
        boxes = page.locator(".eg-sheet__items tbody tr").evaluate_all(
            "rows => rows.map(row => Array.from(row.querySelectorAll('td.eg-sheet__round')).map(td => td.querySelectorAll('.eg-box').length))"
        )
        assert boxes == [[dosage.sets, dosage.sets] for dosage in dosages.values()]
        assert page.locator(".eg-sheet .eg-box").first.is_visible()
        page.emulate_media(media="null")
        shape = card_shape(page)
        assert tab.errors == []

    # The builder's codes have modules down to 0.3 mm (print.css): 2.4 pixels each at 200 dpi.
    codes = qr_codes(tmp_path / "mine-A4.pdf", dpi=200)
    assert codes == [address]
    # Scanned on another device: the same card, from the address alone.
    with Tab(browser, viewport={"width": 1280, "height": 900}) as fresh:
        response = fresh.page.goto(shipped_url + codes[0].removeprefix(canonical_url(shipped_site, "")))
        assert response is not None and response.ok
        assert item_ids(fresh.page) == list(dosages)
        assert fresh.page.get_by_label("Title", exact=True).input_value() == "Morning core"
        assert card_shape(fresh.page) == shape
        again = print_tab(fresh.page, "Letter", tmp_path / "again.pdf")
        assert len(again.pages) == 1 and all(again.has(text) for text in expected)
        assert fresh.page.locator("[data-eg-problems]").is_hidden()
        assert fresh.errors == []


def test_the_card_is_kept_while_it_is_built(browser: Browser, builder_url: str) -> None:
    with Tab(browser) as tab:
        page = open_builder(tab, builder_url, "v=1&n=Kept&x=alpha.2x8,beta")
        item(page, 2).get_by_label("Sets", exact=True).fill("4")
        page.goto(builder_url + "exercises/gamma/")
        page.get_by_role("button", name="Add to my card").click()
        page = open_builder(tab, builder_url)  # no address: the card kept in localStorage, with Gamma added
        assert item_ids(page) == ["alpha", "beta", "gamma"]
        assert page.get_by_label("Title", exact=True).input_value() == "Kept"
        assert item(page, 2).get_by_label("Sets", exact=True).input_value() == "4"
        assert page.url.endswith("?v=1&n=Kept&x=alpha.2x8,beta.4x45sr60,gamma.3x6-10")
        assert tab.errors == []


# Customize: a routine's card in the builder is the routine's own card --------------------------


@pytest.mark.parametrize("slug", SHIPPED_ROUTINES)
def test_customize_gives_the_routines_own_printed_card(
    slug: str, browser: Browser, shipped_site: Path, shipped_url: str, shipped: Catalog, tmp_path: Path
) -> None:
    routine_address = canonical_url(shipped_site, f"routines/{slug}/")
    builder_address = canonical_url(shipped_site, BUILDER)
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        page.goto(f"{shipped_url}routines/{slug}/")
        own = {paper: print_tab(page, paper, tmp_path / f"{slug}-{paper}.pdf") for paper in PAPERS}
        own_shape = card_shape(page)
        href = page.get_by_role("link", name="Customize").get_attribute("href")
        assert href == f"../custom/?{custom_card.routine_address(shipped.routines[slug])}"
        page.get_by_role("link", name="Customize").click()
        page.locator("[data-eg-builder]").wait_for(state="visible")
        assert page.locator("[data-eg-problems]").is_hidden()
        assert page.get_by_label("Title", exact=True).input_value() == shipped.routines[slug].name
        mine = {paper: print_tab(page, paper, tmp_path / f"custom-{slug}-{paper}.pdf") for paper in PAPERS}
        assert card_shape(page) == own_shape
        assert tab.errors == []
    for paper in PAPERS:
        assert len(own[paper].pages) == len(mine[paper].pages) == 1
        assert own[paper].has(routine_address) and mine[paper].has(builder_address)
        assert squashed(own[paper].pages[0]).replace(squashed(routine_address), "") == squashed(mine[paper].pages[0]).replace(
            squashed(builder_address), ""
        )
    # The card's QR code holds its whole address, which opens the same card.
    assert qr_codes(tmp_path / f"custom-{slug}-A4.pdf", dpi=200) == [
        f"{builder_address}?{custom_card.routine_address(shipped.routines[slug])}"
    ]


def test_customize_gives_the_same_card_markup_for_every_kind_of_routine(
    browser: Browser, builder_url: str, builder_guide: Catalog
) -> None:
    """One round and no goals, an exercise twice with a note each time, more than eight exercises
    (a long card: one cue each), markup in names and cues."""
    assert {len(r.items) > custom_card.LONG_AFTER for r in builder_guide.routines.values()} == {True, False}
    assert {r.rounds for r in builder_guide.routines.values()} >= {1, 2, 3}
    with Tab(browser) as tab:
        for slug in builder_guide.routines:
            tab.page.goto(f"{builder_url}routines/{slug}/")
            own = card_shape(tab.page)
            tab.page.get_by_role("link", name="Customize").click()
            tab.page.locator("[data-eg-builder]").wait_for(state="visible")
            assert card_shape(tab.page) == own, slug
        # Without the routine, the card keeps its exercises and title but not the routine's words.
        tab.page.get_by_label("Print the summary, level, goals and notes of the routine").uncheck()
        sheet = tab.page.locator(".eg-sheets .eg-sheet")
        assert sheet.locator(".eg-sheet__summary").count() == 0 and sheet.locator(".eg-sheet__note").count() == 0
        assert sheet.locator("[data-eg-fact]").evaluate_all("facts => facts.map(f => f.dataset.egFact)") == [
            "time",
            "rounds",
            "equipment",
        ]
        assert sheet.locator(".eg-sheet__title").text_content() == builder_guide.routines[slug].name
        assert "&f=" not in tab.page.url and "n=" in tab.page.url
        assert tab.errors == []


# Bad addresses -----------------------------------------------------------------------------------

JUNK_10K = ("<b>x</b>;'\"(),|%zz" * 700)[:10_000]
# (address, a part of the message, the exercises kept)
MALFORMED = [
    ("v=1&x=alpha.2x8,nosuch.3x10,beta", "There is no exercise “nosuch” in this guide", ["alpha", "beta"]),
    ("v=1&x=alpha.9x8,beta", "sets 9 is not between 1 and 8", ["alpha", "beta"]),
    ("v=1&x=alpha.2x101,beta", "reps 101 is not between 1 and 100", ["alpha", "beta"]),
    ("v=1&x=alpha.2x0", "reps 0 is not between 1 and 100", ["alpha"]),
    ("v=1&x=alpha.2x8h301", "hold 301 s is not between 1 and 300 s", ["alpha"]),
    ("v=1&x=beta.2x1801s", "time 1801 s is not between 1 and 1800 s", ["beta"]),
    ("v=1&x=alpha.2x8r601,gamma", "rest 601 s is not between 1 and 600 s", ["alpha", "gamma"]),
    ("v=1&x=alpha.8-4", "reps 8-4 do not go up", ["alpha"]),
    ("v=1&x=alpha.zz9,beta", "the dosage “zz9” cannot be read", ["alpha", "beta"]),
    ("v=1&x=alpha.99999999x8", "cannot be read", ["alpha"]),
    ("v=1&r=6&x=alpha", "Rounds “6” is not between 1 and 5", ["alpha"]),
    ("v=1&r=0&x=alpha", "Rounds “0” is not between 1 and 5", ["alpha"]),
    ("v=1&r=two&x=alpha", "Rounds “two” is not between 1 and 5", ["alpha"]),
    ("v=1&b=601&x=alpha", "Rest between rounds “601” is not between 1 and 600 seconds", ["alpha"]),
    ("v=1&f=nosuch&x=alpha", "There is no routine “nosuch” in this guide", ["alpha"]),
    ("v=2&x=alpha", "version “2”, which this site cannot read", []),
    ("v=abc&x=alpha", "version “abc”, which this site cannot read", []),
    ("x=alpha,beta", "does not say which version", ["alpha", "beta"]),
    (
        "v=1&x=" + ",".join(["alpha", "beta", "gamma", "delta", *(f"filler-{n:02d}" for n in range(1, 10))]),
        "A card holds 12 exercises",
        ["alpha", "beta", "gamma", "delta", *(f"filler-{n:02d}" for n in range(1, 9))],
    ),
    ("v=1&x=Alpha,beta", "“Alpha” is not an exercise of this guide", ["beta"]),
    ("v=1&x=../../etc,javascript:alert(1),alpha", "“../../etc” is not an exercise", ["alpha"]),
    ("v=1&x=%E0%A4%A,alpha", "is not an exercise", ["alpha"]),
    ("v=1&n=" + "A" * 200 + "&x=alpha", "cut short", ["alpha"]),
    ("v=1&n=Bad%00%E2%80%AEtitle&x=alpha", "characters a card cannot print", ["alpha"]),
    ("%%%%&&&===", "This address holds no card", []),
    ("z" * 10_000, "This address holds no card", []),
    ("v=1&x=alpha," + JUNK_10K, "more entries were not exercises either", ["alpha"]),
    ("v=1&n=" + quote(JUNK_10K) + "&x=beta", "cut short", ["beta"]),
]


def test_bad_addresses_show_a_message_and_keep_the_rest(browser: Browser, builder_url: str) -> None:
    assert len(MALFORMED) >= 20
    with Tab(browser) as tab:
        dialogs: list[str] = []
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for query, message, kept in MALFORMED:
            page = open_builder(tab, builder_url, query)
            problems = page.locator("[data-eg-problems]")
            assert problems.is_visible(), query[:60]
            assert message in problems.inner_text(), (query[:60], problems.inner_text())
            assert len(problems.inner_text()) < 2_000
            assert item_ids(page) == kept, query[:60]
            # The address now holds what was kept, and reads without a problem.
            if kept:
                assert "?v=1&" in page.url and len(page.url) < 1_000
            page.reload()
            assert page.locator("[data-eg-problems]").is_hidden()
            page.evaluate("localStorage.clear()")
        # The title is text: markup in it shows as it is, and nothing from the address becomes an element.
        page = open_builder(tab, builder_url, "v=1&n=" + quote("<img src=x onerror=alert(1)><b>Bold</b>") + "&x=alpha")
        assert page.locator(".eg-sheet__title").text_content() == "<img src=x onerror=alert(1)><b>Bold</b>"
        assert page.get_by_label("Title", exact=True).input_value() == "<img src=x onerror=alert(1)><b>Bold</b>"
        assert page.locator("article img, article b").count() == 0
        assert tab.errors == []
    assert dialogs == []


# Adding from lists, the limits of a card, clearing ----------------------------------------------


def test_add_to_my_card_from_the_list_and_from_term_pages(browser: Browser, builder_url: str, builder_guide: Catalog) -> None:
    with Tab(browser) as tab:
        page = tab.page
        page.goto(builder_url + "exercises/")
        entries = page.locator("ul.eg-cards > li.eg-card")
        assert entries.count() == len(builder_guide.exercises) == page.locator(".eg-card__add").count()
        entries.filter(has=page.get_by_role("link", name="Gamma", exact=True)).get_by_role("button").click()
        assert page.locator("[data-eg-added]").inner_text().startswith("Gamma is on your card: exercise 1 of 1.")
        tricky = entries.filter(has_text="Shows <script>alert(1)</script>")
        tricky.get_by_role("button", name="Add to my card").click()
        assert (
            page.locator("[data-eg-added]")
            .inner_text()
            .startswith(f"{sample_guide.TRICKY_NAME} is on your card: exercise 2 of 2.")
        )
        page.goto(builder_url + "muscles/glutes/")
        for n in range(1, 12):
            page.locator("li.eg-card").filter(has=page.get_by_role("link", name=f"Filler {n:02d}")).get_by_role("button").click()
            if n == 10:
                assert page.locator("[data-eg-added]").inner_text().startswith("Filler 10 is on your card: exercise 12 of 12.")
        assert page.locator("[data-eg-added]").inner_text().startswith("Your card holds 12 exercises, as many as a card prints")
        page = open_builder(tab, builder_url)
        assert item_ids(page) == ["gamma", "tricky", *(f"filler-{n:02d}" for n in range(1, 11))]
        assert page.locator(".eg-sheets .eg-sheet__name").nth(1).text_content() == sample_guide.TRICKY_NAME
        assert page.locator(".eg-sheets .eg-sheet").get_attribute("class") == "eg-sheet eg-sheet--long"
        # A full card takes no more from the builder's own field either.
        page.get_by_label("Add an exercise", exact=True).fill("Delta")
        page.keyboard.press("Enter")
        assert page.locator("[data-eg-status]").inner_text() == "A card holds 12 exercises: remove one before adding another."
        # Clearing can be undone.
        page.get_by_role("button", name="Clear card").click()
        assert item_ids(page) == [] and page.locator("[data-eg-empty]").is_visible()
        page.get_by_role("button", name="Restore the card you had before").click()
        assert len(item_ids(page)) == 12
        assert tab.errors == []


def test_an_address_that_replaces_a_card_being_built_can_be_undone(browser: Browser, builder_url: str) -> None:
    with Tab(browser) as tab:
        page = open_builder(tab, builder_url, "v=1&n=Mine&x=alpha,beta,gamma")
        page = open_builder(tab, builder_url, "v=1&n=Sent&x=delta")
        assert (
            page.locator("[data-eg-status]").inner_text()
            == "This card replaced the one you were building; you can restore that one."
        )
        page.get_by_role("button", name="Restore the card you had before").click()
        assert item_ids(page) == ["alpha", "beta", "gamma"] and page.get_by_label("Title", exact=True).input_value() == "Mine"
        assert tab.errors == []


def test_out_of_range_fields_are_marked_and_the_card_keeps_its_last_good_dosage(browser: Browser, builder_url: str) -> None:
    with Tab(browser) as tab:
        page = open_builder(tab, builder_url, "v=1&x=alpha.2x8")
        sets = item(page, 1).get_by_label("Sets", exact=True)
        sets.fill("12")
        assert sets.get_attribute("aria-invalid") == "true"
        error = item(page, 1).locator("[data-eg-error]")
        assert error.inner_text() == "Sets must be a whole number from 1 to 8."
        assert sets.get_attribute("aria-describedby") == error.get_attribute("id")
        assert page.locator(".eg-sheets .eg-sheet__dosage").text_content() == "2 × 8"
        item(page, 1).get_by_label("Up to", exact=True).fill("6")
        assert "Up to must be at least the reps (8)." in error.inner_text()
        item(page, 1).get_by_label("Up to", exact=True).fill("12")
        sets.fill("3")
        assert sets.get_attribute("aria-invalid") is None and error.is_hidden()
        assert page.locator(".eg-sheets .eg-sheet__dosage").text_content() == "3 × 8–12"
        page.get_by_label("Rounds", exact=True).fill("9")
        assert page.get_by_label("Rounds", exact=True).get_attribute("aria-invalid") == "true"
        assert page.locator("[data-eg-status]").inner_text() == "Rounds must be from 1 to 5."
        assert "r=9" not in page.url
        assert tab.errors == []


# Keyboard, phone, accessibility, no script, a copy on disk ---------------------------------------


def test_the_builder_works_by_keyboard_alone(browser: Browser, builder_url: str) -> None:
    with Tab(browser) as tab:
        page = open_builder(tab, builder_url)
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "exercise":
                break
        else:
            pytest.fail("the field to add an exercise cannot be reached with the Tab key")
        for name in ("Alpha", "beta", "Gamm"):  # a name, an id, the start of a name
            page.keyboard.type(name)
            page.keyboard.press("Enter")
        assert item_ids(page) == ["alpha", "beta", "gamma"]
        assert page.locator("[data-eg-status]").inner_text() == "Gamma added as exercise 3."
        page.get_by_role("button", name="Move Alpha down").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        assert item_ids(page) == ["beta", "gamma", "alpha"]
        page.keyboard.press("Enter")
        assert page.locator("[data-eg-status]").inner_text() == "Alpha is last already."
        page.keyboard.press("Tab")  # -> Remove Alpha
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Remove Alpha"
        page.keyboard.press("Enter")
        assert item_ids(page) == ["beta", "gamma"]
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Remove Gamma"
        assert page.locator("[data-eg-status]").inner_text() == "Alpha removed; 2 exercises left."
        for _ in range(12):  # back through Gamma's buttons and fields to its sets
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.name") == "sets":
                break
        page.keyboard.press("Control+a")
        page.keyboard.type("5")
        assert page.locator(".eg-sheets .eg-sheet__dosage").nth(1).text_content().startswith("5 × ")
        assert tab.errors == []


def test_the_builder_is_usable_on_a_phone(browser: Browser, builder_url: str) -> None:
    with Tab(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2) as tab:
        page = open_builder(tab, builder_url, "v=1&x=alpha.2x8h3r30p,beta.3x45sr60,delta.1xh20")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        item(page, 1).get_by_role("button", name="Move Alpha down").tap()
        assert item_ids(page) == ["beta", "alpha", "delta"]
        controls = page.locator(".eg-builder :is(button, input, select):visible").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.name || e.textContent, r.width, r.height, r.right]; })"
        )
        small = [c for c in controls if c[1] < 24 or c[2] < 24 or c[3] > 360]
        assert small == []
        assert tab.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_builder_and_add_buttons_have_no_serious_accessibility_violations(
    browser: Browser, shipped_url: str, scheme: str
) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as tab:
        page = tab.page
        add_from_page(page, shipped_url, "plank")  # the page's status line, filled
        pages = [page.url, shipped_url + "exercises/", f"{shipped_url}{BUILDER}?v=1&x=plank.3x30s,nosuch,superman.9x8"]
        for url in pages:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            if BUILDER in url:
                assert page.locator("[data-eg-problems]").is_visible()
                item(page, 2).get_by_label("Sets", exact=True).fill("12")  # an error shown, too
            # Focus can scroll the page, and Material's header then fades its title into the page's:
            # judged mid-fade, the title's colour is half of each. Axe judges the page at rest.
            page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
            results = Axe().run(page)
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert serious == [], url
        assert tab.errors == []


def test_without_javascript_the_builder_says_it_needs_it(browser: Browser, builder_url: str) -> None:
    with Tab(browser, java_script_enabled=False) as tab:
        tab.page.goto(builder_url + BUILDER + "?v=1&x=alpha")
        assert tab.page.get_by_text("Building a card needs JavaScript").is_visible()
        assert tab.page.locator(".eg-sheets").is_hidden()
        assert tab.page.locator("[data-eg-builder]").is_hidden()
        tab.page.goto(builder_url + "exercises/")
        assert tab.page.locator(".eg-card__add").first.is_hidden()
        tab.page.goto(builder_url + "exercises/alpha/")
        assert tab.page.get_by_role("button", name="Add to my card").count() == 0


def test_a_copy_of_the_site_on_disk_builds_and_prints_a_card(browser: Browser, builder_site: Path, tmp_path: Path) -> None:
    """Opened from disk, with no server: the page's data is in the page, so nothing is fetched. (The
    test's usual Tab answers every request other than to 127.0.0.1, files too; this one answers none.)"""
    copy = tmp_path / "copy"
    shutil.copytree(builder_site, copy)
    requests: list[str] = []
    failures: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto((copy / "routines" / "custom" / "index.html").as_uri() + "?v=1&n=Offline&x=alpha.2x8,beta")
        page.locator("[data-eg-builder]").wait_for(state="visible")
        assert item_ids(page) == ["alpha", "beta"]
        page.get_by_label("Title", exact=True).fill("Offline card")
        item(page, 2).get_by_role("button", name="Move Beta up").click()
        printed: Printed = print_tab(page, "A4", tmp_path / "offline.pdf")
        assert len(printed.pages) == 1 and printed.has("Offline card") and printed.has("Beta")
        # Kept for this copy, too: reopened without an address, the card is there.
        page.goto((copy / "routines" / "custom" / "index.html").as_uri())
        page.locator("[data-eg-builder]").wait_for(state="visible")
        assert item_ids(page) == ["beta", "alpha"] and page.get_by_label("Title", exact=True).input_value() == "Offline card"
    finally:
        context.close()
    # From disk, Material's search looks for search/search_index.js, which only its offline plugin writes.
    assert [failure for failure in failures if not failure.endswith("/search/search_index.js")] == []
    # Material asks GitHub for the repository's stars (mkdocs.yml's repo_url); nothing else leaves the disk.
    assert [url for url in requests if not url.startswith(("file://", "https://api.github.com/repos/exercise-guide/"))] == []


# The largest card that prints on one page ------------------------------------------------------

WIDTH_PX = {"A4": round(186 / 25.4 * 96), "Letter": round(191.9 / 25.4 * 96)}  # the page less print.css's 12 mm margins


@pytest.mark.parametrize(("rounds", "sets"), [(1, 8), (2, 4), (3, 2)])
def test_twelve_long_exercises_print_on_one_page(
    rounds: int, sets: int, browser: Browser, shipped_url: str, shipped: Catalog, tmp_path: Path
) -> None:
    """The guide's twelve longest names, with a dosage as long as a dosage gets: one page on A4 and
    on Letter at full size (Chromium would shrink a card too wide for the paper, so its width is
    checked too). README.md ("My card") gives these as the largest cards that fit."""
    longest = sorted(shipped.exercises, key=lambda slug: (-len(shipped.exercises[slug].name), slug))[:12]
    title = quote("Twelve Stations on the Balance Trainer and Floor")
    query = f"v=1&n={title}&r={rounds}&b=120&x=" + ",".join(f"{slug}.{sets}x8-12h5r30p" for slug in longest)
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = open_builder(tab, shipped_url, query)
        assert page.locator("[data-eg-problems]").is_hidden()
        address = page.locator("[data-eg-link]").input_value()
        for paper in PAPERS:
            printed = print_tab(page, paper, tmp_path / f"twelve-{paper}.pdf")
            assert len(printed.pages) == 1, f"{paper}: {len(printed.pages)} pages"
            assert all(printed.has(shipped.exercises[slug].name) for slug in longest)
            # The longest addresses make the largest codes: still read from the paper.
            assert qr_codes(printed.pdf, dpi=200) == [address]
            page.emulate_media(media="print")
            page.set_viewport_size({"width": WIDTH_PX[paper], "height": 900})
            overflow = page.evaluate(
                "(() => { const t = document.querySelector('.eg-sheet table'); return t.scrollWidth - t.parentElement.clientWidth; })()"
            )
            assert overflow <= 0, f"{paper}: {overflow}px too wide"
            page.emulate_media(media="null")
            page.set_viewport_size({"width": 1280, "height": 900})
        assert tab.errors == []
