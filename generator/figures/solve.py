"""Placing a posed body so that what it rests on touches its surface, and nothing sinks or floats.

For each keyframe the solver turns the whole body in the picture plane (the angle `theta`) and
lifts it (`lift`) so that every contact touches its surface: the floor, the dome of the balance
trainer, the top of a step or a bench. When the contacts do not fix the turn (one foot, both feet
side by side, the seat) it turns the body until its centre of mass is above them: the figure
balances. Feet, palms, forearms and shins that rest flat get their ankle, wrist, elbow or knee set
so that they lie flat. A contact still out of reach is brought down by bending its limb a little
(hip and knee, or shoulder and elbow, by as little as will do). What cannot be satisfied is
reported, never drawn wrong silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import props as P
from .body import FLAT_AHEAD, LIMB_RANGES, TOES_RANGE, TRUNK_RANGES, Body, Part, make_part, pose_body, repose_limb
from .contacts import Contact
from .poses import Pose
from .vec import Mat, Vec, add, apply, exact, matmul, rot_y, rot_z, scale, transpose

TOLERANCE = 0.15  # cm: how close a contact must come to its surface (under half a pixel at the largest page figure)
SPREAD_FOR_BALANCE = 10.0  # cm: contacts closer together than this cannot hold a body up by themselves
IK_LIMIT = 25.0  # degrees: how far the solver may bend a joint from what the editor wrote, to make a contact touch

Issue = tuple[tuple[str | int, ...], str]  # (location inside `figure`, message that follows its label)


@dataclass(frozen=True, slots=True)
class FrameSpec:
    """One keyframe, resolved from the editor's text."""

    where: str  # "start" or "end"
    pose: Pose
    lead: str
    angles: Mapping[str, float]  # every editor-visible angle, pose values with the editor's changes
    written: Mapping[str, tuple[str, ...]]  # angle -> where the editor set it (only angles the editor wrote)
    contacts: tuple[Contact, ...]
    turn: float | None = None  # the editor's own turn of the whole body, instead of the solver's


@dataclass(frozen=True, slots=True)
class Solved:
    body: Body
    theta: float
    gaps: Mapping[str, float]  # contact.written -> distance from its surface (positive: floats)
    issues: tuple[Issue, ...]
    dome: tuple[float, float] | None = None  # where its balance trainer is (x, z), when it rests on one
    supports: frozenset[str] = frozenset()  # the limbs that rest on something ("left.arm", "right.leg")


@dataclass(frozen=True, slots=True)
class Setting:
    """What is the same for both keyframes: the view, the props by name (with their option), and the camera."""

    view: str  # "side" or "front"
    near: str  # "right" or "left"
    props: Mapping[str, str]  # name -> option ("dome-up", "20", ...)
    camera: tuple[float, float] = (0.0, 0.0)  # the camera's turn about the vertical and its look down, degrees

    def toward_viewer(self) -> Vec:
        """The direction from the scene toward the camera, in the world: what the picture flattens."""
        yaw, above = (math.radians(a) for a in self.camera)
        # the camera's rotation is rot_x(above) · rot_y(yaw); its third row, read back in the world
        return (-math.sin(yaw) * math.cos(above), math.sin(above), math.cos(yaw) * math.cos(above))

    def yaw(self) -> Mat:
        """The body's turn about the vertical, from its own axes to the world's."""
        if self.view == "front":
            return rot_y(-90.0)
        return rot_y(180.0) if self.near == "left" else rot_y(0.0)

    def tip_sign(self, lead: str) -> float:
        if self.view == "front":
            return 1.0 if lead == "right" else -1.0
        return -1.0 if self.near == "left" else 1.0


# ---- surfaces ---------------------------------------------------------------------------------


def _prop_for(setting: Setting, surface: str) -> P.Placed | None:
    if surface in ("floor", "mat"):
        return None
    option = setting.props.get(surface, P.SPECS[surface].default)
    return P.Placed(surface, option, height=_height(setting, surface), view=setting.toward_viewer())


def _height(setting: Setting, surface: str) -> float:
    spec = P.SPECS[surface]
    if spec.height:
        return P.height_option(spec, setting.props.get(surface, spec.default))
    if surface == "balance-trainer":
        return (
            P.trainer_height()
            if setting.props.get(surface, spec.default) != "dome-down"
            else P.DOME_HEIGHT + P.PLATFORM_THICKNESS
        )
    return 0.0


def touching_point(parts: list[Part], normal: Vec = (0.0, 1.0, 0.0)) -> Vec:
    """Where parts resting on a surface with this normal touch it: the middle of their lowest ends."""
    down = scale(normal, -1.0)
    ends: list[tuple[float, Vec]] = []
    for part in parts:
        r1, r2 = part.extents(down)
        for centre, r in ((part.p1, r1), (part.p2, r2)):
            low = (centre[0] - normal[0] * r, centre[1] - normal[1] * r, centre[2] - normal[2] * r)
            ends.append((low[0] * normal[0] + low[1] * normal[1] + low[2] * normal[2], low))
    bottom = min(h for h, _ in ends)
    near = [p for h, p in ends if h <= bottom + 0.6]
    n = len(near)
    return (sum(p[0] for p in near) / n, sum(p[1] for p in near) / n, sum(p[2] for p in near) / n)


def contact_parts(body: Body, contact: Contact) -> list[Part]:
    return body.named(contact.kind.parts, contact.side)


