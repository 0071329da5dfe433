"""Figures in a browser: the page figure in the light and dark palettes and in print, and a routine
card of twelve exercises with a figure in every row, printed on one A4 and one Letter page.

The pages are assembled here from the generator's own card (rendered from the shipped guide plus a
routine of twelve) and the project's print.css, with the figure markup and styles that
generator/figures/README.md recommends (figures.css), before the templates are changed to use them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import REPO, SHIPPED

from generator.figures import svg
from generator.figures.model import FigureMeta
from generator.load import load
from generator.render import Renderer

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PRINT_CSS = (REPO / "theme" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")
FIGURES_CSS = (REPO / "generator" / "figures" / "figures.css").read_text(encoding="utf-8")
TWELVE = [
    "glute-bridge",
    "bird-dog",
    "dead-bug",
    "side-plank-bent-knee",
    "clamshell",
    "single-leg-stand",
    "calf-raise",
    "kneeling-hip-flexor-stretch",
    "superman",
    "copenhagen-plank",
    "lateral-step-down",
    "split-squat-balance-trainer",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def figure(slug: str, size: str) -> str:
    front = SHIPPED[slug]
    return svg(FigureMeta.model_validate(front["figure"]), title=front["name"], alt=front["summary"], size=size)  # type: ignore[arg-type]


def card_html(tmp_path: Path, *, figures: bool) -> str:
    """The generator's card for a routine of twelve exercises, with a figure cell in every row."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(REPO / "content", content)
        items = "".join(f"  - exercise: {slug}\n    sets: 2\n    note: Slowly, with control\n" for slug in TWELVE)
        (content / "routines" / "twelve.md").write_text(
            f"---\nname: Twelve Exercises\nsummary: Every row of a full card.\nlevel: intermediate\nexercises:\n{items}---\n\nA long routine.\n",
            encoding="utf-8",
        )
    loaded = load(content)
    assert loaded.guide is not None, loaded.problems
    page = next(p for p in Renderer(site_url="https://guide.example/").pages(loaded.guide) if p.src == "routines/twelve.md")
    card = re.search(r'<section class="eg-sheet.*?</section>', page.text, re.S)
    assert card is not None
    html = card.group(0)
    if figures:
        html = html.replace(
            '<th class="eg-sheet__number" scope="col">#</th>',
            '<th class="eg-sheet__number" scope="col">#</th><th class="eg-sheet__figure" scope="col"></th>',
        )
        rows = iter(TWELVE)
        html = re.sub(
            r'(<td class="eg-sheet__number">\d+</td>)',
            lambda m: f'{m.group(1)}<td class="eg-sheet__figure">{figure(next(rows), "card")}</td>',
            html,
        )
    return html


def print_pages(browser, tmp_path: Path, body: str, paper: str) -> int:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.set_content(
        f'<!doctype html><html><head><meta charset="utf-8"><style>{PRINT_CSS}\n{FIGURES_CSS}</style></head><body><article class="md-typeset"><div class="eg-sheets">{body}</div></article></body></html>'
    )
    out = tmp_path / f"card-{paper}.pdf"
    out.write_bytes(page.pdf(format=paper))
    page.close()
    return len(pypdf.PdfReader(out).pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_card_of_twelve_with_figures_prints_on_one_page(browser, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    assert print_pages(browser, tmp_path, card_html(tmp_path, figures=False), paper) == 1  # as the card is now
    assert print_pages(browser, tmp_path, card_html(tmp_path, figures=True), paper) == 1


def ink(browser, markup: str, scheme: str, media: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """The darkest and the lightest pixel of the figure, drawn on a page of the given palette."""
    palettes = {"light": ("#1f1f1f", "#ffffff"), "dark": ("#e2e4e9", "#1e2129")}
    fg, bg = palettes[scheme]
    page = browser.new_page(viewport={"width": 600, "height": 500})
    page.emulate_media(media=media)
    css = f":root {{ --md-default-fg-color: {fg}; --md-default-bg-color: {bg}; }} body {{ margin: 0; color: {fg}; background: {bg}; }} @media print {{ body {{ color: #000; background: #fff; }} :root {{ --md-default-bg-color: #fff; }} }}"
    page.set_content(
        f'<!doctype html><html><head><style>{css}\n{FIGURES_CSS}</style></head><body><div class="md-typeset"><figure class="eg-figure--pose">{markup}</figure></div></body></html>'
    )
    shot = page.locator("svg").screenshot(type="png")
    page.close()
    return _extremes(shot)


def _extremes(png: bytes) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, width = 8, [], 0
    height = 0
    colour = 0
    while offset < len(png):
        length = struct.unpack(">I", png[offset : offset + 4])[0]
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, colour = struct.unpack(">IIBB", data[:10])
        elif kind == b"IDAT":
            chunks.append(data)
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = 4 if colour == 6 else 3
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    position = 0
    for _ in range(height):
        filter_type = raw[position]
        line = bytearray(raw[position + 1 : position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 255
            elif filter_type == 2:
                line[i] = (line[i] + up) & 255
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif filter_type == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 255
        pixels.extend(tuple(line[i : i + 3]) for i in range(0, stride, channels))  # type: ignore[misc]
        previous = line
    by_light = sorted(pixels, key=sum)
    return by_light[0], by_light[-1]


def test_the_page_figure_follows_the_palette_and_prints_black_on_white(browser) -> None:  # type: ignore[no-untyped-def]
    markup = figure("bird-dog", "page")
    dark_ink, light_paper = ink(browser, markup, "light", "screen")
    assert sum(dark_ink) < 150 and sum(light_paper) > 700  # dark figure on white
    darkest, lightest = ink(browser, markup, "dark", "screen")
    assert sum(lightest) > 600 and sum(darkest) < 150  # light figure on the dark page
    printed_ink, printed_paper = ink(browser, markup, "dark", "print")
    assert sum(printed_ink) < 100 and sum(printed_paper) > 740  # print: black on white even from the dark palette
