"""The figure as SVG markup: the start pose faint behind the end pose, with arrows on what moves.

`svg(meta, title=..., alt=..., size="page" | "thumb" | "card")` is deterministic and compact: one path
per limb, props merged into a path per tone, coordinates rounded to the size's grid and written as
relative steps; colours only `currentColor` and `var(--eg-figure-*, fallback)`. The title and the alt
text are escaped: they come from contributors.

The start pose is drawn as a light silhouette behind the end pose (one picture) rather than in a panel
of its own: it keeps the figure as narrow as one pose (a routine card has a small cell for it), the
two poses share the props and the floor so the change is seen where it happens, and the arrow goes
from where a part was to where it is. `layout="panels"` (side by side) exists for comparison.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape, quoteattr

from . import kept
from . import props as P
from .body import Body
from .checks import scene_of
from .draw import (
    ACCENT,
    FAR,
    GHOST,
    GHOST_SMALL,
    INK,
    INSIDE,
    PAPER,
    PROP,
    PROP_LIGHT,
    SMALL,
    Camera,
    Capsule,
    Disc,
    Pen,
    Shape,
    body_shapes,
    bounds,
    box_faces,
    camera_for,
)
from .scene import Scene

if TYPE_CHECKING:
    from .model import FigureMeta

Size = Literal["page", "thumb", "card"]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Profile:
    scale: float  # drawing units per cm
    halo: float  # cm of paper-coloured outline around each limb
    line: float  # cm: the floor line
    edge: float  # cm: outlines of props (0: none)
    arrow: float  # cm: the arrow's stroke
    margin: float  # cm around the drawing
    width: int | None  # px, for a file shown with <img>
    paper: bool  # brings its own background (a file on its own)
    small: bool  # leaves out parts too small to show (and the mat, and the arrow's outline)
    aspect: float | None  # width / height the picture is padded to, so that a list or a card lines them up
    ghost_line: float  # cm: the start pose's outline (0: none)
    naming: Literal["title and alt", "title", "hidden"]  # what it says of itself to assistive technology


# The sizes side by side (a card's figure is the thumbnail drawn inline: the page's colours, a narrower
# margin, no name of its own, as the row names the exercise).
PROFILES: dict[str, Profile] = {
    #                scale  halo  line  edge  arrow  margin  width  paper  small  aspect  ghost_line  naming
    "page":  Profile(2.0,   2.4,  0.9,  0.8,  3.2,   8.0,    None,  False, False, None,   0.35,       "title and alt"),
    "thumb": Profile(0.5,   4.0,  2.0,  1.2,  5.0,   6.0,    160,   True,  True,  4 / 3,  0.0,        "title"),
    "card":  Profile(0.5,   4.0,  2.0,  1.2,  5.0,   5.0,    None,  False, True,  4 / 3,  0.0,        "hidden"),
}  # fmt: skip


def svg(meta: FigureMeta, *, title: str, alt: str, size: Size = "page", layout: Literal["overlay", "panels"] = "overlay") -> str:
    """The figure of `meta` for a page (inline), a thumbnail (a file for <img>) or a routine card (inline).
    Kept on disk between runs (kept.py), by everything it is drawn from."""

    def draw() -> str:
        scene = scene_of(meta)
        camera, profile = camera_for(scene), PROFILES[size]
        return render(scene, camera, profile, title=title, alt=alt, arrows_wanted=meta.arrows, layout=layout, detail=meta.detail)

    return kept.recall("drawing", json.dumps([meta.model_dump_json(), title, alt, size, layout]), draw)


# ---- pieces: what is drawn, in screen cm, before it is written -----------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """One shape: its path (written by the pen), its fill and its outline. Pieces in a row with the same
    look become one path element."""

    draw: Callable[[Pen], str]
    fill: str
    stroke: str | None = None
    width: float = 0.0  # cm
    points: tuple[Point, ...] = ()  # for the bounds


@dataclass
class Drawing:
    pieces: list[Piece] = field(default_factory=list)

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)

    def box(self) -> tuple[float, float, float, float] | None:
        points = [p for piece in self.pieces for p in piece.points]
        if not points:
            return None
        return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))

    def write(self, pen: Pen, edge: float) -> str:
        out: list[str] = []
        run: list[Piece] = []

        def flush() -> None:
            if run:
                first = run[0]
                stroke = (
                    f' stroke="{first.stroke}" stroke-width="{pen.width(first.width or edge)}"'
                    if first.stroke and (first.width or edge)
                    else ""
                )
                out.append(f'<path d="{"".join(p.draw(pen) for p in run)}" fill="{first.fill}"{stroke}/>')
                run.clear()

        for piece in self.pieces:
            if run and (run[0].fill, run[0].stroke, run[0].width) != (piece.fill, piece.stroke, piece.width):
                flush()
            run.append(piece)
        flush()
        return "".join(out)


def _polygon(points: list[Point], fill: str, stroke: str | None = PROP) -> Piece:
    return Piece(lambda pen: pen.polygon(points), fill, stroke, 0.0, tuple(points))


# ---- the picture ---------------------------------------------------------------------------------


def render(
    scene: Scene,
    camera: Camera,
    profile: Profile,
    *,
    title: str,
    alt: str,
    arrows_wanted: list[str] | None = None,
    layout: Literal["overlay", "panels"] = "overlay",
    detail: str | None = None,
) -> str:
    ghost = body_shapes(camera, scene.start.body, scene.start.body.right, GHOST_SMALL if profile.small else INSIDE)
    final = body_shapes(camera, scene.end.body, scene.end.body.right, SMALL if profile.small else INSIDE, scene.end.supports)
    props = _props(scene, camera, profile)
    panels = layout == "panels"
    if panels:  # the start in full tones on the left, the end on the right, the same props under each
        start_full = body_shapes(
            camera, scene.start.body, scene.start.body.right, SMALL if profile.small else INSIDE, scene.start.supports
        )
        box0 = _union(bounds(start_full), props.box())
        shift = box0[2] - box0[0] + 25.0
        final = [_shifted(shape, shift) for shape in final]
    arrows = [] if panels else _arrows_for(scene, camera, arrows_wanted)
    box = _union(bounds(ghost + final), props.box())
    for arrow in arrows:
        box = _union(box, _box_of(arrow.points(), 3.0))
    floor_y = camera.project((0.0, 0.0, 40.0))[1]
    for prop in scene.props:  # a band's post stands on the floor band, even when the turned camera brings it nearer
        if prop.name == "band" and prop.anchor is not None:
            floor_y = max(floor_y, camera.project((prop.anchor[0], 0.0, prop.anchor[2]))[1] + 3.0)
    inset = _inset_place(scene, camera, detail, box, floor_y) if detail and not profile.small and not panels else None
    if inset is not None:
        box = _union(
            box,
            (
                inset.centre[0] - inset.radius - 2,
                inset.centre[1] - inset.radius - 2,
                inset.centre[0] + inset.radius + 2,
                inset.centre[1] + inset.radius + 2,
            ),
        )
        box = _union(box, _box_of([inset.focus], INSET_REACH * 0.75 + 2))  # the dashed ring around the part
    m = profile.margin
    left, top, right, bottom = box[0] - m, box[1] - m, box[2] + m, max(box[3], floor_y) + m * 0.6
    if profile.aspect:  # pad the short side, the floor staying at the bottom
        w, h = right - left, bottom - top
        if w / h < profile.aspect:
            extra = h * profile.aspect - w
            left, right = left - extra / 2, right + extra / 2
        else:
            top -= w / profile.aspect - h
    pen = Pen(profile.scale, (left, top))
    width, height = pen.n(right - left), pen.n(bottom - top)
    size = ""
    if profile.width:
        size = f' width="{profile.width}" height="{round(profile.width * (bottom - top) / (right - left))}"'
    # On a page the figure names itself: its title and the alt text. A thumbnail is a file shown by <img>,
    # whose alt attribute describes it: the file keeps its title. On a card the exercise's name is printed
    # beside it: the picture is decoration there, hidden from screen readers.
    naming = {
        "title and alt": f' role="img" aria-label={quoteattr(alt)}><title>{escape(title)}</title>',
        "title": f' role="img"><title>{escape(title)}</title>',
        "hidden": ' aria-hidden="true">',
    }[profile.naming]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"{size}'
        f' class="eg-fig" fill="none" stroke-linejoin="round" stroke-linecap="round"{naming}'
    ]
    if profile.paper:  # a file on its own has no page behind it: it brings its paper
        out.append(f'<rect width="{width}" height="{height}" rx="{pen.n(6)}" fill="{PAPER}"/>')
    # The floor: a faint band (the view looks a little down on it) with a line at its front edge.
    back, front = camera.project((0.0, 0.0, -40.0))[1], floor_y
    if not profile.small:
        out.append(f'<path d="M0 {pen.n(back - top)}H{width}V{pen.n(front - top)}H0Z" fill="{PROP_LIGHT}" opacity=".6"/>')
    out.append(f'<path d="M0 {pen.n(front - top)}H{width}" stroke="{PROP}" stroke-width="{pen.width(profile.line)}"/>')
    out.append(props.write(pen, profile.edge))
    if panels:
        out.append(_moved_props(props, shift).write(pen, profile.edge))
        out.append(_bodies(pen, profile, start_full))
    else:
        out.append(_ghost(pen, profile, "".join(pen.capsule(c) for s in ghost for c in s.capsules)))
    out.append(_bodies(pen, profile, final, () if profile.small else eyes_of(camera, scene.end.body)))
    out.append(_overlays(scene, camera, profile, shift if panels else 0.0).write(pen, 0.0))
    out.extend(_draw_arrow(pen, profile, arrow) for arrow in arrows)
    if inset is not None:
        out.append(_draw_inset(inset, pen, profile, ghost, final, props, front, arrows))
    out.append("</svg>")
    return "".join(out)


# ---- a magnified detail ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Inset:
    """A round window that shows the part a cue is about (a heel rising) larger, beside the figure."""

    focus: Point  # what it magnifies, screen cm
    centre: Point  # where the window is, screen cm
    radius: float  # of the window, cm
    zoom: float


INSET_REACH = 21.0  # cm around the focus that the window shows
INSET_ZOOM = 2.0


def _inset_place(scene: Scene, camera: Camera, detail: str, box: tuple[float, float, float, float], floor_y: float) -> Inset:
    point = ARROW_POINTS[detail]
    side = detail.split(".")[0]
    # a foot's detail frames the whole foot (heel to ball) in both keyframes; others, the point itself
    names = [f"{side}.heel", f"{side}.ball"] if detail.endswith((".heel", ".toes", ".foot")) else [point]
    seen = [camera.project(body.points[name]) for body in scene.bodies for name in names]
    focus = (sum(p[0] for p in seen) / len(seen), sum(p[1] for p in seen) / len(seen))
    radius = INSET_REACH * INSET_ZOOM
    # beside the figure, on the side away from the focus, its lower edge a little above the floor
    away = -1.0 if focus[0] > (box[0] + box[2]) / 2.0 else 1.0
    x = (box[2] + radius + 4.0) if away > 0 else (box[0] - radius - 4.0)
    y = floor_y - radius - 12.0
    return Inset(focus, (x, y), radius, INSET_ZOOM)


def _draw_inset(
    inset: Inset,
    pen: Pen,
    profile: Profile,
    ghost: list[Shape],
    final: list[Shape],
    props: Drawing,
    floor_y: float,
    arrows: list[Arrow],
) -> str:
    """The window: a ring, a leader to the part, and inside it the same picture, larger and clipped."""
    zoom = inset.zoom
    # a pen that draws the world around the focus into the window: (p - focus) * zoom + centre
    origin = (
        inset.focus[0] - (inset.centre[0] - pen.origin[0]) / zoom,
        inset.focus[1] - (inset.centre[1] - pen.origin[1]) / zoom,
    )
    near = Pen(pen.scale * zoom, origin)
    reach = INSET_REACH + 12.0

    def close(shape: Shape) -> list[Capsule]:
        return [
            c
            for c in shape.capsules
            if min(math.dist((c.a.x, c.a.y), inset.focus) - c.a.r, math.dist((c.b.x, c.b.y), inset.focus) - c.b.r) < reach
            or _crosses(c, inset.focus, reach)
        ]

    ghost_d = "".join(near.capsule(c) for shape in ghost for c in close(shape))
    # An id for the clip, the same for the same figure (a page may show it twice: the same clip then)
    ident = "eg-d" + hashlib.sha1(f"{ghost_d}{inset.centre}".encode()).hexdigest()[:8]
    cx, cy, r = pen.n(inset.centre[0] - pen.origin[0]), pen.n(inset.centre[1] - pen.origin[1]), pen.n(inset.radius)
    body = [Shape(s.unit, tuple(close(s)), s.depth, s.far) for s in final]
    inner = [
        f'<path d="M{near.xy(inset.focus[0] - reach * 2, floor_y)}l{near.n(reach * 4)} 0" stroke="{PROP}" '
        f'stroke-width="{pen.width(profile.line)}"/>',
        props.write(near, profile.edge / zoom),
        _ghost(near, replace(profile, ghost_line=profile.ghost_line / zoom), ghost_d) if ghost_d else "",
        _bodies(near, replace(profile, halo=profile.halo / zoom * 1.6), [b for b in body if b.capsules]),
    ]
    # the part's own arrow, larger
    inner += [
        _draw_arrow(near, replace(profile, arrow=profile.arrow / zoom * 1.6), arrow)
        for arrow in arrows
        if math.dist(arrow.start, inset.focus) < reach
    ]
    return (
        f'<clipPath id="{ident}"><circle cx="{cx}" cy="{cy}" r="{r}"/></clipPath>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{PAPER}"/>'
        f'<g clip-path="url(#{ident})">{"".join(inner)}</g>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" stroke="{PROP}" stroke-width="{pen.width(1.0)}"/>'
        f'<circle cx="{pen.n(inset.focus[0] - pen.origin[0])}" cy="{pen.n(inset.focus[1] - pen.origin[1])}" '
        f'r="{pen.n(INSET_REACH * 0.75)}" stroke="{PROP}" stroke-width="{pen.width(0.8)}" stroke-dasharray="{pen.n(2)}"/>'
    )


def _crosses(c: Capsule, point: Point, reach: float) -> bool:
    """Whether a capsule's axis passes within `reach` of a point (a long shin crossing the window)."""
    ax, ay, bx, by = c.a.x, c.a.y, c.b.x, c.b.y
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 < 1e-9 else max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / length2))
    return math.hypot(point[0] - ax - dx * t, point[1] - ay - dy * t) < reach + max(c.a.r, c.b.r)