def _lift_onto_dome(parts: list[Part], prop: P.Placed) -> float:
    """How high the body must be lifted for these parts to rest on the dome (the first to touch from above),
    as drawn: on the dome's outline in the picture."""
    centre, radius = P.sphere_centre(prop)
    return _lift_onto_sphere(parts, centre, radius, prop.view)


def _lift_onto_sphere(parts: list[Part], centre: Vec, radius: float, view: Vec) -> float:
    """_lift_onto_dome for the dome's ball (centre, radius) seen along `view`. It is props.dome_lift at every
    sample of every part, with the dome's centre, axes and rise looked up once instead of at each of them, the
    arithmetic in the same order (under cProfile it was a fifth of judging the shipped figures; now a tenth)."""
    cx, cy, cz = centre
    (ax, ay, az), (ux, uy, uz) = P.picture_axes(view)
    rise = uy  # props.dome_rise
    sqrt = math.sqrt
    need = -math.inf
    for part in parts:
        # the part's thickness as it is drawn: the half-width of its outline across the picture
        r1, r2 = drawn_radii(part, view)
        (x1, y1, z1), (x2, y2, z2) = part.p1, part.p2
        dx, dy, dz, base, dr = x2 - x1, y2 - y1, z2 - z1, radius + r1, r2 - r1
        for t in SAMPLES:
            reach = base + dr * t
            # props.dome_coordinates of the sample (x1 + dx * t, ...): across the picture (a) and up it (b)
            px, py, pz = x1 + dx * t - cx, y1 + dy * t - cy, z1 + dz * t - cz
            a = px * ax + py * ay + pz * az
            if abs(a) >= reach:
                continue  # beside the dome at this sample
            lift = (sqrt(reach * reach - a * a) - (px * ux + py * uy + pz * uz)) / rise
            if lift > need:  # max(need, lift)
                need = lift
    if need == -math.inf:  # beside the dome: it would rest on the platform's rim at best
        need = max(P.PLATFORM_THICKNESS - min(part.lowest() for part in parts), -math.inf)
    return need


def drawn_radii(part: Part, view: Vec) -> tuple[float, float]:
    """The half-widths of a part's outline at its two ends as a camera looking along -`view` draws it (the
    picture shows each part as two discs joined by their tangents: see draw.project_part)."""
    u = part.u
    k = u[0] * view[0] + u[1] * view[1] + u[2] * view[2]
    flat = (u[0] - k * view[0], u[1] - k * view[1], u[2] - k * view[2])  # the axis as drawn
    across = (
        view[1] * flat[2] - view[2] * flat[1],
        view[2] * flat[0] - view[0] * flat[2],
        view[0] * flat[1] - view[1] * flat[0],
    )
    n = math.sqrt(across[0] ** 2 + across[1] ** 2 + across[2] ** 2)
    if n < 1e-6 or part.p1 == part.p2:  # seen end on, or a ball: a disc as wide as the part is either way
        sideways, up = P.picture_axes(view)
        r = max(part.extents(sideways)[0], part.extents(up)[0])
        return r, r
    return part.extents((across[0] / n, across[1] / n, across[2] / n))


SAMPLES = tuple(i / 10.0 for i in range(11))  # points along a part where its distance to a curved surface is measured


def _unit(v: Vec) -> Vec:
    n = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)
    return (v[0] / n, v[1] / n, v[2] / n) if n > 1e-9 else (0.0, -1.0, 0.0)


# ---- laying flat ------------------------------------------------------------------------------

# For each flat contact: the angle that turns the segment below the joint so that its resting side
# faces the surface. Each takes the target direction (the surface's inward normal, -n) in the joint's
# parent frame and the angle the editor wrote (to choose between two answers).


def _flat_ankle(v: Vec, _given: float) -> float:  # foot = shin · rot_z(-a); its sole faces local -y
    return math.degrees(math.atan2(-v[0], -v[1]))


def _flat_toes(v: Vec, _given: float) -> float:  # toes = foot · rot_z(t); their underside faces local -y
    return math.degrees(math.atan2(v[0], -v[1]))


def _flat_wrist(v: Vec, _given: float) -> float:  # hand = forearm · rot_z(w); the palm faces local -x
    return math.degrees(math.atan2(-v[1], -v[0]))


def _flat_across(sign: float) -> Callable[[Vec, float], float]:
    """Elbow (forearm = upper · rot_z(e), sign +1) or knee (shin = thigh · rot_z(-k), sign -1): the
    segment along local -y lies flat when it is square to the normal; of the two answers, the one nearer
    to what the editor wrote."""

    def angle(v: Vec, given: float) -> float:
        # direction in the parent frame: (sign*sin e, -cos e, 0) ⟂ v  =>  sign*v0*sin e - v1*cos e = 0
        base = math.degrees(math.atan2(v[1], sign * v[0]))
        options = [_wrap(base), _wrap(base + 180.0)]
        return min(options, key=lambda a: abs(a - given))

    return angle


FLAT: dict[str, Callable[[Vec, float], float]] = {
    "ankle": _flat_ankle,
    "toes": _flat_toes,
    "wrist": _flat_wrist,
    "elbow": _flat_across(1.0),
    "knee": _flat_across(-1.0),
}


def _wrap(degrees: float) -> float:
    return (degrees + 180.0) % 360.0 - 180.0


