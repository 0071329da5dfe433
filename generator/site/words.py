"""Records in words: dosages, durations and levels as readers see them, on pages and on cards."""

from __future__ import annotations

import datetime

from ..content.schema import Dosage

LEVEL_NAMES = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date(value: datetime.date) -> str:
    """'28 November 2026' (the same in every locale: the guide is written in English)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def seconds(value: int) -> str:
    """45 -> '45 s', 90 -> '1 min 30 s', 120 -> '2 min'."""
    minutes, rest = divmod(value, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def about(value: int) -> str:
    """A routine's estimated length, to the minute: 'about 18 min'."""
    return "under a minute" if value < 60 else f"about {round(value / 60)} min"


def _work(dosage: Dosage, per_side: str) -> list[str]:
    side = per_side if dosage.per_side else ""
    if dosage.reps is not None:
        low, high = dosage.reps
        work = [f"{low}{side}" if low == high else f"{low}–{high}{side}"]
    elif dosage.time is not None:
        work = [f"{seconds(dosage.time)}{side}"]
    elif dosage.hold is not None:
        return [f"hold {seconds(dosage.hold)}{side}"]
    else:
        work = []
    if dosage.hold is not None:
        work.append(f"hold {seconds(dosage.hold)}")
    return work


def dosage(value: Dosage) -> str:
    """In full, for pages: '2 × 8 per side, hold 3 s, rest 30 s'."""
    parts = _parts(value, " per side") or ([f"{value.sets} sets"] if value.sets else [])
    return ", ".join(parts)


def dosage_short(value: Dosage) -> str:
    """Short, for printed cards: '3 × 8/side · hold 3 s · rest 30 s'."""
    return " · ".join(_parts(value, "/side"))


def _parts(value: Dosage, per_side: str) -> list[str]:
    parts = _work(value, per_side)
    if value.rest is not None:
        parts.append(f"rest {seconds(value.rest)}")
    if value.sets and parts:
        parts[0] = f"{value.sets} × {parts[0]}"
    return parts
