"""Printing as a reader's browser prints, for the print tests: Chromium prints a page to PDF on A4 or
US Letter; pypdf reads the text of each page, pdftoppm rasterizes one and zxing-cpp reads its QR codes.
Pillow is not installed, so the raster is a PGM file handed to zxing-cpp as a memoryview."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdf
import zxingcpp

from .local_site import Tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAPERS = ("A4", "Letter")
# Text of the site's frame that must not reach paper: footer, buttons, navigation, TOC, search.
CHROME = ("Made with", "Print card", "Print all cards", "All routine cards", "Table of contents", "Search", "Previous", "Next")
MIN_FONT_PX = 12  # 9 pt


def squashed(text: str) -> str:
    """Text without whitespace: where a line wraps, pypdf sees a line break, or nothing at all."""
    return re.sub(r"\s+", "", text)


@dataclass
class Printed:
    pdf: Path
    pages: list[str]  # the text of each page
    collected: Any = None  # what `collect` read from the page on screen

    def has(self, text: str, page: int | None = None) -> bool:
        where = self.pages if page is None else [self.pages[page]]
        return any(squashed(text) in squashed(found) for found in where)


def print_page(browser: Browser, url: str, paper: str, out: Path, collect: Callable[[Page], Any] | None = None) -> Printed:
    """Open `url` and print it to PDF as the browser's print does (no backgrounds, CSS @page margins)."""
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        response = tab.page.goto(url)
        assert response is not None and response.ok, url
        collected = collect(tab.page) if collect else None
        printed = print_tab(tab.page, paper, out, collected)
        assert tab.errors == [], tab.errors
    return printed


def print_tab(page: Page, paper: str, out: Path, collected: Any = None) -> Printed:
    """The page as it is now, printed to PDF; the text of each of its pages."""
    out.write_bytes(page.pdf(format=paper))
    reader = pypdf.PdfReader(out)
    return Printed(out, [each.extract_text() for each in reader.pages], collected)


def qr_codes(pdf: Path, page: int = 1, dpi: int = 150) -> list[str]:
    """The QR codes zxing-cpp reads on one page rasterized at `dpi`."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile", pdf, prefix],
        check=True,
        timeout=60,
    )
    width, height, pixels = read_pgm(prefix.with_suffix(".pgm"))
    image = memoryview(pixels).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary 8-bit PGM (P5), as pdftoppm -gray writes it."""
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header and header.group(3) == b"255", data[:20]
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end() :]
    assert len(pixels) == width * height
    return width, height, pixels


def canonical_url(site: Path, url: str) -> str:
    """The page's absolute address as MkDocs publishes it (from site_url)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert found, f"{url} has no canonical link: is site_url set?"
    return found.group(1)


def assert_no_chrome(printed: Printed) -> None:
    leaked = [text for text in CHROME if printed.has(text)]
    assert leaked == [], f"site chrome printed on {printed.pdf.name}: {leaked}"