@dataclass(frozen=True, slots=True)
class _FlatRule:
    """The angle that lays a part flat on its surface, given the frame above its joint (an AutoAngle).
    It depends on nothing but its fields, which `cache_key` gives exactly: pose_body keeps a limb posed
    with it (see body._chain)."""

    rule: Callable[[Vec, float], float]
    prop: P.Placed | None
    given: float
    ahead: Vec

    def __call__(self, frame: Mat, at: Vec) -> float:
        normal = P.surface_normal(self.prop, add(at, apply(frame, self.ahead)))  # the surface under the middle of the part
        return self.rule(apply(transpose(frame), scale(normal, -1.0)), self.given)

    @property
    def cache_key(self) -> object:
        return (self.rule, P.exact_key(self.prop), exact((self.given, *self.ahead)))


# ---- one keyframe -----------------------------------------------------------------------------


@dataclass
class _Frame:
    spec: FrameSpec
    setting: Setting
    angles: dict[str, float]
    root_yaw: Mat
    sign: float
    surfaces: dict[str, P.Placed | None] = field(default_factory=dict)
    held: tuple[float, dict[str, P.Placed | None]] | None = None  # dome placement kept while limbs bend (see `hold`)
    dome_z: float | None = None  # a dome's place across the picture, when another keyframe has fixed it

    def hold(self, theta: float) -> None:
        """Keep the domes where they are for this turn (None: place them afresh each time)."""
        self.held = None
        domes = {
            c.surface
            for c in self.spec.contacts
            if (prop := self.surfaces.get(c.surface)) is not None and prop.name == "balance-trainer" and prop.dome_up
        }
        if not domes:
            return
        plain = pose_body(self.angles, self.root(theta), (0.0, 0.0, 0.0))
        placed = {name: self._place(name, plain) for name in domes}
        self.held = (theta, placed)
        on_dome = [i for i, c in enumerate(self.spec.contacts) if c.surface in domes]
        nearest = min(self.spec.contacts[i].kind.level for i in on_dome)  # these set the level; hands and feet bend to it
        on_dome = [i for i in on_dome if self.spec.contacts[i].kind.level == nearest]
        if len(on_dome) < 2:
            return

        def spread(dx: float) -> float:
            self.held = (theta, {name: replace(prop, x=prop.x + dx) if prop else None for name, prop in placed.items()})
            body = self.body(theta)
            needs = [self.need(body, i) for i in on_dome]
            return max(needs) - min(needs) + 0.02 * abs(dx)

        # The dome goes a little along the floor so that all that rests on it rests evenly, as drawn: two
        # forearms, the nearer drawn lower and to one side when the view is turned, both on its outline.
        dx = _golden(spread, -EVEN_REACH, EVEN_REACH, 12)
        self.held = (theta, {name: replace(prop, x=prop.x + dx) if prop else None for name, prop in placed.items()})

    def dome_x(self) -> float | None:
        """Where the balance trainer is, in this keyframe's own frame (before the body is lifted)."""
        placed = self.held[1].get("balance-trainer") if self.held else None
        return placed.x if placed is not None else None

    def root(self, theta: float) -> Mat:
        return matmul(rot_z(self.sign * theta), self.root_yaw)

    def body(self, theta: float, angles: Mapping[str, float] | None = None) -> Body:
        angles = self.angles if angles is None else angles
        placed: dict[str, P.Placed | None] = {}
        domes = {
            c.surface
            for c in self.spec.contacts
            if (prop := self.surfaces.get(c.surface)) is not None and prop.name == "balance-trainer" and prop.dome_up
        }
        if domes:  # a dome is centred under what rests on it: pose the body once without laying anything flat, to see where
            if self.held is not None and self.held[0] == theta:
                placed = dict(self.held[1])  # while a limb bends to reach, the dome stays where it is
            else:
                plain = pose_body(angles, self.root(theta), (0.0, 0.0, 0.0))
                placed = {name: self._place(name, plain) for name in domes}
        return pose_body(angles, self.root(theta), (0.0, 0.0, 0.0), self._auto(angles, placed))

    def limb_body(self, base: Body, theta: float, angles: Mapping[str, float], limb: str) -> Body:
        """`base` (this keyframe's body at `theta`) with one limb posed again: what bending it needs to know."""
        placed = dict(self.held[1]) if self.held is not None and self.held[0] == theta else {}
        return repose_limb(base, limb, angles, self._auto(angles, placed))

    def _auto(self, angles: Mapping[str, float], placed: Mapping[str, P.Placed | None]) -> dict[str, Callable[[Mat, Vec], float]]:
        """The angles set so that what rests flat lies flat: ankles, wrists, elbows, knees, toes."""
        auto: dict[str, Callable[[Mat, Vec], float]] = {}
        for contact in self.spec.contacts:
            flat = contact.kind.flat
            if flat is None or contact.side is None:
                continue
            key = f"{contact.side}.{flat}"
            prop = placed.get(contact.surface) or self.surfaces.get(contact.surface)
            given = angles.get(key, 0.0)
            auto[key] = self._flat_rule(FLAT[flat], prop, given, FLAT_AHEAD.get(flat, (0.0, 0.0, 0.0)))
            if flat == "ankle":  # a foot flat on its sole has flat toes too
                auto[f"{contact.side}.toes"] = self._flat_rule(FLAT["toes"], prop, 0.0, (3.0, 0.0, 0.0))
        return auto

    def _flat_rule(
        self, rule: Callable[[Vec, float], float], prop: P.Placed | None, given: float, ahead: Vec
    ) -> Callable[[Mat, Vec], float]:
        return _FlatRule(rule, prop, given, ahead)

    def _place(self, surface: str, body: Body) -> P.Placed | None:
        """Where a prop goes for this body (before the body is lifted onto it): centred under what rests on it."""
        base = self.surfaces.get(surface)
        if base is None:
            return None
        if self.held is not None and surface in self.held[1]:
            return self.held[1][surface]
        points = [support_point(body, c) for c in self.spec.contacts if c.surface == surface]
        if not points:
            return base
        x = sum(p[0] for p in points) / len(points)
        z = sum(p[2] for p in points) / len(points) if self.dome_z is None else self.dome_z
        if base.name == "wall":
            return base
        return replace(base, x=x, z=z if base.name == "balance-trainer" else 0.0)

    # How high the body must be lifted for each contact to touch, and for nothing to go below the floor.
    def need(self, body: Body, index: int) -> float:
        """How high the body must be lifted for contact `index` to touch its surface (nan for a wall)."""
        contact = self.spec.contacts[index]
        parts = contact_parts(body, contact)
        if contact.surface in ("floor", "mat"):
            return -min([p.low for p in parts])  # p.lowest() on the floor
        if contact.surface == "wall":
            return math.nan  # a wall holds nothing up; it is put where the hand is
        prop = self._place(contact.surface, body)
        if prop is not None and prop.name == "balance-trainer" and prop.dome_up:
            return _lift_onto_dome(parts, prop)
        return _height(self.setting, contact.surface) - min(
            p.lowest() for p in parts
        )  # a flat top: step, bench, dome-down platform

    def needs(self, body: Body) -> tuple[list[float], float, str]:
        contact_needs = [self.need(body, i) for i in range(len(self.spec.contacts))]
        floor = -math.inf
        lowest_part = ""
        for part in body.parts:
            need = -part.lowest()
            if need > floor:
                floor, lowest_part = need, _part_label(part)
        return contact_needs, floor, lowest_part

    def misfit(self, theta: float, angles: Mapping[str, float] | None = None) -> float:
        body = self.body(theta, angles)
        contact_needs, floor, _ = self.needs(body)
        vertical = [n for n in contact_needs if not math.isnan(n)]
        if not vertical:
            return 0.0
        return max(*vertical, floor) - min(vertical)


