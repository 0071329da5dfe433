"""Checks of what an editor names in a figure, and of the angles an editor writes: each returns
(location below the checked value, message) pairs. The models run them as they validate each field,
so every such mistake is reported at once, whatever else is wrong; `check` runs them too.

A message reads after its location's label: "'figure.end.left.knee' is 200°: a knee bends ...".
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping

from . import contacts as C
from .body import LIMB_RANGES, TRUNK_RANGES

Found = list[tuple[tuple[str | int, ...], str]]
SURFACES = ("floor", "mat", "balance-trainer", "step", "bench", "wall")
LIMBS = {
    "arms": ("arm", None),
    "legs": ("leg", None),
    "left.arm": ("arm", "left"),
    "right.arm": ("arm", "right"),
    "left.leg": ("leg", "left"),
    "right.leg": ("leg", "right"),
}
POINTS = (
    "head",
    "chest",
    "pelvis",
    *tuple(f"{s}.{p}" for s in ("left", "right") for p in ("hand", "elbow", "knee", "foot", "heel", "toes")),
)
CONTACT_HELP = (
    "contacts are body parts: feet, toes, heels, knees, shins, hands, forearms, elbows, back, seat, head, "
    "or one side's, like left.hand"
)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' for a near miss, else '' (as generator.problems.did_you_mean)."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def angle_range(joint: str, value: float) -> str | None:
    """The message for an angle outside what a body can do, else None. `joint` is "knee", "spine", ..."""
    limits = TRUNK_RANGES.get(joint) or LIMB_RANGES.get(joint)
    if limits is None or limits.low <= value <= limits.high:
        return None
    return f"is {value:g}°: {limits.rule}"


def limb_angles(values: Mapping[str, float | None]) -> Found:
    found: Found = []
    for joint, value in values.items():
        if value is not None and (message := angle_range(joint, value)):
            found.append(((joint,), message))
    return found


def contact_names(on: Mapping[str, str]) -> Found:
    found: Found = []
    for key, surface in on.items():
        loc: tuple[str | int, ...] = () if key == "*" else (key,)
        if key != "*" and C.parse_name(key) is None:
            found.append((loc, f"is not a contact{did_you_mean(key, C.all_names())} ({CONTACT_HELP})"))
        if surface not in SURFACES:
            found.append(
                (
                    loc,
                    f"names '{surface}', which is not a surface{did_you_mean(surface, SURFACES)} (a body rests on the "
                    "floor, mat, balance-trainer, step, bench or wall)",
                )
            )
    return found


def _names_in_list(
    names: Iterable[str], known: Callable[[str], bool], candidates: Callable[[], Iterable[str]], what: str, hint: str
) -> Found:
    """For each of a list's `names` that is not `known`, at its index: "'x' is not `what` — did you mean
    (one of `candidates`)? (`hint`)"."""
    return [
        ((index,), f"'{name}' is not {what}{did_you_mean(name, candidates())} ({hint})")
        for index, name in enumerate(names)
        if not known(name)
    ]


def lift_names(lift: Iterable[str]) -> Found:
    return _names_in_list(
        lift,
        lambda name: name in LIMBS or C.parse_name(name) is not None,
        lambda: [*LIMBS, *C.all_names()],
        "a contact or a limb",
        "lift contacts like left.hand, or limbs: left.arm, right.leg, arms, legs",
    )


def arrow_names(arrows: Iterable[str]) -> Found:
    return _names_in_list(
        arrows,
        lambda name: name in POINTS,
        lambda: POINTS,
        "a body point",
        "arrows follow the head, chest, pelvis, or a hand, elbow, knee, foot, heel or toes",
    )


def props_twice(props: Iterable[tuple[str, str]]) -> Found:
    found: Found = []
    seen: set[str] = set()
    for index, (name, _) in enumerate(props):
        if name in seen:
            found.append(((index,), f"lists '{name}' a second time"))
        seen.add(name)
    return found


def surfaces_listed(listed: Iterable[str], frames: Mapping[str, Mapping[str, str]]) -> Found:
    """Each surface a keyframe rests on must be one of the figure's props (the floor and mat always are)."""
    props = set(listed)
    found: Found = []
    for where, on in frames.items():
        for key, surface in on.items():
            if surface in SURFACES and surface not in ("floor", "mat") and surface not in props:
                loc: tuple[str | int, ...] = (where, "rests_on") if key == "*" else (where, "rests_on", key)
                found.append(
                    (
                        loc,
                        f"rests on the {surface.replace('-', ' ')}, which is not in the figure's props: add "
                        f"'{surface}' to 'props'",
                    )
                )
    return found
