"""The MkDocs plugin `exercise-guide`: a thin adapter between MkDocs and the generator.

- on_pre_build: load and check the content (before MkDocs cleans site/); any problem stops the build
  with the same `path:line: message` lines as `validate`.
- on_files: the files of every output (outputs.py) replace the content files; pages the nav leaves
  out are marked so. Their plain HTML blocks reach Python-Markdown as placeholders, and
  on_page_content puts them back into the page's HTML (html_blocks.py).
- A build writes into a staging folder that replaces the site folder only when the build succeeded,
  so a failed build, for whatever reason, leaves the last good site byte for byte; staging folders
  left by a build that was killed are removed by the next one.
- Under `mkdocs serve`, a rebuild is incremental: the outputs make again only what read something that
  changed (Site.remember), and MkDocs renders again only the pages whose text or surroundings changed
  (preview.py). A content problem prints its lines and leaves the last good site served: the rebuild
  goes on (MkDocs' server would hold every request until a build succeeds) and is thrown away.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from .. import extensions, kept
from ..content import kinds
from ..content.load import AnchorLink, Cache, load
from ..content.records import Catalog
from ..problems import ContentError, Problem
from . import html_blocks, outputs, paths
from .config import _as_given, cache_folder
from .context import THEME_PAGES, Settings, Site
from .preview import Preview, WarningCounter

log = logging.getLogger("mkdocs.plugins.exercise_guide")
_STAGING = re.compile(r"^\.(?P<site>.+)-building-(?P<pid>\d+)-[A-Za-z0-9_-]+$")


class ExerciseGuideConfig(Config):
    content = c.Optional(c.Dir(exists=True))  # default: docs_dir, so that MkDocs watches it and copies media/
    templates = c.Optional(c.Dir(exists=True))  # default: <theme custom_dir>/pages
    extensions = c.ListOfItems(c.Type(str), default=[])  # modules that register kinds, vocabularies, outputs


class ExerciseGuidePlugin(BasePlugin[ExerciseGuideConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = Cache()  # kept across `mkdocs serve` rebuilds
        self.command = "build"
        self.catalog: Catalog | None = None
        self.site: Site | None = None
        self.html_blocks: dict[str, list[str]] = {}  # page src -> its HTML blocks, until MkDocs has made its HTML
        self.handed: dict[str, tuple[str, str, list[str]]] = {}  # under serve: page src -> (its text, as handed, its blocks)
        self.titles: dict[str, str] = {}  # page src -> its title, escaped
        self.restored: dict[str, tuple[str, list[str], str]] = {}  # under serve: page src -> (its HTML, blocks, with them)
        self.staging: tuple[str, str] | None = None  # (final site_dir, staging dir)
        self.anchor_links: tuple[AnchorLink, ...] = ()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.warnings = WarningCounter()
        self.preview: Preview | None = None  # under `mkdocs serve`: the pages of the last build
        self.theme: Theme | None = None  # the theme of the configuration last loaded
        self.dirty = False
        self.served = False  # under `mkdocs serve`: a good build is being served
        self.refused: str | None = None  # why this build is not kept (under `mkdocs serve`)
        self.swept = False  # staging folders of killed builds removed
        self.sweeping: threading.Thread | None = None  # under `mkdocs serve`: removing the last build's files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            # MkDocs has loaded the configuration once already, before this hook, and builds with it first.
            self.preview = Preview()
            if self.site is not None:
                self.site.incremental = True
            if self.theme is not None:
                self.preview.adopt_theme(self.theme)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            extensions.load(self.config.extensions)
        except extensions.ExtensionError as error:
            raise PluginError(str(error)) from error
        templates = self.config.templates or (os.path.join(config.theme.custom_dir, "pages") if config.theme.custom_dir else None)
        self.content_dir = self.config.content or config.docs_dir
        settings = Settings(
            site_url=config.site_url,
            directory_urls=config.use_directory_urls,
            templates=Path(templates) if templates else THEME_PAGES,
            content=_as_given(self.content_dir),
            offline=_offline(config),
            cache=cache_folder(config.config_file_path),
        )
        kept.keep_in(settings.cache)  # parsed content and solved figures, for the rest of this MkDocs run
        # `mkdocs serve` loads the configuration again for each rebuild; the same Site keeps its compiled
        # templates (until a template file changes) and the content it rendered.
        if self.site is None or self.site.settings != settings:
            self.site = Site(settings, incremental=self.preview is not None)
        self.theme = config.theme
        if self.preview is not None:
            self.preview.adopt_theme(config.theme)
        self.nav_given = config.nav is not None
        self.refused = None
        # `mkdocs serve --dirty` writes over the last build on purpose: it is not staged.
        if (self.command == "build" or not self.dirty) and self.staging is None:
            final = os.path.abspath(config.site_dir)
            parent = os.path.dirname(final)
            os.makedirs(parent, exist_ok=True)
            if not self.swept:
                _remove_stale_staging(parent, os.path.basename(final))
                self.swept = True
            staging = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}-building-{os.getpid()}-", dir=parent)
            self.staging = (final, staging)
            config.site_dir = staging
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Only `mkdocs serve` builds again; a single build need not hold every parsed file until it ends.
        cache = self.cache if self.command == "serve" else Cache()
        # Files parsed by earlier runs are read from the cache folder at the first build; a rebuild has them in memory.
        loaded = load(_as_given(self.content_dir), cache=cache, keep=self.catalog is None)
        if loaded.problems:
            self._refuse(loaded.problems, loaded.summary())
            return
        if self.catalog is None:
            log.debug("exercise-guide: read %d content files", len(cache.parsed_last))
        else:  # a rebuild under `mkdocs serve`: only what changed was read again
            log.info("exercise-guide: re-read %s", ", ".join(cache.parsed_last) or "nothing (no content file changed)")
        self.catalog = loaded.catalog
        self.anchor_links = loaded.anchor_links
        if not self.nav_given and loaded.catalog is not None:
            config.nav = paths.nav(loaded.catalog)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        content_root = os.path.abspath(self.content_dir)
        for file in list(files):
            if file.abs_src_path and _is_content_file(file, content_root):
                files.remove(file)
        self.html_blocks, handed, self.titles = {}, {}, {}
        made = []
        if not self.refused:
            assert self.catalog is not None
            try:
                made = list(outputs.produce(self.catalog, self.site))
            except ContentError as error:
                self._refuse(
                    error.problems,
                    f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''} in what a page would publish",
                )
        if self.refused:  # a build to throw away: only what MkDocs cannot do without
            config.nav = []
            return files
        for site_file in made:
            if site_file.page is None:
                files.append(File.generated(config, site_file.path, content=site_file.content))
                continue
            text = str(site_file.content)
            before = self.handed.get(site_file.path)
            shown, blocks = before[1:] if before and before[0] == text else html_blocks.hide_html_blocks(text)
            self.html_blocks[site_file.path] = blocks
            if self.command == "serve":
                handed[site_file.path] = (text, shown, blocks)
            inclusion = InclusionLevel.UNDEFINED if site_file.page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, site_file.path, content=shown, inclusion=inclusion)
            file.edit_uri = site_file.page.source  # the content file behind a page, or None for made-up pages
            files.append(file)
        self.handed = handed
        self.files = files
        if self.preview is not None:
            self.preview.begin(config, files, ignore=tuple(os.path.realpath(folder) for folder in self.site.template_folders()))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.preview is not None and not self.refused:
            self.preview.adopt(page)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The title in the page's metadata is escaped HTML (MkDocs and Material print it as it is). As
        # Markup, Material's templates that escape it once more (the footer's aria-label) leave it alone.
        # Only where the page's title is that one: a title the nav gives ("Home") comes first, as in MkDocs.
        title = page.meta.get("title")
        if isinstance(title, str) and page.title == title:
            page.title = Markup(title)
        return markdown

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        blocks = self.html_blocks.pop(src, None)
        if not blocks:
            return html
        if self.preview is None:
            return html_blocks.restore_html_blocks(html, blocks)
        # Under `mkdocs serve`, an unchanged page has the same HTML and blocks as last time.
        last = self.restored.get(src)
        if last is not None and last[0] == html and last[1] == blocks:
            return last[2]
        restored = html_blocks.restore_html_blocks(html, blocks)
        self.restored[src] = (html, blocks, restored)
        return restored

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page has its HTML and none has been put into its template yet.
        if self.preview is not None and not self.refused and self.nav is not None:
            self.preview.index_search(config, self)
            self.preview.choose_templates(self.nav, files, InclusionLevel.is_in_serve)
        return env

    @event_priority(100)  # before the search plugin reads the page
    def _on_page_context_first(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.preview is not None:
            self.preview.page_context(page)
        return context

    @event_priority(-100)  # after every other plugin
    def _on_page_context_last(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.preview is not None:
            self.preview.page_context_done(page)
        return context

    on_page_context = CombinedEvent(_on_page_context_first, _on_page_context_last)

    @event_priority(100)  # the template's own output, before any other plugin changes it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.preview.post_page(output, page) if self.preview is not None else output

    # Last of all: other plugins still write into the staging folder after the pages (Material's offline
    # plugin, at -100, writes search/search_index.js), and only then is it the site.
    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.refused:
            self._check_anchor_links()
        if self.preview is not None:
            reuse = self.preview.reuse
            self.preview.end()
            if not self.refused and reuse.pages:
                log.info(
                    f"exercise-guide: {reuse.pages - reuse.templated} of {reuse.pages} pages rendered again "
                    f"({reuse.pages - reuse.rendered} from their Markdown)"
                )
        if self.refused:
            sys.stderr.write(f"{self.refused}; the site was not rebuilt: the last good pages are still served\n")
            sys.stderr.flush()
            self._finish()
            return
        if self.staging is None:
            self.served = True
            return
        final, staging = self.staging
        if config.strict and self.warnings.count:
            return  # MkDocs aborts right after this hook; on_build_error never runs for that
        old = f"{staging}-old"
        if os.path.isdir(final):
            os.rename(final, old)
        os.rename(staging, final)
        if self.command == "serve":  # nothing waits for the old pages to go
            self.sweeping = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True)
            self.sweeping.start()
        else:
            shutil.rmtree(old, ignore_errors=True)
        self._finish(keep=final)
        self.served = True

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The theme and the page templates make every page: an edit to them rebuilds as one to content does.
        assert self.site is not None
        for folder in (config.theme.custom_dir, *self.site.template_folders()):
            if folder and os.path.isdir(folder):
                server.watch(folder)
        return server

    def _check_anchor_links(self) -> None:
        """Links from content to a heading of another page ('plank.md#safety'): the pages' headings exist
        only once the builder has made them, so this is checked after the build, before it is kept."""
        problems = []
        for link in self.anchor_links:
            file = self.files.get_file_from_path(link.page) if self.files is not None else None
            anchors = file.page.present_anchor_ids if file is not None and file.page is not None else None
            if anchors is not None and link.anchor not in anchors:
                shown = ", ".join(sorted(anchor for anchor in anchors if not anchor.startswith("__"))[:8])
                message = f"the link '{link.target}' points to '#{link.anchor}', which that page does not have (it has: {shown})"
                problems.append(Problem(link.path, link.line, message))
        if problems:
            summary = f"{len(problems)} link{'s' if len(problems) != 1 else ''} to a place that does not exist"
            self._refuse(sorted(problems), summary)

    def _refuse(self, problems: Any, summary: str) -> None:
        """The lines themselves, unprefixed, exactly as `python -m generator validate` prints them. Then the
        build stops; under `mkdocs serve`, once a good site is served, it goes on to be thrown away."""
        sys.stderr.write("".join(f"{problem}\n" for problem in problems))
        sys.stderr.flush()
        if self.command == "serve" and self.served and self.staging is not None:
            self.refused = summary
            return
        raise PluginError(f"{summary}; the site was not built")

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.end()
        self._finish()

    def on_shutdown(self) -> None:
        self._finish()

    def _finish(self, keep: str | None = None) -> None:
        if self.staging is not None:
            if self.staging[1] != keep:
                shutil.rmtree(self.staging[1], ignore_errors=True)
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.staging = None


def _remove_stale_staging(parent: str, site: str) -> None:
    """Staging folders of builds that were killed (their process is gone): nothing else ever removes them."""
    for entry in os.scandir(parent):
        match = _STAGING.match(entry.name)
        if not match or match["site"] != site or not entry.is_dir(follow_symlinks=False):
            continue
        pid = int(match["pid"])
        if pid != os.getpid() and not _running(pid):
            shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin makes this build a copy to read from disk."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))


def _is_content_file(file: File, content_root: str) -> bool:
    path, prefix = file.abs_src_path or "", content_root + os.sep
    rel = (path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, content_root)).replace(os.sep, "/")
    folders = tuple(f"{kind.folder}/" for kind in kinds.all_kinds())
    return rel in (kinds.HOME_FILE, kinds.TAXONOMY_FILE) or rel.startswith(folders)
