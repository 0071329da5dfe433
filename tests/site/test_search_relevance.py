"""Search relevance in Chromium, as a reader meets it: a name typed into the site's search box, the results read.

(a) every name and alias of the shipped guide, as written and written otherwise, brings its exercise first;
(b) a seeded sample of 200 names of the guide with free-exercise-db imported (889 exercises), too;
(c) 80 names with one typo in a long word find their exercise in the top 3, at least 90% of them;
(d) a muscle typed lists exercises that train it as a main muscle: at least 5 of the first 10, and its page.
Then what the results show and how they behave: level and equipment, escaping, keyboard, highlighting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.content import vocabularies
from generator.content.load import load
from generator.content.records import Catalog
from support import sample_guide as test_guide
from support import search_queries as queries
from support.local_site import REPO, Tab, served
from support.search_box import NAMES_FIRST, SearchBox, plain_theme_search
from support.search_queries import Answer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.builders(*NAMES_FIRST)]

SHIPPED = [path.stem for path in (REPO / "content" / "exercises").glob("*.md")]


def _catalog(site: Path) -> Catalog:
    loaded = load(str(site.parent / "content"))
    assert loaded.catalog is not None, loaded.problems
    return loaded.catalog


@pytest.fixture(scope="module")
def shipped_box(browser: Browser, shipped_url: str) -> Iterator[SearchBox]:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        yield SearchBox(tab, shipped_url).open()
        assert tab.errors == []


@pytest.fixture(scope="module")
def imported_box(browser: Browser, imported_site: Path) -> Iterator[SearchBox]:
    with served(imported_site) as url, Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        yield SearchBox(tab, url).open()
        assert tab.errors == []


def _ask(box: SearchBox, asked: list[queries.Query]) -> list[Answer]:
    return [Answer(query, tuple(box.results(query.text))) for query in asked]


def _misses(answers: list[Answer], attribute: str) -> str:
    return "\n".join(str(answer) for answer in answers if not getattr(answer, attribute))


# ---- the rates of the issue ------------------------------------------------------------------------


def test_a_every_name_and_alias_of_the_shipped_guide_brings_its_exercise_first(
    shipped_box: SearchBox, shipped_site: Path
) -> None:
    catalog = _catalog(shipped_site)
    asked = queries.names_and_aliases(catalog) + queries.written_otherwise(catalog)
    assert len(asked) == 2 * sum(1 + len(ex.aliases) for ex in catalog.exercises.values())
    answers = _ask(shipped_box, asked)
    assert _misses(answers, "first") == ""


def test_b_a_sample_of_the_imported_names_brings_each_exercise_first(imported_box: SearchBox, imported_site: Path) -> None:
    catalog = _catalog(imported_site)
    asked = queries.sample_names(catalog, queries.imported(catalog, SHIPPED))
    assert len(asked) == queries.NAME_SAMPLE
    answers = _ask(imported_box, asked)
    assert _misses(answers, "first") == ""


def test_c_a_typo_in_a_long_word_still_finds_the_exercise_in_the_top_3(imported_box: SearchBox, imported_site: Path) -> None:
    asked = queries.typos(_catalog(imported_site))
    assert len(asked) == queries.TYPO_COUNT and {q.kind for q in asked} == {f"typo: {kind}" for kind in queries.TYPO_KINDS}
    answers = _ask(imported_box, asked)
    assert queries.share(answers, "top3") >= 0.9, _misses(answers, "top3")


@pytest.mark.parametrize("muscle", queries.MUSCLES)
def test_d_a_muscle_lists_exercises_that_train_it_most_and_offers_its_page(
    imported_box: SearchBox, imported_site: Path, muscle: str
) -> None:
    (query,) = queries.muscles(_catalog(imported_site), [muscle])
    results = imported_box.results(query.text)
    assert sum(path in query.main for path in results[:10]) >= 5, results
    assert query.term_page in results[:10]


# ---- names, starts of names, terms ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["single-leg gl", "single-l", "side pl", "copenh"])
def test_the_start_of_a_name_ranks_the_names_that_start_with_it_first(
    shipped_box: SearchBox, shipped_site: Path, typed: str
) -> None:
    catalog = _catalog(shipped_site)
    starting = {
        queries.exercise_path(s)
        for s, ex in catalog.exercises.items()
        if queries.normal(ex.name).startswith(queries.normal(typed))
    }
    assert starting
    assert set(shipped_box.results(typed)[: len(starting)]) == starting


def test_a_muscle_of_the_shipped_guide_lists_main_exercises_then_its_page_then_the_others(
    shipped_box: SearchBox, shipped_site: Path
) -> None:
    catalog = _catalog(shipped_site)
    main = {queries.exercise_path(s) for s, ex in catalog.exercises.items() if "hamstrings" in ex.muscles.primary}
    also = {queries.exercise_path(s) for s, ex in catalog.exercises.items() if "hamstrings" in ex.muscles.secondary}
    results = shipped_box.results("Hamstrings")
    assert set(results[: len(main)]) == main
    assert results[len(main)] == "muscles/hamstrings/"
    assert also <= set(results[len(main) + 1 :])


def test_equipment_and_goals_list_their_exercises_then_offer_their_page(shipped_box: SearchBox, shipped_site: Path) -> None:
    catalog = _catalog(shipped_site)
    for vocabulary, term_id in (("equipment", "resistance-band"), ("goals", "balance")):
        term = catalog.term(vocabulary, term_id)
        using = {queries.exercise_path(s) for s in catalog.with_term[(vocabulary, term_id, "exercise")]}
        before_page = min(len(using), 9)  # the page comes among the first ten results, after at most nine exercises
        assert before_page > 0
        results = shipped_box.results(term.name)
        assert set(results[:before_page]) <= using
        assert results[before_page] == f"{vocabulary}/{term_id}/"


# ---- what a result shows -------------------------------------------------------------------------


def _first_result(box: SearchBox) -> dict[str, str]:
    return box.tab.page.locator(".md-search-result__item").first.evaluate(
        "item => ({title: item.querySelector('h1').textContent, text: item.querySelector('article').textContent,"
        " marked: Array.from(item.querySelector('article').querySelectorAll('mark'), m => m.textContent).join('|'),"
        " sections: item.querySelectorAll('details.md-search-result__more a').length})"
    )


def test_an_exercise_result_shows_its_name_level_and_equipment(shipped_box: SearchBox) -> None:
    shipped_box.results("balance trainer squat")
    first = _first_result(shipped_box)
    assert first["title"] == "Squat on the Balance Trainer"
    assert "Intermediate" in first["text"] and "Balance trainer" in first["text"]
    assert first["marked"] == "Squat|Balance|Trainer"
    picture = shipped_box.tab.page.locator(".md-search-result__item").first.locator("img.eg-search-figure")
    assert picture.get_attribute("alt") == ""  # the name beside it says what it shows
    shipped_box.tab.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert picture.evaluate("img => new URL(img.src).pathname").endswith("/figures/balance-trainer-squat.svg")


def test_an_alias_result_says_which_alias_was_found(shipped_box: SearchBox) -> None:
    assert shipped_box.results("v up")[0] == "exercises/jackknife/"
    first = _first_result(shipped_box)
    assert first["title"] == "Jackknife"
    assert "Also called V-up" in first["text"]
    assert first["marked"] == "V|up"


def test_material_s_sections_of_a_page_stay_with_it(shipped_box: SearchBox) -> None:
    """The page's own sections that Material found are kept under the result, as "N more on this page"."""
    assert shipped_box.results("plank")[0] == "exercises/plank/"
    assert _first_result(shipped_box)["sections"] > 0