def _ghost(pen: Pen, profile: Profile, d: str) -> str:
    """The start pose: a light silhouette with a thin outline (under its fill: only its outer edge shows), so
    that it reads as a figure, not a haze, where it comes out from behind the end pose. The outline is in
    the props' tone, lighter than the far limbs' fill: a far limb must not look like part of the start."""
    if not profile.ghost_line:
        return f'<path d="{d}" fill="{GHOST}"/>'
    return (
        f'<path d="{d}" fill="{GHOST}" stroke="{PROP}" stroke-width="{pen.width(profile.ghost_line * 2)}" paint-order="stroke"/>'
    )


def _bodies(pen: Pen, profile: Profile, shapes: list[Shape], eyes: tuple[Disc, ...] = ()) -> str:
    """The limbs far to near, each outlined in the paper colour; the eyes (paper-coloured dots) on the head,
    under whatever limb is nearer than it."""
    inner = []
    for shape in _merge(shapes):
        inner.append(f'<path d="{"".join(pen.capsule(c) for c in shape.capsules)}" fill="{FAR if shape.far else INK}"/>')
        if shape.unit == "trunk" and eyes:
            inner.append(f'<path d="{"".join(pen.circle(e) for e in eyes)}" fill="{PAPER}" stroke="none"/>')
    return f'<g stroke="{PAPER}" stroke-width="{pen.width(profile.halo)}" paint-order="stroke">{"".join(inner)}</g>'


