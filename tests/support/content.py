"""The minimal content tree the tests start from, and `validate` run as an editor runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# A complete, valid guide: three exercises, one routine, one guide article, one image.
MINIMAL_CONTENT = REPO / "tests" / "fixtures" / "minimal"

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
