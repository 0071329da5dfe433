"""From a solved scene to 2-D shapes: the camera, the body's silhouettes, the props and the arrows.

Every body part is the hull of two balls seen by an orthographic camera: two circles joined by their
outer tangents. The parts of one limb are drawn as one path (same winding, so they merge into one
silhouette), limbs are painted from the farthest to the nearest, and each is outlined in the paper
colour so that a near arm stays visible in front of the trunk. Colours are CSS custom properties with
fallbacks, so the page decides them (dark palette, print) and a lone file still reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import props as P
from .body import Body, Part
from .scene import Scene
from .vec import Mat, Vec, apply, matmul, rot_x, rot_y, transpose

INK = "currentColor"
FAR = "var(--eg-figure-far,#888)"
GHOST = "var(--eg-figure-ghost,#d8d8d8)"
PAPER = "var(--eg-figure-paper,#fff)"
PROP = "var(--eg-figure-prop,#aaa)"
PROP_LIGHT = "var(--eg-figure-prop-light,#e6e6e6)"
ACCENT = "var(--eg-figure-accent,#e8590c)"

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Camera:
    """An orthographic camera turned around the vertical (`yaw`) and raised (`above`), in degrees."""

    yaw: float
    above: float

    @property
    def rotation(self) -> Mat:
        return matmul(rot_x(self.above), rot_y(self.yaw))

    def project(self, p: Vec) -> tuple[float, float, float]:
        """Screen x (right), screen y (down) in cm, and depth (toward the viewer)."""
        x, y, z = apply(self.rotation, p)
        return (x, -y, z)

    def world_direction(self, screen: Point) -> Vec:
        return apply(transpose(self.rotation), (screen[0], -screen[1], 0.0))


def camera_for(scene: Scene, turn: float | None, above: float | None) -> Camera:
    setting = scene.setting
    if setting.view == "front":
        lying = abs(scene.start.body.right[1]) > 0.5  # on the side: the body lies across the picture, seen square on
        default_turn, default_above = (0.0, 10.0) if lying else (30.0, 10.0)
        sign = 1.0 if setting.near == "right" else -1.0
    else:
        default_turn, default_above = 22.0, 6.0
        sign = -1.0 if setting.near == "right" else 1.0
    t = default_turn if turn is None else turn
    return Camera(sign * t, default_above if above is None else above)


# ---- shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Disc:
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class Capsule:
    a: Disc
    b: Disc


def project_part(camera: Camera, part: Part) -> tuple[Capsule, float]:
    x1, y1, z1 = camera.project(part.p1)
    x2, y2, z2 = camera.project(part.p2)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    across: Point = (-dy / length, dx / length) if length > 1e-6 else (1.0, 0.0)
    r1, r2 = part.extents(camera.world_direction(across))
    if length <= 1e-6:
        r1 = r2 = max(r1, part.extents(camera.world_direction((0.0, 1.0)))[0])
    return Capsule(Disc(x1, y1, r1), Disc(x2, y2, r2)), (z1 + z2) / 2.0


# ---- path text ---------------------------------------------------------------------------------


class Pen:
    """Writes path data in the drawing's units (cm times `scale`, rounded to `decimals`), with relative
    commands: each point is rounded first and the steps are taken between rounded points, so nothing drifts."""

    def __init__(self, scale: float, decimals: int, origin: Point):
        self.scale, self.decimals, self.origin = scale, decimals, origin
        self.factor = 10**decimals

    def n(self, value: float) -> str:
        """A length (or a coordinate already relative to the origin), in drawing units."""
        return self._text(round(value * self.scale * self.factor))

    def width(self, value: float) -> str:
        """A stroke width: one decimal at least, so that a thin line does not round to nothing."""
        units = value * self.scale
        return f"{units:.1f}".rstrip("0").rstrip(".").lstrip("0") if units < 1 else self.n(value)

    def _text(self, units: int) -> str:
        if self.decimals == 0:
            return str(units)
        text = f"{units / self.factor:.{self.decimals}f}".rstrip("0").rstrip(".")
        text = text.replace("0.", ".", 1) if text.startswith("0.") else text.replace("-0.", "-.", 1)
        return "0" if text in ("", "-0", "-") else text

    def _grid(self, x: float, y: float) -> tuple[int, int]:
        return (round((x - self.origin[0]) * self.scale * self.factor), round((y - self.origin[1]) * self.scale * self.factor))

    def _join(self, units: list[int]) -> str:
        out = ""
        for value in units:
            text = self._text(value)
            out += text if (not out or text.startswith("-") or (text.startswith(".") and "." in out.rsplit(" ", 1)[-1].split("-")[-1])) else " " + text
        return out

    def xy(self, x: float, y: float) -> str:
        return self._join(list(self._grid(x, y)))

    def path(self, commands: list[tuple[str, list[float]]]) -> str:
        """Path data from absolute points: [("M", [x, y]), ("L", [x, y]), ("A", [rx, ry, rotation, large, sweep, x, y]), ("Z", [])]."""
        out: list[str] = []
        here = (0, 0)
        for command, values in commands:
            if command == "Z":
                out.append("z")
                continue
            point = self._grid(values[-2], values[-1])
            if command == "M":
                out.append("M" + self._join(list(point)))
            elif command == "L":
                out.append("l" + self._join([point[0] - here[0], point[1] - here[1]]))
            else:  # "A": radii and flags as they are, the end point relative
                radii = [round(values[0] * self.scale * self.factor), round(values[1] * self.scale * self.factor)]
                flags = f" 0 {int(values[3])} {int(values[4])} "
                rel = self._join([point[0] - here[0], point[1] - here[1]])
                out.append("a" + self._join(radii) + flags + rel)
            here = point
        return "".join(out)

    def capsule(self, c: Capsule) -> str:
        a, b = c.a, c.b
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy)
        if length <= abs(a.r - b.r) + 0.05:
            return self.circle(a if a.r >= b.r else b)
        ux, uy = dx / length, dy / length
        nx, ny = -uy, ux
        s = (a.r - b.r) / length
        c_ = math.sqrt(max(0.0, 1.0 - s * s))
        mpx, mpy = -ux * s + nx * c_, -uy * s + ny * c_
        mmx, mmy = -ux * s - nx * c_, -uy * s - ny * c_
        p1 = (a.x + a.r * mpx, a.y + a.r * mpy)
        p2 = (b.x + b.r * mpx, b.y + b.r * mpy)
        p3 = (b.x + b.r * mmx, b.y + b.r * mmy)
        p4 = (a.x + a.r * mmx, a.y + a.r * mmy)
        large_b, large_a = (1, 0) if s > 0 else (0, 1)
        return self.path([("M", [*p1]), ("L", [*p2]), ("A", [b.r, b.r, 0, large_b, 0, *p3]), ("L", [*p4]), ("A", [a.r, a.r, 0, large_a, 0, *p1]), ("Z", [])])

    def circle(self, d: Disc) -> str:
        return self.path([("M", [d.x, d.y + d.r]), ("A", [d.r, d.r, 0, 1, 0, d.x, d.y - d.r]), ("A", [d.r, d.r, 0, 1, 0, d.x, d.y + d.r]), ("Z", [])])

    def polygon(self, points: list[Point]) -> str:
        return self.path([("M", [*points[0]]), *[("L", [*p]) for p in points[1:]], ("Z", [])])


# ---- the body ----------------------------------------------------------------------------------

UNIT_ORDER = ("trunk", "left.leg", "right.leg", "left.arm", "right.arm")


@dataclass(frozen=True, slots=True)
class Shape:
    """One limb (or the trunk with the head) as a silhouette: its capsules and how deep it lies."""

    unit: str
    capsules: tuple[Capsule, ...]
    depth: float
    far: bool


# Parts that only matter for contacts, or that lie inside their neighbours: left out of small drawings.
INSIDE = frozenset({"elbow", "heel", "ball"})
SMALL = INSIDE | {"knee", "nose", "toes", "fingers"}
GHOST_SMALL = SMALL | {"fingers", "hand", "foot", "neck"}


def body_shapes(camera: Camera, body: Body, right: Vec, skip: frozenset[str] = INSIDE) -> list[Shape]:
    """The body's limbs as silhouettes, far to near. `right` is the body's right-hand axis in the world:
    the limbs of the side turned away from the camera are drawn in the lighter tone. Parts named in
    `skip` are left out (small drawings keep the bytes for what shows)."""
    grouped: dict[str, list[tuple[Capsule, float]]] = {}
    for part in body.parts:
        if part.name not in skip:
            grouped.setdefault(_unit(part), []).append(project_part(camera, part))
    depths = {unit: sum(d for _, d in items) / len(items) for unit, items in grouped.items()}
    seen = apply(camera.rotation, right)
    far_side = "left" if seen[2] >= 0 else "right"
    # Limbs of the two sides overlap when the body's left-right axis points at the viewer (side view) or up
    # (lying on the side); then the far side is drawn lighter. Seen from the front they stand apart: one tone.
    toned = abs(seen[0]) < 0.6
    shapes = [Shape(unit, tuple(c for c, _ in items), depths[unit], toned and unit.startswith(far_side)) for unit, items in grouped.items()]
    shapes.sort(key=lambda s: s.depth)
    return shapes


def _unit(part: Part) -> str:
    if part.side is None:
        return "trunk"
    # the upper arm and the forearm are separate shapes: an arm across the body folds over itself
    if part.name in ("upper-arm",):
        return f"{part.side}.upper"
    if part.name in ("elbow", "forearm", "hand", "fingers"):
        return f"{part.side}.arm"
    return f"{part.side}.leg"


def bounds(shapes: list[Shape]) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for shape in shapes:
        for c in shape.capsules:
            for d in (c.a, c.b):
                xs0.append(d.x - d.r)
                xs1.append(d.x + d.r)
                ys0.append(d.y - d.r)
                ys1.append(d.y + d.r)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


# ---- props -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled polygon or path of a prop, in screen cm."""

    path: list[Point] | None
    fill: str
    stroke: bool = True
    arcs: str | None = None  # a ready path (with arcs) instead of a polygon, in screen cm: built by the Pen later


