"""Fixtures for the built site: real MkDocs builds into temporary folders, a local HTTP server,
and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

import guide as test_guide

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium reaches for Google's services, which this sandbox refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_config(folder: Path, content: Path, *, site_url: str | None = None, extra: str = "") -> Path:
    """The project's mkdocs.yml, pointed at another content folder (and site_url)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {content}", text)
    text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {REPO / 'theme'}", text)
    if site_url is not None:
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", text)
    config = folder / "mkdocs.yml"
    config.write_text(text + extra, encoding="utf-8")
    return config


def mkdocs(*args: str | os.PathLike[str], cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def build(content: Path, site: Path, *, site_url: str | None = None, extra: str = "") -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `content` into `site`, with the project's configuration and theme."""
    config = mkdocs_config(site.parent, content, site_url=site_url, extra=extra)
    return mkdocs("build", "-f", config, "-d", site, cwd=site.parent)


def built(content: Path, site: Path, **kwargs: str) -> Path:
    result = build(content, site, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built."""
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "content", folder / "content")
    return built(folder / "content", folder / "site")


@pytest.fixture(scope="session")
def test_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test guide of tests/site/guide.py, built."""
    folder = tmp_path_factory.mktemp("testguide")
    return built(test_guide.write(folder), folder / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    url, server = serve(shipped_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def test_url(test_site: Path) -> Iterator[str]:
    url, server = serve(test_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does it with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Tab:
    """A page in a fresh browser context that records console errors and failed requests."""

    def __init__(self, browser: "Browser", **context: object):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # The sandbox has no internet; the only outside request (Material's repository facts from
        # api.github.com) gets an empty answer, as a reader offline would see no stars either.
        self.page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.fulfill(status=200, content_type="application/json", body="{}"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: "Browser") -> Iterator[Tab]:
    opened = Tab(browser, viewport={"width": 1280, "height": 900})
    yield opened
    opened.close()