def test_names_are_shown_as_text_never_as_markup(browser: Browser, test_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        box = SearchBox(tab, test_url).open()
        assert box.results(test_guide.TRICKY_ALIAS)[0] == "exercises/tricky/"
        first = _first_result(box)
        assert first["title"] == test_guide.TRICKY_NAME
        assert f"Also called {test_guide.TRICKY_ALIAS}" in first["text"]
        assert tab.page.locator(".md-search-result b, .md-search-result i, .md-search-result script").count() == 0
        assert tab.errors == []


# ---- keyboard, highlighting, accessibility, the network --------------------------------------------


def test_enter_opens_the_first_result_and_the_page_highlights_the_name(browser: Browser, shipped_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        box = SearchBox(tab, shipped_url).open()
        assert box.results("dead bug")[0] == "exercises/dead-bug/"
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_url(re.compile(r"/exercises/dead-bug/\?h="))
        # The theme marks the words once its search has loaded on the new page: a moment after the page.
        tab.page.locator("article mark[data-md-highlight]").first.wait_for()
        marked = " ".join(tab.page.locator("article mark[data-md-highlight]").all_text_contents()).lower()
        assert "dead" in marked and "bug" in marked
        assert tab.errors == []


def test_arrow_keys_move_through_the_results_in_order(browser: Browser, shipped_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        box = SearchBox(tab, shipped_url).open()
        results = box.results("side plank")
        page = tab.page
        root = page.evaluate("new URL(location.href).pathname")
        focused: list[str] = []
        for _ in range(10):  # the "N more on this page" toggles take a press of their own
            page.keyboard.press("ArrowDown")
            href = page.evaluate(
                "document.activeElement.matches('.md-search-result__link') ? new URL(document.activeElement.href).pathname : null"
            )
            if href and href.removeprefix(root) not in focused:
                focused.append(href.removeprefix(root))
            if len(focused) == 3:
                break
        assert focused == list(results[:3])
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(results[2]) + "[?]"))


def _serious_violations(tab: Tab) -> set[str]:
    violations = Axe().run(tab.page, context=".md-search").response["violations"]
    return {v["id"] for v in violations if v["impact"] in ("serious", "critical")}


def test_the_results_are_counted_listed_and_as_accessible_as_the_theme_s_own(browser: Browser, shipped_url: str) -> None:
    """No accessibility problem of our own in the open search (the theme's own results have a few: see the report)."""
    found = {}
    for plain in (False, True):
        with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
            if plain:
                plain_theme_search(tab)
            box = SearchBox(tab, shipped_url).open()
            results = box.results("glute bridge")
            page = tab.page
            count = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
            assert count >= len(results) > 0
            assert page.locator(".md-search-result__list").get_attribute("role") == "list"
            found[plain] = _serious_violations(tab)
    assert found[False] <= found[True]


def test_search_asks_nothing_of_another_host(browser: Browser, shipped_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        requested: list[str] = []
        tab.context.on("request", lambda request: requested.append(request.url))
        box = SearchBox(tab, shipped_url).open()
        box.results("plank")
        local = [url for url in requested if url.startswith(shipped_url)]
        assert any(url.endswith("search/names.json") for url in local)
        assert any(re.search(r"workers/search\.[0-9a-f]+\.min\.js$", url) for url in local)
        # Material's own request for the repository's facts (api.github.com) is the only one that leaves.
        assert [url for url in requested if not url.startswith(shipped_url) and "api.github.com" not in url] == []


# ---- the index the generator writes ---------------------------------------------------------------


def test_the_name_index_is_a_tenth_of_the_full_text_index_or_less(imported_site: Path) -> None:
    names = (imported_site / "search" / "names.json").stat().st_size
    full_text = (imported_site / "search" / "search_index.json").stat().st_size
    assert names <= 0.10 * full_text


def test_the_name_index_holds_every_name_and_term_of_the_guide(shipped_site: Path) -> None:
    catalog = _catalog(shipped_site)
    index = json.loads((shipped_site / "search" / "names.json").read_text(encoding="utf-8"))
    listed = vocabularies.all_vocabularies()
    assert [row[0] for row in index["t"]] == [v.noun.capitalize() for v in listed]
    assert [row[3] for row in index["t"]] == [None, "No equipment", None]  # the result line names the equipment
    terms = [[term_id for term_id, _ in row[2]] for row in index["t"]]
    assert [row[1] for row in index["e"]] == [ex.name for ex in catalog.exercises.values()]
    for row, (slug, ex) in zip(index["e"], catalog.exercises.items(), strict=True):
        assert row[0] == slug and row[2] == list(ex.aliases) and index["l"][row[3]] == ex.level.capitalize()
        assert row[4] == (ex.figure is not None)
        if row[4]:
            assert (shipped_site / index["f"].replace("*", slug)).is_file()
        for v, of, (main, also) in zip(listed, terms, row[5], strict=True):
            assert [of[i] for i in main] == list(catalog.terms(ex, v.id, main=True))
            assert [of[i] for i in main + also] == list(catalog.terms(ex, v.id))
        assert (shipped_site / index["x"].replace("*", slug) / "index.html").is_file()
    assert sum(row[4] for row in index["e"]) == len(catalog.exercises)  # every shipped exercise has its figure
    for _noun, pattern, terms_of_vocabulary, _none in index["t"]:
        assert all((shipped_site / pattern.replace("*", term_id) / "index.html").is_file() for term_id, _ in terms_of_vocabulary)


# ---- the worker's ranking, on its own (GuideSearch, outside a worker) -------------------------------

WORKER = REPO / "theme" / "assets" / "javascripts" / "workers" / "guide-search.js"
SMALL_INDEX = {
    "v": 2,
    "l": ["Beginner", "Intermediate", "Advanced"],
    "x": "exercises/*/",
    "f": "figures/*.svg",
    "t": [
        ["Muscle", "muscles/*/", [["hamstrings", "Hamstrings"], ["glutes", "Glutes"]], None],
        ["Equipment", "equipment/*/", [["mat", "Exercise mat"]], "No equipment"],
        ["Goal", "goals/*/", [], None],
    ],
    "e": [
        ["farmers-walk", "Farmer's Walk", [], 0, 0, [[[1], [0]], [[], []], [[], []]]],
        ["push-up", "Push-Up", ["Press-up"], 0, 1, [[[], []], [[0], []], [[], []]]],
        ["push-up-plus", "Push-Up Plus", [], 1, 0, [[[], []], [[0], []], [[], []]]],
        ["nordic-curl", "Nordic Hamstring Curl", [], 2, 0, [[[0], []], [[], []], [[], []]]],
        ["glute-bridge", "Glute Bridge", [], 0, 0, [[[1], [0]], [[0], []], [[], []]]],
    ],
}


@pytest.fixture(scope="module")
def ranking(browser: Browser) -> Iterator[Tab]:
    with Tab(browser) as tab:
        tab.page.set_content("<!doctype html><title>ranking</title>")
        tab.page.add_script_tag(path=str(WORKER))
        tab.page.evaluate("index => { window.index = GuideSearch.buildIndex(index, 'http://guide.test/') }", SMALL_INDEX)
        yield tab
        assert tab.errors == []


def _rank(tab: Tab, query: str) -> list[str]:
    return tab.page.evaluate(
        "query => GuideSearch.rank(window.index, query).map(hit => hit.exercise ? hit.exercise.slug : hit.term.url)", query
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Farmer's Walk", "farmers walk"),
        ("  PUSH-up ", "push up"),
        ("Crème brûlée", "creme brulee"),
        ("A&B <i>x</i>", "a b i x i"),
        ("90/90", "90 90"),
    ],
)
def test_names_are_compared_without_case_accents_apostrophes_or_separators(ranking: Tab, text: str, expected: str) -> None:
    assert ranking.page.evaluate("text => GuideSearch.normal(text)", text) == expected == queries.normal(text)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("hamstring", "hamstrng", True),  # dropped
        ("hamstring", "hammstring", True),  # doubled
        ("hamstring", "hamstirng", True),  # swapped
        ("hamstring", "hamstrinx", True),  # wrong
        ("hamstring", "hamstring", False),  # the same word is no typo
        ("hamstring", "hamsting", True),
        ("hamstring", "hmastrign", False),  # two typos
        ("bridge", "brigde", True),
        ("bridge", "bridges", True),
        ("bridge", "ridges", False),
    ],
)
def test_one_edit_is_a_dropped_doubled_swapped_or_wrong_letter(ranking: Tab, a: str, b: str, expected: bool) -> None:
    assert ranking.page.evaluate("([a, b]) => [GuideSearch.oneEdit(a, b), GuideSearch.oneEdit(b, a)]", [a, b]) == [
        expected,
        expected,
    ]


