"""`python -m generator emit DIR`: the pages the plugin feeds MkDocs, written out as a plain project.

DIR/docs/ holds the rendered Markdown, the media and the data files; DIR/mkdocs.yml is the
project's configuration without the plugin, with the nav the plugin would set. `mkdocs build -f
DIR/mkdocs.yml` (or any MkDocs-compatible builder) then builds the same pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import urls
from .load import load
from .problems import ContentError
from .render import THEME_PAGES, Renderer

PLUGIN = "exercise-guide"


class _Tagged:
    """A YAML value with a custom tag (MkDocs' !ENV, !relative), kept as written."""

    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_ConfigDumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _plain(value: Any) -> Any:
    """A configuration value as MkDocs reads it: `!ENV [NAME, ..., default]` from the environment."""
    if not isinstance(value, _Tagged):
        return value
    if value.tag != "!ENV":
        return None
    names = [item.value for item in value.node.value] if isinstance(value.node, yaml.SequenceNode) else [value.node.value]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _retag(value: _Tagged) -> yaml.Node:
    value.node.tag = value.tag
    return value.node


def emit(target: str | os.PathLike[str], *, content: str = "content", config: str = "mkdocs.yml") -> int:
    """Write the project to `target`; returns the number of pages. Raises ContentError on problems."""
    loaded = load(content)
    if loaded.problems:
        raise ContentError(loaded.problems)
    assert loaded.guide is not None
    settings: dict[str, Any] = yaml.load(Path(config).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    project = Path(config).resolve().parent
    theme = settings.get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    templates = (project / custom_dir / "pages") if isinstance(custom_dir, str) else None
    renderer = Renderer(
        templates if templates and templates.is_dir() else THEME_PAGES,
        directory_urls=_plain(settings.get("use_directory_urls", True)),
        site_url=_plain(settings.get("site_url")),
    )
    out = Path(target)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    count = 0
    for page in renderer.pages(loaded.guide):
        _write(docs / page.src, page.text)
        count += 1
    for src, text in renderer.files(loaded.guide):
        _write(docs / src, text)
    media = Path(content) / "media"
    if media.is_dir():
        shutil.copytree(media, docs / "media")

    settings["docs_dir"] = "docs"
    if isinstance(custom_dir, str):
        theme["custom_dir"] = str(project / custom_dir)
    settings["plugins"] = [p for p in settings.get("plugins") or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    settings.setdefault("nav", urls.nav(loaded.guide))
    settings["not_in_nav"] = urls.NOT_IN_NAV
    (out / "mkdocs.yml").write_text(yaml.dump(settings, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