EVEN_REACH = 10.0  # cm: how far from the middle of what rests on a dome the dome may go to hold it all evenly


def support_point(body: Body, contact: Contact) -> Vec:
    """Where a contact presses on its surface: under the joint for what lies flat (its own angle is not
    set yet), else the lowest point of its parts."""
    ahead = FLAT_POINT.get(contact.kind.flat or "")
    if ahead and contact.side:
        return body.points[f"{contact.side}.{ahead}"]
    return touching_point(contact_parts(body, contact))


FLAT_POINT = {"ankle": "sole-ahead", "wrist": "palm-ahead", "elbow": "forearm-ahead", "knee": "shin-ahead"}


def _part_label(part: Part) -> str:
    names = {"hips": "seat", "chest": "back", "upper-arm": "upper arm", "fingers": "fingers"}
    name = names.get(part.name, part.name)
    return f"the {part.side} {name}" if part.side else f"the {name}"


# ---- turning the whole body: a rigid search, without posing the body again for each angle -----------


@dataclass(frozen=True, slots=True)
class _Probe:
    """How one contact's height changes when the whole body turns: a flat contact by its joint (which
    stays a fixed height above the surface, the part below it lying flat), a point contact by its parts."""

    contact: Contact
    joint: Vec | None  # flat contacts
    drop: float
    parts: tuple[Part, ...]  # point contacts
    touch: Vec  # where it touches, at the reference turn
    shapes: tuple[_Shape, ...] = ()  # the parts, as _turned_low reads them


# What _turned_low reads of a part: p1's x and y, p2's, then a, b and min(a, b) at each end, and its axes
# e1, e2, u (the minimum taken once, not at each of the ~40 turns a search tries).
_Shape = tuple[float, float, float, float, float, float, float, float, float, float, Vec, Vec, Vec]


def _shape(p: Part) -> _Shape:
    return (p.p1[0], p.p1[1], p.p2[0], p.p2[1], p.a1, p.b1, min(p.a1, p.b1), p.a2, p.b2, min(p.a2, p.b2), p.e1, p.e2, p.u)


def _probes(frame: _Frame, body: Body) -> list[_Probe]:
    probes = []
    for contact in frame.spec.contacts:
        parts = tuple(contact_parts(body, contact))
        touch = support_point(body, contact)
        flat = contact.kind.flat
        if flat in ("ankle", "wrist", "elbow", "knee") and contact.side:
            joint_name = {"ankle": "ankle", "wrist": "wrist", "elbow": "elbow", "knee": "knee"}[flat]
            joint = body.points[f"{contact.side}.{joint_name}"]
            probes.append(_Probe(contact, joint, joint[1] - min(p.lowest() for p in parts), (), touch))
        else:
            probes.append(_Probe(contact, None, 0.0, parts, touch, tuple(_shape(p) for p in parts)))
    return probes


def _turn(v: Vec, c: float, s: float) -> Vec:
    return (c * v[0] - s * v[1], s * v[0] + c * v[1], v[2])