def box_faces(camera: Camera, low: Vec, high: Vec) -> list[tuple[list[Point], str]]:
    """The faces of a box the camera sees, back to front, with a tone each (top light, sides darker)."""
    x0, y0, z0 = low
    x1, y1, z1 = high
    corners = {(i, j, k): camera.project((x1 if i else x0, y1 if j else y0, z1 if k else z0)) for i in (0, 1) for j in (0, 1) for k in (0, 1)}
    faces = [
        ((0, 1, 0), [(0, 1, 0), (1, 1, 0), (1, 1, 1), (0, 1, 1)], PROP_LIGHT),
        ((0, 0, 1), [(0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)], PROP),
        ((0, 0, -1), [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)], PROP),
        ((1, 0, 0), [(1, 0, 0), (1, 0, 1), (1, 1, 1), (1, 1, 0)], PROP),
        ((-1, 0, 0), [(0, 0, 0), (0, 0, 1), (0, 1, 1), (0, 1, 0)], PROP),
    ]
    seen: list[tuple[list[Point], str]] = []
    for normal, keys, tone in faces:
        facing = apply(camera.rotation, (float(normal[0]), float(normal[1]), float(normal[2])))[2]
        if facing > 0.02:
            seen.append(([(corners[k][0], corners[k][1]) for k in keys], tone))
    return seen


def floor_level(camera: Camera, x: float, z: float = 0.0) -> Point:
    p = camera.project((x, 0.0, z))
    return (p[0], p[1])


__all__ = ["Camera", "Capsule", "Disc", "Pen", "Shape", "body_shapes", "bounds", "box_faces", "camera_for", "project_part", "P"]
