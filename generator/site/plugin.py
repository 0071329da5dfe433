"""The MkDocs plugin `exercise-guide`: a thin adapter between MkDocs and the generator.

- on_pre_build: load and check the content (before MkDocs cleans site/); any problem stops the build
  with the same `path:line: message` lines as `validate`.
- on_files: the files of every output (outputs.py) replace the content files; pages the nav leaves
  out are marked so. Their plain HTML blocks reach Python-Markdown as placeholders, and
  on_page_content puts them back into the page's HTML (html_blocks.py).
- A `mkdocs build` writes into a staging folder that replaces site/ only when the build succeeded,
  so a failed build, for whatever reason, leaves the last good site/ byte for byte; staging folders
  left by a build that was killed are removed by the next one.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import extensions
from ..content import kinds
from ..content.load import AnchorLink, Cache, load
from ..content.records import Catalog
from ..figures import kept
from ..problems import ContentError, Problem
from . import html_blocks, outputs, paths
from .config import _as_given, cache_folder
from .context import THEME_PAGES, Settings, Site

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
        self.staging: tuple[str, str] | None = None  # (final site_dir, staging dir)
        self.anchor_links: tuple[AnchorLink, ...] = ()
        self.files: Files | None = None
        self.warnings = _Counter()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

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
        kept.keep_in(settings.cache)  # solved figures too, for the rest of this MkDocs run
        # `mkdocs serve` loads the configuration again for each rebuild; the same Site keeps its compiled
        # templates (until a template file changes) and the content it rendered.
        if self.site is None or self.site.settings != settings:
            self.site = Site(settings, incremental=self.command == "serve")
        self.nav_given = config.nav is not None
        if self.command == "build" and self.staging is None:
            final = os.path.abspath(config.site_dir)
            parent = os.path.dirname(final)
            os.makedirs(parent, exist_ok=True)
            _remove_stale_staging(parent, os.path.basename(final))
            staging = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}-building-{os.getpid()}-", dir=parent)
            self.staging = (final, staging)
            config.site_dir = staging
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Only `mkdocs serve` builds again; a single build need not hold every parsed file until it ends.
        cache = self.cache if self.command == "serve" else Cache()
        loaded = load(_as_given(self.content_dir), cache=cache)
        if loaded.problems:
            _refuse(loaded.problems, loaded.summary())
        if self.catalog is None:
            log.debug("exercise-guide: read %d content files", len(cache.parsed_last))
        else:  # a rebuild under `mkdocs serve`: only what changed was read again
            log.info("exercise-guide: re-read %s", ", ".join(cache.parsed_last) or "nothing (no content file changed)")
        self.catalog = loaded.catalog
        self.anchor_links = loaded.anchor_links
        if not self.nav_given and loaded.catalog is not None:
            config.nav = paths.nav(loaded.catalog)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None and self.site is not None
        content_root = os.path.abspath(self.content_dir)
        for file in list(files):
            if file.abs_src_path and _is_content_file(file, content_root):
                files.remove(file)
        self.html_blocks, handed, self.titles = {}, {}, {}
        try:
            made = list(outputs.produce(self.catalog, self.site))
        except ContentError as error:
            _refuse(
                error.problems,
                f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''} in what a page would publish",
            )
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
        return files

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
        blocks = self.html_blocks.pop(page.file.src_uri, None)
        return html_blocks.restore_html_blocks(html, blocks) if blocks else html

    # Last of all: other plugins still write into the staging folder after the pages (Material's offline
    # plugin, at -100, writes search/search_index.js), and only then is it the site.
    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._check_anchor_links()
        if self.staging is None:
            return
        final, staging = self.staging
        if config.strict and self.warnings.count:
            return  # MkDocs aborts right after this hook; on_build_error never runs for that
        old = f"{staging}-old"
        if os.path.isdir(final):
            os.rename(final, old)
        os.rename(staging, final)
        shutil.rmtree(old, ignore_errors=True)
        self._finish(keep=final)

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
            _refuse(sorted(problems), f"{len(problems)} link{'s' if len(problems) != 1 else ''} to a place that does not exist")

    def on_build_error(self, *, error: Exception) -> None:
        self._finish()

    def on_shutdown(self) -> None:
        self._finish()

    def _finish(self, keep: str | None = None) -> None:
        if self.staging is not None:
            if self.staging[1] != keep:
                shutil.rmtree(self.staging[1], ignore_errors=True)
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.staging = None


class _Counter(logging.Handler):
    """Counts warnings, to know in on_post_build whether a strict build is about to fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _refuse(problems: Any, summary: str) -> None:
    # The lines themselves, unprefixed, exactly as `python -m generator validate` prints them.
    sys.stderr.write("".join(f"{problem}\n" for problem in problems))
    sys.stderr.flush()
    raise PluginError(f"{summary}; the site was not built")


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
