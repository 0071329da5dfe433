"""The equipment a figure can show, its size, where it goes, and what it is solid.

Props are placed by the solver, not by the editor: the balance trainer is centred under what rests
on it; a step or a bench puts its edge beside the contact on the side where the body reaches lower
than its top (the heel below a step's edge, a leg hanging beside it, a body lying beside a bench);
a wall stands where the hand touches it. Sizes in centimetres.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .vec import Vec, exact

# Balance trainer: a spherical cap (a half ball, somewhat flattened) on a round platform.
DOME_BASE_RADIUS, DOME_HEIGHT, PLATFORM_RADIUS, PLATFORM_THICKNESS = 32.0, 24.0, 34.0, 4.5
DOME_RADIUS = (DOME_BASE_RADIUS**2 + DOME_HEIGHT**2) / (2 * DOME_HEIGHT)
DOME_UP_CENTRE_Y = PLATFORM_THICKNESS + DOME_HEIGHT - DOME_RADIUS  # the height of the dome's ball's centre, dome up
STEP_DEPTH, BENCH_DEPTH, BENCH_TOP, WALL_THICKNESS = 36.0, 42.0, 5.0, 8.0
DEPTH_HALF = 45.0  # how far steps and benches reach toward and away from the viewer
BAND_REACH = 120.0  # from the hands to the anchor of a long band


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    options: tuple[str, ...]  # words the editor may give; numbers are heights (step, bench)
    default: str
    surface: bool  # whether a body part can rest on it
    height: tuple[float, float] | None  # the allowed range of a height option, in cm
    description: str


SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec("mat", (), "", True, None, "an exercise mat on the floor (contacts on it are written 'floor' or 'mat')"),
        Spec(
            "balance-trainer",
            ("dome-up", "dome-down"),
            "dome-up",
            True,
            None,
            "a half ball on a platform: dome-up (default) or dome-down",
        ),
        Spec("step", (), "20", True, (8.0, 45.0), "a step; give its height in cm, {step: 20} (default 20)"),
        Spec("bench", (), "45", True, (25.0, 70.0), "a bench or box; give its height in cm, {bench: 45} (default 45)"),
        Spec("wall", (), "", True, None, "a wall the hands can touch"),
        Spec(
            "band",
            ("left", "right", "front", "behind"),
            "left",
            False,
            None,
            "a long band held in the hands, anchored at hand height on the body's left (default), right, front or behind",
        ),
        Spec(
            "loop-band",
            ("knees", "ankles", "thighs"),
            "knees",
            False,
            None,
            "a loop band around both legs: above the knees (default), at the ankles or around the thighs",
        ),
    )
}
SURFACES = ("floor", "mat", *tuple(name for name, spec in SPECS.items() if spec.surface and name != "mat"))


@dataclass(frozen=True, slots=True)
class Placed:
    """A prop where the solver put it."""

    name: str
    option: str
    x: float = 0.0  # centre (balance trainer), edge (step, bench) or face (wall)
    z: float = 0.0
    direction: float = 1.0  # step, bench: +1 the prop extends to +x from its edge, -1 to -x; wall: +1 it faces -x
    height: float = 0.0  # step, bench: top; balance trainer: the whole height
    width: float = 0.0  # mat: its length along the floor, from x
    anchor: Vec | None = None  # band: where it is tied
    hands: Vec | None = None  # band: where it is held
    view: Vec = (0.0, 0.0, 1.0)  # balance trainer: the direction toward the camera (its dome is judged as drawn)

    @property
    def dome_up(self) -> bool:
        return self.option != "dome-down"

    def x_range(self) -> tuple[float, float]:
        if self.name == "balance-trainer":
            return (self.x - PLATFORM_RADIUS, self.x + PLATFORM_RADIUS)
        depth = STEP_DEPTH if self.name == "step" else BENCH_DEPTH
        return (self.x, self.x + depth) if self.direction > 0 else (self.x - depth, self.x)


def exact_key(prop: Placed | None) -> object:
    """What tells two placed props apart exactly: their fields, the numbers by their bits (0.0 is not -0.0),
    for caches keyed on a prop (body._chain, through solve._FlatRule)."""
    if prop is None:
        return None
    numbers = (prop.x, prop.z, prop.direction, prop.height, prop.width, *prop.view, *(prop.anchor or ()), *(prop.hands or ()))
    return (prop.name, prop.option, prop.anchor is None, prop.hands is None, exact(numbers))


def height_option(spec: Spec, option: str) -> float:
    return float(option) if spec.height else 0.0


def sphere_centre(prop: Placed) -> tuple[Vec, float]:
    """The ball the dome is cut from: centre and radius."""
    if prop.dome_up:
        return (prop.x, DOME_UP_CENTRE_Y, prop.z), DOME_RADIUS
    return (prop.x, DOME_RADIUS, prop.z), DOME_RADIUS


def trainer_height() -> float:
    return PLATFORM_THICKNESS + DOME_HEIGHT


# The dome as it is drawn. A drawing flattens depth: a foot beside the top of the dome, nearer the viewer,
# is drawn over the dome's outline, and a reader sees it sunk into the ball even when in space it rests on
# the slope. So what rests on the dome rests on its outline as the camera sees it, and nothing else may
# cross that outline: the dome is judged as the cylinder of its sphere along the line of sight (its
# silhouette, swept toward and away from the viewer), cut at the platform's top.


@functools.lru_cache(maxsize=64)  # a scene has one line of sight, asked for in every step of the solver
def picture_axes(view: Vec) -> tuple[Vec, Vec]:
    """Two directions square to the line of sight: across the picture and up the picture."""
    k = view[1]
    up_len = math.sqrt(max(1.0 - k * k, 1e-12))
    up = (-k * view[0] / up_len, (1.0 - k * k) / up_len, -k * view[2] / up_len)  # the vertical, less its depth
    across = (up[1] * view[2] - up[2] * view[1], up[2] * view[0] - up[0] * view[2], up[0] * view[1] - up[1] * view[0])
    return across, up


def dome_coordinates(prop: Placed, point: Vec) -> tuple[float, float]:
    """Where a point is drawn relative to the centre of the dome's sphere: across the picture and up it."""
    (cx, cy, cz), _ = sphere_centre(prop)
    across, up = picture_axes(prop.view)
    d = (point[0] - cx, point[1] - cy, point[2] - cz)
    return (
        d[0] * across[0] + d[1] * across[1] + d[2] * across[2],
        d[0] * up[0] + d[1] * up[1] + d[2] * up[2],
    )


