"""Records to pages: every page of the site as Markdown text, rendered through theme/pages/.

Pure functions of the Guide: the MkDocs plugin feeds the result to MkDocs, `emit` writes it to disk.
Frontmatter text is escaped wherever it lands (HTML, Markdown, page metadata); editors' Markdown
(steps, bodies) is passed through, having been checked against the HTML policy.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import jinja2
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


def linker(from_src: str, directory_urls: bool = True) -> Callable[[str], str]:
    """The links from one page to pages (src ending in .md) and files, working under any base path;
    the page's own place is worked out once for all its links."""
    here = page_url(from_src, directory_urls)
    folder = here[:-1] if here.endswith("/") else posixpath.dirname(here)  # where the page's HTML sits
    start = posixpath.normpath(folder or ".")

    def href(to: str) -> str:
        target = page_url(to, directory_urls)
        relative = _relpath(target or ".", start)
        if not target or target.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative

    return href


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for paths relative to the same root, without its os.getcwd() per call:
    a page links to dozens of others, and that call was a quarter of rendering a large guide."""
    path, start = posixpath.normpath(path), posixpath.normpath(start)
    if path.startswith("..") or start.startswith(".."):
        return posixpath.relpath(path, start)
    to = [] if path == "." else path.split("/")
    here = [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, here):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def frontmatter(meta: dict[str, Any]) -> str:
    # MkDocs and Material put these into HTML unescaped, so they are escaped here.
    for key in ("title", "description"):
        if meta.get(key) is not None:
            meta[key] = html.escape(meta[key])
    if "tags" in meta:
        meta["tags"] = [html.escape(tag) for tag in meta["tags"]]
    return "---\n" + "".join(_yaml_lines(meta)) + "---\n\n"


# Page metadata is a few known keys with text, numbers, flags, lists of text and one level of mapping;
# written here directly, as YAML that reads back the same, in a tenth of the time of yaml.dump (which
# was a fifth of rendering an exercise page).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/-]*(?<! )")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_ESCAPED = re.compile("[\x00-\x1f\"\\\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def _yaml_text(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return '"' + _ESCAPED.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text) + '"'


def _yaml_lines(value: dict[str, Any], indent: str = "") -> Iterator[str]:
    for key, item in value.items():
        if isinstance(item, dict):
            yield f"{indent}{key}:\n"
            yield from _yaml_lines(item, indent + "  ")
        elif isinstance(item, list):
            yield f"{indent}{key}:" + ("\n" if item else " []\n")
            yield from (f"{indent}- {_yaml_text(text)}\n" for text in item)
        elif isinstance(item, bool) or item is None:
            yield f"{indent}{key}: {'null' if item is None else str(item).lower()}\n"
        elif isinstance(item, (int, float)):
            yield f"{indent}{key}: {item!r}\n"
        else:
            yield f"{indent}{key}: {_yaml_text(item)}\n"


class Renderer:
    """Renders a Guide's pages with the templates of one theme."""

    def __init__(self, templates: Path = THEME_PAGES, *, directory_urls: bool = True, site_url: str | None = None):
        self.directory_urls = directory_urls
        self.site_url = site_url
        self.templates = templates
        # `mkdocs serve` renders the guide again after each edit, with the same renderer. A page is made
        # again only when what it is made from changed: src -> (its inputs, the page), and the templates'
        # file times, which clear it all when a template changes.
        self.made: dict[str, tuple[Any, Page]] = {}
        self.templates_stamp: tuple[tuple[str, int], ...] = ()
        self.data_made: tuple[Any, str] = (None, "")  # /exercises.json: its data and its text
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Not a file check for every page: pages() drops the compiled templates when their files change.
            auto_reload=False,
            bytecode_cache=_bytecode_cache(),
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
            # A routine's code is drawn on its page and again in the booklet, and segno is slow to draw.
            qr=functools.lru_cache(maxsize=None)(qr.svg),
        )

    def absolute_url(self, src: str) -> str | None:
        """A page's full address, site_url + its URL path; None when the site has no site_url."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + page_url(src, self.directory_urls)

    def pages(self, guide: Guide) -> Iterator[Page]:
        """Every page of the site, in a stable order."""
        self._forget_if_templates_changed()
        taxonomy = tuple(tuple(guide.taxonomy.vocabulary(name).values()) for name in VOCABULARIES)
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
            # exercise.md shows its exercise, the names of the exercises and routines it links to, and term names.
            inputs = (exercise, _records(guide.exercises, guide.easier[slug] + guide.harder[slug]), _records(guide.routines, guide.used_in[slug]), taxonomy)
            yield self._page(guide, urls.exercise(slug), "exercise.md", meta, exercise=exercise, source=exercise.source, in_nav=False, inputs=inputs)
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
                # term.md shows a card of each exercise and routine with the term, and term names on the cards.
                inputs = (_records(guide.exercises, exercises), _records(guide.routines, guide.term_routines[(name, term.id)]), taxonomy)
                yield self._page(guide, urls.term(name, term.id), "term.md", meta, term=term, main=main, also=also, in_nav=False, inputs=inputs)

    def files(self, guide: Guide) -> Iterator[tuple[str, str]]:
        """The site's files that are not pages: (path, text)."""
        yield urls.JSON, self.data(guide)
        for kind in schema_export.KINDS:  # /schema/exercise.json, /schema/routine.json, for editors' tools
            yield schema_export.path(kind), schema_export.json_text(kind, self.site_url)

    def data(self, guide: Guide) -> str:
        """/exercises.json"""
        data = guide_data(guide, self.site_url, lambda src: page_url(src, self.directory_urls))
        if data != self.data_made[0]:  # comparing is a twentieth of encoding; most edits change no field of it
            self.data_made = (data, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return self.data_made[1]

    def article(self, guide: Guide, article: Article, src: str) -> Page:
        meta: dict[str, Any] = {"title": article.title} if article.title else {}
        if article.summary:
            meta["description"] = article.summary
        return self._page(guide, src, "article.md", meta, article=article, source=article.source)

    def _page(
        self, guide: Guide, src: str, template: str, meta: dict[str, Any], *, source: str | None = None, in_nav: bool = True, inputs: Any = None, **context: Any
    ) -> Page:
        """The page `src`; with `inputs` (everything it is made from), the one made before from equal inputs."""
        if inputs is not None and (made := self.made.get(src)) and made[0] == (inputs, meta, context):
            return made[1]
        href = linker(src, self.directory_urls)
        body = self.env.get_template(template).render(guide=guide, href=href, src=src, **context)
        page = Page(src, frontmatter(dict(meta)) + body, source, in_nav)
        if inputs is not None:
            self.made[src] = ((inputs, meta, context), page)
        return page

    def _forget_if_templates_changed(self) -> None:
        try:
            stamp = tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in os.scandir(self.templates)))
        except OSError:
            stamp = ()
        if stamp != self.templates_stamp or not stamp:
            self.made.clear()
            self.env.cache.clear()
            self.templates_stamp = stamp


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates kept between builds, as Python keeps its own in __pycache__ (in a folder
    of the user's own under the temporary directory, checked by Jinja): compiling them was a tenth of the
    generator's part of a build. Keyed by each template's text, so an edited template is compiled again."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had: compile every time
        return None


def _records(records: Mapping[str, Any], slugs: Iterable[str]) -> tuple[Any, ...]:
    return tuple(records[slug] for slug in slugs)


# ---- raw HTML blocks, handed to MkDocs as they are -------------------------------------------------
# Python-Markdown passes a raw HTML block through untouched, but finds where it ends by parsing it tag
# by tag, and MkDocs parses it again for anchors: that was half of MkDocs' Markdown work on these pages,
# whose cards and facts are HTML. The plugin lets MkDocs see a placeholder comment for each such block
# and puts the block back into the page's HTML (`emit` writes the pages as they are). Only blocks whose
# extent is beyond doubt are taken: one block-level element from a line after a blank line (or the
# start) to its own end tag before a blank line (or the end), and none that holds an anchor (id=,
# name=), a comment, raw text (script, style, pre, textarea) or Markdown (md_in_html's markdown=).
# A page with a fenced block is left whole: an extension may read fences, and a placeholder inside a
# code block would come out as text.

_BLOCK_TAGS = ("div", "ul", "ol", "dl", "p", "section", "figure", "form", "table", "nav", "header", "footer", "aside", "article", "details", "blockquote")
_BLOCK_START = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")[\s>]")
_RAW_TEXT = ("<!--", "<![", "<?", "<script", "<style", "<pre", "<textarea")
_ANCHOR = re.compile(r"(?:id|name|markdown)\s*=")  # data-id= too: a block is at worst left to Python-Markdown
_PLACEHOLDER = re.compile(r"<!--eg-html (\d+)-->")


