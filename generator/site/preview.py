"""The incremental preview: under `mkdocs serve`, a page whose inputs did not change since the last build
is not rendered again; what MkDocs made of it last time is used instead.

MkDocs rebuilds the whole site after every change, and most of that time goes into two pure steps per
page: Markdown to HTML (`Page.render`) and HTML into the theme's template (`template.render`, with the
whole navigation). Both are kept here, in memory, for the serve process only (a `mkdocs build` never
reuses anything), each with the inputs it was made from:

- the page's source, and its metadata as MkDocs read it (`Page.read_source` parses YAML in Python);
- its HTML, table of contents, title and anchors, made from its Markdown, its address and the
  configuration, and from the site's files when its Markdown holds a link MkDocs resolves;
- its template's output, made from all of that as the template sees it, its place in the navigation,
  the navigation itself and the configuration and theme files;
- its entries in the search index (Material's or MkDocs' own search plugin), made from its HTML;
- and, for the whole site, the theme's compiled templates and the list of its static files.

Plugin hooks still run for every page, in their order, so other plugins see every page as in a full
build: only the steps between the hooks are skipped, which is right as long as hooks do the same for
the same page (MkDocs' own and Material's do). A warning while a page is made keeps it from being
reused, so that a strict build fails again as it did. Pages are reused by class, not by copy: MkDocs
1.6 has no hook to skip `Page.render`, so each page becomes a `_Page`, the same class with those two
steps cached, and its template is skipped by naming a template that returns the kept output at once.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import meta as page_meta

log = logging.getLogger("mkdocs.plugins.exercise_guide")

# A theme file of these kinds is served as it is, never read by a template: editing one changes no page.
_SERVED_AS_IS = frozenset(
    {".css", ".js", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".eot"}
)
# Markdown that names another file: a link or image (inline or by reference), or a reference's definition.
_LINKS = re.compile(r"\]\s*[(\[]|^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
# The search plugins whose index is known: MkDocs' own and Material's.
_SEARCH_INDEXES = {"material.plugins.search.plugin": "entries", "mkdocs.contrib.search.search_index": "_entries"}


class _ReusedTemplate(jinja2.Template):
    """The template of a page whose output is reused: on_post_page puts that output in its place."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return "reused"


_REUSED = _ReusedTemplate("")


@dataclass(slots=True)
class _Memo:
    """What was made of one page last time, with what it was made from."""

    source: str | None = None  # read_source: the source, and what MkDocs read from it
    markdown: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    rendered_from: tuple[Any, ...] | None = None  # render: its inputs, and what it set
    content: str | None = None
    toc: Any = None
    title: str | None = None
    anchors: set[str] | None = None
    links: dict[str, dict[str, str]] | None = None  # links to other pages' anchors, by their src_uri
    templated_from: tuple[Any, ...] | None = None  # the template's inputs, and its output
    output: str | None = None
    searched_from: tuple[Any, ...] | None = None  # the search index's inputs, and its entries
    entries: list[Any] = field(default_factory=list)
    context_from: str | None = None  # the HTML before the other plugins' on_page_context, and after
    context_made: str | None = None


@dataclass
class Reuse:
    """How much one build reused: pages in all, and how many skipped each step."""

    pages: int = 0
    read: int = 0
    rendered: int = 0
    templated: int = 0
    searched: int = 0


