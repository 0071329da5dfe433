"""The `figure:` field of an exercise: how the figure is posed, as the editor writes it.

```yaml
figure:
  props: [mat, balance-trainer]
  start: {pose: quadruped, rests_on: balance-trainer}
  end:
    pose: quadruped
    rests_on: balance-trainer
    lift: [left.arm, right.leg]
    left: {shoulder: 175}
    right: {hip: 0, knee: 0}
```

These models check the shape and the types; `check.py` judges the meaning (names, joint ranges,
contacts that hold) and the model runs it, so `validate` reports every problem at its line.
"""

from __future__ import annotations

import math
from contextvars import ContextVar
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import contacts, names, poses, props

# Whether validating a figure also judges it (solves the scene). Off only for a preview that shows a figure
# together with its problems: see `unjudged`.
JUDGE: ContextVar[bool] = ContextVar("figure_judge", default=True)


def unjudged(data: Any) -> FigureMeta:
    """The figure with its form checked but not its meaning, to draw it in spite of its problems."""
    token = JUDGE.set(False)
    try:
        return FigureMeta.model_validate(data)
    finally:
        JUDGE.reset(token)


ANGLE_LIMIT = 720.0  # beyond any joint: a typo, or hostile input
MAX_PROPS, MAX_LIFT, MAX_CONTACTS, MAX_ARROWS = 6, 8, 12, 3
NAME_MAX = 40


did_you_mean = names.did_you_mean


def raise_all(found: names.Found) -> None:
    """Report every finding at once, each at its own place (pydantic puts the field's place in front)."""
    if found:
        raise ValidationError.from_exception_data(
            "figure",
            [InitErrorDetails(type=problem(message, labelled=True), loc=loc, input=None) for loc, message in found],
        )


def problem(message: str, *, at: tuple[str | int, ...] = (), labelled: bool = False) -> PydanticCustomError:
    """A content error with our own message (the same error type as generator.schema.problem)."""
    return PydanticCustomError("content", "{message}", {"message": message, "at": at, "labelled": labelled})


class Strict(BaseModel):
    # As generator.schema.Strict: numbers stay numbers, unknown keys are errors, records are immutable.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _angle(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = (
            f"'{value}'"
            if isinstance(value, str) and len(value) <= NAME_MAX
            else ("text" if isinstance(value, str) else type(value).__name__)
        )
        raise problem(f"must be an angle in degrees, like 90, not {shown}", labelled=True)
    if not math.isfinite(value) or abs(value) > ANGLE_LIMIT:
        raise problem(f"must be an angle in degrees between -{ANGLE_LIMIT:.0f} and {ANGLE_LIMIT:.0f}, not {value}", labelled=True)
    return float(value)


Angle = Annotated[
    float,
    BeforeValidator(_angle),
    WithJsonSchema({"type": "number", "minimum": -ANGLE_LIMIT, "maximum": ANGLE_LIMIT}),
]


def unset(description: str) -> Any:
    """An optional field without a default value: absent is None in Python, and the JSON Schema says
    nothing of null (an editor never writes it). Typed Any so that the field keeps its own type."""
    return Field(None, description=description)


class LimbMeta(Strict):
    """Angles of one side (or `both`), in degrees from standing straight with the arms by the sides."""

    shoulder: Angle = unset("arm raised forward: 0 by the side, 90 forward, 180 overhead, -60 behind")
    shoulder_out: Angle = unset("arm raised out to the side: 0 by the side, 90 level, 180 overhead")
    elbow: Angle = unset("elbow bend: 0 straight, 90 a right angle, at most 150")
    wrist: Angle = unset("back of the hand bent up: 0 straight, 90 with the palm flat on the floor")
    hip: Angle = unset("thigh raised forward: 0 standing, 90 level (sitting), -30 behind")
    hip_out: Angle = unset("thigh opened out to the side: 0 standing, up to 60")
    hip_turn: Angle = unset("thigh turned out (+) or in (-): 0 knee forward")
    knee: Angle = unset("knee bend: 0 straight, 90 a right angle, at most 150; never below 0")
    ankle: Angle = unset("toes pointed (+) or pulled up (-): 0 foot square to the shin")

    @model_validator(mode="after")
    def _in_range(self) -> LimbMeta:
        if JUDGE.get():
            raise_all(names.limb_angles({name: getattr(self, name) for name in type(self).model_fields}))
        return self


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise problem(f"must be {what}, not {_shown(value)}", labelled=True)
    if len(value) > NAME_MAX:
        raise problem(f"is {len(value)} characters long; {what} is at most {NAME_MAX}", labelled=True)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= NAME_MAX else "a long text"
    return type(value).__name__


