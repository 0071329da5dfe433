"""Judging a figure: names first, then the solved scene (contacts that hold, joints in range, nothing
inside a prop). Every finding is (location inside `figure`, message), for `path:line: message`."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from . import contacts as C
from . import kept, names
from . import poses as Poses

if TYPE_CHECKING:
    from .model import FigureMeta, KeyframeMeta
    from .scene import Scene
    from .solve import FrameSpec, Issue, Setting

LIMBS = names.LIMBS


def check(meta: FigureMeta, *, field: str = "") -> list[Issue]:
    """Every problem of a figure, as (location inside the figure, message); none when it can be drawn as
    written. Each message starts with its place: "'end.left.knee' is 200°: ..." ('figure.end.left.knee'
    with field="figure"). Validating a FigureMeta runs the same checks and raises them as pydantic errors."""
    found = _form(meta) or judge(meta)
    return [(loc, f"'{'.'.join(str(p) for p in (field, *loc) if p != '')}' {message}") for loc, message in found]


def _form(meta: FigureMeta) -> names.Found:
    """What the models check field by field (for a figure made without validation)."""
    found: names.Found = [(("props", *loc), m) for loc, m in names.props_twice(meta.props)]
    found += [(("arrows", *loc), m) for loc, m in names.arrow_names(meta.arrows or [])]
    for where in ("start", "end"):
        frame: KeyframeMeta = getattr(meta, where)
        found += [((where, "rests_on", *loc), m) for loc, m in names.contact_names(frame.rests_on or {})]
        found += [((where, "lift", *loc), m) for loc, m in names.lift_names(frame.lift)]
        for trunk in ("spine", "neck"):
            value = getattr(frame, trunk)
            if value is not None and (message := names.angle_range(trunk, value)):
                found.append(((where, trunk), message))
        for group in ("both", "left", "right"):
            limb = getattr(frame, group)
            if limb is not None:
                found += [((where, group, *loc), m) for loc, m in names.limb_angles(limb.model_dump())]
    return found


def judge(meta: FigureMeta) -> names.Found:
    """What needs the whole figure: every surface among its props, then the solved scene."""
    found = names.surfaces_listed(
        (name for name, _ in meta.props), {w: getattr(meta, w).rests_on or {} for w in ("start", "end")}
    )
    return found or _findings(meta.model_dump_json())


def _findings(key: str) -> list[Issue]:
    """The solved scene's findings, kept on disk between runs (kept.py): validate need not solve again."""
    text = kept.recall("findings", key, lambda: json.dumps(_scene(key).issues))
    try:
        return [(tuple(loc), str(message)) for loc, message in json.loads(text)]
    except (ValueError, TypeError):  # a kept file that is not what this code writes: solve again
        return list(_scene(key).issues)


def scene_of(meta: FigureMeta) -> Scene:
    return _scene(meta.model_dump_json())


@functools.lru_cache(maxsize=128)
def _scene(key: str) -> Scene:
    from .scene import build_scene  # the solver: loaded only when a figure is not kept (kept.py)

    meta = _rebuild(key)
    setting = setting_of(meta)
    return build_scene(setting, frame_spec(meta, "start"), frame_spec(meta, "end"))


def _rebuild(key: str) -> FigureMeta:
    """The figure from its JSON, without running `check` again (which is what called us)."""
    from .model import CameraMeta, FigureMeta, KeyframeMeta, LimbMeta

    data = json.loads(key)

    def limb(value: dict[str, float] | None) -> LimbMeta | None:
        return LimbMeta.model_construct(None, **value) if value is not None else None

    def frame(value: dict[str, Any]) -> KeyframeMeta:
        fields: dict[str, Any] = dict(value)
        for side in ("both", "left", "right"):
            fields[side] = limb(fields.get(side))
        return KeyframeMeta.model_construct(None, **fields)

    figure: FigureMeta = FigureMeta.model_construct(
        view=data["view"],
        near=data["near"],
        props=[tuple(p) for p in data["props"]],
        camera=CameraMeta.model_construct(**data["camera"]) if data["camera"] else None,  # type: ignore[arg-type]  # absent: None
        arrows=data["arrows"],
        detail=data["detail"],
        start=frame(data["start"]),
        end=frame(data["end"]),
    )
    return figure


def setting_of(meta: FigureMeta) -> Setting:
    from .solve import Setting

    view = meta.view or Poses.POSES[meta.start.pose].view
    start = Poses.POSES[meta.start.pose]
    # seen from the front, a body on its side lies across the picture (and is seen square on)
    lying = abs(start.tip + (meta.start.turn or 0.0)) > 30.0
    camera = camera_angles(
        view, meta.near, lying, meta.camera.turn if meta.camera else None, meta.camera.above if meta.camera else None
    )
    return Setting(view, meta.near, dict(meta.props), camera)


def camera_angles(view: str, near: str, lying: bool, turn: float | None, above: float | None) -> tuple[float, float]:
    """The camera's turn about the vertical and its look down, degrees: the view's own, or the editor's."""
    if view == "front":
        default_turn, default_above = (0.0, 10.0) if lying else (30.0, 10.0)
        sign = 1.0 if near == "right" else -1.0
    else:
        default_turn, default_above = 22.0, 6.0
        sign = -1.0 if near == "right" else 1.0
    return (sign * (default_turn if turn is None else turn), default_above if above is None else above)


def frame_spec(meta: FigureMeta, where: str) -> FrameSpec:
    from .solve import FrameSpec

    frame: KeyframeMeta = getattr(meta, where)
    pose = Poses.POSES[frame.pose]
    lead = frame.lead or "right"
    angles = Poses.expand(pose.angles, lead)
    written: dict[str, tuple[str, ...]] = {}
    for name in ("spine", "neck"):
        value = getattr(frame, name)
        if value is not None:
            angles[name] = value
            written[name] = (where, name)
    for group in ("both", "left", "right"):
        limb = getattr(frame, group)
        if limb is None:
            continue
        for joint, value in limb.model_dump(exclude_none=True).items():
            for side in ("left", "right") if group == "both" else (group,):
                angles[f"{side}.{joint}"] = value
                written[f"{side}.{joint}"] = (where, group, joint)
    return FrameSpec(where, pose, lead, angles, written, tuple(_contacts(frame, pose, lead)), frame.turn)


def _contacts(frame: KeyframeMeta, pose: Poses.Pose, lead: str) -> list[C.Contact]:
    on = frame.rests_on or {}
    chosen: list[tuple[str, str]]  # (written name, surface)
    if not on or "*" in on:
        surface = on.get("*", "floor")
        chosen = [(Poses.sided(name, lead), surface) for name in pose.supports]
    else:
        chosen = list(on.items())
    result: list[C.Contact] = []
    for written, surface in chosen:
        for name, side in C.parse_name(written) or []:
            result.append(C.Contact(C.KINDS[name], name, side, "floor" if surface == "mat" else surface, written))
    lifted: set[tuple[str, str | None]] = set()
    limbs: set[tuple[str, str | None]] = set()
    for name in frame.lift:
        if name in LIMBS:
            limb, side = LIMBS[name]
            limbs.update({(limb, side)} if side else {(limb, "left"), (limb, "right")})
        else:
            lifted.update(C.parse_name(name) or [])
    return [c for c in result if (c.name, c.side) not in lifted and (c.kind.limb, c.side) not in limbs]
