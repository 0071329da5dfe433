"""A crawl of the built sites: every internal href and src resolves to a file that exists, by every
builder (a link that climbs above the site's root resolves to no file, though a browser at a
server's root would forgive it)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.html_tools import ids, links


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a link points to and its fragment; None for links that leave the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:", "javascript:")):
        return None
    base = posixpath.dirname(page.relative_to(site).as_posix())
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page.relative_to(site).as_posix()
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


@pytest.mark.builders
@pytest.mark.parametrize("which", ["shipped", "test"])
def test_every_internal_link_and_source_resolves(which: str, builder: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(f"{which}_site")
    broken: list[str] = []
    checked = 0
    anchors: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # linked from the site's base path, which a folder on disk does not have
        for attribute, url in links(page.read_text(encoding="utf-8")):
            found = _target(site, page, url)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {attribute}={url}")
            elif fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = ids(target.read_text(encoding="utf-8"))
                if fragment not in anchors[target]:
                    broken.append(f"{page.relative_to(site)}: {attribute}={url} (no #{fragment})")
    assert broken == []
    assert checked > 500
