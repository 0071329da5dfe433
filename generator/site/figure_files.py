"""The figures output: each exercise's figure as files of its own. figures/<slug>.svg is the small
picture of the lists (the exercise list, term pages, search results); figures/<slug>.png is the
picture a link shows when it is shared elsewhere (Open Graph: 1200 × 630, which sites read as PNG,
not SVG). The page itself and the printed cards draw the figure inline, where it takes its colours
from the page (generator/figures/README.md)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from ..figures import svg
from . import paths
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog

SHARED_SIZE = (1200, 630)  # what Open Graph readers ask for
CANVAS_VERSION = 1  # part of the cache key: a change to how shared_image draws is a new version
_VARIABLE = re.compile(r"var\(--[\w-]+,\s*([^)]+)\)")  # a colour from the page, with the figure's own default


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    for slug, exercise in catalog.exercises.items():
        if exercise.figure is not None:
            thumb = site.remember(("figure", slug), partial(_thumb, slug=slug))
            yield SiteFile(paths.figure(slug), thumb)
            yield SiteFile(paths.figure_image(slug), site.memo(("shared image", thumb), partial(_cached, site, thumb)))


def _thumb(catalog: Catalog, slug: str) -> str:
    exercise = catalog.exercises[slug]
    figure = exercise.figure
    assert figure is not None
    return str(svg(figure, title=exercise.name, alt=figure.alt or exercise.summary, size="thumb"))


def _cached(site: Site, thumb: str) -> bytes:
    """shared_image(thumb), kept in the site's cache folder between builds (as Material's social plugin
    keeps its cards): drawing one takes resvg a sixth of a second, which at 30 figures was more than the
    rest of the shipped guide's build. Keyed by what is drawn; a file that cannot be written is no loss."""
    folder = site.settings.cache
    if folder is None:
        return shared_image(thumb)
    key = hashlib.sha256(f"{SHARED_SIZE}\n{CANVAS_VERSION}\n{thumb}".encode()).hexdigest()
    path = folder / "figures" / f"{key}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    png = shared_image(thumb)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(png)
        partial.replace(path)  # whole or not at all, even with two builds at once
    except OSError:
        pass
    return png


def shared_image(thumb: str) -> bytes:
    """The list's picture on a white 1200 × 630 canvas, as PNG (drawn by resvg). A file shown on its own
    has no page to take colours from: each takes the default the figure gives it."""
    import resvg_py

    width, height = SHARED_SIZE
    inner = _VARIABLE.sub(r"\1", thumb).replace("currentColor", "#1f1f1f")
    inner = re.sub(r'\swidth="\d+" height="\d+"', "", inner, count=1)
    drawn = height * 4 // 3  # the figure keeps its 4:3, centred on the wider canvas
    canvas = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="#fff"/>'
        f'<svg x="{(width - drawn) // 2}" y="0" width="{drawn}" height="{height}">{_strip_root(inner)}</svg></svg>'
    )
    png: Any = resvg_py.svg_to_bytes(svg_string=canvas)
    return bytes(png)


def _strip_root(svg_text: str) -> str:
    """The figure's own <svg> element, as a nested one (its viewBox kept, its namespace declared by the canvas)."""
    return svg_text.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