def test_ranking_exact_then_start_then_words_then_typos(ranking: Tab) -> None:
    assert _rank(ranking, "push-up") == ["push-up", "push-up-plus"]
    assert _rank(ranking, "pushup") == ["push-up", "push-up-plus"]  # without the hyphen
    assert _rank(ranking, "press up") == ["push-up"]  # an alias
    assert _rank(ranking, "farmers walk") == ["farmers-walk"]
    assert _rank(ranking, "curl") == ["nordic-curl"]
    assert _rank(ranking, "nordc") == ["nordic-curl"]  # one letter dropped from a word of six
    assert _rank(ranking, "curk") == []  # but a typo only counts in a word of five letters or more
    assert _rank(ranking, "nordic hamstrng curl") == ["nordic-curl"]
    assert _rank(ranking, "squat") == []


def test_a_muscle_brings_its_main_exercises_then_its_page_then_the_others(ranking: Tab) -> None:
    # Glute Bridge first: its name is one letter from what was typed.
    assert _rank(ranking, "glutes") == ["glute-bridge", "farmers-walk", "muscles/glutes/"]
    assert _rank(ranking, "hamstrings") == ["nordic-curl", "muscles/hamstrings/", "farmers-walk", "glute-bridge"]
    assert _rank(ranking, "hamstrigs") == ["nordic-curl", "muscles/hamstrings/", "farmers-walk", "glute-bridge"]  # with a typo
    assert _rank(ranking, "exercise mat")[:3] == ["push-up", "push-up-plus", "glute-bridge"]


