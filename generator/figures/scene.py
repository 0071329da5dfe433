"""Both keyframes solved, put side by side with the props where they stand.

The end keyframe is moved along the floor so that it rests where the start does: on the same prop,
or on the same contact (the trunk first, then the lead side). Props are placed once, for both.
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import props as P
from .body import Body, Part
from .contacts import Contact
from .solve import (
    SAMPLES,
    TOLERANCE,
    FrameSpec,
    Issue,
    Setting,
    Solved,
    contact_parts,
    drawn_radii,
    moved,
    solve_frame,
    touching_point,
)
from .vec import Vec, apply


@dataclass(frozen=True, slots=True)
class Scene:
    setting: Setting
    start: Solved
    end: Solved
    props: tuple[P.Placed, ...]
    issues: tuple[Issue, ...]

    @property
    def bodies(self) -> tuple[Body, Body]:
        return (self.start.body, self.end.body)


def build_scene(setting: Setting, start: FrameSpec, end: FrameSpec) -> Scene:
    with _collector_paused():
        return _build_scene(setting, start, end)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Solving a scene makes some 20,000 short-lived tuples and lists (points, parts, frames), which their
    reference counts free, and no reference cycles; the cyclic collector, run every 700 allocations, spent
    a tenth of judging the shipped figures walking them (0.04 s of 0.37 s, measured). It is paused while a
    scene is solved and left as it was found (anything cyclic is collected at its next run after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_scene(setting: Setting, start: FrameSpec, end: FrameSpec) -> Scene:
    first = solve_frame(start, setting)
    second = solve_frame(end, setting, first.dome[1] if first.dome is not None else None)  # one trainer under both
    second = _aligned(first, start, second, end)
    placed = _place_props(setting, (first, second), (start, end))
    issues = list(first.issues) + list(second.issues)
    for solved, spec in ((first, start), (second, end)):
        issues.extend(_collisions(solved.body, placed, spec))
    return Scene(setting, first, second, tuple(placed), tuple(issues))


def _key(contact: Contact) -> tuple[str, str | None, str]:
    return (contact.name, contact.side, contact.surface)


def _aligned(first: Solved, start: FrameSpec, second: Solved, end: FrameSpec) -> Solved:
    """The end keyframe moved along the floor to rest where the start does: the same balance trainer
    under both (each keyframe centres it under its own contacts), else the same contact in the same place."""
    common = [c for c in end.contacts if any(_key(c) == _key(o) for o in start.contacts) and c.surface != "wall"]
    dz = 0.0
    if first.dome is not None and second.dome is not None:
        dx = first.dome[0] - second.dome[0]
    elif not common:
        dx = first.body.points["pelvis"][0] - second.body.points["pelvis"][0]
    else:

        def preference(c: Contact) -> tuple[int, int, int]:
            return (0 if c.surface not in ("floor", "mat") else 1, 0 if c.side is None else 1, 0 if c.side == end.lead else 1)

        anchor = min(common, key=preference)
        before = next(c for c in start.contacts if _key(c) == _key(anchor))
        p0 = touching_point(contact_parts(first.body, before))
        p1 = touching_point(contact_parts(second.body, anchor))
        dx = p0[0] - p1[0]
        # and across the floor: a foot that stays on a step while the body bends toward the viewer stays
        # where it was (the solver balances each keyframe on its own, which may slide it in depth)
        dz = p0[2] - p1[2]
    dome = (second.dome[0] + dx, second.dome[1]) if second.dome is not None else None
    return replace(second, body=moved(second.body, (dx, 0.0, dz)), dome=dome)


def _place_props(setting: Setting, solved: tuple[Solved, Solved], specs: tuple[FrameSpec, FrameSpec]) -> list[P.Placed]:
    placed: list[P.Placed] = []
    bodies = [s.body for s in solved]
    for name, option in setting.props.items():
        spec = P.SPECS[name]
        on = [(body, c) for body, frame in zip(bodies, specs, strict=True) for c in frame.contacts if c.surface == name]
        if name == "mat":
            xs = [x for body in bodies for part in body.parts for x in (part.p1[0], part.p2[0])]
            placed.append(P.Placed("mat", "", x=min(xs) - 12.0, width=max(xs) - min(xs) + 24.0))
        elif name == "balance-trainer":
            held = next((s.dome for s in solved if s.dome is not None), None)
            x, z = held if held is not None else (bodies[0].points["pelvis"][0], 0.0)
            placed.append(P.Placed(name, option or spec.default, x=x, z=z, view=setting.toward_viewer()))
        elif name in ("step", "bench"):
            placed.append(_edge_prop(name, P.height_option(spec, option or spec.default), on, bodies))
        elif name == "wall":
            placed.append(_wall(on, bodies))
        elif name == "band":
            placed.append(_band(setting, option or spec.default, bodies[0]))
        elif name == "loop-band":
            placed.append(P.Placed(name, option or spec.default))
    return placed


def _edge_prop(name: str, height: float, on: list[tuple[Body, Contact]], bodies: list[Body]) -> P.Placed:
    """A step or bench whose edge is beside what rests on it, on the side where the body reaches lower."""
    depth = P.STEP_DEPTH if name == "step" else P.BENCH_DEPTH
    if not on:
        x = bodies[0].points["pelvis"][0] + 40.0
        return P.Placed(name, str(height), x=x, direction=1.0, height=height)
    body, contact = on[0]
    parts = contact_parts(body, contact)
    point = touching_point(parts)
    resting = {id(p) for b, c in on for p in contact_parts(b, c)}
    lower: list[float] = []
    for b in bodies:
        for part in b.parts:
            if id(part) not in resting and part.lowest() < height - 1.0 and part.side is not None:
                lower.append((part.p1[0] + part.p2[0]) / 2.0)
    if not lower:
        return P.Placed(name, str(height), x=point[0] - depth / 2.0, direction=1.0, height=height)
    side = 1.0 if sum(lower) / len(lower) > point[0] else -1.0
    if contact.name == "foot":  # a foot stands wholly on it, its edge beside the foot
        reach = [c[0] + side * part.extents((side, 0.0, 0.0))[i] for part in parts for i, c in enumerate((part.p1, part.p2))]
        edge = (max(reach) if side > 0 else min(reach)) + side * 0.5
    elif contact.name == "toes":  # the ball of the foot just inside the edge, the heel free beyond it
        edge = point[0] + side * 2.5
    elif contact.name in ("knee", "shin"):  # the knee rests on the very edge: the thigh that rises to it clears the corner
        edge = point[0] - side * 1.5
    else:  # an ankle: just inside the edge
        edge = point[0] + side * 1.0
    return P.Placed(name, str(height), x=edge, direction=-side, height=height)


def _wall(on: list[tuple[Body, Contact]], bodies: list[Body]) -> P.Placed:
    if not on:
        xs = [x for part in bodies[0].parts for x in (part.p1[0], part.p2[0])]
        return P.Placed("wall", "", x=max(xs) + 25.0, direction=1.0)
    body, contact = on[0]
    parts = contact_parts(body, contact)
    centre = body.points["pelvis"][0]
    side = 1.0 if touching_point(parts)[0] >= centre else -1.0
    reach = [c[0] + side * part.extents((side, 0.0, 0.0))[i] for part in parts for i, c in enumerate((part.p1, part.p2))]
    return P.Placed("wall", "", x=max(reach) if side > 0 else min(reach), direction=side)


def _band(setting: Setting, option: str, body: Body) -> P.Placed:
    hands = _mid(body.points["left.hand"], body.points["right.hand"])
    axes = {"left": (0.0, 0.0, -1.0), "right": (0.0, 0.0, 1.0), "front": (1.0, 0.0, 0.0), "behind": (-1.0, 0.0, 0.0)}
    direction = apply(setting.yaw(), axes[option])
    anchor = (hands[0] + direction[0] * P.BAND_REACH, hands[1], hands[2] + direction[2] * P.BAND_REACH)
    return P.Placed("band", option, anchor=anchor, hands=hands)


def _mid(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0)


def _collisions(body: Body, placed: list[P.Placed], spec: FrameSpec) -> list[Issue]:
    """Parts pressed into a prop deeper than the tolerance (the floor is kept clear by the solver)."""
    issues: list[Issue] = []
    for prop in placed:
        if prop.name in ("mat", "band", "loop-band"):
            continue
        worst, part_hit = 0.0, None
        low, high = _prop_box(prop)
        for part in body.parts:
            reach = max(part.a1, part.b1, part.a2, part.b2)
            if (
                min(part.p1[0], part.p2[0]) - reach > high[0]
                or max(part.p1[0], part.p2[0]) + reach < low[0]
                or min(part.p1[1], part.p2[1]) - reach > high[1]
            ):
                continue  # nowhere near it
            depth = -part_distance(part, prop)
            if depth > worst:
                worst, part_hit = depth, part
        if part_hit is not None and worst > TOLERANCE + 0.2:
            resting = [
                c for c in spec.contacts if c.surface == prop.name and part_hit.name in c.kind.parts and part_hit.side == c.side
            ]
            if resting and worst < (SOFT_DOME if prop.name == "balance-trainer" else 1.0):
                continue  # what rests on a prop may press into it a little: a knee into the soft dome
            name = {"hips": "seat", "chest": "back", "upper-arm": "upper arm"}.get(part_hit.name, part_hit.name)
            label = f"the {part_hit.side} {name}" if part_hit.side else f"the {name}"
            issues.append(
                (
                    (spec.where, "pose"),
                    f"puts {label} {worst:.0f} cm into the {prop.name.replace('-', ' ')}: change the angles so that it clears it",
                )
            )
    return issues


def _prop_box(prop: P.Placed) -> tuple[tuple[float, float], tuple[float, float]]:
    """The prop's extent along x and up (x low, floor) to (x high, top), for a quick test of what may touch it."""
    if prop.name == "wall":
        return ((prop.x - 1e6, 0.0), (prop.x + 1e6, 1e6))  # a wall stands everywhere along x, whichever way it faces
    if prop.name == "balance-trainer":  # judged as drawn: what is nearer or farther is shifted by the camera's turn
        reach = P.PLATFORM_RADIUS + 30.0
        return ((prop.x - reach, 0.0), (prop.x + reach, P.trainer_height()))
    x0, x1 = prop.x_range()
    return ((x0, 0.0), (x1, prop.height))


