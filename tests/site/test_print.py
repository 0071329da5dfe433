"""Printing, as a reader's own browser prints: routine cards, the booklet, exercise pages.

Chromium prints each page to PDF on A4 and on US Letter; pypdf counts the pages and reads their text,
pdftoppm rasterizes them and zxing-cpp reads the QR code back (support/printing.py). Expected texts
come from the records (the guide loaded by the generator) and from the built page, never from the
card's own markup.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.content.load import load
from generator.content.records import Catalog as Guide
from generator.content.records import Routine
from generator.site import words
from support import sample_guide as test_guide
from support.local_site import REPO, Tab, built, served
from support.printing import MIN_FONT_PX, PAPERS, Printed, assert_no_chrome, canonical_url, print_page, qr_codes
from support.search_box import full_text_index

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.builders]

SHIPPED_ROUTINES = sorted(path.stem for path in (REPO / "content" / "routines").glob("*.md"))
SHIPPED_EXERCISES = sorted(path.stem for path in (REPO / "content" / "exercises").glob("*.md"))


def assert_card(printed: Printed, guide: Guide, routine: Routine, address: str, page: int | None = None) -> None:
    """Everything a card must show, on the given page (or anywhere)."""
    missing = [text for text in card_texts(guide, routine, address) if not printed.has(text, page)]
    assert missing == [], f"not printed on {printed.pdf.name}: {missing}"


def card_texts(guide: Guide, routine: Routine, address: str) -> list[str]:
    texts = [routine.name, routine.summary, words.about(routine.seconds()), words.LEVEL_NAMES[routine.level], address]
    texts += [guide.term("equipment", term).name for term in guide.terms(routine, "equipment")]
    texts += [guide.term("goals", term).name for term in routine.goals]
    if routine.rest_between_rounds:
        texts.append(words.seconds(routine.rest_between_rounds))
    for item in routine.items:
        exercise = guide.exercises[item.exercise]
        texts += [exercise.name, words.dosage_short(item.dosage), *exercise.cues[:1]]
        if item.note:
            texts.append(item.note)
    return texts


# Sites -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shipped_guide() -> Guide:
    loaded = load(REPO / "content")
    assert not loaded.problems and loaded.catalog is not None
    return loaded.catalog


@pytest.fixture(scope="session")
def test_guide_records(test_site: Path) -> Guide:
    loaded = load(test_site.parent / "content")
    assert not loaded.problems and loaded.catalog is not None
    return loaded.catalog


@pytest.fixture(scope="session")
def dense_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide plus the densest card its content allows: its twelve longest exercise names
    with its twelve longest notes, two sets each, three rounds."""
    folder = tmp_path_factory.mktemp(f"dense-{builder}")
    content = folder / "content"
    shutil.copytree(REPO / "content", content)
    guide = load(content).catalog
    assert guide is not None
    slugs = sorted(guide.exercises, key=lambda slug: (-len(guide.exercises[slug].name), slug))[:12]
    notes = sorted(
        {item.note for r in guide.routines.values() for item in r.items if item.note}, key=lambda note: (-len(note), note)
    )[:12]
    assert len(slugs) == len(notes) == 12
    items = "".join(f"  - exercise: {slug}\n    sets: 2\n    note: {note}\n" for slug, note in zip(slugs, notes, strict=False))
    (content / "routines" / "dense.md").write_text(
        "---\nname: Twelve Stations on the Balance Trainer and Floor\n"
        "summary: A long session of twelve single-leg and trunk exercises, three rounds of two sets each, "
        "for runners who want every station of the guide on one card.\n"
        f"level: advanced\ngoals: [balance, stabilization, core-strength, hip-strength]\nrounds: 3\nrest_between_rounds: 2m\nexercises:\n{items}---\n",
        encoding="utf-8",
    )
    return built(content, folder / "site", builder=builder)


@pytest.fixture(scope="session")
def dense_url(dense_site: Path) -> Iterator[str]:
    with served(dense_site) as url:
        yield url


