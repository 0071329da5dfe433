"""Shared fixtures: a small valid content tree to start from, and the validate command run as editors run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping

import pytest

REPO = Path(__file__).resolve().parent.parent
# A complete, valid guide: three exercises, one routine, one guide article, one image.
MINIMAL_CONTENT = Path(__file__).resolve().parent / "fixtures" / "minimal"

Files = Mapping[str, "str | bytes | None"]


def write_content(target: Path, files: Files | None = None) -> Path:
    """Copy the minimal content tree to `target`, then apply `files`: path under the content folder
    -> new text (str is written as UTF-8 with '\\n' endings, bytes as they are), or None to delete."""
    shutil.copytree(MINIMAL_CONTENT, target)
    for rel, data in (files or {}).items():
        path = target / rel
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_bytes(data.encode("utf-8"))
    return target


@pytest.fixture(scope="session")
def content_writer() -> Callable[..., Path]:
    """write_content itself, for tests that make many trees (hypothesis allows only session fixtures)."""
    return write_content


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[..., Path]:
    """make_content({"exercises/plank.md": "..."}) -> tmp_path/content, the minimal tree with those files changed."""

    def make(files: Files | None = None, name: str = "content") -> Path:
        return write_content(tmp_path / name, files)

    return make


def run_validate(cwd: Path, content: str = "content", *, timeout: float = 60) -> tuple[int, str, str]:
    """`python -m generator validate --content CONTENT` in `cwd`: (exit status, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--content", content],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"},
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def validate(tmp_path: Path) -> Callable[..., tuple[int, str, str]]:
    """validate() runs the command in tmp_path on tmp_path/content, so problems read 'content/...:LINE: ...'."""

    def run(content: str = "content", *, timeout: float = 60) -> tuple[int, str, str]:
        return run_validate(tmp_path, content, timeout=timeout)

    return run