EYE = 1.3  # cm: the radius of an eye's dot


def eyes_of(camera: Camera, body: Body) -> tuple[Disc, ...]:
    """The eyes the camera sees: those on the side of the head turned toward it."""
    seen = []
    skull = body.points["skull"]
    for side in ("left", "right"):
        eye = body.points[f"{side}.eye"]
        out = (eye[0] - skull[0], eye[1] - skull[1], eye[2] - skull[2])  # the camera has no offset: depth is linear
        if camera.project(out)[2] > 0.25 * math.dist(eye, skull):
            x, y, _ = camera.project(eye)
            seen.append(Disc(x, y, EYE))
    return tuple(seen)


def _union(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float] | None
) -> tuple[float, float, float, float]:
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _box_of(points: list[Point], pad: float) -> tuple[float, float, float, float]:
    return (
        min(p[0] for p in points) - pad,
        min(p[1] for p in points) - pad,
        max(p[0] for p in points) + pad,
        max(p[1] for p in points) + pad,
    )


def _shifted(shape: Shape, dx: float) -> Shape:
    moved = tuple(Capsule(Disc(c.a.x + dx, c.a.y, c.a.r), Disc(c.b.x + dx, c.b.y, c.b.r)) for c in shape.capsules)
    return Shape(shape.unit, moved, shape.depth, shape.far)


