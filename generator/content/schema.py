"""What a content file may contain: the frontmatter of exercises, routines, articles and the taxonomy.

These pydantic models are the one definition of the format's fields, types and limits. The checks run
them, the records are made from them (records.py adds what the file's body and the other files give),
and `python -m generator schema` prints them as JSON Schema, so none of these can drift apart. Rules
that need other files (does this id exist?) read the ids from the validation context, a `Known`;
without one (schema generation) they are skipped.

Every model defers building its validator to its first use, so that commands which validate nothing
start without paying for it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ..figures.model import FigureMeta
from ..problems import did_you_mean
from . import vocabularies

LEVELS = ("beginner", "intermediate", "advanced")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECONDS_PER_REP = 3  # the pace assumed for a repetition when estimating a routine's duration


@dataclass(frozen=True, slots=True)
class Limits:
    """Every number and length a content file may give, chosen from what a page and a printed card can
    show. CONTRIBUTING.md lists them (a test holds the two together) and the JSON Schema carries them."""

    name: int = 80  # characters of a name, alias or term name: one line on a card
    title: int = 120  # characters of a guide's title
    summary: int = 200
    description: int = 300  # characters of a term's description or an image's alt text
    cue: int = 80
    note: int = 100  # a routine item's note, printed beside the exercise's name
    aliases: int = 10
    cues: int = 8
    images: int = 10
    terms: int = 12  # ids in one list (equipment, goals, primary or secondary muscles)
    variations: int = 10  # ids in easier, or in harder
    routine_items: int = 12  # what one printed card holds
    sets: int = 8  # tick boxes a round holds for one exercise
    rounds: int = 5  # rounds a card has columns for
    reps: int = 100
    hold: int = 300  # seconds
    time: int = 1800  # seconds of work in one set
    rest: int = 600  # seconds, after a set or between rounds
    steps: int = 30
    file_bytes: int = 100_000  # one content file
    line: int = 2_000  # characters in one line of a body
    nesting: int = 8  # lists and quotes inside each other in a body
    vocabulary_terms: int = 1_000  # terms in one vocabulary of taxonomy.yml
    media_bytes: int = 5_000_000  # one image


LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Known:
    """The ids that exist, for the checks that reach beyond one file."""

    terms: Mapping[str, frozenset[str] | None]  # vocabulary id -> its term ids (None: taxonomy.yml unreadable)
    exercises: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()  # paths under content/media/, posix style
    this: str | None = None  # the slug of the file being checked
    extra: Mapping[str, Any] = field(default_factory=dict)  # what an extension's rules need


def problem(message: str, *, at: tuple[str | int, ...] = (), labelled: bool = False) -> PydanticCustomError:
    """A content error with our own message. `at` points below the failing value (for rules on a
    whole model or list); `labelled` messages ("must ...") get the field's name put in front."""
    return PydanticCustomError("content", "{message}", {"message": message, "at": at, "labelled": labelled})


def known(info: ValidationInfo) -> Known | None:
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


# ---- text ---------------------------------------------------------------------------------------
# Text from frontmatter is printed on pages and cards as it is. Control characters, line and paragraph
# separators and invisible format characters (zero-width spaces, bidi controls that reorder what
# follows) change what a reader sees without showing themselves, so none is allowed inside a value;
# names must also hold something visible.

_UNSEEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")


def _unseen(text: str) -> str | None:
    stripped = text.strip()
    if stripped.isprintable():  # the common case, in C: no Cc, Cf, Zl, Zp, Co, Cs, Cn (nor other spaces than ' ')
        return None
    for character in stripped:
        if unicodedata.category(character) in _UNSEEN_CATEGORIES:
            name = unicodedata.name(character, "a control character")
            return f"U+{ord(character):04X} {name}"
    return None


def _text(value: str) -> str:
    if not value.strip():
        raise problem("must not be empty", labelled=True)
    _refuse_placeholder(value)
    if unseen := _unseen(value):
        raise problem(f"holds an invisible or control character ({unseen}); type it as plain text", labelled=True)
    return value


def _name(value: str) -> str:
    _text(value)
    if not any(unicodedata.category(c)[0] in "LN" for c in value):
        raise problem("must hold at least one letter or digit", labelled=True)
    return value


Text = Annotated[str, AfterValidator(_text)]
Name = Annotated[str, Field(max_length=LIMITS.name), AfterValidator(_name)]
Title = Annotated[str, Field(max_length=LIMITS.title), AfterValidator(_name)]
Summary = Annotated[str, Field(max_length=LIMITS.summary), AfterValidator(_text)]
Description = Annotated[str, Field(max_length=LIMITS.description), AfterValidator(_text)]
Cue = Annotated[str, Field(max_length=LIMITS.cue), AfterValidator(_text)]
Note = Annotated[str, Field(max_length=LIMITS.note), AfterValidator(_text)]
Level = Literal["beginner", "intermediate", "advanced"]


