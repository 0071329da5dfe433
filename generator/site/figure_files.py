"""The figures output: each exercise's figure as a small SVG file, figures/<slug>.svg, for the lists
(the exercise list, term pages, search results). The page itself and the printed cards draw the
figure inline, where it takes its colours from the page (generator/figures/README.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..figures import svg
from . import paths
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    for slug, exercise in catalog.exercises.items():
        if exercise.figure is not None:
            alt = exercise.figure.alt or exercise.summary
            yield SiteFile(paths.figure(slug), svg(exercise.figure, title=exercise.name, alt=alt, size="thumb"))
