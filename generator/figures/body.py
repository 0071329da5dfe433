"""The body: segment sizes, joint angles and their anatomical ranges, and forward kinematics.

The body is 3-D so that one pose can be drawn from the side, from the front, or a little turned, but
it moves only the way an editor describes it: joint angles in degrees from standing straight with
the arms by the sides. Units are centimetres for a person 175 cm tall; segment lengths and widths
follow the usual anthropometric ratios (Drillis and Contini; Winter, "Biomechanics and motor control
of human movement"), rounded.

Local axes of every segment, in the upright reference: x forward, y up, z to the body's right.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

from .vec import IDENTITY, Mat, Vec, add, cross, dot, matmul, rot_x, rot_y, rot_z, scale, unit

SIDES = ("left", "right")


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float
    rule: str  # completes "'end.left.knee' is 200°: ..." for an angle outside the range


# The angles an editor may set. Whole-body angles first, then those of each side.
TRUNK_RANGES: dict[str, Range] = {
    "spine": Range(-30, 90, "the spine bends forward from 0° (upright) to 90° and arches back to -30°"),
    "neck": Range(-50, 75, "the neck tips the chin down from 0° to 75° (chin on the chest) and looks up to -50°"),
}
LIMB_RANGES: dict[str, Range] = {
    "shoulder": Range(-60, 180, "a shoulder raises the arm forward from 0° (by the side) to 180° (overhead) and back to -60°"),
    "shoulder_out": Range(
        -30, 180, "a shoulder raises the arm out to the side from 0° to 180° (overhead) and across the body to -30°"
    ),
    "elbow": Range(0, 150, "an elbow bends from 0° (straight) to 150°; it cannot bend backwards"),
    "wrist": Range(
        -80,
        100,
        "a wrist bends the back of the hand up from 0° to 100° (palm flat on the floor is about 90°) and the palm in to -80°",
    ),
    "hip": Range(-30, 135, "a hip raises the thigh forward from 0° (standing) to 135° and back to -30°"),
    "hip_out": Range(-30, 60, "a hip opens the thigh out to the side from 0° to 60° and in across the body to -30°"),
    "hip_turn": Range(-45, 60, "a hip turns the thigh out from 0° to 60° and in to -45°"),
    "knee": Range(0, 150, "a knee bends from 0° (straight) to 150°; it cannot bend backwards"),
    "ankle": Range(-40, 55, "an ankle points the toes from 0° (foot square to the shin) to 55° and pulls them up to -40°"),
}
TOES_RANGE = Range(-30, 95, "the toes bend up to 95°")  # not an editor's angle: set when the toes rest on a surface

# ---- sizes (cm) ------------------------------------------------------------------------------

UPPER_ARM, FOREARM, PALM, FINGERS = 29.0, 25.0, 9.0, 8.5
THIGH, SHIN = 43.0, 43.0
HIP_HALF_WIDTH, SHOULDER_HALF_WIDTH = 8.5, 17.0
WAIST_UP, CHEST_UP, SHOULDER_UP, NECK_UP = 12.0, 16.0, 19.0, 21.5  # each above the joint below it
ANKLE_HEIGHT = 7.0
HEEL: Vec = (-4.5, -3.5, 0.0)  # heel pad centre, in the foot's frame at the ankle
BALL: Vec = (13.5, -4.8, 0.0)  # ball of the foot: where the toes bend
TOE_TIP: Vec = (6.2, -0.7, 0.0)  # in the toes' frame at the ball

# Where the middle of a part that lies flat will be, in the frame above its joint (the ankle's shin, the
# wrist's forearm, ...): a dome is placed under it, and the part is laid along the dome's surface there.
FLAT_AHEAD: dict[str, Vec] = {
    "ankle": (6.0, 0.0, 0.0),
    "wrist": (8.0, 0.0, 0.0),
    "elbow": (12.0, 0.0, 0.0),
    "knee": (-20.0, 0.0, 0.0),
}

# Mass fractions (Winter), for the centre of mass that balances a standing or sitting body.
MASS = {
    "hips": 0.142, "waist": 0.139, "chest": 0.216, "head": 0.081,
    "upper-arm": 0.028, "forearm": 0.016, "hand": 0.006,
    "thigh": 0.100, "shin": 0.0465, "foot": 0.0145,
}  # fmt: skip


class Part(NamedTuple):
    """A filled body shape: the hull of two ellipsoids (a tapered capsule) between `p1` and `p2`.

    `a` is the half-width across the body (along the segment's own left-right axis `across`), `b`
    the half-depth the other way, at each end. A ball is a part with p1 == p2. Made by `make_part`,
    which works out the axes and the lowest point once (the solver asks for them thousands of times)."""

    name: str  # "thigh", "head", ...
    side: str | None  # "left", "right" or None for the trunk and head
    p1: Vec
    p2: Vec
    a1: float
    b1: float
    a2: float
    b2: float
    across: Vec  # the segment's left-right axis, world
    unit: str  # what it is drawn with: "trunk", "left.arm", "right.leg", ...
    u: Vec  # along the part, from p1 to p2
    e1: Vec  # across, square to u
    e2: Vec  # the third axis
    low: float  # the lowest y of the part

    def extents(self, direction: Vec) -> tuple[float, float]:
        """How far each end reaches in `direction` (a unit vector) beyond its centre."""
        d1, d2, du = dot(direction, self.e1), dot(direction, self.e2), dot(direction, self.u)
        return (
            math.sqrt((self.a1 * d1) ** 2 + (self.b1 * d2) ** 2 + (min(self.a1, self.b1) * du) ** 2),
            math.sqrt((self.a2 * d1) ** 2 + (self.b2 * d2) ** 2 + (min(self.a2, self.b2) * du) ** 2),
        )

    def lowest(self, normal: Vec = (0.0, 1.0, 0.0)) -> float:
        """The smallest height of the part along `normal` (for the floor: its lowest y)."""
        if normal == (0.0, 1.0, 0.0):
            return self.low
        r1, r2 = self.extents(scale(normal, -1.0))
        return min(dot(self.p1, normal) - r1, dot(self.p2, normal) - r2)

    def shifted(self, offset: Vec) -> Part:
        # what self._replace(p1=..., p2=..., low=...) makes, built directly (_replace takes three times as long)
        name, side, p1, p2, a1, b1, a2, b2, across, unit_, u, e1, e2, low = self
        return Part(name, side, add(p1, offset), add(p2, offset), a1, b1, a2, b2, across, unit_, u, e1, e2, low + offset[1])


def make_part(
    name: str, side: str | None, p1: Vec, p2: Vec, a1: float, b1: float, a2: float, b2: float, across: Vec, unit_: str
) -> Part:
    ax, ay, az = p2[0] - p1[0], p2[1] - p1[1], p2[2] - p1[2]
    length = math.sqrt(ax * ax + ay * ay + az * az)
    u = (ax / length, ay / length, az / length) if length > 1e-9 else _other_axis(across)
    k = across[0] * u[0] + across[1] * u[1] + across[2] * u[2]
    ex, ey, ez = across[0] - k * u[0], across[1] - k * u[1], across[2] - k * u[2]
    n = math.sqrt(ex * ex + ey * ey + ez * ez) or 1.0
    e1 = (ex / n, ey / n, ez / n)
    e2 = (u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0])
    # extents straight down: direction (0, -1, 0)
    d1, d2, du = -e1[1], -e2[1], -u[1]
    # (`y if y < x else x` is min(x, y) without the call: the solver makes thousands of parts)
    r1 = math.sqrt((a1 * d1) ** 2 + (b1 * d2) ** 2 + ((b1 if b1 < a1 else a1) * du) ** 2)
    r2 = math.sqrt((a2 * d1) ** 2 + (b2 * d2) ** 2 + ((b2 if b2 < a2 else a2) * du) ** 2)
    low1, low2 = p1[1] - r1, p2[1] - r2
    return Part(name, side, p1, p2, a1, b1, a2, b2, across, unit_, u, e1, e2, low2 if low2 < low1 else low1)


def _other_axis(across: Vec) -> Vec:
    return unit(cross(across, (0.0, 1.0, 0.0))) if abs(across[1]) < 0.9 else (1.0, 0.0, 0.0)


class _Pending:
    """A part as the builder placed it: the frame it hangs in, its joint's place, its ends in that frame
    and its sizes. Its shape (make_part: 5.9 µs a part on the reference machine, half of posing a body)
    is worked out when it is first asked for and kept: most bodies the solver poses are asked only where
    the few parts that rest on something are."""

    __slots__ = ("ab1", "ab2", "frame", "made", "name", "origin", "p1", "p2", "side", "unit")

    def __init__(
        self,
        name: str,
        side: str | None,
        unit_: str,
        frame: Mat,
        origin: Vec,
        p1: Vec,
        p2: Vec,
        ab1: tuple[float, float],
        ab2: tuple[float, float],
    ):
        self.name, self.side, self.unit = name, side, unit_
        self.frame, self.origin, self.p1, self.p2, self.ab1, self.ab2 = frame, origin, p1, p2, ab1, ab2
        self.made: Part | None = None

    @classmethod
    def done(cls, part: Part) -> _Pending:
        """A part already made (a body put together from finished parts)."""
        pending = cls(part.name, part.side, part.unit, IDENTITY, (0.0, 0.0, 0.0), part.p1, part.p2, (0.0, 0.0), (0.0, 0.0))
        pending.made = part
        return pending

    def part(self) -> Part:
        made = self.made
        if made is None:
            f0, f1, f2, f3, f4, f5, f6, f7, f8 = frame = self.frame
            ox, oy, oz = self.origin
            p1, p2 = self.p1, self.p2
            x, y, z = p1
            w1 = (ox + f0 * x + f1 * y + f2 * z, oy + f3 * x + f4 * y + f5 * z, oz + f6 * x + f7 * y + f8 * z)
            if p2 == p1:
                w2 = w1
            else:
                x, y, z = p2
                w2 = (ox + f0 * x + f1 * y + f2 * z, oy + f3 * x + f4 * y + f5 * z, oz + f6 * x + f7 * y + f8 * z)
            ab1, ab2 = self.ab1, self.ab2
            made = make_part(
                self.name, self.side, w1, w2, ab1[0], ab1[1], ab2[0], ab2[1], (frame[2], frame[5], frame[8]), self.unit
            )
            self.made = made
        return made


class Parts(Sequence[Part]):
    """A posed body's parts, in the order they were posed, each made only when first asked for (see
    _Pending). Iterating makes them all; `named` and `of_unit` make only the parts they return."""

    __slots__ = ("_pending",)

    def __init__(self, pending: tuple[_Pending, ...]):
        self._pending = pending

    def __len__(self) -> int:
        return len(self._pending)

    @overload
    def __getitem__(self, index: int) -> Part: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Part, ...]: ...

    def __getitem__(self, index: int | slice) -> Part | tuple[Part, ...]:
        if isinstance(index, slice):
            return tuple(p.part() for p in self._pending[index])
        return self._pending[index].part()

    def __iter__(self) -> Iterator[Part]:
        for pending in self._pending:
            yield pending.made or pending.part()

    def named(self, names: Collection[str], side: str | None) -> list[Part]:
        return [p.made or p.part() for p in self._pending if p.name in names and p.side == side]

    def of_unit(self, unit_: str) -> list[Part]:
        return [p.made or p.part() for p in self._pending if p.unit == unit_]

    def without_unit(self, unit_: str) -> list[_Pending]:
        return [p for p in self._pending if p.unit != unit_]


@dataclass(frozen=True, slots=True)
class Body:
    """A posed body in world coordinates: its parts, named points and the angles it ended up with."""

    parts: Sequence[Part]  # a tuple, or Parts (made when asked for) from pose_body
    points: Mapping[str, Vec]  # "pelvis", "left.knee", "right.hand", "head", ...
    angles: Mapping[str, float]  # every angle, including those the solver set
    com: Vec  # centre of mass
    right: Vec = (0.0, 0.0, 1.0)  # the body's right-hand direction (of the pelvis), in the world
    frames: Mapping[str, tuple[Mat, Vec]] = field(default_factory=dict)  # "pelvis", "chest": where the limbs hang from

    def part(self, name: str, side: str | None = None) -> tuple[Part, ...]:
        return tuple(self.named((name,), side))

    def named(self, names: Collection[str], side: str | None) -> list[Part]:
        """The parts called any of `names` on `side`, in order (making only those: see Parts)."""
        parts = self.parts
        if isinstance(parts, Parts):
            return parts.named(names, side)
        return [p for p in parts if p.name in names and p.side == side]

    def of_unit(self, unit_: str) -> list[Part]:
        """The parts drawn with `unit_` ("left.leg", ...), in order."""
        parts = self.parts
        if isinstance(parts, Parts):
            return parts.of_unit(unit_)
        return [p for p in parts if p.unit == unit_]


# An angle the solver sets instead of the editor: given the joint's parent frame (rotation, position),
# it returns the angle (degrees) that lays the segment below the joint flat on its surface.
AutoAngle = Callable[[Mat, Vec], float]


class _Builder:
    """Collects what posing a body (or one stretch of it: see _chain) makes. `angles` is shared, not copied:
    the angles the solver sets are written into it, and also kept in `set_angles` for the chain."""

    def __init__(self, angles: dict[str, float], auto: Mapping[str, AutoAngle]):
        self.angles = angles
        self.auto = auto
        self.pending: list[_Pending] = []
        self.points: dict[str, Vec] = {}
        self.mass: list[tuple[float, Vec]] = []
        self.set_angles: dict[str, float] = {}

    def angle(self, name: str, frame: Mat, at: Vec) -> float:
        rule = self.auto.get(name)
        if rule is not None:
            self.angles[name] = self.set_angles[name] = rule(frame, at)
        return self.angles.get(name, 0.0)

    def place(self, part: _Pending) -> None:
        """A part as placed (see _Pending), made when first asked for."""
        self.pending.append(part)

    def weigh(self, name: str, at: Vec) -> None:
        self.mass.append((MASS[name], at))

    def hinge(self, key: str, joint: str, frame: Mat, at: Vec, sign: float, ahead: str) -> Mat:
        """The frame below a joint that bends about z (elbow, wrist, knee, ankle; `sign` -1 where a positive
        angle turns the other way), given the frame above it and the joint's place. Records the joint's point
        and, as `ahead`, where the segment below it will lie when it lies flat (FLAT_AHEAD)."""
        below = _turned_z(frame, sign * self.angle(key + joint, frame, at))
        self.points[key + joint] = at
        self.points[key + ahead] = _at(frame, at, FLAT_AHEAD[joint])
        return below


def _at(frame: Mat, pos: Vec, local: Vec) -> Vec:
    """A point given in a segment's frame, in the world: add(pos, apply(frame, local)), written out (posing
    a body asks it 25 times)."""
    x, y, z = local
    return (
        pos[0] + (frame[0] * x + frame[1] * y + frame[2] * z),
        pos[1] + (frame[3] * x + frame[4] * y + frame[5] * z),
        pos[2] + (frame[6] * x + frame[7] * y + frame[8] * z),
    )


def _turned_z(a: Mat, degrees: float) -> Mat:
    """matmul(a, rot_z(degrees)), written out with the same products and sums (the zeros and the one of
    rot_z included, so that every result, down to the sign of a zero, is the same): a joint that bends."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    m = -s
    return (
        a[0] * c + a[1] * s + a[2] * 0.0,
        a[0] * m + a[1] * c + a[2] * 0.0,
        a[0] * 0.0 + a[1] * 0.0 + a[2] * 1.0,
        a[3] * c + a[4] * s + a[5] * 0.0,
        a[3] * m + a[4] * c + a[5] * 0.0,
        a[3] * 0.0 + a[4] * 0.0 + a[5] * 1.0,
        a[6] * c + a[7] * s + a[8] * 0.0,
        a[6] * m + a[7] * c + a[8] * 0.0,
        a[6] * 0.0 + a[7] * 0.0 + a[8] * 1.0,
    )


