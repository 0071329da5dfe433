"""What every output is given: the site's settings, and the files outputs make.

An output (outputs.py) is a function `(catalog, site) -> files`. `Site` holds the settings that change
what a file says (the site's address, the URL style, the templates) and the work that outputs share
and `mkdocs serve` keeps between rebuilds: the template environment and the content rendered to HTML.
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from markupsafe import Markup

from ..content import kinds, markdown, sanitize
from ..content.bodies import Prose
from ..problems import ContentError, Problem
from . import depends, paths

if TYPE_CHECKING:
    import jinja2

    from ..content.records import Catalog

T = TypeVar("T")

THEME_PAGES = Path(__file__).resolve().parents[2] / "theme" / "pages"


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What a builder needs to know about a Markdown page beyond its text."""

    source: str | None = None  # the content file behind it, for the edit link; None for pages the site makes up
    in_nav: bool = False


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One file of the site: a Markdown page for the builder to render (with `page`), or a file as it is."""

    path: str  # under the site's root, posix: "exercises/plank.md", "exercises.json"
    content: str | bytes
    page: PageFacts | None = None


@dataclass(slots=True)
class _Kept:
    value: Any
    reads: frozenset[depends.Cell]
    build: int  # the last build that used it


@dataclass(frozen=True)
class Settings:
    site_url: str | None = None
    directory_urls: bool = True
    templates: Path = THEME_PAGES  # the page templates (theme/pages/)
    content: str = "content"  # the content folder as the editor gave it, for the paths in problems
    offline: bool = False  # the copy read from disk (file://), where scripts can run files but fetch none
    cache: Path | None = None  # a folder for what outputs keep between builds (.cache/exercise-guide/), or none
    links_from_source: bool = False  # relative links written from the Markdown file's folder (emit for Zensical)


class Site:
    """One site being made with one set of settings.

    With `incremental` (the MkDocs plugin under `mkdocs serve`), what outputs make through `remember` is
    kept from one build to the next with the catalog cells it read (depends.py), and made again only
    when one of them changed or a page template file did."""

    def __init__(self, settings: Settings, *, incremental: bool = False):
        self.settings = settings
        self.incremental = incremental
        self._environment: jinja2.Environment | None = None
        self._render = functools.lru_cache(maxsize=16_384)(self._render_uncached)
        self._catalog: Catalog | None = None
        self._build = 0
        self._changed: frozenset[depends.Cell] | None = None  # cells changed since the last build; None: unknown
        self._kept: dict[Any, _Kept] = {}  # `remember`
        self._memo: dict[Any, _Kept] = {}  # `memo`
        self._recording: list[set[depends.Cell]] = []  # the reads of what is being made, innermost last
        self._templates_seen: tuple[tuple[str, int, int], ...] | None = None
        self.made = 0  # how many things `remember` had to make in this build (the rest were kept)

    # ---- addresses --------------------------------------------------------------------------

    def page_url(self, src: str) -> str:
        return paths.page_url(src, self.settings.directory_urls)

    def linker(self, src: str) -> Any:
        """Links for href and src attributes, as the builder reads them (paths.linker)."""
        return paths.linker(src, self.settings.directory_urls, self.settings.links_from_source)

    def script_linker(self, src: str) -> Any:
        """Addresses for scripts to follow (in data attributes, in JSON): no builder rewrites those,
        so they are always written from the page's address."""
        return paths.linker(src, self.settings.directory_urls)

    def absolute_url(self, src: str) -> str | None:
        """A page's full address, site_url + its URL path; None when the site has no site_url."""
        if not self.settings.site_url:
            return None
        return self.settings.site_url.rstrip("/") + "/" + self.page_url(src)

    def new_build(self, catalog: Catalog) -> None:
        """A new build of `catalog` begins."""
        self._build += 1
        self.made = 0
        templates = self._template_files()
        if templates != self._templates_seen:  # nothing made from the old templates is kept
            self._templates_seen = templates
            self.forget_templates()
        elif self.incremental and self._catalog is not None:
            self._changed = depends.changes(self._catalog, catalog)
        # What the last build did not use may predate changes it saw: only what it used is kept.
        last = self._build - 1 if self.incremental else self._build
        self._kept = {key: kept for key, kept in self._kept.items() if kept.build == last}
        self._memo = {key: kept for key, kept in self._memo.items() if kept.build == last}
        self._catalog = catalog

    def remember(self, key: Any, make: Callable[[Any], T]) -> T:
        """`make(catalog)`, once a build for `key`. Under `mkdocs serve`, kept to the next build as long as
        nothing it read from the catalog changed; what it made inside (a card on a page) counts as read."""
        kept = self._kept.get(key)
        if kept is not None and (
            kept.build == self._build or (self._changed is not None and kept.reads.isdisjoint(self._changed))
        ):
            kept.build = self._build
        else:
            assert self._catalog is not None, "new_build(catalog) comes first"
            self.made += 1
            if not self.incremental:
                kept = self._kept[key] = _Kept(make(self._catalog), frozenset(), self._build)
                return cast(T, kept.value)
            reads: set[depends.Cell] = set()
            self._recording.append(reads)
            try:
                value = make(depends.Tracked(self._catalog, reads))
            finally:
                self._recording.pop()
            kept = self._kept[key] = _Kept(value, frozenset(reads), self._build)
        if self._recording:
            self._recording[-1].update(kept.reads)
        return cast(T, kept.value)

    def memo(self, key: Any, make: Callable[[], T]) -> T:
        """`make()`, once for `key`, which says all it depends on (under `mkdocs serve`, kept while builds use it)."""
        kept = self._memo.get(key)
        if kept is None:
            kept = self._memo[key] = _Kept(make(), frozenset(), self._build)
        kept.build = self._build
        return cast(T, kept.value)

    def _template_files(self) -> tuple[tuple[str, int, int], ...]:
        """The page templates' files as they are now (name, time, size), to see when one changes."""
        if not self.incremental:
            return ()
        found = []
        for folder in self.template_folders():
            for root, _dirs, names in os.walk(folder):
                for name in names:
                    path = os.path.join(root, name)
                    stat = os.stat(path)
                    found.append((path, stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(found))

    def template_folders(self) -> list[str]:
        return [str(self.settings.templates), *(str(kind.templates) for kind in kinds.all_kinds() if kind.templates)]

    # ---- templates --------------------------------------------------------------------------

    @property
    def environment(self) -> jinja2.Environment:
        if self._environment is None:
            from .templates import environment  # Jinja is loaded only by the outputs that render pages

            self._environment = environment(self)
        return self._environment

    def forget_templates(self) -> None:
        """Templates changed on disk (under `mkdocs serve`): compile them again, and make everything again."""
        if self._environment is not None:
            self._environment.cache.clear()  # type: ignore[union-attr]
        self._kept.clear()
        self._changed = None

    # ---- content as HTML --------------------------------------------------------------------

    def prose(self, prose: Prose, source: str, page: str) -> Markup:
        """A stretch of a content file's body for the page `page`: its top-level headings as Markdown
        headings (plain text), the rest as HTML, rendered and sanitized."""
        if not prose:
            return Markup("")
        return self._render(prose.markdown, prose.line, source, page, False)

    def steps(self, steps: tuple[str, ...], source: str, page: str, line: int = 0) -> Markup:
        """An exercise's steps as a numbered list, rendered and sanitized."""
        html = str(self._render(markdown.steps_markdown(steps), line, source, page, True))
        return Markup(html.replace("<ol", '<ol class="eg-steps"', 1))

    def _render_uncached(self, text: str, line: int, source: str, page: str, whole: bool) -> Markup:
        """Content Markdown as the page shows it: with `whole`, one piece of HTML; else its top-level
        headings as Markdown headings of plain text (for the page's table of contents) and the HTML
        between them, each stretch as one raw HTML block, which the builder's Markdown passes through
        untouched (no blank line inside it ends it early: only <pre> holds blank lines, and an HTML
        block ends at its closing tag)."""
        link = _content_linker(source, self.linker(page))
        pieces: list[str] = []
        for part in markdown.render(text, link):
            if part.heading is not None:
                pieces.append("#" * part.level + " " + markdown_text(part.heading))
            elif whole:
                pieces.append(self._published(part, source, line))
            else:
                pieces.append(f'<div class="eg-prose">\n{self._published(part, source, line).strip()}\n</div>')
        return Markup("".join(pieces).strip() if whole else "\n\n".join(pieces))

    def _published(self, part: markdown.Part, source: str, line: int) -> str:
        """A part's HTML as the site publishes it: cleaned by the sanitizer, which must change nothing."""
        if part.plain:  # nothing the sanitizer would take out (as validate judged it): cleaned, not compared
            return sanitize.clean(part.html)
        html, changes = sanitize.judge(part.html)
        if changes:
            raise self._refused(source, line + part.line, changes)
        return html

    def _refused(self, source: str, line: int, changes: list[sanitize.Change]) -> ContentError:
        where = os.path.join(self.settings.content, source) if self.settings.content not in ("", ".") else source
        return ContentError(Problem(where, line, change.message) for change in changes)


def _content_linker(source: str, href: Any) -> markdown.Link:
    """Links as an editor writes them (relative to the content file, to .md files and media/) made
    into links from the page that shows them."""
    folder = os.path.dirname(source)

    def link(target: str) -> str:
        path, hash_, fragment = target.partition("#")
        if not path or not sanitize.is_local(path) or path.startswith("/"):
            return target
        resolved = os.path.normpath(os.path.join(folder, path)).replace(os.sep, "/")
        if resolved.startswith(".."):
            return target
        return str(href(resolved)) + hash_ + fragment

    return link


# What Python-Markdown treats as markup in running text; each is shown literally when backslashed.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|"})


def markdown_text(text: str) -> Markup:
    """Frontmatter text for a Markdown context: shown literally, whatever it holds."""
    return Markup(html.escape(text, quote=False).translate(_MARKDOWN_SPECIALS))
