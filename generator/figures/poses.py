"""The base poses an editor starts from: joint angles, how the body lies, and what it rests on.

Angles use the editor's names ("hip", "knee", ...). In poses that use one side more than the other,
`lead.` is the side named by the keyframe's `lead` (the right unless it says otherwise) and `other.`
the opposite one: the standing leg of a single-leg stance, the front leg of a lunge, the side a body
lies on. `both.` sets the two sides alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Pose:
    name: str
    description: str  # for editors: CONTRIBUTING and the JSON Schema
    angles: dict[str, float]
    supports: tuple[str, ...]  # contact names (see contacts.py), all on the floor unless the keyframe says otherwise
    tip: float = 0.0  # how the body lies: 0 upright, 90 on its back (side view) or on the lead side (front view), -90 face down
    balance: tuple[str, ...] = ()  # points the centre of mass is kept above, when the supports alone do not fix the tilt
    view: str = "side"  # the view it reads best in
    extra: dict[str, float] = field(default_factory=dict)


_ARMS_DOWN = {"both.shoulder": 4.0, "both.elbow": 8.0, "both.shoulder_out": 4.0}
_ARMS_FORWARD = {"both.shoulder": 88.0, "both.elbow": 5.0}

_PLANK = Pose(
    "plank",
    "a straight line from head to heels on straight arms and the toes; rests on the hands and toes",
    {"both.shoulder": 80.0, "both.elbow": 0.0, "both.ankle": -2.0, "neck": -10.0},
    ("hands", "toes"),
    tip=-72.0,
)
# The same straight line held on the forearms: the elbows bent under the shoulders, the head nearer the floor.
_FOREARM_PLANK = replace(
    _PLANK,
    name="forearm-plank",
    description="a straight line from head to heels on the forearms and toes, elbows under the shoulders",
    angles={**_PLANK.angles, "both.shoulder": 88.0, "both.elbow": 85.0, "neck": -8.0},
    supports=("forearms", "toes"),
    tip=-83.0,
)

POSES: dict[str, Pose] = {
    pose.name: pose
    for pose in (
        Pose(
            "standing",
            "standing on both feet, arms by the sides; rests on the feet",
            {**_ARMS_DOWN, "both.knee": 3.0},
            ("feet",),
            balance=("feet",),
        ),
        Pose(
            "single-leg-stance",
            "standing on the lead leg with the knee soft, the other foot lifted behind; rests on the lead foot",
            {**_ARMS_DOWN, "lead.knee": 8.0, "lead.hip": 4.0, "other.hip": 20.0, "other.knee": 70.0, "other.ankle": 20.0},
            ("lead.foot",),
            tip=-4.0,
            balance=("lead.foot",),
        ),
        Pose(
            "split-stance",
            "standing in a long stride, the lead foot in front and flat, the back heel up; rests on the lead foot "
            "and the other toes",
            {**_ARMS_DOWN, "lead.hip": 28.0, "lead.knee": 6.0, "other.hip": -22.0, "other.knee": 10.0, "other.ankle": 28.0},
            ("lead.foot", "other.toes"),
        ),
        Pose(
            "lunge",
            "a split stance lowered until the front thigh is level and the back knee is just above the floor",
            {**_ARMS_DOWN, "lead.hip": 88.0, "lead.knee": 90.0, "other.hip": -6.0, "other.knee": 92.0, "other.ankle": -5.0},
            ("lead.foot", "other.toes"),
        ),
        Pose(
            "squat",
            "a squat with the thighs about level, the heels down and the arms reaching forward; rests on the feet",
            {"both.shoulder": 115.0, "both.elbow": 5.0, "both.hip": 95.0, "both.knee": 100.0, "spine": 4.0, "neck": -20.0},
            ("feet",),
            tip=-31.0,
            balance=("feet",),
        ),
        Pose(
            "hinge",
            "a single-leg hinge: standing on the lead leg with the trunk tipped forward and the other leg reaching "
            "back; rests on the lead foot",
            {
                "both.shoulder": 92.0,
                "lead.hip": 82.0,
                "lead.knee": 16.0,
                "other.hip": 2.0,
                "other.knee": 4.0,
                "other.ankle": 10.0,
                "neck": -22.0,
            },
            ("lead.foot",),
            tip=-48.0,
            balance=("lead.foot",),
        ),
        Pose(
            "kneeling",
            "tall kneeling, the trunk upright over the knees, toes tucked; rests on the knees and toes",
            {**_ARMS_DOWN, "both.knee": 105.0, "both.ankle": -12.0},
            ("knees", "toes"),
        ),
        Pose(
            "half-kneeling",
            "one knee down and the lead foot flat in front, both knees at about a right angle, back toes tucked; "
            "rests on the lead foot, the other knee and toes",
            {**_ARMS_DOWN, "lead.hip": 88.0, "lead.knee": 88.0, "other.hip": -4.0, "other.knee": 105.0, "other.ankle": -12.0},
            ("lead.foot", "other.knee", "other.toes"),
        ),
        Pose(
            "quadruped",
            "on hands and knees, hands under the shoulders and knees under the hips, toes tucked; rests on the "
            "hands, knees and toes",
            {"both.shoulder": 98.0, "both.elbow": 4.0, "both.hip": 90.0, "both.knee": 108.0, "both.ankle": -15.0, "neck": -8.0},
            ("hands", "knees", "toes"),
            tip=-84.0,
        ),
        _PLANK,
        _FOREARM_PLANK,
        Pose(
            "side-plank",
            "seen from the front: on the lead forearm and the side of the lead foot, the body straight, the top hand on the hip",
            {
                "lead.shoulder_out": 74.0,
                "lead.elbow": 90.0,
                "both.hip_out": -5.0,
                "other.shoulder_out": 12.0,
                "other.elbow": 35.0,
            },
            ("lead.forearm", "lead.ankle"),
            tip=70.0,
            view="front",
        ),
        Pose(
            "side-lying",
            "seen from the front: lying on the lead side, the head on the lead arm, the legs straight and stacked",
            {"lead.shoulder_out": 170.0, "lead.elbow": 70.0, "other.shoulder": 8.0, "other.elbow": 10.0, "both.hip_out": -5.0},
            ("seat", "lead.upper-arm"),
            tip=82.5,
            view="front",
        ),
        Pose(
            "side-lying-forearm",
            "seen from the front: lying on the lead side propped on the lead forearm, the hips and legs on the floor",
            {
                "lead.shoulder_out": 109.0,
                "lead.elbow": 90.0,
                "lead.hip_out": -27.0,
                "other.hip_out": 18.0,
                "other.shoulder": -10.0,
                "other.shoulder_out": 15.0,
                "other.elbow": 100.0,
            },
            ("lead.forearm", "seat", "lead.ankle"),
            tip=60.4,
            view="front",
        ),
        Pose(
            "supine",
            "lying on the back, arms by the sides and legs long; rests on the back, the seat and the heels",
            {"both.shoulder": 2.0, "both.elbow": 4.0, "both.ankle": 22.0, "spine": -9.0, "neck": 10.0},
            ("back", "seat", "heels"),
            tip=88.0,
        ),
        Pose(
            "hook-lying",
            "lying on the back with the knees bent and the feet flat, arms by the sides; rests on the back, the seat "
            "and the feet",
            {"both.shoulder": 2.0, "both.elbow": 4.0, "both.hip": 46.0, "both.knee": 101.0, "spine": -10.0, "neck": 12.0},
            ("back", "seat", "feet"),
            tip=87.5,
        ),
        Pose(
            "bridge",
            "lying on the back with the hips lifted into a straight line from shoulders to knees; rests on the upper "
            "back and the feet",
            {"both.shoulder": -30.0, "both.elbow": 2.0, "both.hip": 0.0, "both.knee": 95.0, "neck": 45.0},
            ("back", "feet"),
            tip=115.0,
        ),
        Pose(
            "prone",
            "lying face down, arms by the sides, legs long; rests on the chest and the hips",
            {"both.shoulder": 0.0, "both.elbow": 5.0, "both.ankle": 40.0, "both.hip": -4.0, "both.knee": 2.0, "neck": -20.0},
            ("back", "seat"),
            tip=-87.0,
        ),
        Pose(
            "prone-forearms",
            "lying face down propped on the forearms, elbows under the shoulders, toes tucked; rests on the "
            "forearms, the hips and the toes",
            {
                "both.shoulder": 108.0,
                "both.elbow": 45.0,
                "both.ankle": -10.0,
                "neck": -15.0,
                "spine": -25.0,
                "both.hip": -8.0,
                "both.knee": 2.0,
            },
            ("forearms", "seat", "toes"),
            tip=-86.0,
        ),
        Pose(
            "seated",
            "sitting on the floor with the legs long in front and the trunk upright; rests on the seat and the heels",
            {"both.hip": 90.0, "both.shoulder": 30.0, "both.elbow": 17.0, "both.ankle": 10.0},
            ("seat", "heels"),
        ),
        Pose(
            "v-sit",
            "balanced on the seat with the trunk leaning back and the straight legs raised, arms reaching forward",
            {"both.hip": 105.0, "both.shoulder": 70.0, "spine": 15.0, "both.ankle": 20.0, "neck": 10.0},
            ("seat",),
            tip=27.5,
            balance=("seat",),
        ),
    )
}

# What a keyframe may name in `lift` besides contact names: whole limbs.
LIMBS = {"arms": ("left.arm", "right.arm"), "legs": ("left.leg", "right.leg")}


def expand(angles: dict[str, float], lead: str) -> dict[str, float]:
    """'lead.hip', 'other.hip' and 'both.hip' as 'right.hip' / 'left.hip' for this lead side."""
    other = "left" if lead == "right" else "right"
    result: dict[str, float] = {}
    for key, value in angles.items():
        if key.startswith("both."):
            result[f"left.{key[5:]}"] = value
            result[f"right.{key[5:]}"] = value
    for key, value in angles.items():
        if key.startswith("lead."):
            result[f"{lead}.{key[5:]}"] = value
        elif key.startswith("other."):
            result[f"{other}.{key[6:]}"] = value
        elif not key.startswith("both."):
            result[key] = value
    return result


def sided(name: str, lead: str) -> str:
    other = "left" if lead == "right" else "right"
    if name.startswith("lead."):
        return f"{lead}.{name[5:]}"
    if name.startswith("other."):
        return f"{other}.{name[6:]}"
    return name