def hide_html_blocks(text: str) -> tuple[str, list[str]]:
    """The page with its plain HTML blocks replaced by placeholders, and the blocks, in order."""
    if "<!--eg-html " in text or "```" in text or "~~~" in text:  # leave it all to Python-Markdown
        return text, []
    blocks: list[str] = []
    chunks = text.split("\n\n")
    for index, chunk in enumerate(chunks):
        start = _BLOCK_START.match(chunk) if chunk[:1] == "<" else None
        if start is None or not chunk.endswith(f"</{start[1]}>"):
            continue
        lowered = chunk.lower()  # HTML's tag and attribute names are read without case
        if any(mark in lowered for mark in _RAW_TEXT) or _ANCHOR.search(lowered) or not _one_element(lowered, start[1]):
            continue
        chunks[index] = f"<!--eg-html {len(blocks)}-->"
        blocks.append(chunk)
    return ("\n\n".join(chunks), blocks) if blocks else (text, [])


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda match: blocks[int(match[1])], html)


def _one_element(chunk: str, tag: str) -> bool:
    """Whether the element that opens `chunk` closes at its very end (and not before)."""
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[\s>/]", chunk):  # '<div/>' counts as opening: at worst not taken
        depth += -1 if found[1] else 1
        if depth == 0:
            return found.end() == len(chunk)
    return False
