"""Solved figures kept on disk between runs (generator/figures/kept.py): what a later run reads is
what solving would give, a kept file is never read for other code or another figure, and a file
that is not what the code writes is solved again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHIPPED

from generator import kept as switch
from generator.figures import checks, kept
from generator.figures.markup import svg
from generator.figures.model import unjudged

CONTACT_FAILS = {"start": {"pose": "standing"}, "end": {"pose": "standing", "rests_on": {"feet": "floor", "hands": "floor"}}}


def _solving_fails(*args: object, **kwargs: object) -> None:
    raise AssertionError("solved again, though the figure was kept")


@pytest.fixture
def fresh() -> Iterator[None]:
    """No scene solved earlier in this process, no folder kept in: each run starts as a new command would."""
    checks._scene.cache_clear()
    with switch.kept_in(None):
        yield


def test_findings_and_drawings_are_read_back_without_solving(
    tmp_path: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = unjudged(SHIPPED["bird-dog"]["figure"])
    bad = unjudged(CONTACT_FAILS)
    solved = (checks.judge(good), checks.judge(bad), svg(good, title="Bird Dog", alt="a", size="card"))
    assert solved[0] == [] and solved[1][0][0] == ("end", "rests_on", "hands")
    checks._scene.cache_clear()
    with switch.kept_in(tmp_path):
        assert (checks.judge(good), checks.judge(bad), svg(good, title="Bird Dog", alt="a", size="card")) == solved
    assert len(list((tmp_path / "solved").glob("*/findings-*.txt"))) == 2
    assert len(list((tmp_path / "solved").glob("*/drawing-*.txt"))) == 1
    assert switch.folder() is None  # the block's folder only

    checks._scene.cache_clear()
    monkeypatch.setattr(checks, "_scene", _solving_fails)
    with switch.kept_in(tmp_path):
        assert (checks.judge(good), checks.judge(bad), svg(good, title="Bird Dog", alt="a", size="card")) == solved
        with pytest.raises(AssertionError, match="solved again"):  # another title is another drawing
            svg(good, title="Bird dog", alt="a", size="card")


def test_other_code_is_another_key_and_clears_what_earlier_code_kept(
    tmp_path: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = unjudged(SHIPPED["bird-dog"]["figure"])
    with switch.kept_in(tmp_path):
        checks.judge(good)
        (earlier,) = (tmp_path / "solved").iterdir()
        monkeypatch.setattr(kept, "_source", lambda: "0123456789abcdef, the solver edited")
        assert checks.judge(good) == []
        assert [folder.name for folder in (tmp_path / "solved").iterdir()] == ["0123456789abcdef"]
        monkeypatch.setattr(checks, "_scene", _solving_fails)
        checks.judge(good)  # kept for the new code
        monkeypatch.setattr(kept, "_source", lambda: earlier.name + ", the edit undone")
        with pytest.raises(AssertionError, match="solved again"):
            checks.judge(good)


def test_a_kept_file_that_is_not_ours_is_solved_again(tmp_path: Path, fresh: None) -> None:
    bad = unjudged(CONTACT_FAILS)
    with switch.kept_in(tmp_path):
        solved = checks.judge(bad)
        (kept_file,) = (tmp_path / "solved").glob("*/findings-*.txt")
        for text in ("{not json", '{"a": 1}', "[1, 2]"):
            kept_file.write_text(text, encoding="utf-8")
            assert checks.judge(bad) == solved


def test_a_folder_that_cannot_be_written_is_no_loss(tmp_path: Path, fresh: None) -> None:
    (tmp_path / "solved").write_text("a file where the folder would be", encoding="utf-8")
    good = unjudged(SHIPPED["bird-dog"]["figure"])
    with switch.kept_in(tmp_path):
        assert checks.judge(good) == []
        assert svg(good, title="Bird Dog", alt="a", size="thumb").startswith("<svg")
