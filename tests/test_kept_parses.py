"""Parsed content files kept on disk between runs (generator/content/kept.py): a later run gives what
parsing would, parses again only what changed (a file, or the ids that exist), and a kept file that
is not what the code writes, or a folder it cannot write, only costs a parse."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from generator import kept as switch
from generator.content import kept, load
from support import sample_guide as test_guide
from support.local_site import REPO


def _parsing_fails(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed again, though the file was kept")


def _load(content: Path, folder: Path | None) -> load.Loaded:
    with switch.kept_in(folder):
        return load.load(content)


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which files `_parse` is called for (the sources, by their first line of text)."""
    calls: list[str] = []
    parse = load._parse

    def counting(raw: bytes, *args: object, **kwargs: object) -> object:
        calls.append(raw.decode("utf-8").split("\n")[1])
        return parse(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "_parse", counting)
    return calls


def _pickle(folder: Path) -> Path:
    (found,) = (folder / "parsed").glob("*/*.pickle")
    return found


def test_a_later_run_reads_back_what_parsing_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = test_guide.write(tmp_path)
    cache = tmp_path / "cache"
    alpha = content / "exercises" / "alpha.md"
    alpha.write_text(test_guide.EXERCISES["alpha"].replace("level: beginner", "level: begginer"), encoding="utf-8")
    first = _load(content, cache)
    assert first.problems and first.problems == _load(content, None).problems  # a problem is kept as well
    monkeypatch.setattr(load, "_parse", _parsing_fails)
    assert _load(content, cache).problems == first.problems

    alpha.write_text(test_guide.EXERCISES["alpha"], encoding="utf-8")
    with pytest.raises(Exception, match="parsed again"):  # an edited file is parsed again
        _load(content, cache)


def test_only_what_changed_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = test_guide.write(tmp_path)
    cache = tmp_path / "cache"
    whole = _load(content, None)
    assert whole.catalog is not None
    calls = _parsed(monkeypatch)
    _load(content, cache)
    assert len(calls) == len(test_guide.EXERCISES) + len(test_guide.ROUTINES) + 2  # and the guide, the home page

    calls.clear()
    beta = content / "exercises" / "beta.md"
    beta.write_text(test_guide.EXERCISES["beta"].replace("Beta done slowly", "Beta, edited, done slowly"), encoding="utf-8")
    again = _load(content, cache)
    assert calls == ['name: "Beta"']
    assert again.catalog is not None and again.catalog.exercises["beta"].summary == "Beta, edited, done slowly and well."
    assert again.catalog.exercises["alpha"] == whole.catalog.exercises["alpha"]

    # Another set of ids (an exercise added) is another key for every file: links and names are checked against it.
    calls.clear()
    (content / "exercises" / "epsilon.md").write_text(test_guide.exercise("Epsilon"), encoding="utf-8")
    assert _load(content, cache).problems == ()
    assert len(calls) == len(test_guide.EXERCISES) + len(test_guide.ROUTINES) + 3


def test_other_code_clears_what_earlier_code_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = test_guide.write(tmp_path)
    cache = tmp_path / "cache"
    _load(content, cache)
    earlier = _pickle(cache).parent
    monkeypatch.setattr(kept, "_source", lambda: "f" * 64)
    calls = _parsed(monkeypatch)
    _load(content, cache)
    assert calls and not earlier.exists()
    assert _pickle(cache).parent.name == "f" * 16


@pytest.mark.parametrize("written", [b"not a pickle", pickle.dumps({"format": 0, "files": {}}), b""])
def test_a_foreign_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: bytes) -> None:
    content = test_guide.write(tmp_path)
    cache = tmp_path / "cache"
    expected = _load(content, cache).catalog
    _pickle(cache).write_bytes(written)
    calls = _parsed(monkeypatch)
    assert _load(content, cache).catalog == expected
    assert calls


def test_a_file_in_the_way_of_the_folder_is_harmless(tmp_path: Path) -> None:
    """The pickle cannot be written (as in a read-only folder, which a test run as root cannot make)."""
    content = test_guide.write(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "parsed").write_text("a file, not a folder", encoding="utf-8")
    assert _load(content, cache).problems == ()
    assert _load(content, cache).catalog == _load(content, None).catalog


def test_validate_gives_the_same_lines_from_what_it_kept(tmp_path: Path) -> None:
    content = test_guide.write(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: content\n", encoding="utf-8")
    gamma = content / "exercises" / "gamma.md"
    gamma.write_text(test_guide.EXERCISES["gamma"].replace("[hamstrings]", "[hamstring]"), encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-m", "generator", "validate", "--config", "mkdocs.yml"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for _ in range(2)
    ]
    assert (tmp_path / ".cache" / "exercise-guide" / "parsed").is_dir()
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert "content/exercises/gamma.md:" in runs[0].stdout and "'hamstring'" in runs[0].stdout
