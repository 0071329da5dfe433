"""Builds as `mkdocs serve` makes them, without its web server: for tests of the incremental preview.

mkdocs.commands.serve loads the configuration, tells the plugins `on_startup(command="serve")` and
builds; after each change it loads the configuration again (the plugin instances are kept between
loads, and with them what the plugin keeps) and builds again. `Session` does the same in this process
(the benchmark's rebuilds too, benchmarks/serve.py);
`clean_build` makes the first build of a new session in a process of its own, which is what a rebuild
must equal. Run as `python -m support.serving CONFIG SITE_DIR`, it makes that clean build.
"""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SERVE_URL = "http://127.0.0.1:8000/"  # the address `mkdocs serve` gives site_url by default


class Session:
    """One `mkdocs serve` of `config_file`, building into `site_dir`."""

    def __init__(self, config_file: Path, site_dir: Path):
        self.config_file, self.site_dir = config_file, site_dir
        config = self.load()
        config.plugins.on_startup(command="serve", dirty=False)
        self.config = config
        self.build(config)

    def load(self) -> Any:
        """The configuration, loaded again as `mkdocs serve` loads it before each build."""
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def build(self, config: Any = None) -> None:
        from mkdocs.commands.build import build

        self.config = config or self.load()
        build(self.config, serve_url=SERVE_URL)

    def rebuild(self) -> None:
        """What `mkdocs serve` does once it sees a change."""
        self.build()

    @property
    def plugin(self) -> Any:
        return self.config.plugins["exercise-guide"]

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def clean_build(config_file: Path, site_dir: Path) -> None:
    """The first build of a new `mkdocs serve`, in a process of its own (nothing kept from anywhere)."""
    done = subprocess.run(
        [sys.executable, "-m", "support.serving", str(config_file), str(site_dir)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr


def differences(built: Path, expected: Path) -> list[str]:
    """The files that differ between two sites, page by page (sitemap.xml.gz by its content: gzip
    writes the time it was made)."""
    found = []
    ours = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    theirs = {path.relative_to(expected).as_posix() for path in expected.rglob("*") if path.is_file()}
    found += [f"only in the rebuild: {rel}" for rel in sorted(ours - theirs)]
    found += [f"only in the clean build: {rel}" for rel in sorted(theirs - ours)]
    for rel in sorted(ours & theirs):
        mine, clean = (built / rel).read_bytes(), (expected / rel).read_bytes()
        if rel.endswith(".gz"):
            mine, clean = gzip.decompress(mine), gzip.decompress(clean)
        if mine != clean:
            found.append(f"differs: {rel}")
    return found


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    Session(Path(sys.argv[1]), Path(sys.argv[2])).close()