def dome_rise(prop: Placed) -> float:
    """How far up the picture a point moves when it is lifted 1 cm (less than 1 when the camera looks down)."""
    return picture_axes(prop.view)[1][1]


def dome_lift(prop: Placed, point: Vec, reach: float) -> float | None:
    """How high `point` must be lifted to lie `reach` from the dome's centre in the picture (on its outline
    when `reach` is the radius), or None when it is beside the dome."""
    a, b = dome_coordinates(prop, point)
    if abs(a) >= reach:
        return None
    return (math.sqrt(reach * reach - a * a) - b) / dome_rise(prop)


def surface_normal(prop: Placed | None, point: Vec) -> Vec:
    """The outward normal of the surface below `point` (straight up for the floor and flat tops); on the
    dome, the outline's normal as drawn (it lies in the picture)."""
    if prop is None or prop.name in ("step", "bench") or (prop.name == "balance-trainer" and not prop.dome_up):
        return (0.0, 1.0, 0.0)
    if prop.name == "wall":
        return (-prop.direction, 0.0, 0.0)
    _, radius = sphere_centre(prop)
    a, _ = dome_coordinates(prop, point)
    if a * a >= radius * radius * 0.98:
        return (0.0, 1.0, 0.0)
    across, up = picture_axes(prop.view)
    h = math.sqrt(radius * radius - a * a)
    return tuple((a * x + h * y) / radius for x, y in zip(across, up, strict=True))  # type: ignore[return-value]


def box_distance(p: Vec, low: Vec, high: Vec) -> float:
    """Signed distance from a point to an axis-aligned box (negative inside)."""
    qx = max(low[0] - p[0], p[0] - high[0])
    qy = max(low[1] - p[1], p[1] - high[1])
    qz = max(low[2] - p[2], p[2] - high[2])
    outside = math.sqrt(max(qx, 0.0) ** 2 + max(qy, 0.0) ** 2 + max(qz, 0.0) ** 2)
    return outside + min(max(qx, qy, qz), 0.0)


def solid_distance(prop: Placed, p: Vec) -> float:
    """Signed distance from a point to the solid prop (negative inside); large when the prop has no body."""
    if prop.name == "balance-trainer":
        centre, radius = sphere_centre(prop)
        rho = math.hypot(p[0] - prop.x, p[2] - prop.z)
        platform_low = 0.0 if prop.dome_up else DOME_HEIGHT
        platform = max(rho - PLATFORM_RADIUS, platform_low - p[1], p[1] - platform_low - PLATFORM_THICKNESS)
        if prop.dome_up:  # as drawn: the outline swept along the line of sight
            a, b = dome_coordinates(prop, p)
            cap = max(math.hypot(a, b) - radius, PLATFORM_THICKNESS - p[1])
        else:
            cap = max(math.dist(p, centre) - radius, p[1] - DOME_HEIGHT)
        return min(platform, cap)
    if prop.name in ("step", "bench"):
        x0, x1 = prop.x_range()
        bottom = 0.0 if prop.name == "step" else prop.height - BENCH_TOP
        return box_distance(p, (x0, bottom, prop.z - DEPTH_HALF), (x1, prop.height, prop.z + DEPTH_HALF))
    if prop.name == "wall":
        return (prop.x - p[0]) * prop.direction
    return 1e9