def _on(value: Any) -> Any:
    """A surface name for all the pose's supports, or a mapping of contact -> surface; kept as a mapping."""
    if isinstance(value, str):
        return {"*": _text(value, "a surface (floor, mat, balance-trainer, step, bench, wall)")}
    if isinstance(value, dict):
        if len(value) > MAX_CONTACTS:
            raise problem(f"lists {len(value)} contacts; at most {MAX_CONTACTS} are allowed", labelled=True)
        for key, surface in value.items():
            _text(key, "a contact name")
            if not isinstance(surface, str) or len(surface) > NAME_MAX:
                raise problem(
                    f"must be a surface (floor, mat, balance-trainer, step, bench, wall), not {_shown(surface)}",
                    at=(key,),
                    labelled=True,
                )
        return value
    raise problem(
        f"must be a surface such as 'floor', or a mapping like {{hands: floor, knees: balance-trainer}}, not {_shown(value)}",
        labelled=True,
    )


_CONTACT_NAMES = contacts.all_names()
Contacts = Annotated[
    dict[str, str],
    BeforeValidator(_on),
    WithJsonSchema(
        {
            "description": "what the body rests on: a surface for all the pose's supports, or a mapping of contact "
            "to surface that replaces them",
            "oneOf": [
                {"type": "string", "enum": list(props.SURFACES)},
                {
                    "type": "object",
                    "propertyNames": {"enum": _CONTACT_NAMES},
                    "additionalProperties": {"type": "string", "enum": list(props.SURFACES)},
                    "maxProperties": MAX_CONTACTS,
                },
            ],
        }
    ),
]


def _name_list(limit: int, what: str) -> Any:
    def check(value: Any) -> Any:
        if not isinstance(value, list):
            raise problem(f"must be a list of {what}, like [left.arm, right.leg], not {_shown(value)}", labelled=True)
        if len(value) > limit:
            raise problem(f"lists {len(value)}; at most {limit} are allowed", labelled=True)
        for index, item in enumerate(value):
            if not isinstance(item, str) or len(item) > NAME_MAX:
                raise problem(f"must be {what}, not {_shown(item)}", at=(index,), labelled=True)
        return value

    return check


Lift = Annotated[
    list[str],
    BeforeValidator(_name_list(MAX_LIFT, "contact or limb names")),
    WithJsonSchema(
        {
            "type": "array",
            "items": {"type": "string"},
            "maxItems": MAX_LIFT,
            "description": "supports of the pose that leave the surface: contacts (left.hand, knees) or limbs "
            "(left.arm, right.leg, arms, legs)",
        }
    ),
]
POINTS = names.POINTS
Arrows = Annotated[
    list[str],
    BeforeValidator(_name_list(MAX_ARROWS, "body points")),
    WithJsonSchema(
        {
            "type": "array",
            "items": {"type": "string", "enum": list(POINTS)},
            "maxItems": MAX_ARROWS,
            "description": "the points that get an arrow from start to end; without it, the ones that move most",
        }
    ),
]


def _prop(value: Any) -> Any:
    """'mat' or {balance-trainer: dome-down} or {step: 20} -> (name, option)."""
    if isinstance(value, str):
        name, option = value, None
    elif isinstance(value, dict) and len(value) == 1:
        name, option = next(iter(value.items()))
    else:
        raise problem(
            "each prop is a name, like 'mat', or one name with its option, like {balance-trainer: dome-down} or {step: 20}"
        )
    if not isinstance(name, str) or name not in props.SPECS:
        shown = name if isinstance(name, str) and len(name) <= NAME_MAX else "?"
        raise problem(f"unknown prop '{shown}'{did_you_mean(shown, props.SPECS)} (the props are {', '.join(props.SPECS)})")
    spec = props.SPECS[name]
    if option is None:
        return (name, spec.default)
    if spec.height:
        low, high = spec.height
        if (
            isinstance(option, bool)
            or not isinstance(option, (int, float))
            or not math.isfinite(option)
            or not low <= option <= high
        ):
            raise problem(f"the {name}'s option is its height in cm, from {low:.0f} to {high:.0f}, not {_shown(option)}")
        return (name, f"{float(option):g}")
    if not spec.options:
        raise problem(f"the {name} takes no option: write just '{name}'")
    if option not in spec.options:
        raise problem(f"the {name}'s option must be one of {', '.join(spec.options)}, not {_shown(option)}")
    return (name, option)


Prop = Annotated[
    tuple[str, str],
    BeforeValidator(_prop),
    WithJsonSchema(
        {
            "description": "a prop: a name, or one name with its option",
            "oneOf": [
                {"type": "string", "enum": list(props.SPECS)},
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "properties": {
                        name: (
                            {"type": "number", "minimum": spec.height[0], "maximum": spec.height[1]}
                            if spec.height
                            else {"enum": list(spec.options)}
                        )
                        for name, spec in props.SPECS.items()
                        if spec.options or spec.height
                    },
                    "additionalProperties": False,
                },
            ],
        }
    ),
]