def _turned_low(shapes: tuple[_Shape, ...], c: float, s: float) -> float:
    """The lowest height of the parts (given by their _shape) when the body turns (cosine c, sine s) about the
    pelvis. The part's axes turn with it: its extent straight down is the unturned part's in the direction
    turned back, (-s, -c, 0). Part.extents and _turn written out, the same arithmetic in the same order, and
    min() as comparisons (the turn searches ask it some 2,400 times; it took three times as long)."""
    sqrt = math.sqrt
    ns, nc = -s, -c  # the direction (-s, -c, 0.0)
    low = math.inf
    first = True
    for x1, y1, x2, y2, a1, b1, m1, a2, b2, m2, e1, e2, u in shapes:
        d1 = ns * e1[0] + nc * e1[1] + 0.0 * e1[2]
        d2 = ns * e2[0] + nc * e2[1] + 0.0 * e2[2]
        du = ns * u[0] + nc * u[1] + 0.0 * u[2]
        end1 = s * x1 + c * y1 - sqrt((a1 * d1) ** 2 + (b1 * d2) ** 2 + (m1 * du) ** 2)
        end2 = s * x2 + c * y2 - sqrt((a2 * d1) ** 2 + (b2 * d2) ** 2 + (m2 * du) ** 2)
        value = end2 if end2 < end1 else end1  # min(end1, end2)
        if first or value < low:  # min over the parts
            low, first = value, False
    if first:
        raise ValueError("min() arg is an empty sequence")
    return low


class _Rest(NamedTuple):
    """What a contact rests on, for _Rigid: a wall, the floor, a flat top (its height) or a dome (the line
    of sight, and the contacts that rest on it)."""

    kind: str  # "wall", "floor", "top" or "dome"
    height: float = 0.0
    view: Vec = (0.0, 0.0, 1.0)
    shared: tuple[int, ...] = ()


class _Rigid:
    """Each contact's need (how high the body must be lifted for it to touch) after turning the whole body
    by `delta` degrees about the pelvis, and where each touches (for balance and for placing a dome).

    The searches in _turn_for ask this at some 40 turns for the same probes, so what does not change with
    the turn (what each contact rests on, a flat top's height, which contacts share a dome) is worked out
    once here; `touches` alone serves the balance search, which reads no needs."""

    def __init__(self, frame: _Frame, probes: list[_Probe]):
        self.sign = frame.sign
        self.probes = probes
        self.dome_z = frame.dome_z
        self.rests: list[_Rest] = []
        for probe in probes:
            surface = probe.contact.surface
            prop = frame.surfaces.get(surface)
            if surface == "wall":
                self.rests.append(_Rest("wall"))
            elif prop is None:
                self.rests.append(_Rest("floor"))
            elif prop.name == "balance-trainer" and prop.dome_up:
                shared = tuple(i for i, p in enumerate(probes) if p.contact.surface == surface)
                self.rests.append(_Rest("dome", view=prop.view, shared=shared))
            else:
                self.rests.append(_Rest("top", height=_height(frame.setting, surface)))

    def touches(self, delta: float) -> tuple[float, float, list[float], list[Vec]]:
        """The turn's cosine and sine, each contact's lowest height and where it touches."""
        c, s = math.cos(math.radians(self.sign * delta)), math.sin(math.radians(self.sign * delta))
        lows: list[float] = []
        touches: list[Vec] = []
        for probe in self.probes:
            if probe.joint is not None:
                jx, jy, jz = probe.joint
                tx, _, tz = probe.touch
                joint = (c * jx - s * jy, s * jx + c * jy, jz)  # _turn
                lows.append(joint[1] - probe.drop)
                offset = (tx - jx, 0.0, tz - jz)  # a flat part keeps its place under the joint
                touches.append((joint[0] + offset[0], joint[1] - probe.drop, joint[2] + offset[2]))
            else:
                lows.append(_turned_low(probe.shapes, c, s))
                tx, ty, tz = probe.touch
                touches.append((c * tx - s * ty, lows[-1], tz))  # _turn
        return c, s, lows, touches

    def needs(self, delta: float) -> list[float]:
        c, s, lows, touches = self.touches(delta)
        needs = []
        for probe, rest, low, touch in zip(self.probes, self.rests, lows, touches, strict=True):
            if rest.kind == "wall":
                needs.append(math.nan)
            elif rest.kind == "floor":
                needs.append(-low)
            elif rest.kind == "top":
                needs.append(rest.height - low)
            else:
                view = rest.view
                mine = [touches[i] for i in rest.shared]
                cx, cz = sum(t[0] for t in mine) / len(mine), sum(t[2] for t in mine) / len(mine)
                cz = cz if self.dome_z is None else self.dome_z
                centre = (cx, P.DOME_UP_CENTRE_Y, cz)  # props.sphere_centre of the dome moved to (cx, cz)
                if probe.parts:  # on a slope the lowest point is not where a round part touches: turn the parts and measure
                    turned = [
                        make_part(
                            p.name,
                            p.side,
                            _turn(p.p1, c, s),
                            _turn(p.p2, c, s),
                            p.a1,
                            p.b1,
                            p.a2,
                            p.b2,
                            _turn(p.across, c, s),
                            p.unit,
                        )
                        for p in probe.parts
                    ]
                    needs.append(_lift_onto_sphere(turned, centre, P.DOME_RADIUS, view))
                else:
                    lift = _point_lift(touch, centre, P.DOME_RADIUS, view)
                    needs.append(lift if lift is not None else P.PLATFORM_THICKNESS - low)
        return needs