def test_merged_results_come_first_escaped_and_scored_above_the_theme_s(ranking: Tab) -> None:
    material = {
        "items": [
            [{"location": "exercises/nordic-curl/", "title": "Nordic", "text": "", "score": 40.5, "terms": {"curl": True}}],
            [
                {"location": "exercises/push-up/", "title": "Push-Up", "text": "", "score": 12, "terms": {}},
                {"location": "exercises/push-up/#steps", "title": "Steps", "text": "", "score": 30, "terms": {}},
            ],
        ]
    }
    merged = ranking.page.evaluate(
        "material => GuideSearch.merge(GuideSearch.rank(window.index, 'push up'), material, window.index)", material
    )
    groups = [[doc["location"] for doc in group] for group in merged["items"]]
    assert groups == [["exercises/push-up/", "exercises/push-up/#steps"], ["exercises/push-up-plus/"], ["exercises/nordic-curl/"]]
    first = merged["items"][0][0]
    assert first["title"] == "<mark>Push</mark>-<mark>Up</mark>"
    assert "Beginner · Exercise mat" in first["text"]
    # its list picture, from the site's root, and none for an exercise without a figure
    assert first["text"].startswith('<img class="eg-search-figure" src="http://guide.test/figures/push-up.svg" alt=""')
    assert "Intermediate · Exercise mat" in merged["items"][1][0]["text"] and "<img" not in merged["items"][1][0]["text"]
    nordic = ranking.page.evaluate(
        "() => GuideSearch.merge(GuideSearch.rank(window.index, 'nordic'), {items: []}, window.index).items[0][0].text"
    )
    assert nordic == "<p>Advanced · No equipment</p>"
    assert first["score"] > merged["items"][1][0]["score"] > 40.5
    assert (
        ranking.page.evaluate("() => GuideSearch.markWords('<b>Bold</b> & co', new Set(['bold']))")
        == "&lt;b&gt;<mark>Bold</mark>&lt;/b&gt; &amp; co"
    )