def _slug(value: str) -> str:
    if not SLUG.match(value):
        hint = slugify(value)
        raise problem(
            f"'{value}' is not an id: use lower-case letters, digits and single hyphens" + (f" (like '{hint}')" if hint else "")
        )
    return value


Slug = Annotated[str, AfterValidator(_slug), Field(max_length=LIMITS.name, pattern=SLUG.pattern)]


# ---- numbers ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AtMost:
    """Metadata for a number of seconds (or repetitions) parsed from text: at most `limit`, checked after
    parsing and stated in the JSON Schema's integer form."""

    limit: int
    unit: str = " seconds"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        def check(value: Any) -> Any:
            high = value[1] if isinstance(value, tuple) else value
            if isinstance(high, int) and high > self.limit:
                raise problem(f"must be at most {self.limit}{self.unit}, not {high}{self.unit}", labelled=True)
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = dict(handler(schema))
        options = json_schema.get("oneOf", [])
        json_schema["oneOf"] = [
            {**option, "maximum": self.limit} if option.get("type") == "integer" else option for option in options
        ]
        json_schema["description"] = f"{json_schema.get('description', '')}; at most {self.limit}{self.unit}"
        return json_schema


Sets = Annotated[int, Field(gt=0, le=LIMITS.sets)]
Rounds = Annotated[int, Field(gt=0, le=LIMITS.rounds)]


_DURATION = re.compile(r"^\s*(?:(\d{1,6})\s*m)?\s*(?:(\d{1,6})\s*s)?\s*$")
# What _DURATION accepts, for the JSON Schema: minutes, seconds or both, never neither.
DURATION_PATTERN = r"^\s*(\d+\s*m(\s*\d+\s*s)?|\d+\s*s)\s*$"


def _shown(value: str) -> str:
    """A value quoted in a message, cut short: it may be megabytes long."""
    return value if len(value) <= 40 else value[:40] + "…"


