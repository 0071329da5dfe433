"""The schemas output: /schema/<kind>.json, the JSON Schema of each kind's frontmatter, for editors'
tools (made from the same models the checks run: content/jsonschema.py)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from ..content import jsonschema
from .context import Site, SiteFile

if TYPE_CHECKING:
    from ..content.records import Catalog


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    for kind in jsonschema.described():
        # The models and the settings say all a schema holds: under `mkdocs serve`, made once.
        text = site.memo(("schema", kind), partial(jsonschema.json_text, kind, site.settings.site_url))
        yield SiteFile(jsonschema.path(kind), text)