def _moved_props(drawing: Drawing, dx: float) -> Drawing:
    moved = Drawing()
    for piece in drawing.pieces:
        original: Callable[[Pen], str] = piece.draw

        def draw(pen: Pen, original: Callable[[Pen], str] = original) -> str:
            return _with_offset(pen, dx, original)

        moved.add(
            Piece(
                draw,
                piece.fill,
                piece.stroke,
                piece.width,
                tuple((x + dx, y) for x, y in piece.points),
            )
        )
    return moved


def _with_offset(pen: Pen, dx: float, draw: Callable[[Pen], str]) -> str:
    shifted = Pen(pen.scale, (pen.origin[0] - dx, pen.origin[1]))
    return draw(shifted)


def _merge(shapes: list[Shape]) -> list[Shape]:
    """Neighbouring far limbs become one path (fewer bytes; the painting order is kept)."""
    merged: list[Shape] = []
    for shape in shapes:
        if merged and merged[-1].far and shape.far:
            last = merged[-1]
            merged[-1] = Shape(last.unit, last.capsules + shape.capsules, shape.depth, True)
        else:
            merged.append(shape)
    return merged


# ---- props -------------------------------------------------------------------------------------


def _props(scene: Scene, camera: Camera, profile: Profile) -> Drawing:
    drawing = Drawing()
    for prop in scene.props:
        if prop.name == "mat" and profile.small:
            continue  # in a small picture the floor band is enough
        if prop.name == "mat":
            for points, tone in box_faces(camera, (prop.x, -1.2, -32.0), (prop.x + prop.width, 0.0, 32.0)):
                drawing.add(_polygon(points, tone))
        elif prop.name == "balance-trainer":
            _trainer(drawing, camera, prop)
        elif prop.name in ("step", "bench"):
            x0, x1 = prop.x_range()
            if prop.name == "bench":
                top = prop.height - P.BENCH_TOP
                ends = (-P.DEPTH_HALF + 8.0,) if profile.small else (-P.DEPTH_HALF + 8.0, P.DEPTH_HALF - 8.0)
                for lx in (x0 + 3.0, x1 - 7.0):
                    for z in ends:
                        for points, tone in box_faces(camera, (lx, 0.0, z - 2.0), (lx + 4.0, top, z + 2.0))[
                            -1 if profile.small else 0 :
                        ]:
                            drawing.add(_polygon(points, tone))
                low = top
            else:
                low = 0.0
            for points, tone in box_faces(camera, (x0, low, -P.DEPTH_HALF), (x1, prop.height, P.DEPTH_HALF)):
                drawing.add(_polygon(points, tone))
        elif prop.name == "wall":
            foot = camera.project((prop.x, 0.0, 0.0))
            face, back = foot[0], foot[0] + prop.direction * P.WALL_THICKNESS
            x0, x1 = min(face, back), max(face, back)
            drawing.add(_polygon([(x0, foot[1] - 210.0), (x1, foot[1] - 210.0), (x1, foot[1]), (x0, foot[1])], PROP_LIGHT))
        elif prop.name == "band" and prop.anchor is not None:
            a = camera.project(prop.anchor)
            floor = camera.project((prop.anchor[0], 0.0, prop.anchor[2]))
            drawing.add(
                _polygon(
                    [
                        (a[0] - 2.5, a[1] - 60.0),
                        (a[0] + 2.5, a[1] - 60.0),
                        (floor[0] + 2.5, floor[1]),
                        (floor[0] - 2.5, floor[1]),
                    ],
                    PROP,
                    None,
                )
            )
    return drawing


