"""Hostile content (tests/support/hostile.py): `validate` refuses every case with its exact lines, at
once, and publishes the harmless look-alikes unchanged. tests/site/test_hostile_pages.py builds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import hostile
from support.content import run_validate


def test_there_are_enough_cases() -> None:
    assert len(hostile.REFUSED) + len(hostile.PUBLISHED) >= 60
    assert len({case.name for case in hostile.REFUSED + hostile.PUBLISHED}) == len(hostile.REFUSED) + len(hostile.PUBLISHED)


def test_validate_refuses_every_case_with_its_own_lines(tmp_path: Path) -> None:
    hostile.write(tmp_path, hostile.REFUSED)
    code, out, err = run_validate(tmp_path, timeout=120)
    assert code == 1
    assert out.splitlines() == hostile.expected(hostile.REFUSED)
    assert err.endswith(f"{len(hostile.expected(hostile.REFUSED))} problems\n") and "Traceback" not in err


@pytest.mark.parametrize("case", hostile.REFUSED[::7], ids=lambda case: case.name)
def test_a_case_alone_is_refused_alone(case: hostile.Case, tmp_path: Path) -> None:
    """A sample, each in a tree of its own: no case is found only because another is beside it."""
    hostile.write(tmp_path, [case])
    code, out, _ = run_validate(tmp_path, timeout=120)
    assert (code, out.splitlines()) == (1, sorted(case.expected))


def test_the_look_alikes_validate(tmp_path: Path) -> None:
    hostile.write(tmp_path, hostile.PUBLISHED)
    code, out, err = run_validate(tmp_path, timeout=60)
    assert (code, out) == (0, f"3 exercises, 1 routine, {1 + len(hostile.PUBLISHED)} guides: no problems\n"), err