# ---- posed stretches of the body, kept ----------------------------------------------------------------
#
# The solver poses the same trunk, arm or leg again and again: a leg it does not bend while it bends the
# other, the trunk and the free limbs while it slides a dome under the hands, the whole body once more after
# a bend that changed nothing. What one stretch comes to depends only on the frame it hangs from, its own
# angles and the rules that set its flat joints, so it is kept under exactly those: their bits (struct-packed
# doubles, so that 0.0 and -0.0 are not taken for each other), and the rules' `cache_key`. A rule without a
# `cache_key` is not known to be pure: its stretch is posed afresh. Reuse halves what posing costs the
# 30 shipped figures.


class _Chain(NamedTuple):
    """What posing one stretch (trunk, arm or leg) made, in the order it made it."""

    pending: tuple[_Pending, ...]
    points: dict[str, Vec]
    mass: tuple[tuple[float, Vec], ...]
    set_angles: dict[str, float]
    end: tuple[Mat, Vec] | None  # the trunk: the chest's frame and place, where the arms hang


TRUNK_ANGLES = ("spine", "neck")
ARM_ANGLES = tuple(f"{side}.{joint}" for side in SIDES for joint in ("shoulder", "shoulder_out", "elbow", "wrist"))
LEG_ANGLES = tuple(f"{side}.{joint}" for side in SIDES for joint in ("hip_out", "hip_turn", "hip", "knee", "ankle", "toes"))
_CHAINS: dict[object, _Chain] = {}
_CHAINS_KEPT = 2048  # about what judging the 30 shipped figures poses; emptied when full
_PACKS = {n: struct.Struct(f"{n}d").pack for n in range(12, 12 + 6 + 1)}  # frame (9) and place (3), then the angles


