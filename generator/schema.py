"""What a content file may contain: the frontmatter of exercises, routines, articles and the taxonomy.

These pydantic models are the one definition of the format's fields, types and limits. The checks
run them, and `python -m generator schema` prints them as JSON Schema, so the two cannot drift.
Rules that need other files (does this id exist?) read the vocabulary from the validation context,
a `Known`; without one (schema generation) they are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .figures.model import FigureMeta
from .problems import did_you_mean

LEVELS = ("beginner", "intermediate", "advanced")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_PATTERN = SLUG.pattern
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
SUMMARY_MAX = 200
CUE_MAX = 80
NOTE_MAX = 100  # a note prints on the routine card, beside the exercise name
ROUTINE_MAX_ITEMS = 12  # what one printed card holds


@dataclass(frozen=True, slots=True)
class Known:
    """The ids that exist, for the checks that reach beyond one file."""

    muscles: frozenset[str] | None
    equipment: frozenset[str] | None
    goals: frozenset[str] | None
    exercises: frozenset[str]
    media: frozenset[str]  # paths under content/media/, posix style
    this: str | None = None  # the slug of the file being checked


def problem(message: str, *, at: tuple[str | int, ...] = (), labelled: bool = False) -> PydanticCustomError:
    """A content error with our own message. `at` points below the failing value (for rules on a
    whole model or list); `labelled` messages ("must ...") get the field's name put in front."""
    return PydanticCustomError("content", "{message}", {"message": message, "at": at, "labelled": labelled})


def _known(info: ValidationInfo) -> Known | None:
    return info.context if isinstance(info.context, Known) else None


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---- placeholders -------------------------------------------------------------------------------
# `python -m generator new` scaffolds files with values like "TODO: one sentence on ...": valid YAML
# that must never reach the site. Any text that starts with TODO is refused, and the words after it
# say what to write instead; this is the one rule for it (bodies.py applies it to Markdown text).

_PLACEHOLDER = re.compile(r"^\s*TODO\b:?\s*(.*)$", re.DOTALL)


def placeholder_hint(value: Any) -> str | None:
    """What to write in place of a placeholder ("TODO: <hint>"), or None when `value` is not one."""
    match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    return " ".join(match[1].split()) or "replace 'TODO' with the real value"


def _refuse_placeholder(value: Any) -> Any:
    hint = placeholder_hint(value)
    if hint is not None:
        raise problem(f"is a placeholder: {hint}", labelled=True)
    return value


# ---- scalar types -------------------------------------------------------------------------------


def _not_blank(value: str) -> str:
    if not value.strip():
        raise problem("must not be empty", labelled=True)
    return _refuse_placeholder(value)


Text = Annotated[str, AfterValidator(_not_blank)]
Summary = Annotated[str, Field(max_length=SUMMARY_MAX), AfterValidator(_not_blank)]
Cue = Annotated[str, Field(max_length=CUE_MAX), AfterValidator(_not_blank)]
Note = Annotated[str, Field(max_length=NOTE_MAX), AfterValidator(_not_blank)]
Level = Literal["beginner", "intermediate", "advanced"]
Count = Annotated[int, Field(gt=0)]


def _slug(value: str) -> str:
    if not SLUG.match(value):
        hint = slugify(value)
        raise problem(f"'{value}' is not an id: use lower-case letters, digits and single hyphens" + (f" (like '{hint}')" if hint else ""))
    return value


Slug = Annotated[str, AfterValidator(_slug), Field(pattern=SLUG_PATTERN)]

_DURATION = re.compile(r"^\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")
# What _DURATION accepts, for the JSON Schema: minutes, seconds or both, never neither.
DURATION_PATTERN = r"^\s*(\d+\s*m(\s*\d+\s*s)?|\d+\s*s)\s*$"