def _point_lift(point: Vec, centre: Vec, reach: float, view: Vec) -> float | None:
    """props.dome_lift for the dome's ball at `centre`: how high `point` must be lifted to lie `reach` from
    the centre in the picture, or None when it is beside the dome."""
    across, up = P.picture_axes(view)
    d = (point[0] - centre[0], point[1] - centre[1], point[2] - centre[2])
    a = d[0] * across[0] + d[1] * across[1] + d[2] * across[2]
    if abs(a) >= reach:
        return None
    return (math.sqrt(reach * reach - a * a) - (d[0] * up[0] + d[1] * up[1] + d[2] * up[2])) / up[1]


def _spread(values: list[float]) -> float:
    real = [v for v in values if not math.isnan(v)]
    return (max(real) - min(real)) if real else 0.0


def _turn_for(frame: _Frame) -> float:
    """The turn that best rests the body on its contacts; for a body on one support, the turn that
    balances it (its centre of mass above the support)."""
    tip = frame.spec.pose.tip
    reference = frame.body(tip)
    probes = _probes(frame, reference)
    vertical = [p for p in probes if p.contact.surface != "wall"]
    if not vertical:
        return tip
    rigid = _Rigid(frame, probes)
    flats = [(_turn(p.joint, 1.0, 0.0) if p.joint else p.touch)[0] for p in vertical]
    if max(flats) - min(flats) < SPREAD_FOR_BALANCE:
        wanted = set(frame.spec.pose.balance)
        chosen = [
            i
            for i, p in enumerate(probes)
            if p.contact.surface != "wall" and (p.contact.written in wanted or _sided_name(p.contact, frame.spec.lead) in wanted)
        ]
        chosen = chosen or [i for i, p in enumerate(probes) if p.contact.surface != "wall"]
        com = reference.com

        def balance(delta: float) -> float:
            c, s, _, touches = rigid.touches(delta)
            target = sum(touches[i][0] for i in chosen) / len(chosen)
            return _turn(com, c, s)[0] - target

        found = _root_near(balance, 0.0, 45.0, 6.0)
        if found is None:
            found = _minimise(lambda d: abs(balance(d)), -45.0, 45.0, 3.0)
        return tip + found
    delta = _minimise(lambda d: _spread(rigid.needs(d)) + 0.01 * abs(d), -40.0, 40.0, 4.0)

    def exact(d: float) -> float:
        body = frame.body(tip + d)
        return _spread([frame.need(body, i) for i in range(len(frame.spec.contacts))]) + 0.01 * abs(d)

    on_dome = any(p.contact.surface == "balance-trainer" for p in probes)
    if on_dome and exact(delta) > 1.0:  # the rigid estimate is off where a part lies flat on a curve: refine on the posed body
        delta = _golden(exact, delta - 5.0, delta + 5.0, 5)
    return tip + delta


def _golden(f: Callable[[float], float], a: float, b: float, steps: int) -> float:
    """The argument that minimises f on [a, b], by `steps` steps of golden-section search (f has one low there)."""
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(steps):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = f(d)
    return (a + b) / 2.0


def _sided_name(contact: Contact, lead: str) -> str:
    if contact.side is None:
        return contact.name
    return f"{'lead' if contact.side == lead else 'other'}.{contact.name}"


def _minimise(f: Callable[[float], float], low: float, high: float, step: float) -> float:
    """The argument that minimises f on [low, high]: a scan, then golden-section search around the best."""
    best_x, best = low, math.inf
    x = low
    while x <= high + 1e-9:
        value = f(x)
        if value < best - 1e-9:
            best_x, best = x, value
        x += step
    candidate = _golden(f, best_x - step, best_x + step, 14)
    return candidate if f(candidate) <= best else best_x


def _root_near(f: Callable[[float], float], centre: float, reach: float, step: float) -> float | None:
    """The zero of f nearest to `centre` within ±reach, or None."""
    roots: list[float] = []
    previous_x, previous = centre - reach, f(centre - reach)
    x = previous_x + step
    while x <= centre + reach + 1e-9:
        value = f(x)
        if previous == 0.0 or (previous < 0.0) != (value < 0.0):
            a, b, fa = previous_x, x, previous
            for _ in range(16):
                m = (a + b) / 2.0
                fm = f(m)
                if (fa < 0.0) != (fm < 0.0):
                    b = m
                else:
                    a, fa = m, fm
            roots.append((a + b) / 2.0)
        previous_x, previous = x, value
        x += step
    return min(roots, key=lambda r: abs(r - centre)) if roots else None


# ---- one keyframe, start to finish --------------------------------------------------------------


