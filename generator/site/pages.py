"""The pages output: every page of the site as Markdown, rendered through theme/pages/.

For each content kind: a page per record, its list page and its own other pages (the booklet of
routine cards); for each vocabulary: a page listing its terms and a page per term; and the home page.
Page metadata (title, description, search weight) goes into each page's frontmatter, escaped, since
MkDocs and Material put it into HTML as it is.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

import yaml

from ..content import kinds, vocabularies
from . import paths
from .context import PageFacts, Site, SiteFile

if TYPE_CHECKING:
    from ..content.kinds import ContentKind
    from ..content.records import Catalog
    from ..content.vocabularies import Vocabulary

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TERM_SEARCH_BOOST = 0.5  # a term's page is found by its name, but below the exercises that carry the term


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    """Every page of the site, in a stable order."""
    yield _page(site, paths.HOME, kinds.ARTICLE.template, _home, source=catalog.home.source, in_nav=True)
    for kind in sorted(kinds.all_kinds(), key=lambda kind: not kind.in_nav):
        yield from _kind_pages(catalog, site, kind)
    for vocabulary in vocabularies.all_vocabularies():
        listing = _listing(vocabulary.title)
        src = paths.vocabulary(vocabulary.id)
        yield _page(site, src, "vocabulary.md", partial(_only, listing), vocabulary=vocabulary, in_nav=True)
        for term_id in catalog.vocabulary(vocabulary.id):
            shows = partial(_term, vocabulary=vocabulary, term_id=term_id)
            yield _page(site, paths.term(vocabulary.id, term_id), "term.md", shows, vocabulary=vocabulary)


def _only(meta: dict[str, Any], catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    """A page that shows no record in particular."""
    return meta, {}


def _home(catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({"title": catalog.home.title} if catalog.home.title else {}), {"record": catalog.home}


def _term(catalog: Catalog, vocabulary: Vocabulary, term_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    term = catalog.term(vocabulary.id, term_id)
    description = term.description or f"Exercises for the {vocabulary.noun} {term.name}"
    meta = {"title": term.name, "description": description, "search": {"boost": TERM_SEARCH_BOOST}, "hide": ["toc"]}
    return meta, {"term": term}


def _kind_pages(catalog: Catalog, site: Site, kind: ContentKind) -> Iterator[SiteFile]:
    if kind.index_template:
        yield _page(site, kind.index_page(), kind.index_template, partial(_only, _listing(kind.title)), kind=kind, in_nav=True)
    for slug, (template, title) in kind.extra_pages.items():
        meta = {"title": title, "search": {"exclude": True}}
        yield _page(site, kind.page(slug), template, partial(_only, meta), kind=kind, in_nav=True)
    for slug, record in catalog.records[kind.name].items():
        shows = partial(_record, kind=kind, slug=slug, site=site)
        yield _page(site, kind.page(slug), kind.template, shows, source=record.source, in_nav=kind.in_nav)


def _record(catalog: Catalog, kind: ContentKind, slug: str, site: Site) -> tuple[dict[str, Any], dict[str, Any]]:
    record = catalog.records[kind.name][slug]
    meta: dict[str, Any] = {}
    shown: str | None = getattr(record, "name", None) or getattr(record, "title", None)
    if shown:
        meta["title"] = shown
    if getattr(record, "summary", None):
        meta["description"] = record.summary
    if kind.search_boost is not None:
        meta["search"] = {"boost": kind.search_boost}
    if getattr(record, "figure", None) is not None and site.settings.site_url:
        # for links shared elsewhere (Open Graph, in theme/main.html), which want a full address
        meta["image"] = site.absolute_url(paths.figure_image(slug))
    if kind is kinds.EXERCISE:
        # Material's search weighs tags highest: aliases and main muscles find the exercise first.
        tags = [*record.aliases, *(catalog.term("muscles", m).name for m in record.muscles.primary)]
        if tags:
            meta["tags"] = tags
    return meta, {"record": record}


def _listing(title: str) -> dict[str, Any]:
    """A page that lists records: its own words are not worth finding by search."""
    return {"title": title, "hide": ["toc"], "search": {"exclude": True}}


def _page(
    site: Site,
    src: str,
    template: str,
    shows: Callable[[Catalog], tuple[dict[str, Any], dict[str, Any]]],
    *,
    source: str | None = None,
    in_nav: bool = False,
    **context: Any,
) -> SiteFile:
    """A page: `shows(catalog)` gives its metadata and the records its template shows, rendered with the
    catalog and `context` (entries of the registries). Remembered (Site.remember) with what it read."""

    def render(catalog: Catalog) -> SiteFile:
        meta, records = shows(catalog)
        page = site.environment.get_template(template)
        # href: links in href and src attributes, which a builder may rewrite (Zensical does; paths.linker);
        # script_href: addresses that scripts read from data, which the browser resolves from the page's.
        body = page.render(
            catalog=catalog, href=site.linker(src), script_href=site.script_linker(src), src=src, **records, **context
        )
        return SiteFile(src, frontmatter(meta) + body, PageFacts(source, in_nav))

    return site.remember(("page", src, template), render)


def frontmatter(meta: dict[str, Any]) -> str:
    """The page's metadata block. MkDocs and Material put title, description and tags into HTML as
    they are, so those are escaped here."""
    escaped = dict(meta)
    for key in ("title", "description"):
        if escaped.get(key) is not None:
            escaped[key] = html.escape(escaped[key])
    if "tags" in escaped:
        escaped["tags"] = [html.escape(tag) for tag in escaped["tags"]]
    if not escaped:
        return ""
    return "---\n" + yaml.dump(escaped, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n\n"
