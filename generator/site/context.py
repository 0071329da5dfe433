"""What every output is given: the site's settings, and the files outputs make.

An output (outputs.py) is a function `(catalog, site) -> files`. `Site` holds the settings that change
what a file says (the site's address, the URL style, the templates) and the work that outputs share
and `mkdocs serve` keeps between rebuilds: the template environment and the content rendered to HTML.
"""

from __future__ import annotations

import functools
import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..content import markdown, sanitize
from ..content.bodies import Prose
from ..problems import ContentError, Problem
from . import paths

if TYPE_CHECKING:
    import jinja2

THEME_PAGES = Path(__file__).resolve().parents[2] / "theme" / "pages"
CACHE_FOLDER = Path(".cache") / "exercise-guide"  # beside mkdocs.yml, as Material keeps its plugins' caches


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
    """One site being made with one set of settings."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._environment: jinja2.Environment | None = None
        self._render = functools.lru_cache(maxsize=16_384)(self._render_uncached)
        self._memo: dict[Any, Any] = {}  # what one build renders once and shows in many places (`memo`)

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

    def new_build(self) -> None:
        """A new build begins: what the last one memoised may show records that changed since."""
        self._memo = {}

    def memo(self, key: Any, make: Any) -> Any:
        """`make()`, once a build for `key`."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # ---- templates --------------------------------------------------------------------------

    @property
    def environment(self) -> jinja2.Environment:
        if self._environment is None:
            from .templates import environment  # Jinja is loaded only by the outputs that render pages

            self._environment = environment(self)
        return self._environment

    def forget_templates(self) -> None:
        """Templates changed on disk (under `mkdocs serve`): compile them again."""
        if self._environment is not None:
            self._environment.cache.clear()  # type: ignore[union-attr]

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
