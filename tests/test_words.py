"""Dosages and durations in words, in full for pages and short for printed cards."""

from __future__ import annotations

import pytest

from generator.content.records import Dosage
from generator.site.words import about, dosage, dosage_short, seconds


@pytest.mark.parametrize(
    ("value", "full", "short"),
    [
        (
            Dosage(sets=2, reps=(8, 8), hold=3, per_side=True, rest=30),
            "2 × 8 per side, hold 3 s, rest 30 s",
            "2 × 8/side · hold 3 s · rest 30 s",
        ),
        (Dosage(sets=3, reps=(8, 12), rest=60), "3 × 8–12, rest 1 min", "3 × 8–12 · rest 1 min"),
        (Dosage(sets=3, time=90, per_side=True), "3 × 1 min 30 s per side", "3 × 1 min 30 s/side"),
        (Dosage(hold=20, per_side=True), "hold 20 s per side", "hold 20 s/side"),
        (Dosage(sets=2), "2 sets", ""),
        (Dosage(), "", ""),
    ],
)
def test_dosage_in_full_and_short(value: Dosage, full: str, short: str) -> None:
    assert (dosage(value), dosage_short(value)) == (full, short)


@pytest.mark.parametrize(("value", "text"), [(45, "45 s"), (60, "1 min"), (90, "1 min 30 s"), (120, "2 min")])
def test_seconds(value: int, text: str) -> None:
    assert seconds(value) == text


@pytest.mark.parametrize(("value", "text"), [(59, "under a minute"), (60, "about 1 min"), (1110, "about 18 min")])
def test_about(value: int, text: str) -> None:
    assert about(value) == text
