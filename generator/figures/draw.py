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
from .vec import IDENTITY, Mat, Vec, apply, matmul, rot_x, rot_y, transpose

INK = "currentColor"
FAR = "var(--eg-figure-far,#5c5c5c)"
GHOST = "var(--eg-figure-ghost,#ccc)"
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
    rotation: Mat = IDENTITY  # set by `camera()`: the view's rotation, worked out once

    def project(self, p: Vec) -> tuple[float, float, float]:
        """Screen x (right), screen y (down) in cm, and depth (toward the viewer)."""
        x, y, z = apply(self.rotation, p)
        return (x, -y, z)

    def world_direction(self, screen: Point) -> Vec:
        return apply(transpose(self.rotation), (screen[0], -screen[1], 0.0))


def camera(yaw: float, above: float) -> Camera:
    return Camera(yaw, above, matmul(rot_x(above), rot_y(yaw)))


def camera_for(scene: Scene) -> Camera:
    """The scene's camera (the setting's angles: the view's own, or the editor's `camera:`)."""
    return camera(*scene.setting.camera)


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


def _pair(a: int, b: int) -> str:
    """Two numbers of path data: a space between them unless the second brings its minus sign."""
    return f"{a}{b}" if b < 0 else f"{a} {b}"


class Pen:
    """Writes path data on an integer grid (cm times `scale`, rounded), with relative commands: each point
    is rounded first and the steps are taken between rounded points, so nothing drifts."""

    def __init__(self, scale: float, origin: Point):
        self.scale, self.origin = scale, origin

    def n(self, value: float) -> str:
        """A length (or a coordinate already relative to the origin), in drawing units."""
        return str(round(value * self.scale))

    def width(self, value: float) -> str:
        """A stroke width: one decimal below one unit, so that a thin line does not round to nothing."""
        units = value * self.scale
        return f"{units:.1f}".lstrip("0").rstrip("0").rstrip(".") if units < 0.95 else str(round(units))

    def _grid(self, x: float, y: float) -> tuple[int, int]:
        return (round((x - self.origin[0]) * self.scale), round((y - self.origin[1]) * self.scale))

    def xy(self, x: float, y: float) -> str:
        return _pair(*self._grid(x, y))

    def path(self, commands: list[tuple[str, list[float]]]) -> str:
        """Path data from absolute points:
        [("M", [x, y]), ("L", [x, y]), ("A", [rx, ry, rotation, large, sweep, x, y]), ("Z", [])]."""
        out: list[str] = []
        hx = hy = 0
        for command, values in commands:
            if command == "Z":
                out.append("z")
                continue
            x, y = self._grid(values[-2], values[-1])
            if command == "M":
                out.append("M" + _pair(x, y))
            elif command == "L":
                out.append("l" + _pair(x - hx, y - hy))
            else:  # "A": radii and flags as they are, the end point relative
                out.append(
                    f"a{_pair(round(values[0] * self.scale), round(values[1] * self.scale))} 0 {int(values[3])} "
                    f"{int(values[4])} {_pair(x - hx, y - hy)}"
                )
            hx, hy = x, y
        return "".join(out)

    def capsule(self, c: Capsule) -> str:
        a, b = c.a, c.b
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy)
        if length <= abs(a.r - b.r) + 0.05:
            return self.circle(a if a.r >= b.r else b)
        ux, uy = dx / length, dy / length
        s = (a.r - b.r) / length
        c_ = math.sqrt(max(0.0, 1.0 - s * s))
        # the outer tangents touch each circle at m+ and m- (the side the capsule turns, and the other)
        px, py = -ux * s - uy * c_, -uy * s + ux * c_
        mx, my = -ux * s + uy * c_, -uy * s - ux * c_
        grid = self._grid
        x1, y1 = grid(a.x + a.r * px, a.y + a.r * py)
        x2, y2 = grid(b.x + b.r * px, b.y + b.r * py)
        x3, y3 = grid(b.x + b.r * mx, b.y + b.r * my)
        x4, y4 = grid(a.x + a.r * mx, a.y + a.r * my)
        rb, ra = round(b.r * self.scale), round(a.r * self.scale)
        large_b, large_a = (1, 0) if s > 0 else (0, 1)
        return (
            f"M{_pair(x1, y1)}l{_pair(x2 - x1, y2 - y1)}a{rb} {rb} 0 {large_b} 0 {_pair(x3 - x2, y3 - y2)}"
            f"l{_pair(x4 - x3, y4 - y3)}a{ra} {ra} 0 {large_a} 0 {_pair(x1 - x4, y1 - y4)}z"
        )

    def circle(self, d: Disc) -> str:
        r = max(round(d.r * self.scale), 1)  # the diameter twice the rounded radius: two half circles, not two lenses
        x, y = self._grid(d.x, d.y)
        return f"M{_pair(x, y + r)}a{r} {r} 0 1 0 0 {-2 * r}a{r} {r} 0 1 0 0 {2 * r}z"

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


