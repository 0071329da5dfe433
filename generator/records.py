"""The guide as typed, immutable records, with every cross-link resolved.

Built from checked frontmatter by `load`; read by the renderers. Each derived fact (easier/harder
both ways, a routine's equipment and duration, a term's exercises) is computed here, once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

SECONDS_PER_REP = 3  # the pace assumed for a repetition when estimating a routine's duration


@dataclass(frozen=True, slots=True)
class Term:
    vocabulary: str  # "muscles", "equipment" or "goals"
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Taxonomy:
    muscles: Mapping[str, Term]
    equipment: Mapping[str, Term]
    goals: Mapping[str, Term]

    def vocabulary(self, name: str) -> Mapping[str, Term]:
        return {"muscles": self.muscles, "equipment": self.equipment, "goals": self.goals}[name]


@dataclass(frozen=True, slots=True)
class Dosage:
    sets: int | None = None
    reps: tuple[int, int] | None = None  # (low, high); equal for a plain number
    hold: int | None = None  # seconds per rep
    time: int | None = None  # seconds of work per set, instead of reps
    per_side: bool | None = None  # None: not given here
    rest: int | None = None  # seconds after each set

    def over(self, default: Dosage | None) -> Dosage:
        """This dosage with its gaps filled from `default`. Reps and time are alternatives, so they
        come as a pair: an item that sets either one replaces both of the default's."""
        if default is None:
            return self
        own_work = self.reps is not None or self.time is not None
        return Dosage(
            sets=self.sets if self.sets is not None else default.sets,
            reps=self.reps if own_work else default.reps,
            time=self.time if own_work else default.time,
            hold=self.hold if self.hold is not None else default.hold,
            per_side=self.per_side if self.per_side is not None else default.per_side,
            rest=self.rest if self.rest is not None else default.rest,
        )

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


@dataclass(frozen=True, slots=True)
class Image:
    src: str  # relative to content/media/
    alt: str


@dataclass(frozen=True, slots=True)
class Exercise:
    slug: str
    name: str
    summary: str
    level: str
    equipment: tuple[str, ...]
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    dosage: Dosage | None = None
    cues: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()  # as written; Guide.easier has both directions
    harder: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    steps: tuple[str, ...] = ()  # Markdown of each step
    intro: str = ""  # Markdown before the Steps section
    body: str = ""  # Markdown after the Steps section
    source: str = ""  # path under content/

    @property
    def muscles(self) -> tuple[str, ...]:
        return self.primary + self.secondary


@dataclass(frozen=True, slots=True)
class RoutineItem:
    exercise: str  # slug
    dosage: Dosage  # resolved: the item's own fields over the exercise's default
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    slug: str
    name: str
    summary: str
    level: str
    items: tuple[RoutineItem, ...]
    goals: tuple[str, ...] = ()
    rounds: int = 1
    rest_between_rounds: int | None = None
    body: str = ""
    source: str = ""

    def seconds(self) -> int:
        """sets × (work + rest) for every item, times the rounds, plus the rests between rounds."""
        one_round = sum(item.dosage.seconds() for item in self.items)
        return one_round * self.rounds + (self.rest_between_rounds or 0) * (self.rounds - 1)


@dataclass(frozen=True, slots=True)
class Article:
    slug: str  # "index" for the home page
    title: str
    body: str
    summary: str | None = None
    source: str = ""


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class Guide:
    """Everything in the guide, sorted for display, with every relation resolved both ways."""

    taxonomy: Taxonomy
    exercises: Mapping[str, Exercise]  # by slug, in display order (by name)
    routines: Mapping[str, Routine]
    articles: Mapping[str, Article]
    home: Article
    easier: Mapping[str, tuple[str, ...]] = field(init=False)
    harder: Mapping[str, tuple[str, ...]] = field(init=False)
    used_in: Mapping[str, tuple[str, ...]] = field(init=False)  # exercise slug -> routine slugs
    routine_equipment: Mapping[str, tuple[str, ...]] = field(init=False)
    routine_muscles: Mapping[str, tuple[str, ...]] = field(init=False)
    term_exercises: Mapping[tuple[str, str], tuple[str, ...]] = field(init=False)
    term_routines: Mapping[tuple[str, str], tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        def by_name(slugs, records):
            return tuple(sorted(set(slugs), key=lambda s: (records[s].name.casefold(), s)))

        exercises, routines = self.exercises, self.routines
        easier = {slug: list(ex.easier) for slug, ex in exercises.items()}
        harder = {slug: list(ex.harder) for slug, ex in exercises.items()}
        for slug, ex in exercises.items():
            for other in ex.harder:
                easier[other].append(slug)
            for other in ex.easier:
                harder[other].append(slug)
        used_in: dict[str, list[str]] = {slug: [] for slug in exercises}
        for slug, routine in routines.items():
            for item in routine.items:
                used_in[item.exercise].append(slug)

        def union(routine: Routine, attribute: str) -> tuple[str, ...]:
            seen: dict[str, None] = {}
            for item in routine.items:
                seen.update(dict.fromkeys(getattr(exercises[item.exercise], attribute)))
            return tuple(seen)

        routine_equipment = {slug: union(r, "equipment") for slug, r in routines.items()}
        routine_muscles = {slug: union(r, "primary") for slug, r in routines.items()}
        term_exercises: dict[tuple[str, str], list[str]] = {}
        term_routines: dict[tuple[str, str], list[str]] = {}
        for name in ("muscles", "equipment", "goals"):
            for term_id in self.taxonomy.vocabulary(name):
                term_exercises[(name, term_id)] = []
                term_routines[(name, term_id)] = []
        for slug, ex in exercises.items():
            for name, ids in (("muscles", ex.muscles), ("equipment", ex.equipment), ("goals", ex.goals)):
                for term_id in ids:
                    term_exercises[(name, term_id)].append(slug)
        for slug, routine in routines.items():
            for name, ids in (("muscles", routine_muscles[slug]), ("equipment", routine_equipment[slug]), ("goals", routine.goals)):
                for term_id in ids:
                    term_routines[(name, term_id)].append(slug)

        put = object.__setattr__
        put(self, "exercises", _frozen(dict(exercises)))
        put(self, "routines", _frozen(dict(routines)))
        put(self, "articles", _frozen(dict(self.articles)))
        put(self, "easier", _frozen({s: by_name(v, exercises) for s, v in easier.items()}))
        put(self, "harder", _frozen({s: by_name(v, exercises) for s, v in harder.items()}))
        put(self, "used_in", _frozen({s: by_name(v, routines) for s, v in used_in.items()}))
        put(self, "routine_equipment", _frozen(routine_equipment))
        put(self, "routine_muscles", _frozen(routine_muscles))
        put(self, "term_exercises", _frozen({k: by_name(v, exercises) for k, v in term_exercises.items()}))
        put(self, "term_routines", _frozen({k: by_name(v, routines) for k, v in term_routines.items()}))