def parse_duration(value: Any) -> Any:
    """Seconds from 45, "45s", "2m" or "1m30s"; other types are left for the int check to refuse."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        raise problem(f"must be a whole number of seconds or text like \"45s\", \"2m\", \"1m30s\", not {value}", labelled=True)
    seconds = value
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match or not (match[1] or match[2]):
            raise problem(f"must be seconds (45) or text like \"45s\", \"2m\", \"1m30s\", not '{value}'", labelled=True)
        seconds = int(match[1] or 0) * 60 + int(match[2] or 0)
    if isinstance(seconds, int) and seconds <= 0:
        raise problem(f"must be more than zero, not {value!r}", labelled=True)
    return seconds


Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "description": "seconds, or text such as \"45s\", \"2m\", \"1m30s\"",
            "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": DURATION_PATTERN}],
        }
    ),
]

_REPS = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
REPS_PATTERN = r"^\d+-\d+$"


def parse_reps(value: Any) -> Any:
    """(low, high) from 8 or "8-12"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value <= 0:
            raise problem(f"must be more than zero, not {value}", labelled=True)
        return (value, value)
    if isinstance(value, str):
        match = _REPS.match(value)
        if not match:
            raise problem(f"must be a whole number or a range like \"8-12\", not '{value}'", labelled=True)
        low, high = int(match[1]), int(match[2])
        if low <= 0 or high <= low:
            raise problem(f"the range '{value}' must go from a positive number up to a larger one, like \"8-12\"")
        return (low, high)
    return value


Reps = Annotated[
    tuple[int, int],
    BeforeValidator(parse_reps),
    WithJsonSchema(
        {
            "description": "a number of repetitions, or a range such as \"8-12\"",
            "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": REPS_PATTERN}],
        }
    ),
]


def _vocabulary(field: str, noun: str):
    def check(value: str, info: ValidationInfo) -> str:
        known = _known(info)
        ids = getattr(known, field) if known else None
        if ids is not None and value not in ids:
            raise problem(f"unknown {noun} '{value}'{did_you_mean(value, ids)} (the {field} are listed in taxonomy.yml)")
        return value

    return AfterValidator(check)


MuscleId = Annotated[str, _vocabulary("muscles", "muscle")]
EquipmentId = Annotated[str, _vocabulary("equipment", "equipment")]
GoalId = Annotated[str, _vocabulary("goals", "goal")]


def _exercise_ref(value: str, info: ValidationInfo) -> str:
    known = _known(info)
    if known is None:
        return value
    if value == known.this:
        raise problem(f"an exercise cannot be easier or harder than itself ('{value}')")
    if value not in known.exercises:
        raise problem(f"unknown exercise '{value}'{did_you_mean(value, known.exercises)} (no file exercises/{value}.md)")
    return value


ExerciseRef = Annotated[str, AfterValidator(_exercise_ref)]


def _media_path(value: str, info: ValidationInfo) -> str:
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or any(part in ("", ".", "..") for part in parts):
        raise problem(f"'{value}' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise problem(f"'{value}' is not an image this site shows: use " + ", ".join(s[1:] for s in IMAGE_SUFFIXES))
    known = _known(info)
    if known is not None and value not in known.media:
        raise problem(f"image 'content/media/{value}' does not exist{did_you_mean(value, known.media)}")
    return value


MediaPath = Annotated[str, AfterValidator(_media_path)]


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise problem(f"'{value}' is listed twice", at=(index,))
        seen.add(value)
    return values


def UniqueList(item: Any) -> Any:  # noqa: N802 - reads as a type
    return Annotated[list[item], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})]


# ---- records ------------------------------------------------------------------------------------


class Strict(BaseModel):
    # strict: YAML's `name: 300` stays a number and is refused rather than silently turned into text.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_placeholder(cls, value: Any) -> Any:
        # A whole field left as "TODO: ...", whatever its type (items of text lists: _not_blank).
        return _refuse_placeholder(value)


class DosageMeta(Strict):
    """A prescription. Every field is optional; an exercise's default fills in a routine item's gaps."""

    sets: Count = Field(None, description="number of sets")
    reps: Reps = Field(None, description="repetitions per set, or a range such as \"8-12\"; not with time")
    hold: Duration = Field(None, description="hold time per repetition")
    time: Duration = Field(None, description="work time per set, instead of reps")
    per_side: bool = Field(None, description="reps, hold and time count for each side")
    rest: Duration = Field(None, description="rest after each set")

    @model_validator(mode="after")
    def _reps_or_time(self) -> DosageMeta:
        if self.reps is not None and self.time is not None:
            raise problem("give either 'reps' or 'time', not both", at=("time",))
        return self


