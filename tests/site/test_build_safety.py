"""What the build and `emit` may touch (issue 11): emit writes only into a folder of its own; a build
cleans up after builds that were killed; a title is escaped exactly once wherever the theme prints it."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

from support.content import write_content
from support.local_site import REPO, built


def emit(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "emit", str(target), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration and a content folder beside it, as a repository has them."""
    write_content(tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}"),
        encoding="utf-8",
    )
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "keep.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_emit_refuses_the_project_itself(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = tree(root)
    done = emit(Path("."), root)
    assert done.returncode == 1
    assert done.stderr == (
        ". holds files emit did not write; give a new or empty folder (emit writes docs and mkdocs.yml)\n".replace(
            ". holds", "error: . holds"
        )
    )
    assert tree(root) == before  # docs/images/ and mkdocs.yml untouched


def test_emit_names_the_builders_it_knows(tmp_path: Path) -> None:
    root = project(tmp_path)
    done = emit(root / "out", root, "--for", "hugo")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "error: emit knows no builder 'hugo'; give one of mkdocs, properdocs, zensical\n"
    assert not (root / "out").exists()


def test_emit_refuses_a_folder_of_other_files_and_writes_its_own_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    other = root / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    assert emit(other, root).returncode == 1
    assert tree(other) == {"notes.txt": b"mine"}
    out = root / "out"
    first = emit(out, root)
    assert first.returncode == 0, first.stderr
    assert (out / ".exercise-guide-emit").is_file() and (out / "docs" / "exercises" / "plank.md").is_file()
    (out / "docs" / "exercises" / "stale.md").write_text("left from before", encoding="utf-8")
    (out / "README.txt").write_text("the owner's", encoding="utf-8")
    second = emit(out, root)
    assert second.returncode == 0, second.stderr
    assert not (out / "docs" / "exercises" / "stale.md").exists()  # docs/ is emit's own
    assert (out / "README.txt").read_text(encoding="utf-8") == "the owner's"  # nothing else is touched


def test_a_build_removes_what_killed_builds_left(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content")
    dead = tmp_path / ".site-building-999999-killed"
    (dead / "exercises").mkdir(parents=True)
    (dead / "exercises" / "index.html").write_text("half a site", encoding="utf-8")
    alive = tmp_path / f".site-building-{os.getpid()}-running"  # a build still running: this test's own process
    alive.mkdir()
    other = tmp_path / ".other-building-999999-x"  # another site's staging: not ours to remove
    other.mkdir()
    built(content, tmp_path / "site")
    assert not dead.exists()
    assert alive.is_dir() and other.is_dir()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-building-") and p != alive]
    assert leftovers == []


def test_a_title_is_escaped_once_wherever_the_theme_prints_it(tmp_path: Path) -> None:
    title = "Runner's Core & Hips <3"  # '<3' is text to CommonMark, as it is to the reader
    content = write_content(tmp_path / "content", {"guides/running.md": f"# {title}\n\nText.\n"})
    site = built(content, tmp_path / "site")
    home = (site / "guides" / "index.html").read_text(encoding="utf-8")  # the page before the guide, in the nav
    # The footer's link to the next page names it for screen readers, and shows it.
    label = re.search(r'class="md-footer__link md-footer__link--next" aria-label="([^"]*)"', home)
    assert label is not None and html.unescape(label[1]) == f"Next: {title}"
    page = (site / "guides" / "running" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<title>(.*?)</title>", page)
    assert heading is not None and html.unescape(heading[1]) == f"{title} - Runner's Stability Guide"
    assert "&amp;amp;" not in home + page and "&amp;#" not in home + page
