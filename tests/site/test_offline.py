"""The offline copy (issue 16): `make offline`'s zip, unpacked and opened from disk (file://) in
Chromium, as a reader opens it where there is no signal. Search, the filters and a printed card work
and nothing is asked of any server."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
import pytest

from support import sample_guide
from support.local_site import REPO, Tab, built
from support.search_box import search_once

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

SHIM = "theme/assets/javascripts/vendor/iframe-worker-shim.js"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make offline`'s work (without its set-up), into a folder of the test's; the zip unpacked elsewhere."""
    build = tmp_path_factory.mktemp("offline-build")
    made = subprocess.run(["make", "-s", "offline-zip", f"BUILD={build}"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stdout + made.stderr
    archive = build / "exercise-guide-offline.zip"
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.startswith("exercise-guide/") for name in names)  # one folder, not files all over
        folder = tmp_path_factory.mktemp("unpacked")
        opened.extractall(folder)
    return folder / "exercise-guide"


@pytest.fixture
def reader(browser: Browser) -> Iterator[tuple[Tab, list[str]]]:
    """A tab that notes every request that is not for a file on disk."""
    with Tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        asked: list[str] = []
        tab.context.on("request", lambda request: request.url.startswith("file:") or asked.append(request.url))
        yield tab, asked
        assert tab.errors == []


def test_the_copy_links_pages_as_files_and_has_its_search_as_scripts(unpacked: Path) -> None:
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert 'href="exercises/index.html"' in home and 'href="exercises/"' not in home
    assert (unpacked / "search" / "search_index.js").is_file() and (unpacked / "search" / "names.js").is_file()
    names = (unpacked / "search" / "names.js").read_text(encoding="utf-8")
    assert names.startswith("self.__guideSearchNames = {") and names.endswith("};\n")
    assert json.loads(names.removeprefix("self.__guideSearchNames = ").removesuffix(";\n"))["x"] == "exercises/*.html"
    assert "unpkg.com" not in home and "assets/javascripts/vendor/iframe-worker-shim.js" in home
    assert "eg-offline" not in home  # the copy does not offer itself
    assert "api.github.com" not in home and "Edit this page" not in (unpacked / "exercises" / "plank.html").read_text()


def test_search_from_disk_puts_the_jackknife_first_for_v_up(unpacked: Path, reader: tuple[Tab, list[str]]) -> None:
    tab, asked = reader
    results = search_once(tab, (unpacked / "index.html").as_uri(), "V-up")
    assert results[0] == "exercises/jackknife.html"
    figure = tab.page.locator(".md-search-result__item img.eg-search-figure").first
    tab.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert asked == []


def test_the_filters_work_from_disk(unpacked: Path, reader: tuple[Tab, list[str]]) -> None:
    tab, asked = reader
    data = json.loads((unpacked / "exercises.json").read_text(encoding="utf-8"))
    training = [ex["url"] for ex in data["exercises"] if "hamstrings" in ex["muscles"]["primary"] + ex["muscles"]["secondary"]]
    assert 0 < len(training) < len(data["exercises"])
    page = tab.page
    page.goto((unpacked / "exercises" / "index.html").as_uri())
    page.locator("select[name=muscle]").select_option("hamstrings")
    page.wait_for_function("new URL(location.href).searchParams.get('muscle') === 'hamstrings'")
    shown = page.locator(".eg-card:visible .eg-card__name").evaluate_all("links => links.map(a => a.href)")
    assert sorted(shown) == sorted((unpacked / url).as_uri() for url in training)
    assert asked == []


def test_a_routine_card_prints_on_one_page_from_disk(unpacked: Path, reader: tuple[Tab, list[str]], tmp_path: Path) -> None:
    tab, asked = reader
    tab.page.goto((unpacked / "routines" / "balance-trainer-circuit.html").as_uri())
    for paper in ("A4", "Letter"):
        pdf = tmp_path / f"card-{paper}.pdf"
        pdf.write_bytes(tab.page.pdf(format=paper))
        pages = pypdf.PdfReader(pdf).pages
        assert len(pages) == 1 and "Balance Trainer Circuit" in pages[0].extract_text()
    assert asked == []


def test_the_shim_is_the_pinned_package_s() -> None:
    """theme/assets/javascripts/vendor/ holds iframe-worker's shim as npm installed it (package.json pins it)."""
    vendored = (REPO / SHIM).read_text(encoding="utf-8")
    installed = (REPO / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8")
    header, _, body = vendored.partition(" */\n")
    assert "MIT" in header and body == installed


def test_the_home_page_links_to_the_copy_where_it_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_site: Path
) -> None:
    """The deploy workflow sets OFFLINE_COPY (mkdocs.yml: extra.offline_copy) and puts the zip beside the site."""
    assert "eg-offline" not in (test_site / "index.html").read_text(encoding="utf-8")  # not published: no link
    monkeypatch.setenv("OFFLINE_COPY", "exercise-guide-offline.zip")
    site = built(sample_guide.write(tmp_path), tmp_path / "site")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="exercise-guide-offline.zip" download>Download the guide to use offline</a>' in home
    assert "eg-offline" not in (site / "exercises" / "alpha" / "index.html").read_text(encoding="utf-8")