@pytest.fixture(scope="session")
def no_site_url_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test guide built without a site_url: cards cannot know their full address."""
    folder = tmp_path_factory.mktemp(f"nositeurl-{builder}")
    return built(test_guide.write(folder), folder / "site", site_url="", builder=builder)


@pytest.fixture(scope="session")
def no_site_url_url(no_site_url_site: Path) -> Iterator[str]:
    with served(no_site_url_site) as url:
        yield url


# Routine cards -----------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("slug", SHIPPED_ROUTINES)
def test_shipped_routine_prints_as_one_card(
    slug: str, paper: str, browser: Browser, shipped_site: Path, shipped_url: str, shipped_guide: Guide, tmp_path: Path
) -> None:
    printed = print_page(browser, f"{shipped_url}routines/{slug}/", paper, tmp_path / f"{slug}-{paper}.pdf")
    assert len(printed.pages) == 1, f"{slug} on {paper}: {len(printed.pages)} pages"
    assert_card(printed, shipped_guide, shipped_guide.routines[slug], canonical_url(shipped_site, f"routines/{slug}/"))
    assert_no_chrome(printed)
    # The card replaces the screen page: the routine's Markdown body is not printed.
    opening = shipped_guide.routines[slug].body.markdown.split("[")[0][:25]
    assert len(opening) == 25 and not printed.has(opening)


@pytest.mark.parametrize("paper", PAPERS)
def test_twelve_exercise_routine_prints_as_one_card(
    paper: str, browser: Browser, test_site: Path, test_url: str, test_guide_records: Guide, tmp_path: Path
) -> None:
    routine = test_guide_records.routines["twelve"]
    assert len(routine.items) == 12 and routine.rounds == 3
    printed = print_page(browser, f"{test_url}routines/twelve/", paper, tmp_path / f"twelve-{paper}.pdf")
    assert len(printed.pages) == 1, f"twelve on {paper}: {len(printed.pages)} pages"
    assert_card(printed, test_guide_records, routine, canonical_url(test_site, "routines/twelve/"))
    for n in range(1, 13):
        assert printed.has(f"Note for item {n} of twelve")
    assert_no_chrome(printed)


@pytest.mark.parametrize("paper", PAPERS)
def test_densest_shipped_twelve_prints_as_one_card(
    paper: str, browser: Browser, dense_site: Path, dense_url: str, tmp_path: Path
) -> None:
    guide = load(dense_site.parent / "content").catalog
    assert guide is not None
    printed = print_page(browser, f"{dense_url}routines/dense/", paper, tmp_path / f"dense-{paper}.pdf")
    assert len(printed.pages) == 1, f"dense on {paper}: {len(printed.pages)} pages"
    assert_card(printed, guide, guide.routines["dense"], canonical_url(dense_site, "routines/dense/"))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("slug", SHIPPED_ROUTINES)
def test_card_qr_code_leads_to_the_routine(
    slug: str, paper: str, browser: Browser, shipped_site: Path, shipped_url: str, tmp_path: Path
) -> None:
    printed = print_page(browser, f"{shipped_url}routines/{slug}/", paper, tmp_path / f"{slug}-{paper}.pdf")
    assert qr_codes(printed.pdf) == [canonical_url(shipped_site, f"routines/{slug}/")]


def test_twelve_card_qr_code_leads_to_the_routine(browser: Browser, test_site: Path, test_url: str, tmp_path: Path) -> None:
    printed = print_page(browser, f"{test_url}routines/twelve/", "Letter", tmp_path / "twelve.pdf")
    assert qr_codes(printed.pdf) == [canonical_url(test_site, "routines/twelve/")]


def test_card_without_site_url_prints_the_path_and_no_qr_code(
    browser: Browser, no_site_url_site: Path, no_site_url_url: str, tmp_path: Path
) -> None:
    html = (no_site_url_site / "routines" / "twelve" / "index.html").read_text(encoding="utf-8")
    assert 'class="eg-qr"' not in html
    printed = print_page(browser, f"{no_site_url_url}routines/twelve/", "A4", tmp_path / "twelve.pdf")
    assert len(printed.pages) == 1
    assert printed.has("routines/twelve/")
    assert not printed.has("https://")
    assert qr_codes(printed.pdf) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_card_text_is_black_and_at_least_9pt_in_print(scheme: str, browser: Browser, test_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as tab:
        page = tab.page
        page.goto(f"{test_url}routines/twelve/")
        assert page.locator(".eg-sheet").is_hidden(), "the card shows on screen"
        assert page.locator("article h1").is_visible()
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        page.emulate_media(media="print")
        assert page.locator(".eg-sheet").is_visible()
        for hidden in (
            "article h1",
            ".md-header",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
            "[data-eg-print]",
            ".md-content__button",
        ):
            assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
        # Every element with text of its own in the card: its font size and colour in print.
        styles = page.evaluate(
            """() => Array.from(document.querySelectorAll('.eg-sheet *'))
                .filter(el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
                .map(el => { const s = getComputedStyle(el); return [el.className || el.tagName, parseFloat(s.fontSize), s.color]; })"""
        )
        assert len(styles) > 12 * 3
        rows = page.evaluate(
            "Array.from(document.querySelectorAll('.eg-sheet__items tbody td')).map(td => parseFloat(getComputedStyle(td).fontSize))"
        )
        assert len(rows) == 12 * (3 + 3) and min(rows) >= MIN_FONT_PX
        small = [(name, size) for name, size, _ in styles if size < MIN_FONT_PX]
        assert small == [], f"text under 9 pt: {small}"
        coloured = {(name, color) for name, _, color in styles if color != "rgb(0, 0, 0)"}
        assert coloured == set(), f"not black: {coloured}"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_card_boxes_one_per_set_and_round(browser: Browser, test_url: str, test_guide_records: Guide) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        page.goto(f"{test_url}routines/short/")
        page.emulate_media(media="print")
        routine = test_guide_records.routines["short"]
        rows = page.locator(".eg-sheet__items tbody tr")
        assert rows.count() == len(routine.items)
        headers = page.locator(".eg-sheet__items thead th.eg-sheet__round").all_inner_texts()
        assert [header.casefold() for header in headers] == [f"round {n}" for n in range(1, routine.rounds + 1)]
        for index, item in enumerate(routine.items):
            rounds = rows.nth(index).locator("td.eg-sheet__round")
            assert rounds.count() == routine.rounds
            for n in range(routine.rounds):
                assert rounds.nth(n).locator(".eg-box").count() == item.dosage.set_count
        # A box big enough to tick with a pen: at least 5 mm (19 CSS px) square.
        box = page.locator(".eg-box").first.bounding_box()
        assert box is not None and box["width"] >= 19 and box["height"] >= 19


# The booklet -------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("which", ["shipped", "test"])
def test_booklet_prints_one_card_a_page_in_guide_order(
    which: str, paper: str, browser: Browser, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    site: Path = request.getfixturevalue(f"{which}_site")
    url: str = request.getfixturevalue(f"{which}_url")
    guide: Guide = request.getfixturevalue("shipped_guide" if which == "shipped" else "test_guide_records")
    printed = print_page(browser, f"{url}routines/print/", paper, tmp_path / f"booklet-{paper}.pdf")
    routines = list(guide.routines.values())
    assert len(printed.pages) == len(routines) >= 2
    for number, routine in enumerate(routines):
        assert_card(printed, guide, routine, canonical_url(site, f"routines/{routine.slug}/"), page=number)
        others = [other.slug for other in routines if other is not routine]
        assert not any(printed.has(f"routines/{slug}/", page=number) for slug in others), f"page {number + 1} holds another card"
    assert_no_chrome(printed)


def test_booklet_on_screen_lists_every_routine_with_a_print_button(
    browser: Browser, shipped_url: str, shipped_guide: Guide
) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        page.goto(f"{shipped_url}routines/print/")
        assert page.locator("[data-eg-print]").is_visible()
        assert page.locator(".eg-sheet").first.is_hidden()
        headings = page.locator("article.md-content__inner > h2").all_inner_texts()
        assert [heading.rstrip("¶").strip() for heading in headings] == [
            routine.name for routine in shipped_guide.routines.values()
        ]
        listed = page.locator("article ol.eg-items > li").all_inner_texts()
        assert len(listed) == sum(len(routine.items) for routine in shipped_guide.routines.values())
        # The button opens the browser's print dialog.
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        page.locator("[data-eg-print]").click()
        assert page.evaluate("window.__printed") == 1


def test_routine_page_on_screen_is_unchanged_and_print_button_prints(
    browser: Browser, test_url: str, test_guide_records: Guide
) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        page.goto(f"{test_url}routines/twelve/")
        routine = test_guide_records.routines["twelve"]
        assert page.locator("ol.eg-items > li").count() == len(routine.items)
        assert page.locator("ol.eg-items > li").first.is_visible()
        assert page.get_by_text("The longest routine of the test guide.").is_visible()
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        page.locator("[data-eg-print]").click()
        assert page.evaluate("window.__printed") == 1


def test_card_text_stays_out_of_search(shipped_site: Path, shipped_guide: Guide) -> None:
    """The hidden card repeats the page; the search index has the page once, not the card's cues."""
    index = full_text_index(shipped_site)
    routine = shipped_guide.routines["balance-trainer-circuit"]
    assert routine.summary in index
    assert "Notes and cues" not in index and "Steps, pictures and easier or harder versions" not in index


# Exercise pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("slug", SHIPPED_EXERCISES)
def test_exercise_page_prints_cleanly(
    slug: str, paper: str, browser: Browser, shipped_url: str, shipped_guide: Guide, tmp_path: Path
) -> None:
    def collect(page: Page) -> tuple[list[str], list[str]]:
        return page.locator("h2#steps + ol > li").all_inner_texts(), page.locator("ul.eg-cues > li").all_inner_texts()

    printed = print_page(browser, f"{shipped_url}exercises/{slug}/", paper, tmp_path / f"{slug}-{paper}.pdf", collect)
    steps, cues = printed.collected
    exercise = shipped_guide.exercises[slug]
    assert len(steps) == len(exercise.steps) >= 2 and len(cues) == len(exercise.cues)
    assert printed.has(exercise.name, 0) and printed.has(exercise.summary, 0)
    if exercise.dosage:
        assert printed.has(words.dosage(exercise.dosage), 0), "the dosage is not with the facts on the first page"
    assert_no_chrome(printed)
    # Kept together: all steps on one page, all cues on one page.
    for group, texts in (("steps", steps), ("cues", cues)):
        if texts:
            pages = [n for n in range(len(printed.pages)) if all(printed.has(text, n) for text in texts)]
            assert pages, f"the {group} of {slug} are split across pages on {paper}"
