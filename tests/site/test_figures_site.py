"""Figures on the built site (issue 14): the exercise page draws its figure inline, in the page's own
colours (light, dark, and black on white in print); lists show each figure as a file; printed routine
cards show one beside every exercise, and a card of twelve still prints on one page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from support.local_site import REPO, Tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.builders]

SHIPPED = sorted(path.stem for path in (REPO / "content" / "exercises").glob("*.md"))

# The colours a figure's parts are drawn in: the body in the text colour, the far limbs lighter, the paper
# the page's. Returned as sums of the RGB channels (0 black, 765 white).
COLOURS_JS = """() => {
  const svg = document.querySelector("figure.eg-figure--pose svg");
  const sum = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
  const body = [...svg.querySelectorAll("[fill='currentColor']")].map((p) => getComputedStyle(p).fill);
  const paper = getComputedStyle(document.body).backgroundColor;
  return {body: sum(body[0]), paper: sum(paper), count: body.length};
}"""


def test_every_shipped_exercise_page_draws_its_figure(shipped_site: Path) -> None:
    data = json.loads((shipped_site / "exercises.json").read_text(encoding="utf-8"))
    assert {exercise["id"] for exercise in data["exercises"] if exercise["figure"]} == set(SHIPPED)
    for slug in SHIPPED:
        html = (shipped_site / "exercises" / slug / "index.html").read_text(encoding="utf-8")
        figure = re.search(r'<figure class="eg-figure eg-figure--pose"><svg [^>]*role="img" aria-label="([^"]+)"', html)
        assert figure is not None, slug
        assert (shipped_site / "figures" / f"{slug}.svg").is_file()
        assert f'src="../figures/{slug}.svg"' in (shipped_site / "exercises" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_figure_takes_the_page_colours_and_prints_black_on_white(scheme: str, browser: Browser, shipped_url: str) -> None:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        page = tab.page
        page.goto(shipped_url + "exercises/bird-dog/")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        screen = page.evaluate(COLOURS_JS)
        assert screen["count"] >= 3  # the near limbs and the trunk
        if scheme == "default":
            assert screen["body"] < 200 and screen["paper"] > 700  # dark ink on white
        else:
            assert screen["body"] > 500 and screen["paper"] < 200  # light ink on the dark page
        page.emulate_media(media="print")
        printed = page.evaluate(COLOURS_JS)
        assert printed["body"] < 60 and printed["paper"] > 740  # black on white, whatever the palette
        assert tab.errors == []


def _card_figures(page: Page) -> list[str]:
    return page.locator(".eg-sheet .eg-sheet__figure svg").evaluate_all("svgs => svgs.map(s => s.getAttribute('viewBox'))")


def test_a_printed_card_has_a_figure_beside_every_exercise(browser: Browser, shipped_url: str) -> None:
    with Tab(browser) as tab:
        tab.page.goto(shipped_url + "routines/balance-trainer-circuit/")
        rows = tab.page.locator(".eg-sheet tbody tr").count()
        assert rows > 3 and len(_card_figures(tab.page)) == rows
        tab.page.emulate_media(media="print")
        sizes = tab.page.locator(".eg-sheet .eg-sheet__figure svg").evaluate_all(
            "svgs => svgs.map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
        )
        assert all(width > 40 and height > 30 for width, height in sizes), sizes  # about 18 × 13.5 mm