def parse_duration(value: Any) -> Any:
    """Seconds from 45, "45s", "2m" or "1m30s"; other types are left for the int check to refuse."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        shown = "infinity" if math.isinf(value) else "not a number" if math.isnan(value) else value
        raise problem(f'must be a whole number of seconds or text like "45s", "2m", "1m30s", not {shown}', labelled=True)
    seconds = value
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match or not (match[1] or match[2]):
            raise problem(f'must be seconds (45) or text like "45s", "2m", "1m30s", not \'{_shown(value)}\'', labelled=True)
        seconds = int(match[1] or 0) * 60 + int(match[2] or 0)
    if isinstance(seconds, int) and seconds <= 0:
        raise problem(f"must be more than zero, not {value!r}", labelled=True)
    return seconds


def _number_or_text(parse: Any, description: str, pattern: str) -> tuple[Any, ...]:
    """Metadata for a value written as a number or as text (`parse` reads both), and its JSON Schema."""
    one_of = [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": pattern}]
    return (BeforeValidator(parse), WithJsonSchema({"description": description, "oneOf": one_of}))


Duration = Annotated[int, *_number_or_text(parse_duration, 'seconds, or text such as "45s", "2m", "1m30s"', DURATION_PATTERN)]


_REPS = re.compile(r"^\s*(\d{1,6})\s*-\s*(\d{1,6})\s*$")
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
            raise problem(f"must be a whole number or a range like \"8-12\", not '{_shown(value)}'", labelled=True)
        low, high = int(match[1]), int(match[2])
        if low <= 0 or high <= low:
            raise problem(f"the range '{value}' must go from a positive number up to a larger one, like \"8-12\"")
        return (low, high)
    return value


Reps = Annotated[
    tuple[int, int],
    *_number_or_text(parse_reps, 'a number of repetitions, or a range such as "8-12"', REPS_PATTERN),
    PlainSerializer(lambda reps: {"min": reps[0], "max": reps[1]} if reps else None, when_used="json"),
    AtMost(LIMITS.reps, " repetitions"),
]


# ---- ids that point elsewhere -------------------------------------------------------------------


def known_terms(vocabulary_id: str) -> AfterValidator:
    """Metadata for a list of ids: each must be a term of the vocabulary `vocabulary_id`."""

    def check(values: list[str], info: ValidationInfo) -> list[str]:
        context = known(info)
        ids = context.terms.get(vocabulary_id) if context else None
        if ids is None:
            return values
        for index, value in enumerate(values):
            if value not in ids:
                noun = vocabularies.get(vocabulary_id).noun
                message = f"unknown {noun} '{value}'{did_you_mean(value, ids)} (the {vocabulary_id} are listed in taxonomy.yml)"
                raise problem(message, at=(index,))
        return values

    return AfterValidator(check)


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise problem(f"'{value}' is listed twice", at=(index,))
        seen.add(value)
    return values


UNIQUE = (AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True}))
# A list of term ids (`known_terms` says of which vocabulary): `equipment: Annotated[TermIds, known_terms("equipment")]`.
TermIds = Annotated[list[Annotated[str, Field(max_length=LIMITS.name)]], Field(max_length=LIMITS.terms), *UNIQUE]


def _exercise_ref(value: str, info: ValidationInfo) -> str:
    context = known(info)
    if context is None:
        return value
    if value == context.this:
        raise problem(f"an exercise cannot be easier or harder than itself ('{value}')")
    if value not in context.exercises:
        raise problem(f"unknown exercise '{value}'{did_you_mean(value, context.exercises)} (no file exercises/{value}.md)")
    return value


ExerciseRef = Annotated[str, Field(max_length=LIMITS.name), AfterValidator(_exercise_ref)]
Variations = Annotated[list[ExerciseRef], Field(max_length=LIMITS.variations), *UNIQUE]

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")


def _media_path(value: str, info: ValidationInfo) -> str:
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or any(part in ("", ".", "..") for part in parts):
        raise problem(f"'{value}' must be a plain path inside content/media/, like 'superman.svg' or 'plank/side.png'")
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise problem(f"'{value}' is not an image this site shows: use " + ", ".join(s[1:] for s in IMAGE_SUFFIXES))
    context = known(info)
    if context is not None and value not in context.media:
        raise problem(f"image 'content/media/{value}' does not exist{did_you_mean(value, context.media)}")
    return value


# In data for reuse (/exercises.json), a media path is given from the site's root, where the site publishes it.
MediaPath = Annotated[
    str, Field(max_length=300), AfterValidator(_media_path), PlainSerializer(lambda src: f"media/{src}", when_used="json")
]


# ---- the models ---------------------------------------------------------------------------------


class Strict(BaseModel):
    # strict: YAML's `name: 300` stays a number and is refused rather than silently turned into text.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _given(cls, value: Any) -> Any:
        # A key with no value (`dosage:`): what is not given is left out, never written empty.
        if value is None:
            raise problem("has no value", labelled=True)
        # A whole field left as "TODO: ...", whatever its type (items of text lists: _text).
        return _refuse_placeholder(value)


class Dosage(Strict):
    """A prescription. Every field is optional; an exercise's default fills in a routine item's gaps.
    The same model holds what an editor wrote and what a routine item resolves to (`over`)."""

    sets: Sets | None = Field(None, description=f"number of sets, at most {LIMITS.sets}")
    reps: Reps | None = Field(None, description='repetitions per set, or a range such as "8-12"; not with time')
    hold: Annotated[Duration, AtMost(LIMITS.hold)] | None = Field(None, description="hold time per repetition")
    time: Annotated[Duration, AtMost(LIMITS.time)] | None = Field(None, description="work time per set, instead of reps")
    per_side: bool | None = Field(None, description="reps, hold and time count for each side")
    rest: Annotated[Duration, AtMost(LIMITS.rest)] | None = Field(None, description="rest after each set")

    @model_validator(mode="after")
    def _reps_or_time(self) -> Dosage:
        if self.reps is not None and self.time is not None:
            raise problem("give either 'reps' or 'time', not both", at=("time",))
        return self

    def over(self, default: Dosage | None) -> Dosage:
        """This dosage with its gaps filled from `default`. Reps and time are alternatives, so they
        come as a pair: an item that sets either one replaces both of the default's."""
        own = {name: getattr(self, name) for name in Dosage.model_fields}
        if default is None:
            return Dosage.model_construct(**own)
        resolved = {name: value if value is not None else getattr(default, name) for name, value in own.items()}
        if self.reps is not None or self.time is not None:  # the item's own work, whole
            resolved["reps"], resolved["time"] = self.reps, self.time
        return Dosage.model_construct(**resolved)

    @property
    def has_work(self) -> bool:
        return self.reps is not None or self.time is not None or self.hold is not None

    @property
    def set_count(self) -> int:
        return self.sets or 1

    def seconds(self) -> int:
        """Estimated seconds for all sets: sets × (work + rest)."""
        if self.time is not None:
            work = self.time
        elif self.reps is not None:
            work = math.ceil(sum(self.reps) / 2) * (SECONDS_PER_REP + (self.hold or 0))
        else:
            work = self.hold or 0
        if self.per_side:
            work *= 2
        return self.set_count * (work + (self.rest or 0))


class ImageMeta(Strict):
    src: MediaPath = Field(description="path relative to content/media/")
    alt: Description = Field(description="what the image shows, for readers who cannot see it")


def _apart(values: list[str], others: list[str] | None, message: str) -> list[str]:
    """`values`, none of which may be in `others` (the list validated before it)."""
    for index, value in enumerate(values):
        if value in (others or ()):
            raise problem(message.format(value), at=(index,))
    return values