class ImageMeta(Strict):
    src: MediaPath = Field(description="path relative to content/media/")
    alt: Text = Field(description="what the image shows, for readers who cannot see it")


class MusclesMeta(Strict):
    primary: Annotated[UniqueList(MuscleId), Field(min_length=1)] = Field(description="muscle ids; at least one")
    secondary: UniqueList(MuscleId) = Field([], description="muscle ids; none of them also primary")

    @field_validator("secondary")
    @classmethod
    def _not_also_primary(cls, secondary: list[str], info: ValidationInfo) -> list[str]:
        primary = info.data.get("primary") or []
        for index, muscle in enumerate(secondary):
            if muscle in primary:
                raise problem(f"'{muscle}' is both a primary and a secondary muscle; keep it in one list", at=(index,))
        return secondary


class ExerciseMeta(Strict):
    """The frontmatter of content/exercises/<slug>.md."""

    model_config = ConfigDict(title="Exercise")

    name: Text = Field(description="display name")
    aliases: UniqueList(Text) = Field([], description="other names people search for")
    summary: Summary = Field(description="one sentence for lists, cards and the page description")
    level: Level
    equipment: UniqueList(EquipmentId) = Field(description="equipment ids; [] means bodyweight only")
    muscles: MusclesMeta
    goals: UniqueList(GoalId) = Field([], description="goal ids")
    dosage: DosageMeta = Field(None, description="the default prescription")
    cues: list[Cue] = Field([], description="short reminders, printed on routine cards")
    easier: UniqueList(ExerciseRef) = Field([], description="slugs of regressions")
    harder: UniqueList(ExerciseRef) = Field([], description="slugs of progressions")
    figure: FigureMeta = Field(None, description="a figure drawn from poses: the start and end of the movement")
    images: list[ImageMeta] = Field([], description="figures, with alt text")

    @field_validator("harder")
    @classmethod
    def _not_both_ways(cls, harder: list[str], info: ValidationInfo) -> list[str]:
        easier = info.data.get("easier") or []
        for index, slug in enumerate(harder):
            if slug in easier:
                raise problem(f"'{slug}' is listed as both easier and harder", at=(index,))
        return harder


class ItemMeta(DosageMeta):
    """One entry of a routine: an exercise, dosage fields that override its default, and a note."""

    exercise: ExerciseRef = Field(description="slug of the exercise")
    note: Note = Field(None, description=f"a short note for this routine, at most {NOTE_MAX} characters")


class RoutineMeta(Strict):
    """The frontmatter of content/routines/<slug>.md."""

    model_config = ConfigDict(title="Routine")

    name: Text
    summary: Summary
    level: Level
    goals: UniqueList(GoalId) = []
    rounds: Count = Field(1, description="times the whole list is done")
    rest_between_rounds: Duration = None
    exercises: Annotated[list[ItemMeta], Field(min_length=1, max_length=ROUTINE_MAX_ITEMS)]


class ArticleMeta(Strict):
    """The optional frontmatter of content/guides/<slug>.md and content/index.md."""

    title: Text = None
    summary: Summary = None


def _term(value: Any) -> Any:
    if isinstance(value, str):
        return {"name": value}
    if value is None:
        raise problem("this entry has no name: write 'id: Name' or give a mapping with 'name'")
    if not isinstance(value, dict):  # `glutes: 12`: the name, not a mapping, is what was meant
        raise problem("must be a name ('id: Name') or a mapping with 'name'", labelled=True)
    return value


class TermMeta(Strict):
    name: Text
    description: Text = None


Term = Annotated[TermMeta, BeforeValidator(_term)]


class TaxonomyMeta(Strict):
    """content/taxonomy.yml: the three controlled vocabularies."""

    muscles: dict[Slug, Term]
    equipment: dict[Slug, Term]
    goals: dict[Slug, Term]


VOCABULARIES = tuple(TaxonomyMeta.model_fields)