def _trainer(drawing: Drawing, camera: Camera, prop: P.Placed) -> None:
    """A dome on a round platform (dome up), or the platform on top of the dome (dome down)."""
    rp, t, rb = P.PLATFORM_RADIUS, P.PLATFORM_THICKNESS, P.DOME_BASE_RADIUS
    tilt = math.sin(math.radians(camera.above))
    up = prop.dome_up
    low = 0.0 if up else P.DOME_HEIGHT
    base = camera.project((prop.x, low, prop.z))
    top = camera.project((prop.x, low + t, prop.z))
    chord = camera.project((prop.x, t if up else P.DOME_HEIGHT, prop.z))
    centre, radius = P.sphere_centre(prop)
    sc = camera.project(centre)
    ry_p, ry_b = max(rp * tilt, 0.01), max(rb * tilt, 0.01)

    def platform(pen: Pen) -> str:
        return pen.path(
            [
                ("M", [top[0] - rp, top[1]]),
                ("L", [base[0] - rp, base[1]]),
                ("A", [rp, ry_p, 0, 0, 0, base[0] + rp, base[1]]),
                ("L", [top[0] + rp, top[1]]),
                ("A", [rp, ry_p, 0, 0, 0, top[0] - rp, top[1]]),
                ("Z", []),
            ]
        )

    def top_face(pen: Pen) -> str:
        return pen.path(
            [
                ("M", [top[0] - rp, top[1]]),
                ("A", [rp, ry_p, 0, 1, 0, top[0] + rp, top[1]]),
                ("A", [rp, ry_p, 0, 1, 0, top[0] - rp, top[1]]),
                ("Z", []),
            ]
        )

    def dome(pen: Pen) -> str:
        lx, rx, y = chord[0] - rb, chord[0] + rb, chord[1]
        if up:
            return pen.path(
                [("M", [lx, y]), ("A", [radius, radius, 0, 0, 1, rx, y]), ("A", [rb, ry_b, 0, 0, 1, lx, y]), ("Z", [])]
            )
        return pen.path([("M", [lx, y]), ("A", [radius, radius, 0, 0, 0, rx, y]), ("Z", [])])

    outline = (base[0] - rp, base[1] + ry_p), (base[0] + rp, top[1] - ry_p), (sc[0], sc[1] - radius if up else sc[1] + radius)
    pieces = [Piece(platform, PROP, INK, 0.9, outline), Piece(top_face, PROP_LIGHT, INK, 0.9), Piece(dome, PROP_LIGHT, INK, 0.9)]
    if not up:
        pieces = [pieces[2], pieces[0], pieces[1]]
    for piece in pieces:
        drawing.add(piece)


