"""Where every page of the site lives, as the source path a site builder sees ('exercises/plank.md'),
and the URL that follows from it. One place for all: pages, links, the nav and the search index."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..content import kinds, vocabularies

if TYPE_CHECKING:
    from ..content.records import Catalog

HOME = kinds.HOME_FILE  # the home page, "index.md"
MEDIA = kinds.MEDIA_FOLDER


def record_page(kind_name: str, slug: str) -> str:
    return kinds.get(kind_name).page(slug)


def exercise(slug: str) -> str:
    return kinds.EXERCISE.page(slug)


def routine(slug: str) -> str:
    return kinds.ROUTINE.page(slug)


def article(slug: str) -> str:
    return kinds.ARTICLE.page(slug)


def index(kind_name: str) -> str:
    """The page that lists every record of a kind: 'exercises/index.md'."""
    return kinds.get(kind_name).index_page()


def extra(kind_name: str, slug: str) -> str:
    """One of a kind's own pages, such as the booklet of routine cards ('routines/print.md')."""
    kind = kinds.get(kind_name)
    assert slug in kind.extra_pages, slug
    return kind.page(slug)


def vocabulary(vocabulary_id: str) -> str:
    return f"{vocabulary_id}/index.md"


def term(vocabulary_id: str, term_id: str) -> str:
    return f"{vocabulary_id}/{term_id}.md"


def media(src: str) -> str:
    return f"{MEDIA}/{src}"


def figure(slug: str) -> str:
    """An exercise's figure as a file of its own, for lists (figure_files.py)."""
    return f"{kinds.FIGURES_FOLDER}/{slug}.svg"


def figure_image(slug: str) -> str:
    """An exercise's figure as a picture for links shared elsewhere (Open Graph): PNG, as they need."""
    return f"{kinds.FIGURES_FOLDER}/{slug}.png"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path of a page, relative to the site root: 'exercises/plank.md' -> 'exercises/plank/'."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if directory_urls:
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"
    return stem + ".html"


def linker(from_src: str, directory_urls: bool = True, from_source: bool = False) -> Callable[[str], str]:
    """The links from one page to pages (src ending in .md) and files, relative, so that they work
    under any base path and from a copy on disk; the page's own place is worked out once.

    A browser reads a relative link from the page's address (MkDocs leaves such links as written).
    `from_source` writes them from the Markdown file's folder instead, for a builder that reads every
    relative link so and rewrites it for the page's address (Zensical: 'exercises/plank.md' is served
    at exercises/plank/, so it adds a '../')."""
    here = page_url(from_src, directory_urls)
    if from_source:
        here = posixpath.dirname(from_src) + "/" if "/" in from_src else ""
    # Site paths are rooted: given as absolute ("/exercises"), posixpath.relpath needs no working folder.
    folder = posixpath.normpath("/" + (here[:-1] if here.endswith("/") else posixpath.dirname(here)))

    def href(to: str) -> str:
        target = page_url(to, directory_urls)
        relative = posixpath.relpath("/" + target, folder)
        if not target or target.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative

    return href


def nav(catalog: Catalog) -> list[Any]:
    """The site's navigation. Exercise, routine and term pages stay out of it: Material renders the
    whole nav into every page, so a nav of thousands of exercises costs time and bytes squared."""
    sections: list[Any] = [{"Home": HOME}]
    # Kinds whose pages are in the nav (the guides, to be read) come before those reached by their list.
    for kind in sorted(kinds.all_kinds(), key=lambda kind: not kind.in_nav):
        if not kind.index_template:
            continue
        entries = [kind.index_page()]
        if kind.in_nav:
            entries += [kind.page(slug) for slug in catalog.records[kind.name]]
        entries += [kind.page(slug) for slug in kind.extra_pages]
        if kind is kinds.EXERCISE:
            entries += [vocabulary(v) for v in vocabularies.ids()]
        sections.append({kind.title: entries})
    return sections


def not_in_nav() -> str:
    """For builders without the plugin: the pages deliberately left out of the nav (gitignore style)."""
    folders = [kind.folder for kind in kinds.all_kinds() if not kind.in_nav] + list(vocabularies.ids())
    return "\n".join(f"/{folder}/" for folder in folders)
