"""Shared fixtures: a small valid content tree to start from, and the validate command run as editors run it
(the helpers behind them are in support/content.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from support.content import Files, run_validate, write_content

# In CI (HYPOTHESIS_PROFILE=ci, set by .ci/run and the workflows) the property tests draw the same
# examples every run, so a red build is never a roll of the dice; elsewhere they explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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


@pytest.fixture
def validate(tmp_path: Path) -> Callable[..., tuple[int, str, str]]:
    """validate() runs the command in tmp_path on tmp_path/content, so problems read 'content/...:LINE: ...'."""

    def run(content: str = "content", *, timeout: float = 60) -> tuple[int, str, str]:
        return run_validate(tmp_path, content, timeout=timeout)

    return run