def _chain_key(b: _Builder, which: str, names: tuple[str, ...], frame: Mat, at: Vec) -> object | None:
    """The key a stretch is kept under (see above), or None when it cannot be."""
    values: list[float] = []
    rules: list[tuple[str, object]] = []
    for name in names:
        rule = b.auto.get(name)
        if rule is None:
            values.append(b.angles.get(name, 0.0))
        else:
            rule_key = getattr(rule, "cache_key", None)
            if rule_key is None:
                return None
            rules.append((name, rule_key))
    try:
        packed = _PACKS[12 + len(values)](*frame, *at, *values)
    except struct.error:  # not numbers: posing will say so
        return None
    return (which, packed, tuple(rules))


def _chain(
    b: _Builder, which: str, names: tuple[str, ...], frame: Mat, at: Vec, pose: Callable[[_Builder], tuple[Mat, Vec] | None]
) -> tuple[Mat, Vec] | None:
    """Pose one stretch into `b` with `pose`, or put in what posing it made before (see above)."""
    key = _chain_key(b, which, names, frame, at)
    chain = _CHAINS.get(key) if key is not None else None
    if chain is None:
        own = _Builder(b.angles, b.auto)
        end = pose(own)
        chain = _Chain(tuple(own.pending), own.points, tuple(own.mass), own.set_angles, end)
        if key is not None:
            if len(_CHAINS) >= _CHAINS_KEPT:
                _CHAINS.clear()
            _CHAINS[key] = chain
    b.pending.extend(chain.pending)
    b.points.update(chain.points)
    b.mass.extend(chain.mass)
    b.angles.update(chain.set_angles)  # in the order they were set, as posing it afresh would
    b.set_angles.update(chain.set_angles)
    return chain.end


