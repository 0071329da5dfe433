"""Fixtures for the built site: real MkDocs builds into temporary folders, a local HTTP server,
and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.commands import importer
from support import sample_guide as test_guide
from support.local_site import CHROMIUM, CHROMIUM_ARGS, REPO, Tab, built, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The public-domain dataset kept in the repository, and how many of its records the imported guide takes: with
# the shipped exercises, more than two of the lists' chunks of 60 (theme/pages/_exercise_list.md).
DATASET = REPO / "benchmarks" / "data" / "free-exercise-db" / "exercises.json"
IMPORTED_SLICE = 120


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built from where it is (by a link beside the site), so that git
    knows when each file changed."""
    folder = tmp_path_factory.mktemp("shipped")
    (folder / "content").symlink_to(REPO / "content")
    return built(folder / "content", folder / "site")


@pytest.fixture(scope="session")
def test_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test guide of tests/site/guide.py, built."""
    folder = tmp_path_factory.mktemp("testguide")
    return built(test_guide.write(folder), folder / "site")


@pytest.fixture(scope="session")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide with a slice of free-exercise-db imported (IMPORTED_SLICE records): a list of several
    chunks, entries without figures and the dataset's own terms, as a guide that imports one is."""
    folder = tmp_path_factory.mktemp("imported")
    records = json.loads(DATASET.read_text(encoding="utf-8"))[:IMPORTED_SLICE]
    (folder / "slice.json").write_text(json.dumps(records), encoding="utf-8")
    shutil.copytree(REPO / "content", folder / "content")
    importer.run("free-exercise-db", folder / "slice.json", folder / "content")
    return built(folder / "content", folder / "site")


@pytest.fixture(scope="session")
def imported_url(imported_site: Path) -> Iterator[str]:
    with served(imported_site) as url:
        yield url


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    with served(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def test_url(test_site: Path) -> Iterator[str]:
    with served(test_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does it with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    with Tab(browser, viewport={"width": 1280, "height": 900}) as opened:
        yield opened