class Preview:
    """The pages of the last build of one `mkdocs serve`, and the hooks that reuse them."""

    def __init__(self) -> None:
        self.memos: dict[str, _Memo] = {}
        self.signature: Any = None  # the configuration and the theme's templates, this build
        self.reuse = Reuse()
        self._files: Files | None = None
        self._files_described: Any = None
        self._files_last: Any = None
        self._reused: dict[str, Any] = {}  # pages whose output is reused: src_uri -> their own metadata
        self._pending: dict[str, tuple[Any, ...]] = {}  # the others: src_uri -> their template's inputs
        self._site: Any = None  # the signature and the navigation, last build
        self._warnings = WarningCounter()
        self._warnings_before = 0  # when the page being templated began
        self.bytecode = _Bytecode()
        self._theme_listed: dict[str, Any] = {}  # the theme's static files, and what they were listed from
        self._context_from: str | None = None
        self._blanked = False
        self._blanking = False

    # ---- the build ------------------------------------------------------------------------------

    def begin(self, config: MkDocsConfig, files: Files, *, ignore: tuple[str, ...] = ()) -> None:
        """A build begins (on_files): what it is made with. `ignore`: folders of the theme no template reads."""
        signature = (_describe(config, skip=("site_dir",)), _theme_files(config.theme, ignore), _VERSIONS)
        # The same object as last time when equal: each page's inputs then compare at once.
        self.signature = self.signature if signature == self.signature else signature
        self.reuse = Reuse()
        self._files, self._files_described = files, None
        self._reused, self._pending = {}, {}
        logging.getLogger("mkdocs").addHandler(self._warnings)

    def adopt_theme(self, theme: Theme) -> None:
        """on_config: the Jinja environments MkDocs makes from the theme, anew for each build (and Material's
        search plugin, for its translations, on each load of the configuration), share what does not change
        between builds: compiled templates, and the list of the theme's static files. Listing Material's
        14,500 files and matching each against MkDocs' patterns took a sixth of a rebuild; the list is
        made again when a file is added to or removed from a theme folder outside the installed packages."""
        make = theme.get_env
        listed = self._theme_listed

        def get_env() -> jinja2.Environment:
            env = make()
            env.bytecode_cache = self.bytecode
            list_templates = env.list_templates

            def listing(extensions: Any = None, filter_func: Any = None) -> list[str]:
                # Only MkDocs' own listing of static files is kept: its filter reads nothing but the
                # theme's static_templates, which are in the key.
                if getattr(filter_func, "__qualname__", None) != "Files.add_files_from_theme.<locals>.filter":
                    return list_templates(extensions, filter_func)
                own = _names_outside_installed(theme.dirs)
                key = (tuple(theme.dirs), tuple(theme.static_templates), extensions, _VERSIONS, own)
                if listed.get("key") != key:
                    listed["key"], listed["names"] = key, list_templates(extensions, filter_func)
                return list(listed["names"])

            env.list_templates = listing  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def adopt(self, page: Page) -> None:
        """on_pre_page: the page reads and renders through the memo (see the module's docstring)."""
        if type(page) is Page:
            page.__class__ = _Page
        if isinstance(page, _Page):
            page.preview = self
            self.reuse.pages += 1

    def choose_templates(self, nav: Navigation, files: Files, inclusion: Callable[[Any], bool]) -> None:
        """on_env, when every page has its HTML and before any is templated: the pages whose template output
        would be what it was are given the template that skips it."""
        site = (self.signature, _describe_nav(nav.items))
        site = self._site = self._site if site == self._site else site
        for file in files.documentation_pages(inclusion=inclusion):
            page = file.page
            if page is None:
                continue
            memo = self.memos.get(file.src_uri)
            inputs = (site, *_page_inputs(page))
            if memo is not None and memo.templated_from == inputs and memo.output is not None:
                self._reused[file.src_uri] = page.meta
                page.meta = {**page.meta, "template": _REUSED}
            else:
                self._pending[file.src_uri] = inputs

    def page_context(self, page: Page) -> None:
        """on_page_context, before any other plugin's: the page's own metadata back, once its template is chosen."""
        own = self._reused.get(page.file.src_uri)
        if own is not None:
            page.meta = own
        self._warnings_before = self._warnings.count
        self._context_from = page.content
        self._blanked = False

    def page_context_done(self, page: Page) -> None:
        """on_page_context, after every other plugin's: the page's HTML as they left it, kept, or put back."""
        memo = self._memo(page.file.src_uri)
        if self._blanked:
            page.content = memo.context_made
        else:
            memo.context_from, memo.context_made = self._context_from, page.content

    def post_page(self, output: str, page: Page) -> str:
        """on_post_page, before any other plugin's: the reused output, or this one kept."""
        src = page.file.src_uri
        if src in self._reused:
            self.reuse.templated += 1
            return self._memo(src).output or output
        inputs = self._pending.pop(src, None)
        memo = self._memo(src)
        kept = inputs is not None and self._warnings.count == self._warnings_before
        memo.templated_from, memo.output = (inputs, output) if kept else (None, None)
        return output

    def index_search(self, config: MkDocsConfig, own: BasePlugin[Any]) -> None:
        """on_env: the known search plugins' indexes reuse each unchanged page's entries."""
        searching = set()
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            name = _SEARCH_INDEXES.get(type(index).__module__)
            entries = getattr(index, name, None) if name else None
            add = getattr(index, "add_entry_from_context", None)
            if isinstance(entries, list) and callable(add):
                searching.add(id(plugin))
                if not getattr(add, "reusing", False):
                    index.add_entry_from_context = self._searched(add, entries)  # type: ignore[union-attr]
        # Material's search plugin goes on to strip attributes from the page's HTML, with a regular expression
        # that took a tenth of a rebuild. When it is the only other plugin that sees the page here, a page
        # whose template output is reused gets no HTML to strip, and then the HTML it had left last time.
        self._blanking = all(
            id(getattr(handler, "__self__", None)) in searching or getattr(handler, "__self__", None) is own
            for handler in config.plugins.events["page_context"]
        )

    def _searched(self, add: Callable[[Page], None], entries: list[Any]) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            memo = self._memo(page.file.src_uri)
            inputs = (page.url, str(page.title), repr(page.meta), page.content, _describe_toc(page.toc))
            if memo.searched_from == inputs:
                entries.extend(memo.entries)
                self.reuse.searched += 1
                if self._blanking and page.file.src_uri in self._reused and memo.context_from == page.content:
                    page.content, self._blanked = "", True
                return
            start = len(entries)
            add(page)
            memo.searched_from, memo.entries = inputs, entries[start:]

        add_entry_from_context.reusing = True  # type: ignore[attr-defined]
        return add_entry_from_context

    def end(self) -> None:
        """The build ended, or failed. What is kept is kept with what it was made from, so it stays true
        whether or not the build was kept; pages that this build did not have are forgotten."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if self._files is not None:
            present = {file.src_uri for file in self._files.documentation_pages()}
            self.memos = {src: memo for src, memo in self.memos.items() if src in present}
        self._files = None

    # ---- reading and rendering one page ---------------------------------------------------------

    def _memo(self, src: str) -> _Memo:
        memo = self.memos.get(src)
        if memo is None:
            memo = self.memos[src] = _Memo()
        return memo

    def read(self, page: Page, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            try:
                source = page.file.content_string
            except OSError:
                log.error(f"File not found: {page.file.src_path}")
                raise
            except ValueError:
                log.error(f"Encoding error reading file: {page.file.src_path}")
                raise
        memo = self._memo(page.file.src_uri)
        if memo.source == source:
            page.markdown, page.meta = memo.markdown, _copied(memo.meta)
            self.reuse.read += 1
            return
        page.markdown, page.meta = page_meta.get_data(source)
        memo.source, memo.markdown, memo.meta = source, page.markdown, _copied(page.meta)

    def render(self, page: _Page, config: MkDocsConfig, files: Files) -> None:
        memo = self._memo(page.file.src_uri)
        markdown = page.markdown or ""
        before = memo.rendered_from
        # Whether MkDocs resolves links of this Markdown against the site's files: found again only for new Markdown.
        links = before[-1] is not None if before is not None and before[0] == markdown else bool(_LINKS.search(markdown))
        inputs = (markdown, page.file.url, page.file.dest_uri, self.signature, self._files_signature(files) if links else None)
        if before == inputs:
            page.content, page.toc, page.present_anchor_ids = memo.content, memo.toc, memo.anchors
            page._title_from_render = memo.title
            if memo.links is not None:  # links to anchors: most are a heading's link to itself
                own = page.file.src_uri
                page.links_to_anchors = {
                    target: anchors
                    for src, anchors in memo.links.items()
                    if (target := page.file if src == own else files.get_file_from_path(src))
                }
            self.reuse.rendered += 1
            return
        warnings = self._warnings.count
        Page.render(page, config, files)
        memo.rendered_from = inputs if self._warnings.count == warnings else None
        memo.content, memo.toc, memo.title = page.content, page.toc, page._title_from_render
        memo.anchors = page.present_anchor_ids
        made = page.links_to_anchors
        memo.links = None if made is None else {target.src_uri: anchors for target, anchors in made.items()}

    def _files_signature(self, files: Files) -> Any:
        """The site's files and their addresses, for Markdown whose links MkDocs resolves against them."""
        if self._files_described is None:
            described = tuple((file.src_uri, file.url) for file in files)
            self._files_described = self._files_last = self._files_last if described == self._files_last else described
        return self._files_described