def _posed_arm(b: _Builder, side: str, chest: Mat, chest_at: Vec) -> None:
    names = ARM_ANGLES[:4] if side == "left" else ARM_ANGLES[4:]
    _chain(b, side + ".arm", names, chest, chest_at, lambda own: _arm(own, side, chest, chest_at))


def _posed_leg(b: _Builder, side: str, pelvis: Mat, origin: Vec) -> None:
    names = LEG_ANGLES[:6] if side == "left" else LEG_ANGLES[6:]
    _chain(b, side + ".leg", names, pelvis, origin, lambda own: _leg(own, side, pelvis, origin))


def pose_body(angles: Mapping[str, float], root: Mat, origin: Vec, auto: Mapping[str, AutoAngle] | None = None) -> Body:
    """Forward kinematics: the body with its pelvis (between the hip joints) at `origin`, turned by `root`.

    `angles` maps "spine", "neck", "left.knee", ... to degrees; missing angles are 0 (standing straight).
    `auto` names angles the solver sets from the parent's frame (a foot laid flat: its ankle)."""
    b = _Builder(dict(angles), auto or {})
    chest_frame = _chain(b, "trunk", TRUNK_ANGLES, root, origin, lambda own: _trunk(own, root, origin))
    assert chest_frame is not None
    chest, chest_at = chest_frame
    for side in SIDES:
        _posed_arm(b, side, chest, chest_at)
        _posed_leg(b, side, root, origin)
    total = sum(m for m, _ in b.mass)
    com = scale(_sum(scale(p, m) for m, p in b.mass), 1.0 / total)
    return Body(
        Parts(tuple(b.pending)),
        b.points,
        b.angles,
        com,
        (root[2], root[5], root[8]),
        {"pelvis": (root, origin), "chest": (chest, chest_at)},
    )