def solve_frame(spec: FrameSpec, setting: Setting, dome_z: float | None = None) -> Solved:
    """Turn the body onto its contacts, bend the limbs that do not quite reach, lift it onto the surfaces.
    `dome_z`: where across the picture the balance trainer stands (the start keyframe's, for the end's)."""
    frame = _Frame(spec, setting, dict(spec.angles), setting.yaw(), setting.tip_sign(spec.lead))
    frame.dome_z = dome_z
    frame.surfaces = {c.surface: _prop_for(setting, c.surface) for c in spec.contacts}
    theta = _turn_for(frame) if spec.turn is None else spec.pose.tip + spec.turn
    frame.hold(theta)  # a dome stays where the turned body first put it while the limbs bend to reach it
    for _pass in range(2):  # a second pass settles what the first moved
        if not _reach_all(frame, theta):
            break
    body = frame.body(theta)
    contact_needs, floor, lowest_part = frame.needs(body)
    vertical_needs = [n for n in contact_needs if not math.isnan(n)]
    lift = max([floor, *vertical_needs]) if vertical_needs else floor
    body = _moved(body, (0.0, lift, 0.0))
    gaps: dict[str, float] = {}
    issues: list[Issue] = []
    for contact, need in zip(spec.contacts, contact_needs, strict=True):
        if math.isnan(need):
            continue
        gap = lift - need
        gaps[contact.written] = max(gaps.get(contact.written, 0.0), gap)
        if gap > TOLERANCE and not any(loc == (spec.where, "rests_on", contact.written) for loc, _ in issues):
            surface = "the floor" if contact.surface in ("floor", "mat") else f"the {contact.surface.replace('-', ' ')}"
            holder = (
                f" ({lowest_part} is lower and holds the body up)"
                if floor >= max(vertical_needs) - TOLERANCE and lowest_part
                else ""
            )
            verb = "stay" if contact.kind.noun == "toes" else "stays"
            issues.append(
                (
                    (spec.where, "rests_on", contact.written),
                    f"cannot hold: {contact.label} {verb} {_cm(gap)} above {surface}{holder}; change the pose's "
                    "angles or its contacts",
                )
            )
    issues.extend(_range_issues(spec, body.angles))
    held = frame.held[1].get("balance-trainer") if frame.held else None
    supports = frozenset(f"{c.side}.{c.kind.limb}" for c in spec.contacts if c.side is not None)
    return Solved(body, theta, gaps, tuple(issues), (held.x, held.z) if held is not None else None, supports)


def _reach_all(frame: _Frame, theta: float) -> bool:
    """Bend limbs so that every contact touches: the contacts nearest the trunk set the level (the
    highest of them rests, the body hangs from it), and every other contact is brought to that level by
    bending its own limb, up or down; then parts that would go into the floor are lifted onto it."""
    contacts = frame.spec.contacts
    body = frame.body(theta)
    needs = [frame.need(body, i) for i in range(len(contacts))]
    vertical = [i for i, c in enumerate(contacts) if c.surface != "wall"]
    if not vertical:
        return False
    changed = False
    base = min(contacts[i].kind.level for i in vertical)
    front = frame.setting.view == "front"
    # The level is where the nearest contacts rest; one that no joint can move (the seat) sets it, the others follow.
    # (What rests on a dome is hard to bend onto it: the dome's own contacts count as fixed too.)
    fixed = [
        needs[i]
        for i in vertical
        if contacts[i].kind.level == base and (not _limb_joints(contacts[i], front) or contacts[i].surface == "balance-trainer")
    ]
    level = max(fixed) if fixed else max(needs[i] for i in vertical if contacts[i].kind.level == base)
    owned: set[str] = set()
    for index in sorted(vertical, key=lambda i: contacts[i].kind.level):
        contact = contacts[index]
        joints = [j for j in _limb_joints(contact, front) if j not in owned]
        if abs(level - needs[index]) > TOLERANCE / 2 and joints:

            def residual(values: list[float], joints: list[str] = joints, index: int = index, base: Body = body) -> float:
                trial = dict(frame.angles)
                trial.update(zip(joints, values, strict=True))
                return frame.need(_posed(frame, base, theta, trial, joints), index) - level

            if _bend(frame, joints, residual):
                changed = True
                body = frame.body(theta)
                needs = [frame.need(body, i) for i in range(len(contacts))]
        owned.update(_limb_joints(contact, front))
    resting = {(name, c.side) for c in contacts for name in c.kind.parts}
    for _round in range(4):
        sinking = [
            (i, p) for i, p in enumerate(body.parts) if (p.name, p.side) not in resting and -p.lowest() > level + TOLERANCE
        ]
        if not sinking:
            return changed
        _at, part = max(sinking, key=lambda item: -item[1].lowest())
        joints = [j for j in _part_joints(part, front) if j not in owned]
        if not joints:
            return changed

        unit = part.unit
        rank = [p for p in body.parts if p.unit == unit].index(part)  # its place among its limb's parts, which keep their order

        def lifted(
            values: list[float], joints: list[str] = joints, base: Body = body, unit: str = unit, rank: int = rank
        ) -> float:
            trial = dict(frame.angles)
            trial.update(zip(joints, values, strict=True))
            moved_part = _posed(frame, base, theta, trial, joints).of_unit(unit)[rank]
            return -moved_part.lowest() - level

        if not _bend(frame, joints, lifted):
            return changed
        changed = True
        body = frame.body(theta)
    return changed


def _posed(frame: _Frame, base: Body, theta: float, angles: Mapping[str, float], joints: list[str]) -> Body:
    """The body with `angles`: only one limb posed again when the joints are all that limb's."""
    limbs = {_limb_of(j) for j in joints}
    if len(limbs) == 1 and None not in limbs:
        return frame.limb_body(base, theta, angles, limbs.pop())  # type: ignore[arg-type]
    return frame.body(theta, angles)


def _limb_of(joint: str) -> str | None:
    side, _, name = joint.partition(".")
    if not name:
        return None
    return f"{side}.{'arm' if name in ('shoulder', 'shoulder_out', 'elbow', 'wrist') else 'leg'}"