def _overlays(scene: Scene, camera: Camera, profile: Profile, shift: float) -> Drawing:
    """What is drawn over the bodies: a band from its anchor to the hands, a loop band around the legs."""
    drawing = Drawing()
    for prop in scene.props:
        if prop.name == "band" and prop.anchor is not None:
            anchor = camera.project(prop.anchor)
            for body, tone, dx in ((scene.start.body, GHOST, 0.0), (scene.end.body, INK, shift)):
                h = camera.project(_mid(body.points["left.hand"], body.points["right.hand"]))
                drawing.add(_line((anchor[0] + dx, anchor[1]), (h[0] + dx, h[1]), tone, 1.4))
        if prop.name == "loop-band":
            for body, tone, dx in ((scene.start.body, GHOST, 0.0), (scene.end.body, INK, shift)):
                if profile.small and tone == GHOST:
                    continue
                a, b = _loop_ends(camera, body, prop.option)
                drawing.add(_line((a[0] + dx, a[1]), (b[0] + dx, b[1]), PAPER, 6.0))  # the band stands out from the legs
                drawing.add(_line((a[0] + dx, a[1]), (b[0] + dx, b[1]), tone, 3.4))
    return drawing


def _line(a: Point, b: Point, tone: str, width: float) -> Piece:
    return Piece(lambda pen: pen.path([("M", [*a]), ("L", [*b])]), "none", tone, width, (a, b))