def repose_limb(body: Body, limb: str, angles: Mapping[str, float], auto: Mapping[str, AutoAngle] | None = None) -> Body:
    """`body` with one limb ("left.arm", "right.leg") posed again with new angles; the rest, and the centre
    of mass, as they were (the solver bends one limb at a time and asks only where that limb is)."""
    side, kind = limb.split(".")
    b = _Builder(dict(angles), auto or {})
    if kind == "arm":
        chest, chest_at = body.frames["chest"]
        _posed_arm(b, side, chest, chest_at)
    else:
        root, origin = body.frames["pelvis"]
        _posed_leg(b, side, root, origin)
    if isinstance(body.parts, Parts):
        kept = body.parts.without_unit(limb)
    else:
        kept = [_Pending.done(p) for p in body.parts if p.unit != limb]
    parts = Parts((*kept, *b.pending))
    points = {**body.points, **b.points}
    merged = {**body.angles, **{k: v for k, v in b.angles.items() if k.startswith(side + ".")}}
    return Body(parts, points, merged, body.com, body.right, body.frames)


def _trunk(b: _Builder, pelvis: Mat, origin: Vec) -> tuple[Mat, Vec]:
    """Pelvis, waist, chest, neck and head; the chest's frame and place, where the arms hang."""
    # The spine bends at the waist and at mid-back, half the spine angle each.
    b.points["pelvis"] = origin
    b.place(
        _Pending("hips", None, "trunk", pelvis, origin, (-2.0, -1.0, 0.0), (-2.5, WAIST_UP - 1.0, 0.0), (16.5, 11.0), (13.0, 9.5))
    )
    b.weigh("hips", _at(pelvis, origin, (-2.0, 3.0, 0.0)))
    spine_half = b.angle("spine", pelvis, origin) / 2.0
    waist_at = _at(pelvis, origin, (-2.0, WAIST_UP, 0.0))
    waist = _turned_z(pelvis, -spine_half)
    b.points["waist"] = waist_at
    b.place(_Pending("waist", None, "trunk", waist, waist_at, (0.0, 0.0, 0.0), (1.0, CHEST_UP, 0.0), (12.5, 9.5), (14.5, 11.0)))
    b.weigh("waist", _at(waist, waist_at, (0.5, CHEST_UP / 2, 0.0)))
    chest_at = _at(waist, waist_at, (1.0, CHEST_UP, 0.0))
    chest = _turned_z(waist, -spine_half)
    b.points["chest"] = chest_at
    b.place(
        _Pending(
            "chest", None, "trunk", chest, chest_at, (0.0, 0.0, 0.0), (-1.0, SHOULDER_UP - 5.0, 0.0), (14.5, 11.5), (16.5, 9.0)
        )
    )
    b.weigh("chest", _at(chest, chest_at, (0.0, 9.0, 0.0)))

    # Neck and head: a round skull and a face that juts forward (nose and chin): the side it looks to.
    neck_at = _at(chest, chest_at, (-1.5, NECK_UP, 0.0))
    neck = _turned_z(chest, -b.angle("neck", chest, neck_at) * 0.5)
    head_at = _at(neck, neck_at, (1.5, 10.5, 0.0))
    head = _turned_z(neck, -b.angles.get("neck", 0.0) * 0.5)
    b.points["neck"] = neck_at
    b.place(_Pending("neck", None, "trunk", neck, neck_at, (0.5, -4.0, 0.0), (1.5, 10.5, 0.0), (5.6, 5.4), (4.8, 4.6)))
    b.place(_Pending("head", None, "trunk", head, head_at, (0.5, 9.5, 0.0), (0.5, 9.5, 0.0), (8.0, 9.8), (8.0, 9.8)))
    b.place(_Pending("head", None, "trunk", head, head_at, (2.5, 7.0, 0.0), (5.8, 1.2, 0.0), (7.4, 8.2), (5.0, 4.4)))
    b.place(_Pending("nose", None, "trunk", head, head_at, (9.6, 8.2, 0.0), (11.6, 6.0, 0.0), (1.6, 1.6), (1.1, 1.1)))
    b.points["head"] = _at(head, head_at, (0.5, 9.5, 0.0))
    b.points["face"] = _at(head, head_at, (10.0, 8.0, 0.0))
    b.points["skull"] = _at(head, head_at, (0.5, 9.5, 0.0))
    for side, sign in (("left", -1.0), ("right", 1.0)):  # where the eyes are drawn: a reader sees where it looks
        b.points[f"{side}.eye"] = _at(head, head_at, (7.6, 11.0, sign * 3.4))
    b.weigh("head", b.points["head"])
    return chest, chest_at


