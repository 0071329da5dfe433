"""`python -m generator emit DIR`: the files the plugin feeds MkDocs, written out as a plain project.

DIR/docs/ holds every output's files (the rendered Markdown pages, the data files) and the media;
DIR/mkdocs.yml is the project's configuration without the plugin, with the nav the plugin would set.
`mkdocs build -f DIR/mkdocs.yml` (or ProperDocs) then builds the same pages; for Zensical, emit
with `for_builder="zensical"` (`--for zensical`), which reads relative links from the Markdown
file's folder where MkDocs leaves them to the browser (paths.linker).

DIR is emit's own: a marker file says so. A folder that holds other files and no marker is refused,
so that `emit .` cannot overwrite a project; emit replaces only DIR/docs/ and DIR/mkdocs.yml.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from .. import extensions, kept
from ..content.kinds import MEDIA_FOLDER
from ..content.load import load
from ..problems import ContentError
from . import config as project_config
from . import outputs, paths
from .context import THEME_PAGES, Settings, Site

MARKER = ".exercise-guide-emit"  # in DIR: the folder is emit's to write
# The builders that read emit's tree, and whether each reads relative links from the Markdown file's folder.
LINKS_FROM_SOURCE = {"mkdocs": False, "properdocs": False, "zensical": True}


class EmitError(Exception):
    """emit cannot write where it was asked to; the message says why and what to do."""


def emit(
    target: str | os.PathLike[str], *, content: str | None = None, config: str = "mkdocs.yml", for_builder: str = "mkdocs"
) -> int:
    """Write the project to `target` for one of LINKS_FROM_SOURCE's builders; returns the number of
    pages. Raises ContentError on problems."""
    if for_builder not in LINKS_FROM_SOURCE:
        raise EmitError(f"emit knows no builder {for_builder!r}; give one of {', '.join(LINKS_FROM_SOURCE)}")
    project = project_config.read(config)
    extensions.load(project.extensions)
    content = content or project.content
    out = Path(target)
    _check_target(out, project.folder)
    with kept.kept_in(project.cache):
        loaded = load(content)
        if loaded.problems:
            raise ContentError(loaded.problems)
        assert loaded.catalog is not None
        templates = project.templates
        site = Site(
            Settings(
                site_url=project.site_url,
                directory_urls=project.directory_urls,
                templates=templates if templates and templates.is_dir() else THEME_PAGES,
                content=content,
                cache=project.cache,
                links_from_source=LINKS_FROM_SOURCE[for_builder],
            )
        )
        made = list(outputs.produce(loaded.catalog, site))  # everything first: a problem met here writes nothing
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    (out / MARKER).write_text(
        "This folder is written by `python -m generator emit`; emit replaces docs/ and mkdocs.yml.\n", encoding="utf-8"
    )
    pages = 0
    for site_file in made:
        _write(docs / site_file.path, site_file.content)
        pages += site_file.page is not None
    media = Path(content) / MEDIA_FOLDER
    for name in _media_files(media):
        _write(docs / MEDIA_FOLDER / name, (media / name).read_bytes())
    (out / "mkdocs.yml").write_text(_configuration(project, loaded.catalog), encoding="utf-8")
    return pages


def _check_target(out: Path, project: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise EmitError(f"{out} is a file; give a folder for emit to write into")
    if (out / MARKER).is_file():
        return
    if out.resolve() == project.resolve() or any(out.iterdir()):
        raise EmitError(
            f"{out} holds files emit did not write; give a new or empty folder "
            f"(emit writes {out / 'docs'} and {out / 'mkdocs.yml'})"
        )


def _media_files(media: Path) -> list[str]:
    """The media files `load` judged: files.scan's, which never follows a link out of content/."""
    from ..content import files

    found = files.scan(str(media.parent), (MEDIA_FOLDER,))
    return [rel[len(MEDIA_FOLDER) + 1 :] for rel in found.files.get(MEDIA_FOLDER, [])]


def _configuration(project: project_config.Project, catalog: Any) -> str:
    settings = dict(project.settings)
    settings["docs_dir"] = "docs"
    theme = settings.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        settings["theme"] = {**theme, "custom_dir": str((project.folder / theme["custom_dir"]).resolve())}
    plugin = project_config.PLUGIN
    settings["plugins"] = [p for p in settings.get("plugins") or [] if p != plugin and not (isinstance(p, dict) and plugin in p)]
    settings.setdefault("nav", paths.nav(catalog))
    settings["not_in_nav"] = paths.not_in_nav()
    return str(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
