"""The figure as SVG markup: the start pose faint behind the end pose, with arrows on what moves.

`svg(meta, title=..., alt=..., size="page" | "thumb" | "card")` is deterministic and compact: one path
per limb, coordinates rounded to the size's precision, colours only `currentColor` and
`var(--eg-figure-*, fallback)`. The title and the alt text are escaped: they come from contributors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape, quoteattr

from . import props as P
from .body import Body
from .check import scene_of
from .draw import ACCENT, FAR, GHOST, INK, PAPER, PROP, PROP_LIGHT, Camera, Capsule, Disc, Pen, Shape, body_shapes, bounds, box_faces, camera_for
from .scene import Scene

if TYPE_CHECKING:
    from .model import FigureMeta

Size = Literal["page", "thumb", "card"]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Profile:
    scale: float  # drawing units per cm
    decimals: int
    halo: float  # cm of paper-coloured outline around each limb
    line: float  # cm: outlines of props, the floor
    arrow: float  # cm: the arrow's stroke
    margin: float  # cm around the drawing
    width: int | None  # px, for a file shown with <img>
    nose: bool


PROFILES: dict[str, Profile] = {
    "page": Profile(scale=2.0, decimals=0, halo=2.4, line=0.9, arrow=2.6, margin=8.0, width=None, nose=True),
    "thumb": Profile(scale=0.5, decimals=0, halo=4.0, line=2.0, arrow=5.0, margin=8.0, width=160, nose=True),
    "card": Profile(scale=0.5, decimals=0, halo=4.0, line=2.0, arrow=5.0, margin=6.0, width=None, nose=True),
}


def svg(meta: FigureMeta, *, title: str, alt: str, size: Size = "page") -> str:
    """The figure of `meta` for a page (inline), a thumbnail (a file for <img>) or a routine card (inline)."""
    scene = scene_of(meta)
    camera = camera_for(scene, meta.camera.turn if meta.camera else None, meta.camera.above if meta.camera else None)
    return render(scene, camera, PROFILES[size], title=title, alt=alt, arrows_wanted=meta.arrows, thumb=size == "thumb")


def render(scene: Scene, camera: Camera, profile: Profile, *, title: str, alt: str, arrows_wanted: list[str] | None = None, thumb: bool = False) -> str:
    ghost = body_shapes(camera, scene.start.body, scene.start.body.right)
    final = body_shapes(camera, scene.end.body, scene.end.body.right)
    arrows = plan_arrows(scene, camera, final + ghost, arrows_wanted)
    box = bounds(ghost + final)
    arrow_points = [p for arrow in arrows for p in arrow.points()]
    if arrow_points:
        box = (min(box[0], min(p[0] for p in arrow_points) - 3), min(box[1], min(p[1] for p in arrow_points) - 3),
               max(box[2], max(p[0] for p in arrow_points) + 3), max(box[3], max(p[1] for p in arrow_points) + 3))
    floor_y = camera.project((0.0, 0.0, 0.0))[1]
    left, top, right, bottom = box[0], box[1], box[2], max(box[3], floor_y)
    prop_layers, prop_box = _props(scene, camera, (left, right))
    left, right = min(left, prop_box[0]), max(right, prop_box[2])
    top, bottom = min(top, prop_box[1]), max(bottom, prop_box[3])
    m = profile.margin
    left, top, right, bottom = left - m, top - m, right + m, bottom + m * 0.6
    pen = Pen(profile.scale, profile.decimals, (left, top))
    width, height = pen.n(right - left), pen.n(bottom - top)
    out: list[str] = []
    size_attrs = ""
    if profile.width:
        ratio = (bottom - top) / (right - left)
        size_attrs = f' width="{profile.width}" height="{round(profile.width * ratio)}"'
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"{size_attrs} role="img" aria-label={quoteattr(alt)} class="eg-fig" fill="none">'
        f"<title>{escape(title)}</title>"
    )
    if thumb:  # a file on its own has no page behind it: it brings its paper
        out.append(f'<rect width="{width}" height="{height}" rx="{pen.n(6)}" fill="{PAPER}"/>')
    # The floor: a line at the front edge of a faint band (the view looks slightly down on it).
    band_back = camera.project((0.0, 0.0, -40.0))[1]
    band_front = camera.project((0.0, 0.0, 40.0))[1]
    out.append(f'<path d="M0 {pen.n(band_back - top)}H{width}V{pen.n(band_front - top)}H0Z" fill="{PROP_LIGHT}" opacity=".6"/>')
    out.append(f'<path d="M0 {pen.n(band_front - top)}H{width}" stroke="{PROP}" stroke-width="{pen.n(profile.line)}"/>')
    for layer in prop_layers:
        out.append(layer(pen))
    out.append(f'<path d="{"".join(pen.capsule(c) for s in ghost for c in s.capsules)}" fill="{GHOST}"/>')
    out.append(f'<g stroke="{PAPER}" stroke-width="{pen.n(profile.halo)}" stroke-linejoin="round" paint-order="stroke">')
    for shape in _merge(final):
        out.append(f'<path d="{"".join(pen.capsule(c) for c in shape.capsules)}" fill="{FAR if shape.far else INK}"/>')
    out.append("</g>")
    for layer in _overlays(scene, camera):
        out.append(layer(pen))
    out.extend(_draw_arrow(pen, profile, arrow) for arrow in arrows)
    out.append("</svg>")
    return "".join(out)


def _merge(shapes: list[Shape]) -> list[Shape]:
    """Neighbouring shapes of the same tone become one path (fewer bytes; the painting order is kept)."""
    merged: list[Shape] = []
    for shape in shapes:
        if merged and merged[-1].far == shape.far and shape.far:
            last = merged[-1]
            merged[-1] = Shape(last.unit, last.capsules + shape.capsules, shape.depth, last.far)
        else:
            merged.append(shape)
    return merged


# ---- props -------------------------------------------------------------------------------------

Layer = "Callable[[Pen], str]"


def _props(scene: Scene, camera: Camera, span: tuple[float, float]) -> tuple[list, tuple[float, float, float, float]]:  # type: ignore[type-arg]
    layers = []
    xs: list[float] = []
    ys: list[float] = []

    def keep(points: list[Point]) -> None:
        xs.extend(p[0] for p in points)
        ys.extend(p[1] for p in points)

    for prop in scene.props:
        if prop.name == "mat":
            faces = box_faces(camera, (prop.x, -1.2, -32.0), (prop.x + prop.width, 0.0, 32.0))
            layers.append(_faces_layer(faces))
        elif prop.name == "balance-trainer":
            layers.append(_trainer(camera, prop, keep))
        elif prop.name in ("step", "bench"):
            x0, x1 = prop.x_range()
            faces = []
            if prop.name == "bench":
                for lx in (x0 + 3.0, x1 - 7.0):
                    faces += box_faces(camera, (lx, 0.0, -P.DEPTH_HALF + 6.0), (lx + 4.0, prop.height - P.BENCH_TOP, -P.DEPTH_HALF + 10.0))
                    faces += box_faces(camera, (lx, 0.0, P.DEPTH_HALF - 10.0), (lx + 4.0, prop.height - P.BENCH_TOP, P.DEPTH_HALF - 6.0))
                faces += box_faces(camera, (x0, prop.height - P.BENCH_TOP, -P.DEPTH_HALF), (x1, prop.height, P.DEPTH_HALF))
            else:
                faces = box_faces(camera, (x0, 0.0, -P.DEPTH_HALF), (x1, prop.height, P.DEPTH_HALF))
            for points, _ in faces:
                keep(points)
            layers.append(_faces_layer(faces))
        elif prop.name == "wall":
            layers.append(_wall(camera, prop, keep))
        elif prop.name == "band" and prop.anchor is not None:
            layers.append(_band_post(camera, prop, keep))
    if not xs:
        return layers, (span[0], math.inf, span[1], -math.inf)
    return layers, (min(xs), min(ys), max(xs), max(ys))


def _faces_layer(faces: list[tuple[list[Point], str]]):  # type: ignore[no-untyped-def]
    def draw(pen: Pen) -> str:
        return "".join(f'<path d="{pen.polygon(points)}" fill="{tone}" stroke="{PROP}" stroke-width="{pen.n(0.8)}" stroke-linejoin="round"/>' for points, tone in faces)

    return draw


def _trainer(camera: Camera, prop: P.Placed, keep):  # type: ignore[no-untyped-def]
    rp, t, rb = P.PLATFORM_RADIUS, P.PLATFORM_THICKNESS, P.DOME_BASE_RADIUS
    ry = lambda r: max(r * math.sin(math.radians(camera.above)), 0.01)  # noqa: E731
    up = prop.dome_up
    plat_low = 0.0 if up else P.DOME_HEIGHT
    base = camera.project((prop.x, plat_low, prop.z))
    top = camera.project((prop.x, plat_low + t, prop.z))
    dome_base = camera.project((prop.x, t if up else P.DOME_HEIGHT, prop.z))
    centre, radius = P.sphere_centre(prop)
    sc = camera.project(centre)
    keep([(base[0] - rp, base[1] + ry(rp)), (base[0] + rp, top[1] - ry(rp))])
    if up:
        keep([(sc[0], sc[1] - radius)])
    else:
        keep([(sc[0], sc[1] + radius)])

    def draw(pen: Pen) -> str:
        platform = (
            f"M{pen.xy(top[0] - rp, top[1])}L{pen.xy(base[0] - rp, base[1])}A{pen.n(rp)} {pen.n(ry(rp))} 0 0 0 {pen.xy(base[0] + rp, base[1])}"
            f"L{pen.xy(top[0] + rp, top[1])}A{pen.n(rp)} {pen.n(ry(rp))} 0 0 0 {pen.xy(top[0] - rp, top[1])}Z"
        )
        top_face = f"M{pen.xy(top[0] - rp, top[1])}A{pen.n(rp)} {pen.n(ry(rp))} 0 1 0 {pen.xy(top[0] + rp, top[1])}A{pen.n(rp)} {pen.n(ry(rp))} 0 1 0 {pen.xy(top[0] - rp, top[1])}Z"
        r = pen.n(radius)
        lx, rx, y = dome_base[0] - rb, dome_base[0] + rb, dome_base[1]
        if up:
            dome = f"M{pen.xy(lx, y)}A{r} {r} 0 1 1 {pen.xy(rx, y)}A{pen.n(rb)} {pen.n(ry(rb))} 0 0 1 {pen.xy(lx, y)}Z"
        else:
            dome = f"M{pen.xy(lx, y)}A{r} {r} 0 1 0 {pen.xy(rx, y)}Z"
        stroke = f'stroke="{INK}" stroke-width="{pen.n(0.9)}"'
        parts = [f'<path d="{dome}" fill="{PROP_LIGHT}" {stroke}/>'] if not up else []
        parts.append(f'<path d="{platform}" fill="{PROP}" {stroke}/><path d="{top_face}" fill="{PROP_LIGHT}" {stroke}/>')
        if up:
            parts.append(f'<path d="{dome}" fill="{PROP_LIGHT}" {stroke}/>')
        return "".join(parts)

    return draw


def _wall(camera: Camera, prop: P.Placed, keep):  # type: ignore[no-untyped-def]
    foot = camera.project((prop.x, 0.0, 0.0))
    face, back = foot[0], foot[0] + prop.direction * P.WALL_THICKNESS
    keep([(min(face, back), foot[1] - 200.0), (max(face, back), foot[1])])

    def draw(pen: Pen) -> str:
        x0, x1 = min(face, back), max(face, back)
        return f'<path d="{pen.polygon([(x0, foot[1] - 230.0), (x1, foot[1] - 230.0), (x1, foot[1]), (x0, foot[1])])}" fill="{PROP_LIGHT}" stroke="{PROP}" stroke-width="{pen.n(0.8)}"/>'

    return draw


def _band_post(camera: Camera, prop: P.Placed, keep):  # type: ignore[no-untyped-def]
    assert prop.anchor is not None
    a = camera.project(prop.anchor)
    floor = camera.project((prop.anchor[0], 0.0, prop.anchor[2]))
    keep([(a[0] - 4.0, a[1] - 40.0), (a[0] + 4.0, floor[1])])

    def draw(pen: Pen) -> str:
        return f'<path d="{pen.polygon([(a[0] - 2.5, a[1] - 60.0), (a[0] + 2.5, a[1] - 60.0), (floor[0] + 2.5, floor[1]), (floor[0] - 2.5, floor[1])])}" fill="{PROP}"/>'

    return draw


def _overlays(scene: Scene, camera: Camera):  # type: ignore[no-untyped-def]
    """What is drawn over the bodies: bands."""
    layers = []
    for prop in scene.props:
        if prop.name == "band" and prop.anchor is not None:
            anchor = camera.project(prop.anchor)
            for body, tone, width in ((scene.start.body, GHOST, 1.4), (scene.end.body, INK, 1.4)):
                hands = _mid(body.points["left.hand"], body.points["right.hand"])
                h = camera.project(hands)
                layers.append(_line(anchor, h, tone, width))
        if prop.name == "loop-band":
            for body, tone in ((scene.start.body, GHOST), (scene.end.body, PROP)):
                layers.append(_loop(camera, body, prop.option, tone))
    return layers


def _line(a: tuple[float, float, float], b: tuple[float, float, float], tone: str, width: float):  # type: ignore[no-untyped-def]
    def draw(pen: Pen) -> str:
        return f'<path d="M{pen.xy(a[0], a[1])}L{pen.xy(b[0], b[1])}" stroke="{tone}" stroke-width="{pen.n(width)}" stroke-linecap="round"/>'

    return draw


def _loop(camera: Camera, body: Body, where: str, tone: str):  # type: ignore[no-untyped-def]
    joint, up = {"knees": ("knee", 9.0), "ankles": ("ankle", 5.0), "thighs": ("knee", 20.0)}[where]
    points = []
    for side in ("left", "right"):
        low = body.points[f"{side}.{joint}"]
        high = body.points[f"{side}.hip"]
        d = math.dist(low, high)
        t = up / d
        points.append(camera.project((low[0] + (high[0] - low[0]) * t, low[1] + (high[1] - low[1]) * t, low[2] + (high[2] - low[2]) * t)))
    a, b = sorted(points)
    reach = 6.5 if joint == "knee" else 4.5

    def draw(pen: Pen) -> str:
        return (
            f'<path d="M{pen.xy(a[0] - reach, a[1])}L{pen.xy(b[0] + reach, b[1])}" stroke="{PAPER}" stroke-width="{pen.n(4.6)}" stroke-linecap="round"/>'
            f'<path d="M{pen.xy(a[0] - reach, a[1])}L{pen.xy(b[0] + reach, b[1])}" stroke="{tone}" stroke-width="{pen.n(2.6)}" stroke-linecap="round"/>'
        )

    return draw


def _mid(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
    return ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0)


# ---- arrows ------------------------------------------------------------------------------------

ARROW_POINTS = {
    "head": "head", "chest": "chest", "pelvis": "pelvis",
    **{f"{s}.{p}": f"{s}.{q}" for s in ("left", "right") for p, q in (("hand", "hand"), ("elbow", "elbow"), ("knee", "knee"), ("foot", "ankle"), ("heel", "heel"), ("toes", "toes"))},
}  # fmt: skip
TRUNK_POINTS = ("head", "chest", "pelvis")


def _limb(name: str) -> str:
    if name in TRUNK_POINTS:
        return "trunk"
    side, part = name.split(".")
    return f"{side}.{'arm' if part in ('hand', 'elbow') else 'leg'}"


@dataclass(frozen=True, slots=True)
class Arrow:
    start: Point
    control: Point
    shaft_end: Point
    head: tuple[Point, Point, Point]

    def points(self) -> list[Point]:
        return [self.start, self.control, self.shaft_end, *self.head]


def moving_points(scene: Scene, camera: Camera) -> list[tuple[str, float, Point, Point]]:
    """Body points by how much they move on the screen, most first. A limb's point counts what it moves
    relative to the pelvis (a hand carried down by a squat does not move); the trunk's, all it moves."""
    def screen(body: Body, point: str) -> Point:
        x, y, _ = camera.project(body.points[point])
        return (x, y)

    start, end = scene.start.body, scene.end.body
    p0, p1 = screen(start, "pelvis"), screen(end, "pelvis")
    carried = (p1[0] - p0[0], p1[1] - p0[1])
    found = []
    for name, point in ARROW_POINTS.items():
        a, b = screen(start, point), screen(end, point)
        moved = (b[0] - a[0], b[1] - a[1]) if name in TRUNK_POINTS else (b[0] - a[0] - carried[0], b[1] - a[1] - carried[1])
        found.append((name, math.hypot(*moved), a, b))
    found.sort(key=lambda item: -item[1])
    return found