def _arm(b: _Builder, side: str, chest: Mat, chest_at: Vec) -> None:
    """The shoulder raises the arm forward (about z) and out to the side (about x); elbow, wrist, hand."""
    sign = 1.0 if side == "right" else -1.0  # +z is the body's right
    key, arm = f"{side}.", f"{side}.arm"
    shoulder_at = _at(chest, chest_at, (0.0, SHOULDER_UP - 2.0, sign * SHOULDER_HALF_WIDTH))
    upper = matmul(
        chest,
        matmul(
            rot_z(b.angle(key + "shoulder", chest, shoulder_at)), rot_x(-sign * b.angle(key + "shoulder_out", chest, shoulder_at))
        ),
    )
    b.points[key + "shoulder"] = shoulder_at
    b.place(_Pending("upper-arm", side, arm, upper, shoulder_at, (0.0, 0.0, 0.0), (0.0, -UPPER_ARM, 0.0), (5.6, 5.6), (4.1, 4.1)))
    b.weigh("upper-arm", _at(upper, shoulder_at, (0.0, -UPPER_ARM * 0.44, 0.0)))
    elbow_at = _at(upper, shoulder_at, (0.0, -UPPER_ARM, 0.0))
    fore = b.hinge(key, "elbow", upper, elbow_at, 1.0, "forearm-ahead")
    b.place(_Pending("elbow", side, arm, fore, elbow_at, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (4.1, 4.1), (4.1, 4.1)))
    b.place(_Pending("forearm", side, arm, fore, elbow_at, (0.0, 0.0, 0.0), (0.0, -FOREARM, 0.0), (4.1, 4.1), (3.0, 2.2)))
    b.weigh("forearm", _at(fore, elbow_at, (0.0, -FOREARM * 0.43, 0.0)))
    wrist_at = _at(fore, elbow_at, (0.0, -FOREARM, 0.0))
    hand = b.hinge(key, "wrist", fore, wrist_at, 1.0, "palm-ahead")
    # the palm (local -x) lies a little below the wrist joint, as on the floor
    b.place(_Pending("hand", side, arm, hand, wrist_at, (-0.6, -1.0, 0.0), (-0.4, -PALM, 0.0), (3.0, 2.4), (4.0, 1.8)))
    b.place(
        _Pending("fingers", side, arm, hand, wrist_at, (-0.4, -PALM, 0.0), (-0.2, -PALM - FINGERS, 0.0), (4.0, 1.6), (3.0, 1.1))
    )
    b.points[key + "hand"] = _at(hand, wrist_at, (0.0, -PALM, 0.0))
    b.weigh("hand", b.points[key + "hand"])


