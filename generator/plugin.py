"""The MkDocs plugin `exercise-guide`: a thin adapter between MkDocs and the generator's core.

- on_pre_build: load and check the guide (before MkDocs cleans site/); any problem stops the build
  with the same `path:line: message` lines as `validate`.
- on_files: the rendered pages replace the content files; exercise and term pages stay out of the nav.
  Their plain HTML blocks reach Python-Markdown as placeholders, and on_page_content puts them back
  into the page's HTML: the same HTML, without MkDocs parsing it twice (render.hide_html_blocks).
- A `mkdocs build` writes into a staging folder that replaces site/ only when the build succeeded,
  so a failed build, for whatever reason, leaves the last good site/ byte for byte.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import urls
from .load import Cache, load
from .records import Guide
from .render import THEME_PAGES, Renderer, hide_html_blocks, restore_html_blocks
from .render import Page as RenderedPage

log = logging.getLogger("mkdocs.plugins.exercise_guide")

CONTENT_FOLDERS = ("exercises/", "routines/", "guides/")


class ExerciseGuideConfig(Config):
    content = c.Optional(c.Dir(exists=True))  # default: docs_dir, so that MkDocs watches it and copies media/
    templates = c.Optional(c.Dir(exists=True))  # default: <theme custom_dir>/pages


class ExerciseGuidePlugin(BasePlugin[ExerciseGuideConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = Cache()  # kept across `mkdocs serve` rebuilds
        self.command = "build"
        self.guide: Guide | None = None
        self.renderer_settings: tuple[Path, bool, str | None] | None = None  # what self.renderer was made with
        self.html_blocks: dict[str, list[str]] = {}  # page src -> its HTML blocks, until MkDocs has made its HTML
        self.handed: dict[str, tuple[RenderedPage, str, list[str]]] = {}  # under serve: each page as last handed to MkDocs
        self.staging: tuple[str, str] | None = None  # (final site_dir, staging dir)
        self.warnings = _Counter()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        templates = self.config.templates or (os.path.join(config.theme.custom_dir, "pages") if config.theme.custom_dir else None)
        settings = (Path(templates) if templates else THEME_PAGES, config.use_directory_urls, config.site_url)
        # `mkdocs serve` loads the configuration again for each rebuild; the same renderer keeps its compiled
        # templates (until a template file changes), its QR codes and the pages whose inputs did not change.
        if self.renderer_settings != settings:
            self.renderer = Renderer(settings[0], directory_urls=settings[1], site_url=settings[2])
            self.renderer_settings = settings
        self.content_dir = self.config.content or config.docs_dir
        self.nav_given = config.nav is not None
        if self.command == "build" and self.staging is None:
            final = os.path.abspath(config.site_dir)
            parent = os.path.dirname(final)
            os.makedirs(parent, exist_ok=True)
            self.staging = (final, tempfile.mkdtemp(prefix=f".{os.path.basename(final)}-building-", dir=parent))
            config.site_dir = self.staging[1]
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Only `mkdocs serve` builds again; a single build need not hold every parsed file until it ends.
        cache = self.cache if self.command == "serve" else Cache()
        loaded = load(_as_given(self.content_dir), cache=cache)
        if loaded.problems:
            # The lines themselves, unprefixed, exactly as `python -m generator validate` prints them.
            sys.stderr.write("".join(f"{problem}\n" for problem in loaded.problems))
            sys.stderr.flush()
            raise PluginError(f"{loaded.summary()}; the site was not built")
        if self.guide is None:
            log.debug("exercise-guide: read %d content files", len(cache.parsed_last))
        else:  # a rebuild under `mkdocs serve`: only what changed was read again
            log.info("exercise-guide: re-read %s", ", ".join(cache.parsed_last) or "nothing (no content file changed)")
        self.guide = loaded.guide
        if not self.nav_given:
            config.nav = urls.nav(loaded.guide)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.guide is not None
        content_root = os.path.abspath(self.content_dir)
        for file in list(files):
            if file.abs_src_path and _is_content_file(file, content_root):
                files.remove(file)
        self.html_blocks, handed = {}, {}
        for page in self.renderer.pages(self.guide):
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            before = self.handed.get(page.src)
            text, blocks = before[1:] if before and before[0] is page else hide_html_blocks(page.text)
            self.html_blocks[page.src] = blocks
            if self.command == "serve":  # the renderer gives back the same page when nothing it shows changed
                handed[page.src] = (page, text, blocks)
            file = File.generated(config, page.src, content=text, inclusion=inclusion)
            file.edit_uri = page.source  # the content file behind a page, or None for made-up pages
            files.append(file)
        for src, content in self.renderer.files(self.guide):
            files.append(File.generated(config, src, content=content))
        self.handed = handed
        return files

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blocks = self.html_blocks.pop(page.file.src_uri, None)
        return restore_html_blocks(html, blocks) if blocks else html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
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


def _is_content_file(file: File, content_root: str) -> bool:
    path, prefix = file.abs_src_path, content_root + os.sep
    rel = (path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, content_root)).replace(os.sep, "/")
    return rel in ("index.md", "taxonomy.yml") or rel.startswith(CONTENT_FOLDERS)


def _as_given(path: str) -> str:
    """Content paths in messages read as editors type them: relative to where they run the command."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