def plan_arrows(scene: Scene, camera: Camera, shapes: list[Shape], chosen: list[str] | None) -> list[Arrow]:
    moves = moving_points(scene, camera)
    if chosen:
        picked = [m for m in moves if m[0] in chosen]
    else:
        picked = []
        first = moves[0]
        if first[0] in ("head", "chest"):  # the trunk moves: show it at the hips when they move too
            pelvis = next(m for m in moves if m[0] == "pelvis")
            first = pelvis if pelvis[1] >= 0.55 * first[1] else first
        if first[1] >= 4.0:
            picked.append(first)
            for move in moves:
                if len(picked) == 2 or move[1] < max(0.6 * first[1], 8.0):
                    break
                if _limb(move[0]) == _limb(first[0]) or math.dist(move[3], first[3]) < 25.0:
                    continue
                picked.append(move)
    return [_arrow(a, b, shapes) for _, _, a, b in picked]


def _clearance(point: Point, shapes: list[Shape]) -> float:
    best = math.inf
    for shape in shapes:
        for c in shape.capsules:
            ax, ay, bx, by = c.a.x, c.a.y, c.b.x, c.b.y
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            t = 0.0 if length2 < 1e-9 else max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / length2))
            r = c.a.r + (c.b.r - c.a.r) * t
            best = min(best, math.hypot(point[0] - ax - dx * t, point[1] - ay - dy * t) - r)
    return best