class MusclesMeta(Strict):
    primary: Annotated[TermIds, Field(min_length=1), known_terms("muscles")] = Field(description="muscle ids; at least one")
    secondary: Annotated[TermIds, known_terms("muscles")] = Field([], description="muscle ids; none of them also primary")

    @field_validator("secondary")
    @classmethod
    def _not_also_primary(cls, secondary: list[str], info: ValidationInfo) -> list[str]:
        return _apart(secondary, info.data.get("primary"), "'{}' is both a primary and a secondary muscle; keep it in one list")

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.primary, *self.secondary)


class ExerciseMeta(Strict):
    """The frontmatter of content/exercises/<slug>.md."""

    model_config = ConfigDict(title="Exercise")

    name: Name = Field(description="display name")
    aliases: Annotated[list[Name], Field(max_length=LIMITS.aliases), *UNIQUE] = Field(
        [], description="other names people search for"
    )
    summary: Summary = Field(description="one sentence for lists, cards and the page description")
    level: Level
    equipment: Annotated[TermIds, known_terms("equipment")] = Field(description=vocabularies.EQUIPMENT.describe)
    muscles: MusclesMeta = Field(description=vocabularies.MUSCLES.describe)
    goals: Annotated[TermIds, known_terms("goals")] = Field([], description=vocabularies.GOALS.describe)
    dosage: Dosage | None = Field(None, description="the default prescription")
    cues: Annotated[list[Cue], Field(max_length=LIMITS.cues)] = Field([], description="short reminders, printed on routine cards")
    easier: Variations = Field([], description="slugs of regressions")
    harder: Variations = Field([], description="slugs of progressions")
    figure: FigureMeta | None = Field(None, description="a figure drawn from poses: the start and end of the movement")
    images: Annotated[list[ImageMeta], Field(max_length=LIMITS.images)] = Field(
        [], description="figures or photos, with alt text"
    )

    @field_validator("figure")
    @classmethod
    def _figure_alt(cls, figure: FigureMeta | None) -> FigureMeta | None:
        if figure is not None and figure.alt is not None:
            try:
                _text(figure.alt)
            except PydanticCustomError as error:
                raise problem(f"'figure.alt' {error.context['message'] if error.context else error}", at=("alt",)) from None
        return figure

    @field_validator("harder")
    @classmethod
    def _not_both_ways(cls, harder: list[str], info: ValidationInfo) -> list[str]:
        return _apart(harder, info.data.get("easier"), "'{}' is listed as both easier and harder")


class ItemMeta(Dosage):
    """One entry of a routine: an exercise, dosage fields that override its default, and a note."""

    exercise: ExerciseRef = Field(description="slug of the exercise")
    note: Note | None = Field(None, description=f"a short note for this routine, at most {LIMITS.note} characters")


class RoutineMeta(Strict):
    """The frontmatter of content/routines/<slug>.md."""

    model_config = ConfigDict(title="Routine")

    name: Name
    summary: Summary
    level: Level
    goals: Annotated[TermIds, known_terms("goals")] = []
    rounds: Rounds = Field(1, description=f"times the whole list is done, at most {LIMITS.rounds}")
    rest_between_rounds: Annotated[Duration, AtMost(LIMITS.rest)] | None = None
    exercises: Annotated[list[ItemMeta], Field(min_length=1, max_length=LIMITS.routine_items)]


class ArticleMeta(Strict):
    """The optional frontmatter of content/guides/<slug>.md and content/index.md."""

    title: Title | None = None
    summary: Summary | None = None


def _term(value: Any) -> Any:
    if isinstance(value, str):
        return {"name": value}
    if value is None:
        raise problem("this entry has no name: write 'id: Name' or give a mapping with 'name'")
    if not isinstance(value, dict):  # `glutes: 12`: the name, not a mapping, is what was meant
        raise problem("must be a name ('id: Name') or a mapping with 'name'", labelled=True)
    return value


class TermMeta(Strict):
    name: Name
    description: Description | None = None


Term = Annotated[TermMeta, BeforeValidator(_term)]
Terms = Annotated[dict[Slug, Term], Field(max_length=LIMITS.vocabulary_terms)]


@functools.cache
def _taxonomy_model(vocabulary_ids: tuple[str, ...]) -> type[Strict]:
    fields: dict[str, Any] = dict.fromkeys(vocabulary_ids, (Terms, ...))
    model: type[Strict] = create_model(
        "Taxonomy", __base__=Strict, __doc__="content/taxonomy.yml: the controlled vocabularies.", **fields
    )
    return model


def taxonomy_model() -> type[Strict]:
    """The model of taxonomy.yml: one mapping of terms for every registered vocabulary."""
    return _taxonomy_model(vocabularies.ids())