class _Bytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between builds (MkDocs makes a new Jinja environment
    for each build, and compiling Material's templates again was a sixth of a rebuild). Jinja keys each
    by its template's name and checks it against the template's source, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


class _Page(Page):
    """A page that reads and renders through the preview's memo."""

    preview: Preview

    def read_source(self, config: MkDocsConfig) -> None:
        self.preview.read(self, config)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.preview.render(self, config, files)


class WarningCounter(logging.Handler):
    """Counts MkDocs' warnings: a page made with one is not kept, and the plugin knows in on_post_build
    whether a strict build is about to fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# ---- signatures: values that are equal when what they describe is ------------------------------


class _Unknown:
    """Something a signature cannot describe: equal to nothing, so that nothing made with it is reused."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


def _describe(value: Any, skip: tuple[str, ...] = ()) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(_describe(item) for item in value)
    if isinstance(value, Theme):
        return ("theme", _describe(dict(value)), tuple(value.dirs), tuple(value.static_templates))
    if isinstance(value, BasePlugin):
        return ("plugin", type(value).__module__, type(value).__qualname__, _describe(value.config))
    if isinstance(value, Mapping):
        return tuple((str(key), _describe(item)) for key, item in value.items() if key not in skip)
    if isinstance(value, type(os)):  # hooks: modules
        return ("module", value.__name__)
    if getattr(type(value), "__eq__", None) is not object.__eq__:  # a value, such as the theme's locale
        return value
    return _Unknown()


def _describe_nav(items: Any) -> Any:
    described: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            described.append(("section", str(item.title), _describe_nav(item.children)))
        elif isinstance(item, Page):
            # Material's navigation shows a page's title, and reads its metadata (icon, status).
            described.append(("page", str(item.title), item.url, repr(item.meta)))
        elif isinstance(item, Link):
            described.append(("link", str(item.title), item.url))
        else:
            described.append(_Unknown())
    return tuple(described)


def _describe_toc(toc: Any) -> Any:
    return tuple((item.id, item.title, item.level, _describe_toc(item.children)) for item in toc or ())


def _page_inputs(page: Page) -> tuple[Any, ...]:
    """What a page's template reads of the page itself (the navigation and the configuration aside)."""
    parents = []
    parent = page.parent
    while parent is not None:
        parents.append(str(parent.title))
        parent = parent.parent
    neighbours = tuple((p.url, str(p.title)) if p is not None else None for p in (page.previous_page, page.next_page))
    return (
        page.file.src_uri,
        page.url,
        page.file.inclusion,
        page.canonical_url,
        page.edit_url,
        str(page.title),
        repr(page.meta),
        page.content,
        _describe_toc(page.toc),
        neighbours,
        tuple(parents),
    )


def _theme_files(theme: Theme, ignore: tuple[str, ...]) -> Any:
    """The theme's own files as they are now (path, time, size); the installed packages' by their version."""
    found = []
    for folder in theme.dirs:
        real = os.path.realpath(folder)
        if any(real == path or real.startswith(path + os.sep) for path in (*_INSTALLED, *ignore)):
            continue
        for root, dirs, names in os.walk(real):
            dirs.sort()
            for name in sorted(names):
                if os.path.splitext(name)[1].lower() in _SERVED_AS_IS:
                    continue
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _names_outside_installed(dirs: list[str]) -> Any:
    """The files in theme folders outside the installed packages (the project's own: a few dozen)."""
    names: list[str] = []
    for folder in dirs:
        real = os.path.realpath(folder)
        if any(real == path or real.startswith(path + os.sep) for path in _INSTALLED):
            continue
        for root, _dirs, files in os.walk(real):
            names.extend(os.path.join(root, name) for name in files)
    return tuple(sorted(names))


def _copied(value: Any) -> Any:
    """Metadata as YAML gives it (dicts, lists and immutable values), copied so that no page changes another's."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def _installed() -> tuple[str, ...]:
    import material  # type: ignore[import-untyped]
    import mkdocs

    return tuple(os.path.realpath(os.path.dirname(module.__file__ or "")) for module in (mkdocs, material))


_INSTALLED = _installed()
_VERSIONS = tuple(metadata.version(name) for name in ("mkdocs", "mkdocs-material"))
