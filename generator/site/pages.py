"""The pages output: every page of the site as Markdown, rendered through theme/pages/.

For each content kind: a page per record, its list page and its own other pages (the booklet of
routine cards); for each vocabulary: a page listing its terms and a page per term; and the home page.
Page metadata (title, description, search weight) goes into each page's frontmatter, escaped, since
MkDocs and Material put it into HTML as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

from ..content import kinds, vocabularies
from . import paths
from .context import PageFacts, Site, SiteFile

if TYPE_CHECKING:
    from ..content.kinds import ContentKind
    from ..content.records import Catalog

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TERM_SEARCH_BOOST = 0.5  # a term's page is found by its name, but below the exercises that carry the term


def produce(catalog: Catalog, site: Site) -> Iterator[SiteFile]:
    """Every page of the site, in a stable order."""
    yield _page(
        site,
        catalog,
        paths.HOME,
        kinds.ARTICLE.template,
        {"title": catalog.home.title} if catalog.home.title else {},
        record=catalog.home,
        source=catalog.home.source,
        in_nav=True,
    )
    for kind in sorted(kinds.all_kinds(), key=lambda kind: not kind.in_nav):
        yield from _kind_pages(catalog, site, kind)
    for vocabulary in vocabularies.all_vocabularies():
        title = vocabulary.title
        yield _page(
            site, catalog, paths.vocabulary(vocabulary.id), "vocabulary.md", _listing(title), vocabulary=vocabulary, in_nav=True
        )
        for term in catalog.vocabulary(vocabulary.id).values():
            description = term.description or f"Exercises for the {vocabulary.noun} {term.name}"
            meta = {"title": term.name, "description": description, "search": {"boost": TERM_SEARCH_BOOST}, "hide": ["toc"]}
            yield _page(site, catalog, paths.term(vocabulary.id, term.id), "term.md", meta, vocabulary=vocabulary, term=term)


def _kind_pages(catalog: Catalog, site: Site, kind: ContentKind) -> Iterator[SiteFile]:
    if kind.index_template:
        yield _page(site, catalog, kind.index_page(), kind.index_template, _listing(kind.title), kind=kind, in_nav=True)
    for slug, (template, title) in kind.extra_pages.items():
        yield _page(
            site, catalog, kind.page(slug), template, {"title": title, "search": {"exclude": True}}, kind=kind, in_nav=True
        )
    for slug, record in catalog.records[kind.name].items():
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
        yield _page(site, catalog, kind.page(slug), kind.template, meta, record=record, source=record.source, in_nav=kind.in_nav)


def _listing(title: str) -> dict[str, Any]:
    """A page that lists records: its own words are not worth finding by search."""
    return {"title": title, "hide": ["toc"], "search": {"exclude": True}}


def _page(
    site: Site,
    catalog: Catalog,
    src: str,
    template: str,
    meta: dict[str, Any],
    *,
    source: str | None = None,
    in_nav: bool = False,
    **context: Any,
) -> SiteFile:
    # href: links in href and src attributes, which a builder may rewrite (Zensical does; paths.linker);
    # script_href: addresses that scripts read from data, which the browser resolves from the page's.
    body = site.environment.get_template(template).render(
        catalog=catalog, href=site.linker(src), script_href=site.script_linker(src), src=src, **context
    )
    return SiteFile(src, frontmatter(meta) + body, PageFacts(source, in_nav))


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