THIGH_FORWARD = 0.9  # a thigh raised forward more than this (sine of ~65°) is drawn over the pelvis in front views

# Parts that only matter for contacts, or that lie inside their neighbours: left out of small drawings.
INSIDE = frozenset({"elbow", "heel", "ball", "ankle"})
SMALL = INSIDE | {"knee", "nose", "toes", "fingers"}
GHOST_SMALL = SMALL | {"fingers", "hand", "foot", "neck"}


def body_shapes(
    camera: Camera, body: Body, right: Vec, skip: frozenset[str] = INSIDE, supports: frozenset[str] = frozenset()
) -> list[Shape]:
    """The body's limbs as silhouettes, far to near. `right` is the body's right-hand axis in the world:
    the limbs of the side turned away from the camera are drawn in the lighter tone, except those in
    `supports` ("left.arm", "right.leg"): what the body rests on reads as solid, however far. Parts named
    in `skip` are left out (small drawings keep the bytes for what shows)."""
    grouped: dict[str, list[tuple[Capsule, float]]] = {}
    forward: dict[str, float] = {}  # how far each thigh points forward of the pelvis (the sine of its flexion)
    pelvis = body.frames.get("pelvis")
    for part, projected in _projected(camera, body):
        if part.name not in skip:
            grouped.setdefault(_unit(part), []).append(projected)
        if part.name == "thigh" and pelvis is not None:
            f = pelvis[0]
            forward[part.unit] = part.u[0] * f[0] + part.u[1] * f[3] + part.u[2] * f[6]
    depths = {unit: sum(d for _, d in items) / len(items) for unit, items in grouped.items()}
    seen = apply(camera.rotation, right)
    far_side = "left" if seen[2] >= 0 else "right"
    # Limbs of the two sides overlap when the body's left-right axis points at the viewer (side view) or up
    # (lying on the side); then the far side is drawn lighter. Seen from the front they stand apart: one tone.
    toned = abs(seen[0]) < 0.6
    if not toned and "trunk" in depths:
        # Seen from the front, a thigh drawn over the pelvis shows its round top like a buttock, and the
        # body reads as seen from behind while the face looks at the viewer: a thigh that does not come
        # well forward (a standing leg, not a knee raised toward the viewer) goes under the trunk, whose
        # hips then cover its top.
        for unit, ahead in forward.items():
            if unit in depths and ahead < THIGH_FORWARD:
                depths[unit] = min(depths[unit], depths["trunk"] - 0.01)
    shapes = [
        Shape(unit, tuple(c for c, _ in items), depths[unit], toned and unit.startswith(far_side) and _limb(unit) not in supports)
        for unit, items in grouped.items()
    ]
    shapes.sort(key=lambda s: s.depth)
    return shapes


def _limb(unit: str) -> str:
    """The limb a drawn unit belongs to: "left.upper" and "left.arm" are the left arm."""
    return unit.replace(".upper", ".arm")


def _unit(part: Part) -> str:
    if part.side is None:
        return "trunk"
    # the upper arm and the forearm are separate shapes: an arm across the body folds over itself
    if part.name in ("upper-arm",):
        return f"{part.side}.upper"
    if part.name in ("elbow", "forearm", "hand", "fingers"):
        return f"{part.side}.arm"
    return f"{part.side}.leg"


_PROJECTED: dict[tuple[int, Camera], tuple[Body, list[tuple[Part, tuple[Capsule, float]]]]] = {}


def _projected(camera: Camera, body: Body) -> list[tuple[Part, tuple[Capsule, float]]]:
    """Every part of a body as the camera sees it; kept, since each figure is drawn in three sizes."""
    key = (id(body), camera)
    held = _PROJECTED.get(key)
    if held is not None and held[0] is body:
        return held[1]
    if len(_PROJECTED) > 512:
        _PROJECTED.clear()
    projected = [(part, project_part(camera, part)) for part in body.parts]
    _PROJECTED[key] = (body, projected)
    return projected


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
    corners = {
        (i, j, k): camera.project((x1 if i else x0, y1 if j else y0, z1 if k else z0))
        for i in (0, 1)
        for j in (0, 1)
        for k in (0, 1)
    }
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


__all__ = ["Camera", "Capsule", "Disc", "P", "Pen", "Shape", "body_shapes", "bounds", "box_faces", "camera_for", "project_part"]