def _loop_ends(camera: Camera, body: Body, where: str) -> tuple[Point, Point]:
    """The loop band across both legs, a little above the knees (or at the ankles, or around the thighs)."""
    joint, up = {"knees": ("knee", 9.0), "ankles": ("ankle", 5.0), "thighs": ("knee", 20.0)}[where]
    points = []
    for side in ("left", "right"):
        low, high = body.points[f"{side}.{joint}"], body.points[f"{side}.hip"]
        t = up / math.dist(low, high)
        x, y, _ = camera.project(
            (low[0] + (high[0] - low[0]) * t, low[1] + (high[1] - low[1]) * t, low[2] + (high[2] - low[2]) * t)
        )
        points.append((x, y))
    a, b = sorted(points)
    reach = 6.5 if joint == "knee" else 4.5
    return (a[0] - reach, a[1]), (b[0] + reach, b[1])


def _mid(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
    return ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0)


# ---- arrows ------------------------------------------------------------------------------------

_LIMB_ARROWS = (("hand", "hand"), ("elbow", "elbow"), ("knee", "knee"), ("foot", "ankle"), ("heel", "heel"), ("toes", "toes"))
ARROW_POINTS = {
    "head": "head",
    "chest": "chest",
    "pelvis": "pelvis",
    **{f"{s}.{p}": f"{s}.{q}" for s in ("left", "right") for p, q in _LIMB_ARROWS},
}
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


_ARROWS: dict[tuple[int, Camera, tuple[str, ...] | None], tuple[Scene, list[Arrow]]] = {}


