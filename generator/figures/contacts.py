"""What a body can rest on a surface with: the names an editor writes in a keyframe's `on` and `lift`.

A contact holds when the lowest point of its parts touches the surface. Some contacts lie flat
(a foot on its sole, a palm, a forearm, a shin): the solver sets the joint above them (ankle, wrist,
elbow, knee) so that they do, and checks that the angle it needed is one a body can make.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    parts: tuple[str, ...]  # Part.name values whose lowest point must touch
    flat: str | None  # the angle set so that the part lies flat, if any
    limb: str  # "arm", "leg" or "trunk"
    level: int  # 0 trunk, 1 knee or elbow, 2 hand or foot: the farther from the trunk, the more a limb may bend to reach
    noun: str  # singular, for messages
    plural: str
    meaning: str  # for editors


KINDS: dict[str, Kind] = {
    "foot": Kind(("heel", "foot", "ball", "toes"), "ankle", "leg", 2, "foot", "feet", "the sole, flat"),
    "toes": Kind(("ball", "toes"), "toes", "leg", 2, "toes", "toes", "the ball of the foot and the toes, heel up"),
    "heel": Kind(("heel",), None, "leg", 2, "heel", "heels", "the heel only"),
    "ankle": Kind(
        ("ankle", "heel", "foot", "ball"),
        None,
        "leg",
        2,
        "ankle",
        "ankles",
        "the ankle bone and the heel: the side of the foot in a side plank, the ankle on a bench",
    ),
    "knee": Kind(("knee",), None, "leg", 1, "knee", "knees", "the kneecap"),
    "shin": Kind(("knee", "shin"), "knee", "leg", 1, "shin", "shins", "the front of the shin, flat from knee to ankle"),
    "thigh": Kind(("thigh",), None, "leg", 1, "thigh", "thighs", "the thigh"),
    "hand": Kind(("hand", "fingers"), "wrist", "arm", 2, "hand", "hands", "the palm, flat"),
    "forearm": Kind(("elbow", "forearm"), "elbow", "arm", 1, "forearm", "forearms", "the forearm, flat from elbow to wrist"),
    "elbow": Kind(("elbow",), None, "arm", 1, "elbow", "elbows", "the elbow"),
    "upper-arm": Kind(("upper-arm",), None, "arm", 1, "upper arm", "upper-arms", "the upper arm"),
    "head": Kind(("head",), None, "trunk", 0, "head", "head", "the head"),
    "back": Kind(
        ("chest", "neck"),
        None,
        "trunk",
        0,
        "back",
        "back",
        "the upper trunk: shoulder blades, chest or ribs, whichever side is down",
    ),
    "waist": Kind(("waist",), None, "trunk", 0, "waist", "waist", "the lower back (or belly, or side of the waist)"),
    "seat": Kind(("hips",), None, "trunk", 0, "seat", "seat", "the pelvis: buttocks, side of the hip or front of the hips"),
}
PLURALS = {kind.plural: name for name, kind in KINDS.items() if kind.limb != "trunk"}
TRUNK = tuple(name for name, kind in KINDS.items() if kind.limb == "trunk")
SIDED = tuple(name for name, kind in KINDS.items() if kind.limb != "trunk")


@dataclass(frozen=True, slots=True)
class Contact:
    kind: Kind
    name: str  # the kind's key: "foot"
    side: str | None  # "left", "right", or None for the trunk
    surface: str  # "floor", "balance-trainer", ...
    written: str  # the key as the editor wrote it ("feet", "left.hand"), for messages and locations

    @property
    def label(self) -> str:
        return f"the {self.side} {self.kind.noun}" if self.side else f"the {self.kind.noun}"


def parse_name(name: str) -> list[tuple[str, str | None]] | None:
    """'feet' -> [('foot', 'left'), ('foot', 'right')]; 'left.hand' -> [('hand', 'left')]; unknown -> None."""
    if name in TRUNK:
        return [(name, None)]
    if name in PLURALS:
        return [(PLURALS[name], "left"), (PLURALS[name], "right")]
    side, _, rest = name.partition(".")
    if side in ("left", "right") and rest in SIDED:
        return [(rest, side)]
    return None


def all_names() -> list[str]:
    names = list(TRUNK) + sorted(set(PLURALS)) + [f"{side}.{name}" for side in ("left", "right") for name in SIDED]
    return names
