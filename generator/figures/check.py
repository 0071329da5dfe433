"""Judging a figure: names first, then the solved scene (contacts that hold, joints in range, nothing
inside a prop). Every finding is (location inside `figure`, message), for `path:line: message`."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from . import contacts as C
from . import poses as Poses
from .model import POINTS, did_you_mean
from .scene import Scene, build_scene
from .solve import FrameSpec, Issue, Setting

if TYPE_CHECKING:
    from .model import FigureMeta, KeyframeMeta

LIMBS = {"arms": ("arm", None), "legs": ("leg", None), "left.arm": ("arm", "left"), "right.arm": ("arm", "right"), "left.leg": ("leg", "left"), "right.leg": ("leg", "right")}
SURFACE_WORDS = ("floor", "mat")


def check(meta: FigureMeta) -> list[Issue]:
    """Every problem of a figure; an empty list when it can be drawn as written."""
    issues = _name_issues(meta)
    if issues:
        return issues
    return list(scene_of(meta).issues)


def scene_of(meta: FigureMeta) -> Scene:
    return _scene(meta.model_dump_json())


@functools.lru_cache(maxsize=128)
def _scene(key: str) -> Scene:
    meta = _rebuild(key)
    setting = setting_of(meta)
    return build_scene(setting, frame_spec(meta, "start"), frame_spec(meta, "end"))


def _rebuild(key: str) -> FigureMeta:
    """The figure from its JSON, without running `check` again (which is what called us)."""
    import json

    from .model import CameraMeta, FigureMeta, KeyframeMeta, LimbMeta

    data = json.loads(key)

    def limb(value: dict[str, float] | None) -> LimbMeta | None:
        return LimbMeta.model_construct(**value) if value is not None else None

    def frame(value: dict[str, object]) -> KeyframeMeta:
        fields = dict(value)
        for side in ("both", "left", "right"):
            fields[side] = limb(fields.get(side))  # type: ignore[arg-type]
        return KeyframeMeta.model_construct(**fields)

    return FigureMeta.model_construct(
        view=data["view"],
        near=data["near"],
        props=[tuple(p) for p in data["props"]],
        camera=CameraMeta.model_construct(**data["camera"]) if data["camera"] else None,
        arrows=data["arrows"],
        start=frame(data["start"]),
        end=frame(data["end"]),
    )


def setting_of(meta: FigureMeta) -> Setting:
    view = meta.view or Poses.POSES[meta.start.pose].view
    return Setting(view, meta.near, dict(meta.props))


def _name_issues(meta: FigureMeta) -> list[Issue]:
    issues: list[Issue] = []
    listed = {name for name, _ in meta.props}
    seen: set[str] = set()
    for index, (name, _) in enumerate(meta.props):
        if name in seen:
            issues.append((("props", index), f"the prop '{name}' is listed twice"))
        seen.add(name)
    for where in ("start", "end"):
        frame: KeyframeMeta = getattr(meta, where)
        for key, surface in (frame.on or {}).items():
            loc = (where, "on") if key == "*" else (where, "on", key)
            if key != "*" and C.parse_name(key) is None:
                issues.append((loc, f"unknown contact '{key}'{did_you_mean(key, C.all_names())} (contacts are body parts such as hands, knees, feet, toes, forearms, back, seat, left.hand)"))
            if surface in SURFACE_WORDS:
                continue
            if surface not in ("balance-trainer", "step", "bench", "wall"):
                issues.append((loc, f"unknown surface '{surface}'{did_you_mean(surface, ('floor', 'mat', 'balance-trainer', 'step', 'bench', 'wall'))} (a body rests on the floor, mat, balance-trainer, step, bench or wall)"))
            elif surface not in listed:
                issues.append((loc, f"'{surface}' is not among the figure's props: add it to 'props'"))
        for index, name in enumerate(frame.lift):
            if name not in LIMBS and C.parse_name(name) is None:
                issues.append(((where, "lift", index), f"unknown contact or limb '{name}'{did_you_mean(name, [*LIMBS, *C.all_names()])}"))
    for index, name in enumerate(meta.arrows or ()):
        if name not in POINTS:
            issues.append((("arrows", index), f"unknown point '{name}'{did_you_mean(name, POINTS)} (arrows start at the head, chest, pelvis, or a hand, elbow, knee, foot, heel or toes)"))
    return issues


def frame_spec(meta: FigureMeta, where: str) -> FrameSpec:
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
    on = frame.on or {}
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