MIN_ARROW = 14.0  # cm: shorter moves (a heel rising) still get an arrow one can see


def _arrow(a: Point, b: Point, shapes: list[Shape]) -> Arrow:
    """A curved arrow beside the path from a to b, on the side with more room, clear of the body."""
    length = math.dist(a, b)
    if length < 1e-6:
        a, b, length = (a[0], a[1] + MIN_ARROW / 2), (b[0], b[1] - MIN_ARROW / 2), MIN_ARROW
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    mid = ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0)
    if length < MIN_ARROW:
        a = (mid[0] - ux * MIN_ARROW / 2, mid[1] - uy * MIN_ARROW / 2)
        b = (mid[0] + ux * MIN_ARROW / 2, mid[1] + uy * MIN_ARROW / 2)
        length = MIN_ARROW
    best: tuple[float, float, float] | None = None
    for sign in (1.0, -1.0):
        nx, ny = -uy * sign, ux * sign
        for offset in (6.0, 9.0, 12.0, 16.0, 20.0):
            probe = (mid[0] + nx * (offset + 0.12 * length), mid[1] + ny * (offset + 0.12 * length))
            room = min(_clearance(probe, shapes), _clearance((a[0] + nx * offset, a[1] + ny * offset), shapes) + 3.0, _clearance((b[0] + nx * offset, b[1] + ny * offset), shapes) + 3.0)
            score = room - 0.15 * offset
            if room >= 3.0 or offset == 20.0:
                if best is None or score > best[0]:
                    best = (score, sign, offset)
                break
    assert best is not None
    _, sign, offset = best
    nx, ny = -uy * sign, ux * sign
    shrink = min(5.0, length * 0.12)
    a2 = (a[0] + nx * offset + ux * shrink, a[1] + ny * offset + uy * shrink)
    b2 = (b[0] + nx * offset - ux * shrink, b[1] + ny * offset - uy * shrink)
    bulge = 0.15 * length
    c = (mid[0] + nx * (offset + bulge), mid[1] + ny * (offset + bulge))
    tx, ty = b2[0] - c[0], b2[1] - c[1]
    tl = math.hypot(tx, ty)
    tx, ty = tx / tl, ty / tl
    head = 7.0
    tip = (b2[0] + tx * head * 0.3, b2[1] + ty * head * 0.3)
    back = (tip[0] - tx * head, tip[1] - ty * head)
    wing1 = (back[0] - ty * head * 0.55, back[1] + tx * head * 0.55)
    wing2 = (back[0] + ty * head * 0.55, back[1] - tx * head * 0.55)
    shaft_end = (tip[0] - tx * head * 0.75, tip[1] - ty * head * 0.75)
    return Arrow(a2, c, shaft_end, (tip, wing1, wing2))


def _draw_arrow(pen: Pen, profile: Profile, arrow: Arrow) -> str:
    d = f"M{pen.xy(*arrow.start)}Q{pen.xy(*arrow.control)} {pen.xy(*arrow.shaft_end)}"
    return (
        f'<path d="{d}" stroke="{PAPER}" stroke-width="{pen.n(profile.arrow + 2.0)}" stroke-linecap="round"/>'
        f'<path d="{d}" stroke="{ACCENT}" stroke-width="{pen.n(profile.arrow)}" stroke-linecap="round"/>'
        f'<path d="{pen.polygon(list(arrow.head))}" fill="{ACCENT}" stroke="{PAPER}" stroke-width="{pen.n(1.0)}" stroke-linejoin="round"/>'
    )


__all__ = ["svg", "render", "PROFILES", "Size", "Disc", "Capsule"]
