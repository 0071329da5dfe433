"""Fixtures for the built site: real builds into temporary folders, a local HTTP server, and
Debian's Chromium driven by Playwright.

The sites are built by MkDocs unless a test module asks for every builder with the `builders`
marker (`pytestmark = pytest.mark.builders`, or `builders("mkdocs", "properdocs")` for some): its
tests then run once per builder (MkDocs, ProperDocs, Zensical from emit's tree), against sites that
builder made, so that the browser and print suites prove each builder's site, not copies of them.
"""

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
from support.local_site import BUILDERS, CHROMIUM, CHROMIUM_ARGS, REPO, Tab, built, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The public-domain dataset kept in the repository, and how many of its records the imported slice takes: with
# the shipped exercises, more than two of the lists' chunks of 60 (theme/pages/_exercise_list.md).
DATASET = REPO / "benchmarks" / "data" / "free-exercise-db" / "exercises.json"
IMPORTED_SLICE = 120


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a built site gets a `builder`: each of the marker's, or MkDocs."""
    if "builder" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("builders")
        chosen = (marker.args or BUILDERS) if marker else BUILDERS[:1]
        metafunc.parametrize("builder", chosen, indirect=True, scope="session")


@pytest.fixture(scope="session")
def builder(request: pytest.FixtureRequest) -> str:
    """The builder the sites of this test are made by (parametrized by pytest_generate_tests). A test
    that asks for a site by name (request.getfixturevalue) and not for `builder` gets MkDocs."""
    return str(getattr(request, "param", BUILDERS[0]))


@pytest.fixture(scope="session")
def shipped_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built from where it is (by a link beside the site), so that git
    knows when each file changed."""
    folder = tmp_path_factory.mktemp(f"shipped-{builder}")
    (folder / "content").symlink_to(REPO / "content")
    return built(folder / "content", folder / "site", builder=builder)


@pytest.fixture(scope="session")
def test_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test guide of tests/support/sample_guide.py, built."""
    folder = tmp_path_factory.mktemp(f"testguide-{builder}")
    return built(test_guide.write(folder), folder / "site", builder=builder)


@pytest.fixture(scope="session")
def imported_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide with free-exercise-db imported (889 exercises; the copy in benchmarks/data/), built."""
    folder = tmp_path_factory.mktemp(f"imported-{builder}")
    shutil.copytree(REPO / "content", folder / "content")
    assert importer.run("free-exercise-db", DATASET, folder / "content").written
    return built(folder / "content", folder / "site", builder=builder)


@pytest.fixture(scope="session")
def imported_slice_site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide with a slice of free-exercise-db imported (IMPORTED_SLICE records), built: a list of
    several chunks, entries without figures and the dataset's own terms, as a guide that imports one has, at a
    fraction of the whole dataset's build."""
    folder = tmp_path_factory.mktemp(f"imported-slice-{builder}")
    records = json.loads(DATASET.read_text(encoding="utf-8"))[:IMPORTED_SLICE]
    (folder / "slice.json").write_text(json.dumps(records), encoding="utf-8")
    shutil.copytree(REPO / "content", folder / "content")
    assert importer.run("free-exercise-db", folder / "slice.json", folder / "content").written
    return built(folder / "content", folder / "site", builder=builder)


@pytest.fixture(scope="session")
def imported_slice_url(imported_slice_site: Path) -> Iterator[str]:
    with served(imported_slice_site) as url:
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