def _leg(b: _Builder, side: str, pelvis: Mat, origin: Vec) -> None:
    """The hip raises the thigh forward (about z), opens it out (about x), turns it (about its length);
    then the knee, ankle, foot and toes."""
    sign = 1.0 if side == "right" else -1.0
    key, leg = f"{side}.", f"{side}.leg"
    hip_at = _at(pelvis, origin, (0.0, 0.0, sign * HIP_HALF_WIDTH))
    turns = matmul(
        rot_x(-sign * b.angle(key + "hip_out", pelvis, hip_at)), rot_y(-sign * b.angle(key + "hip_turn", pelvis, hip_at))
    )
    hip_frame = matmul(pelvis, matmul(rot_z(b.angle(key + "hip", pelvis, hip_at)), turns))
    b.points[key + "hip"] = hip_at
    b.place(_Pending("thigh", side, leg, hip_frame, hip_at, (0.0, 0.0, 0.0), (0.3, -THIGH, 0.0), (8.0, 8.6), (5.6, 5.6)))
    b.weigh("thigh", _at(hip_frame, hip_at, (0.0, -THIGH * 0.43, 0.0)))
    knee_at = _at(hip_frame, hip_at, (0.3, -THIGH, 0.0))
    shin = b.hinge(key, "knee", hip_frame, knee_at, -1.0, "shin-ahead")
    b.place(_Pending("knee", side, leg, shin, knee_at, (1.2, 0.0, 0.0), (1.2, 0.0, 0.0), (5.4, 5.4), (5.4, 5.4)))
    b.place(_Pending("shin", side, leg, shin, knee_at, (0.0, 0.0, 0.0), (-1.4, -13.0, 0.0), (5.2, 5.2), (5.1, 5.8)))
    b.place(_Pending("shin", side, leg, shin, knee_at, (-1.4, -13.0, 0.0), (0.0, -SHIN, 0.0), (5.1, 5.8), (3.3, 3.5)))
    b.weigh("shin", _at(shin, knee_at, (0.0, -SHIN * 0.43, 0.0)))
    ankle_at = _at(shin, knee_at, (0.0, -SHIN, 0.0))
    foot = b.hinge(key, "ankle", shin, ankle_at, -1.0, "sole-ahead")
    b.place(_Pending("ankle", side, leg, shin, ankle_at, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (3.8, 3.6), (3.8, 3.6)))
    b.place(_Pending("heel", side, leg, foot, ankle_at, HEEL, HEEL, (3.2, 3.5), (3.2, 3.5)))
    b.place(_Pending("foot", side, leg, foot, ankle_at, HEEL, BALL, (3.2, 3.5), (4.6, 2.2)))
    b.place(_Pending("foot", side, leg, foot, ankle_at, (0.0, 0.0, 0.0), (10.5, -2.6, 0.0), (3.4, 3.6), (4.4, 2.6)))
    b.weigh("foot", _at(foot, ankle_at, (5.0, -3.5, 0.0)))
    ball_at = _at(foot, ankle_at, BALL)
    toes = _turned_z(foot, b.angle(key + "toes", foot, ball_at))
    b.points[key + "heel"] = _at(foot, ankle_at, HEEL)
    b.points[key + "ball"] = ball_at
    b.place(_Pending("ball", side, leg, toes, ball_at, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (4.6, 2.2), (4.6, 2.2)))
    b.place(_Pending("toes", side, leg, toes, ball_at, (0.0, 0.0, 0.0), TOE_TIP, (4.6, 2.2), (3.6, 1.5)))
    b.points[key + "toes"] = _at(toes, ball_at, TOE_TIP)


def _sum(vectors: object) -> Vec:
    x = y = z = 0.0
    for v in vectors:  # type: ignore[attr-defined]
        x, y, z = x + v[0], y + v[1], z + v[2]
    return (x, y, z)


def standing_origin() -> Vec:
    """Where the pelvis is when standing straight on the floor."""
    return (0.0, THIGH + SHIN + ANKLE_HEIGHT, 0.0)


__all__ = ["IDENTITY", "LIMB_RANGES", "SIDES", "TRUNK_RANGES", "Body", "Part", "Range", "pose_body", "standing_origin"]