SOFT_DOME = 0.5  # cm a hand, knee or foot resting on the dome may press into it (no more than a drawing shows)


def part_distance(part: Part, prop: P.Placed) -> float:
    """Signed distance from a body part to a prop (negative: inside it). The dome is judged as it is drawn
    (props.py): the part's outline against the dome's."""
    best = math.inf
    drawn = drawn_radii(part, prop.view) if prop.name == "balance-trainer" and prop.dome_up else None
    for t in SAMPLES:
        p = (
            part.p1[0] + (part.p2[0] - part.p1[0]) * t,
            part.p1[1] + (part.p2[1] - part.p1[1]) * t,
            part.p1[2] + (part.p2[2] - part.p1[2]) * t,
        )
        d = P.solid_distance(prop, p)
        if d > 1e8:
            return d
        # the part's own radius toward the prop: estimate the direction by a small difference
        r1, r2 = drawn if drawn is not None else part.extents(_gradient(prop, p, d))
        best = min(best, d - (r1 + (r2 - r1) * t))
    return best


def _gradient(prop: P.Placed, p: Vec, d0: float) -> Vec:
    """The direction from `p` toward the prop, by a small difference; `d0` is its distance there (the caller
    has it: asking again cost a sixth of the collision checks)."""
    h = 0.05
    g = (
        P.solid_distance(prop, (p[0] + h, p[1], p[2])) - d0,
        P.solid_distance(prop, (p[0], p[1] + h, p[2])) - d0,
        P.solid_distance(prop, (p[0], p[1], p[2] + h)) - d0,
    )
    n = math.sqrt(g[0] ** 2 + g[1] ** 2 + g[2] ** 2)
    return (-g[0] / n, -g[1] / n, -g[2] / n) if n > 1e-9 else (0.0, -1.0, 0.0)


__all__ = ["Scene", "build_scene", "part_distance"]
