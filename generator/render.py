"""Records to pages: every page of the site as Markdown text, rendered through theme/pages/.

Pure functions of the Guide: the MkDocs plugin feeds the result to MkDocs, `emit` writes it to disk.
Frontmatter text is escaped wherever it lands (HTML, Markdown, page metadata); editors' Markdown
(steps, bodies) is passed through, having been checked against the HTML policy.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
import yaml
from markupsafe import Markup

from . import qr, schema_export, urls, words
from .data import guide_data
from .records import Article, Guide
from .schema import VOCABULARIES

THEME_PAGES = Path(__file__).resolve().parent.parent / "theme" / "pages"

# What Python-Markdown treats as markup in running text; each is shown literally when backslashed.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
VOCABULARY_NOUNS = {"muscles": ("Muscles", "muscle"), "equipment": ("Equipment", "equipment"), "goals": ("Goals", "goal")}


@dataclass(frozen=True, slots=True)
class Page:
    src: str  # the path MkDocs sees, e.g. "exercises/plank.md"
    text: str
    source: str | None = None  # the content file it comes from, for the edit link
    in_nav: bool = True


def markdown_text(text: str) -> Markup:
    """Frontmatter text for a Markdown context: shown literally, whatever it holds."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)))


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


def relative_url(from_src: str, to: str, directory_urls: bool = True) -> str:
    """A link from one page to a page (src ending in .md) or a file, working under any base path."""
    base = posixpath.dirname(page_url(from_src, directory_urls).rstrip("/") if directory_urls else page_url(from_src, False))
    if directory_urls and page_url(from_src).endswith("/"):
        base = page_url(from_src).rstrip("/")
    target = page_url(to, directory_urls)
    relative = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or not target:
        relative = "./" if relative == "." else relative + "/"
    return relative


def frontmatter(meta: dict[str, Any]) -> str:
    # MkDocs and Material put these into HTML unescaped, so they are escaped here.
    for key in ("title", "description"):
        if meta.get(key) is not None:
            meta[key] = html.escape(meta[key])
    if "tags" in meta:
        meta["tags"] = [html.escape(tag) for tag in meta["tags"]]
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


class Renderer:
    """Renders a Guide's pages with the templates of one theme."""

    def __init__(self, templates: Path = THEME_PAGES, *, directory_urls: bool = True, site_url: str | None = None):
        self.directory_urls = directory_urls
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals["urls"] = urls
        # Printed cards show where their page lives: in full with a site_url, else from the site root.
        self.env.globals["absolute_url"] = self.absolute_url
        self.env.globals["page_url"] = lambda src: page_url(src, directory_urls)
        self.env.filters.update(
            md=markdown_text,
            markdown=lambda text: Markup(text),  # editors' own Markdown, already checked
            dosage=words.dosage,
            dosage_short=words.dosage_short,
            seconds=words.seconds,
            about=words.about,
            level=lambda level: words.LEVEL_NAMES[level],
            indent_markdown=lambda text, width=4: Markup(text.replace("\n", "\n" + " " * width)),
            qr=qr.svg,
        )

    def absolute_url(self, src: str) -> str | None:
        """A page's full address, site_url + its URL path; None when the site has no site_url."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + page_url(src, self.directory_urls)

    def pages(self, guide: Guide) -> Iterator[Page]:
        """Every page of the site, in a stable order."""
        yield self.article(guide, guide.home, urls.HOME)
        for article in guide.articles.values():
            yield self.article(guide, article, urls.article(article.slug))
        yield self._page(guide, urls.GUIDES, "guides.md", {"title": "Guides", "hide": ["toc"]})
        yield self._page(guide, urls.EXERCISES, "exercises.md", {"title": "Exercises", "hide": ["toc"], "search": {"exclude": True}})
        for slug, exercise in guide.exercises.items():
            meta = {"title": exercise.name, "description": exercise.summary, "search": {"boost": 2}}
            # Material's search weighs tags highest: aliases and main muscles find the exercise first.
            tags = [*exercise.aliases, *(guide.taxonomy.muscles[m].name for m in exercise.primary)]
            if tags:
                meta["tags"] = tags
            yield self._page(guide, urls.exercise(slug), "exercise.md", meta, exercise=exercise, source=exercise.source, in_nav=False)
        yield self._page(guide, urls.ROUTINES, "routines.md", {"title": "Routines", "hide": ["toc"], "search": {"exclude": True}})
        yield self._page(guide, urls.BOOKLET, "booklet.md", {"title": "Routine cards", "search": {"exclude": True}})
        for slug, routine in guide.routines.items():
            meta = {"title": routine.name, "description": routine.summary}
            yield self._page(guide, urls.routine(slug), "routine.md", meta, routine=routine, source=routine.source, in_nav=False)
        for name in VOCABULARIES:
            title, noun = VOCABULARY_NOUNS[name]
            yield self._page(guide, urls.vocabulary(name), "vocabulary.md", {"title": title, "hide": ["toc"], "search": {"exclude": True}}, vocabulary=name, title=title)
            for term in guide.taxonomy.vocabulary(name).values():
                # Found by name, but below the exercises that carry the term (their tags outrank it anyway).
                meta = {"title": term.name, "description": term.description or f"Exercises for the {noun} {term.name}", "search": {"boost": 0.5}}
                exercises = guide.term_exercises[(name, term.id)]
                # On a muscle's page, the exercises that train it most come first, apart.
                main = [slug for slug in exercises if name != "muscles" or term.id in guide.exercises[slug].primary]
                also = [slug for slug in exercises if slug not in main]
                meta["hide"] = ["toc"]
                yield self._page(guide, urls.term(name, term.id), "term.md", meta, term=term, main=main, also=also, in_nav=False)

    def files(self, guide: Guide) -> Iterator[tuple[str, str]]:
        """The site's files that are not pages: (path, text)."""
        yield urls.JSON, self.data(guide)
        for kind in schema_export.KINDS:  # /schema/exercise.json, /schema/routine.json, for editors' tools
            yield schema_export.path(kind), schema_export.json_text(kind, self.site_url)

    def data(self, guide: Guide) -> str:
        """/exercises.json"""
        return json.dumps(guide_data(guide, self.site_url, lambda src: page_url(src, self.directory_urls)), ensure_ascii=False, indent=1) + "\n"

    def article(self, guide: Guide, article: Article, src: str) -> Page:
        meta: dict[str, Any] = {"title": article.title} if article.title else {}
        if article.summary:
            meta["description"] = article.summary
        return self._page(guide, src, "article.md", meta, article=article, source=article.source)

    def _page(self, guide: Guide, src: str, template: str, meta: dict[str, Any], *, source: str | None = None, in_nav: bool = True, **context: Any) -> Page:
        href: Callable[[str], str] = lambda to: relative_url(src, to, self.directory_urls)
        body = self.env.get_template(template).render(guide=guide, href=href, src=src, **context)
        return Page(src, frontmatter(meta) + body, source, in_nav)
