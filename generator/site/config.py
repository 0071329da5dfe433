"""The project's mkdocs.yml as the generator's commands read it (`validate`, `emit`, `schema`): the
content folder, the site's address and URL style, the theme's templates and the exercise-guide
plugin's settings. `!ENV` is resolved as MkDocs resolves it, by the library MkDocs uses for it
(pyyaml-env-tag), without loading MkDocs itself, which would double the time `validate` takes to start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

PLUGIN = "exercise-guide"
CACHE_FOLDER = Path(".cache") / PLUGIN  # beside mkdocs.yml, as Material keeps its plugins' caches


def cache_folder(config_file: str | os.PathLike[str] | None) -> Path | None:
    """Where the generator keeps what it made for the next run (shared images, solved figures): beside
    the configuration file; nowhere without one."""
    return Path(config_file).parent / CACHE_FOLDER if config_file else None


class _Loader(yaml.SafeLoader):
    """mkdocs.yml: !ENV from the environment; MkDocs' other tags (!relative, Python names) are kept as None."""


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    path: Path | None  # the configuration file, None when there is none
    settings: dict[str, Any] = field(default_factory=dict)  # as MkDocs reads it, !ENV resolved

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path(".")

    @property
    def cache(self) -> Path | None:
        return cache_folder(self.path)

    @property
    def plugin(self) -> dict[str, Any]:
        """The exercise-guide plugin's own settings ({} when it is listed without any)."""
        for entry in self.settings.get("plugins") or []:
            if isinstance(entry, dict) and PLUGIN in entry:
                return dict(entry[PLUGIN] or {})
        return {}

    @property
    def content(self) -> str:
        """The content folder, as MkDocs would find it: the plugin's `content`, else docs_dir, relative to here."""
        folder = self.plugin.get("content") or self.settings.get("docs_dir") or "docs"
        return _as_given(str(self.folder / folder))

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(str(name) for name in self.plugin.get("extensions") or ())

    @property
    def site_url(self) -> str | None:
        value = self.settings.get("site_url")
        return value if isinstance(value, str) and value else None

    @property
    def directory_urls(self) -> bool:
        return bool(self.settings.get("use_directory_urls", True))

    @property
    def templates(self) -> Path | None:
        """The page templates: the plugin's `templates`, else <theme custom_dir>/pages."""
        if self.plugin.get("templates"):
            return self.folder / str(self.plugin["templates"])
        theme = self.settings.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.folder / custom_dir / "pages" if isinstance(custom_dir, str) else None


def read(path: str | os.PathLike[str] = "mkdocs.yml") -> Project:
    """The configuration at `path`; an empty one when there is no such file."""
    config = Path(path)
    if not config.is_file():
        return Project(None)
    with open(config, encoding="utf-8") as stream:
        settings = yaml.load(stream, Loader=_Loader)
    return Project(config, settings if isinstance(settings, dict) else {})


def _as_given(path: str) -> str:
    """Paths in messages read as editors type them: relative to where they run the command."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
