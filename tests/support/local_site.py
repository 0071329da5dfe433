"""A built guide as a reader meets it on this machine: the project's mkdocs.yml pointed at other
content, the site served on 127.0.0.1, and a tab in Debian's Chromium with no way out to the
internet. Shared by the tests (conftest.py) and the benchmark (benchmarks/), without pytest."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

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
    """The project's mkdocs.yml, pointed at another content folder (and site_url), written to `folder`."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {content}", text)
    text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {REPO / 'theme'}", text)
    if site_url is not None:
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", text)
    config = folder / "mkdocs.yml"
    config.write_text(text + extra, encoding="utf-8")
    return config


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(root: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """The folder `root` served over HTTP on 127.0.0.1 (by `handler`, a quiet static server unless
    given); its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler or _Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Tab:
    """A page in a fresh browser context that records console errors and failed requests."""

    def __init__(self, browser: Browser, **context: object):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # The sandbox has no internet; the only outside request (Material's repository facts from
        # api.github.com) gets an empty answer, as a reader offline would see no stars either.
        # Files on disk (the offline copy) are read as they are.
        self.page.route(
            re.compile(r"^(?!http://127\.0\.0\.1[:/]|file:).*"),
            lambda route: route.fulfill(status=200, content_type="application/json", body="{}"),
        )

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.context.close()


# The builders the guide supports (README, "Builders"): MkDocs and ProperDocs run the plugin;
# Zensical builds what `python -m generator emit` writes.
BUILDERS = ("mkdocs", "properdocs", "zensical")


def _run(args: list[str | os.PathLike[str]], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(list(map(str, args)), cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def mkdocs(*args: str | os.PathLike[str], cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "mkdocs", *args], cwd)


def build(
    content: Path, site: Path, *, site_url: str | None = None, extra: str = "", builder: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """Build `content` into `site` with the project's configuration and theme, by one of BUILDERS."""
    config = mkdocs_config(site.parent, content, site_url=site_url, extra=extra)
    if builder in ("mkdocs", "properdocs"):
        return _run([sys.executable, "-m", builder, "build", "-f", config, "-d", site], site.parent)
    if builder != "zensical":
        raise ValueError(f"unknown builder {builder!r}: one of {', '.join(BUILDERS)}")
    emitted = site.parent / f"emitted-{site.name}"
    made = _run([sys.executable, "-m", "generator", "emit", "--for", "zensical", "--config", config, emitted], site.parent)
    if made.returncode != 0:
        return made
    # Zensical builds into the project's own folder (it refuses a site_dir outside it): moved after.
    result = _run([sys.executable, "-m", "zensical", "build", "--clean", "-f", emitted / "mkdocs.yml"], emitted)
    if result.returncode == 0:
        shutil.rmtree(site, ignore_errors=True)
        shutil.move(emitted / "site", site)
    return result


def built(content: Path, site: Path, **kwargs: str) -> Path:
    """`build`, which must succeed."""
    result = build(content, site, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