def _bend(frame: _Frame, joints: list[str], residual: Callable[[list[float]], float]) -> bool:
    """Change `joints` as little as will make `residual` zero: minimum-norm Newton steps of at most a few
    degrees, each kept only if it brings the residual closer to zero (halved until it does)."""
    start = [frame.angles.get(j, 0.0) for j in joints]
    values = list(start)
    r = residual(values)
    for _step in range(10):
        if abs(r) <= TOLERANCE / 8:
            break
        gradient = []
        for i in range(len(values)):
            bumped = list(values)
            bumped[i] += 1.0
            gradient.append(residual(bumped) - r)
        norm2 = sum(g * g for g in gradient)
        if norm2 < 1e-6:
            break
        step = [-r * g / norm2 for g in gradient]
        biggest = max(abs(d) for d in step)
        if biggest > MAX_STEP:
            step = [d * MAX_STEP / biggest for d in step]
        for _halving in range(4):
            trial = [_clamp_joint(j, v + d, s0) for j, v, d, s0 in zip(joints, values, step, start, strict=True)]
            r_new = residual(trial)
            if abs(r_new) < abs(r):
                break
            step = [d / 2.0 for d in step]
        else:
            break
        values, r = trial, r_new
    if all(abs(v - s) < 1e-6 for v, s in zip(values, start, strict=True)):
        return False
    frame.angles.update(zip(joints, values, strict=True))
    return True


MAX_STEP = 8.0  # degrees a joint may move in one step of `_bend`: the slope holds only nearby


ARM, LEG = ("shoulder", "shoulder_out"), ("hip", "hip_out")
PART_JOINTS = {
    "upper-arm": ARM, "elbow": ARM, "forearm": (*ARM, "elbow"), "hand": (*ARM, "elbow"), "fingers": (*ARM, "elbow"),
    "thigh": LEG, "knee": LEG, "shin": (*LEG, "knee"), "heel": ("ankle", "knee", *LEG), "foot": ("ankle", "knee", *LEG),
    "ball": ("ankle", "knee", *LEG), "toes": ("ankle", "knee", *LEG),
}  # fmt: skip


def _part_joints(part: Part, front: bool) -> list[str]:
    """The joints that move a part, nearest first; sideways ones only where they move it in the picture."""
    if part.side is None:
        return {"head": ["neck"], "nose": ["neck"], "chest": ["spine"], "waist": ["spine"], "neck": ["neck"]}.get(part.name, [])
    return [f"{part.side}.{joint}" for joint in PART_JOINTS.get(part.name, ()) if front or not joint.endswith("_out")]


def _limb_joints(contact: Contact, front: bool) -> list[str]:
    side = contact.side
    if side is None:
        return {"head": ["neck"], "back": ["spine"], "waist": ["spine"]}.get(contact.name, [])
    if contact.kind.limb == "arm":
        joints = [f"{side}.shoulder", f"{side}.shoulder_out"] + ([f"{side}.elbow"] if contact.kind.level == 2 else [])
    else:
        joints = [f"{side}.hip", f"{side}.hip_out"] + ([f"{side}.knee"] if contact.kind.level == 2 else [])
    return [j for j in joints if front or not j.endswith("_out")]


def _clamp_joint(name: str, value: float, start: float) -> float:
    limits = LIMB_RANGES[name.split(".", 1)[1]] if "." in name else TRUNK_RANGES[name]
    value = min(max(value, start - IK_LIMIT), start + IK_LIMIT)
    return min(max(value, limits.low), limits.high)


def _moved(body: Body, offset: Vec) -> Body:
    def move(v: Vec) -> Vec:
        return (v[0] + offset[0], v[1] + offset[1], v[2] + offset[2])

    parts = tuple(p.shifted(offset) for p in body.parts)
    frames = {name: (frame, move(at)) for name, (frame, at) in body.frames.items()}
    dx, dy, dz = offset  # the points as `move` moves them, without a call for each of the sixty
    points = {k: (v[0] + dx, v[1] + dy, v[2] + dz) for k, v in body.points.items()}
    return Body(parts, points, body.angles, move(body.com), body.right, frames)


def moved(body: Body, offset: Vec) -> Body:
    return _moved(body, offset)


def _cm(value: float) -> str:
    return f"{value:.0f} cm" if value >= 1.5 else f"{value:.1f} cm"


def _range_issues(spec: FrameSpec, angles: Mapping[str, float]) -> list[Issue]:
    """Angles outside what a body can do: those the editor wrote, and those the solver had to set."""
    issues: list[Issue] = []
    for name, value in angles.items():
        side, _, joint = name.rpartition(".")
        limits = TOES_RANGE if joint == "toes" else TRUNK_RANGES.get(joint) if not side else LIMB_RANGES.get(joint)
        if limits is None or limits.low - 0.5 <= value <= limits.high + 0.5:
            continue
        written = spec.written.get(name)
        if written is not None and abs(value - spec.angles.get(name, value)) < 0.5:
            issues.append((written, f"is {value:g}°: {limits.rule}"))
            continue
        flat = next((c for c in spec.contacts if c.side == side and c.kind.flat == joint), None)
        toes = (
            next((c for c in spec.contacts if c.side == side and c.kind.flat in ("toes", "ankle")), None)
            if joint == "toes"
            else None
        )
        holder = flat or toes
        where = (spec.where, "rests_on", holder.written) if holder else (spec.where, "pose")
        what = "to hold the contacts" if holder is None else f"to rest {holder.label} flat" if flat else f"to rest {holder.label}"
        issues.append(
            (
                where,
                f"cannot hold: {what} the {side + ' ' if side else ''}{joint.replace('_', ' ')} would bend to "
                f"{value:.0f}°, but {limits.rule}",
            )
        )
    return issues