def _pose_name(value: str) -> str:
    if value not in poses.POSES:
        shown = value if len(value) <= NAME_MAX else value[:NAME_MAX] + "…"
        raise problem(
            f"is not a base pose: '{shown}'{did_you_mean(value, poses.POSES)} (the poses are {', '.join(poses.POSES)})",
            labelled=True,
        )
    return value


def _point_name(value: str) -> str:
    if value not in POINTS:
        shown = value if len(value) <= NAME_MAX else value[:NAME_MAX] + "…"
        raise problem(
            f"is not a body point: '{shown}'{did_you_mean(value, POINTS)} (the points are {', '.join(POINTS)})", labelled=True
        )
    return value


PoseName = Annotated[str, AfterValidator(_pose_name), WithJsonSchema({"type": "string", "enum": list(poses.POSES)})]
PointName = Annotated[str, AfterValidator(_point_name), WithJsonSchema({"type": "string", "enum": list(POINTS)})]


class KeyframeMeta(Strict):
    """One moment of the movement: a base pose, what it rests on, and the angles that differ."""

    pose: PoseName = Field(description="the base pose: " + "; ".join(f"{p.name}: {p.description}" for p in poses.POSES.values()))
    lead: Literal["right", "left"] = Field(
        "right", description="the side the pose leads with: the standing leg, the front foot, the side lain on"
    )
    rests_on: Contacts = unset("what the body rests on (default: the pose's own supports on the floor)")
    lift: Lift = Field([], description="supports of the pose that are lifted off in this keyframe")
    turn: Angle = unset(
        "turns the whole body in the picture by this many degrees from how the pose lies (+: back, or toward the "
        "lead side when seen from the front); without it the body turns to rest on its contacts or balance"
    )
    spine: Angle = unset("spine bent forward (+) or arched back (-), 0 upright")
    neck: Angle = unset("chin tipped down (+) or looking up (-)")
    both: LimbMeta = unset("angles for both sides")
    left: LimbMeta = unset("angles of the left side (over 'both')")
    right: LimbMeta = unset("angles of the right side (over 'both')")

    @field_validator("spine", "neck")
    @classmethod
    def _trunk_in_range(cls, value: float | None, info: Any) -> float | None:
        message = names.angle_range(info.field_name, value) if value is not None and JUDGE.get() else None
        if message:
            raise problem(message, labelled=True)
        return value

    @field_validator("rests_on")
    @classmethod
    def _known_contacts(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        raise_all(names.contact_names(value or {}))
        return value

    @field_validator("lift")
    @classmethod
    def _known_lifts(cls, value: list[str]) -> list[str]:
        raise_all(names.lift_names(value))
        return value


class CameraMeta(Strict):
    turn: Annotated[float, Field(ge=-60, le=60, allow_inf_nan=False)] = unset(
        "degrees the view turns toward the body's front (side view) or near side (front view)"
    )
    above: Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)] = unset("degrees the view looks down from above")


class FigureMeta(Strict):
    """A figure drawn from poses: the movement from `start` to `end`, with the props it uses."""

    model_config = ConfigDict(title="Figure")

    view: Literal["side", "front"] = unset("side (default; front for side planks and side-lying) or front")
    near: Literal["right", "left"] = Field(
        "right",
        description="the side of the body nearer to the viewer, drawn darker (a far limb that holds the body up is dark "
        "too); in side view the figure faces that way",
    )
    props: Annotated[list[Prop], Field(max_length=MAX_PROPS)] = Field(
        [], description="equipment shown: mat, balance-trainer, step, bench, wall, band, loop-band"
    )
    camera: CameraMeta = unset("fine-tuning of the view, rarely needed")
    arrows: Arrows = unset("body points that get an arrow (default: what moves most)")
    detail: PointName = unset(
        "a body point shown larger in a round window beside the page figure, for a small cue: right.heel for a calf raise"
    )
    alt: Annotated[str, Field(max_length=300)] = unset(
        "what the figure shows, for readers who cannot see it (default: the exercise's summary)"
    )
    start: KeyframeMeta = Field(description="the starting position")
    end: KeyframeMeta = Field(description="the position the movement goes to")

    @field_validator("props")
    @classmethod
    def _once_each(cls, value: list[tuple[str, str]]) -> list[tuple[str, str]]:
        raise_all(names.props_twice(value))
        return value

    @field_validator("arrows")
    @classmethod
    def _known_points(cls, value: list[str] | None) -> list[str] | None:
        raise_all(names.arrow_names(value or []))
        return value

    @model_validator(mode="after")
    def _holds(self) -> FigureMeta:
        """The figure as a whole: its surfaces are among its props, and the solved scene holds."""
        from .checks import judge  # check imports the solver, which needs this module

        if JUDGE.get():
            raise_all(judge(self))
        return self
