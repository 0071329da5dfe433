"""The site's outputs: small producers `(catalog, site) -> files`, run by the MkDocs plugin and by
`emit` alike (as Pelican runs its generators). Adding an output is one module with a `produce`
function and one line in the registry below, or `register` from an extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..registry import Registry
from . import export, figure_files, pages, schemas, search_names
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog

Produce = Callable[["Catalog", Site], Iterable[SiteFile]]


@dataclass(frozen=True, slots=True)
class Output:
    name: str
    produce: Produce


_REGISTRY = Registry(
    "output",
    lambda output: output.name,
    (
        Output("pages", pages.produce),  # every page, as Markdown for the site builder
        Output("data", export.produce),  # /exercises.json
        Output("schemas", schemas.produce),  # /schema/<kind>.json
        Output("figures", figure_files.produce),  # /figures/<slug>.svg, for lists
        Output("search", search_names.produce),  # /search/names.json, the search box's names
    ),
    lambda output: {"name": output.name},
)


def register(name: str, produce: Produce) -> Output:
    """Add an output (from an extension); its name must be new."""
    return _REGISTRY.register(Output(name, produce))


unregister = _REGISTRY.unregister
all_outputs = _REGISTRY.all


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    """Every file of the site, output by output; a path made twice is a bug in an output."""
    site.new_build(catalog)
    seen: set[str] = set()
    for output in _REGISTRY.all():
        for made in output.produce(catalog, site):
            if made.path in seen:
                raise ValueError(f"output '{output.name}' makes {made.path}, which another output made already")
            seen.add(made.path)
            yield made