def _arrows_for(scene: Scene, camera: Camera, chosen: list[str] | None) -> list[Arrow]:
    """The arrows of a scene, worked out once for its three sizes (they are the same in cm)."""
    key = (id(scene), camera, tuple(chosen) if chosen is not None else None)
    held = _ARROWS.get(key)
    if held is not None and held[0] is scene:
        return held[1]
    if len(_ARROWS) > 256:
        _ARROWS.clear()
    shapes = body_shapes(camera, scene.end.body, scene.end.body.right) + body_shapes(
        camera, scene.start.body, scene.start.body.right
    )
    arrows = plan_arrows(scene, camera, shapes, chosen)
    _ARROWS[key] = (scene, arrows)
    return arrows


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
    x0, y0, x1, y1 = bounds(shapes)
    shortest = max(MIN_ARROW, ARROW_SHARE * max(x1 - x0, y1 - y0))  # what a reader notices at the figure's scale
    floor = camera.project((0.0, 0.0, 0.0))[1]
    return [_arrow(a, b, shapes, shortest, floor) for _, _, a, b in picked]


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


MIN_ARROW = 24.0  # cm: shorter moves (a heel rising, hips lifting a hand) still get an arrow one notices
ARROW_SHARE = 0.17  # ... and no shorter than this share of the figure's size: a tall figure is drawn smaller


def _arrow(a: Point, b: Point, shapes: list[Shape], shortest: float = MIN_ARROW, floor: float = math.inf) -> Arrow:
    """A curved arrow beside the path from a to b, on the side with more room, clear of the body and above
    the floor (screen y `floor`) where it can be; at least `shortest` long."""
    length = math.dist(a, b)
    if length < 1e-6:
        a, b, length = (a[0], a[1] + shortest / 2), (b[0], b[1] - shortest / 2), shortest
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    mid = ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0)
    if length < shortest:
        a = (mid[0] - ux * shortest / 2, mid[1] - uy * shortest / 2)
        b = (mid[0] + ux * shortest / 2, mid[1] + uy * shortest / 2)
        length = shortest
    best: tuple[float, float, float] | None = None
    for sign in (1.0, -1.0):
        nx, ny = -uy * sign, ux * sign
        for offset in (6.0, 9.0, 12.0, 16.0, 20.0):
            probe = (mid[0] + nx * (offset + 0.12 * length), mid[1] + ny * (offset + 0.12 * length))
            room = min(
                _clearance(probe, shapes),
                _clearance((a[0] + nx * offset, a[1] + ny * offset), shapes) + 3.0,
                _clearance((b[0] + nx * offset, b[1] + ny * offset), shapes) + 3.0,
                floor - probe[1] + 2.0,  # under the floor an arrow reads as something on the ground
            )
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
    head = 9.5
    tip = (b2[0] + tx * head * 0.3, b2[1] + ty * head * 0.3)
    back = (tip[0] - tx * head, tip[1] - ty * head)
    wing1 = (back[0] - ty * head * 0.55, back[1] + tx * head * 0.55)
    wing2 = (back[0] + ty * head * 0.55, back[1] - tx * head * 0.55)
    shaft_end = (tip[0] - tx * head * 0.75, tip[1] - ty * head * 0.75)
    return Arrow(a2, c, shaft_end, (tip, wing1, wing2))


def _draw_arrow(pen: Pen, profile: Profile, arrow: Arrow) -> str:
    d = f"M{pen.xy(*arrow.start)}Q{pen.xy(*arrow.control)} {pen.xy(*arrow.shaft_end)}"
    shaft = (
        f'<path d="{d}" stroke="{ACCENT}" stroke-width="{pen.width(profile.arrow)}"/>'
        f'<path d="{pen.polygon(list(arrow.head))}" fill="{ACCENT}"/>'
    )
    if profile.small:
        return shaft
    return f'<path d="{d}" stroke="{PAPER}" stroke-width="{pen.width(profile.arrow + 2.0)}"/>' + shaft


__all__ = ["PROFILES", "Profile", "Size", "render", "svg"]
