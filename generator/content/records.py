"""The guide as immutable records, with every cross-link resolved.

A record is its file's validated frontmatter model (schema.py) plus what the file gives besides: its
slug, its path and its body. Records are made from the models without copying a field (`model_construct`
on a subclass), so a field added to a model is a field of the record. The Catalog holds every record
of every content kind and each derived fact, computed here, once: easier/harder both ways, the
routines an exercise is in, a routine's equipment and muscles, a term's exercises and routines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import vocabularies
from .bodies import Prose
from .schema import ArticleMeta, Dosage, ExerciseMeta, MusclesMeta, RoutineMeta

if TYPE_CHECKING:
    from .kinds import ContentKind


class Record(BaseModel):
    """What every content record has beside its frontmatter."""

    slug: str
    source: str  # the content file, relative to content/ ("exercises/plank.md")
    body: Prose = Prose()  # the Markdown after the frontmatter (for exercises: after the Steps section)


class Exercise(ExerciseMeta, Record):
    steps: tuple[str, ...] = ()  # the Markdown of each step
    steps_line: int = 0  # the file line of the first step
    intro: Prose = Prose()  # what precedes the Steps section


@dataclass(frozen=True, slots=True)
class RoutineItem:
    exercise: str  # slug
    dosage: Dosage  # resolved: the item's own fields over the exercise's default
    note: str | None = None


class Routine(RoutineMeta, Record):
    items: tuple[RoutineItem, ...] = ()

    def seconds(self) -> int:
        """sets × (work + rest) for every item, times the rounds, plus the rests between rounds."""
        one_round = sum(item.dosage.seconds() for item in self.items)
        return one_round * self.rounds + (self.rest_between_rounds or 0) * (self.rounds - 1)


class Article(ArticleMeta, Record):
    """A guide (content/guides/<slug>.md) or the home page (slug 'index'); `title` is the frontmatter's
    or the body's first '# ' heading."""


def make(record_type: type[Record], meta: BaseModel, **facts: Any) -> Any:
    """A record of `record_type` from its validated frontmatter and the file's other facts."""
    return record_type.model_construct(**{**dict(meta), **facts})


@dataclass(frozen=True, slots=True)
class Term:
    vocabulary: str  # the vocabulary's id: "muscles"
    id: str
    name: str
    description: str | None = None


def terms_of(record: Any, vocabulary_id: str, *, main: bool = False) -> tuple[str, ...]:
    """The ids of one vocabulary that a record names itself (empty when its kind has no such field);
    with `main`, only the main role's (primary muscles)."""
    vocabulary = vocabularies.get(vocabulary_id)
    value = getattr(record, vocabulary.field, None)
    if value is None:
        return ()
    if isinstance(value, BaseModel):  # roles: {primary: [...], secondary: [...]}
        roles = vocabulary.roles[:1] if main else vocabulary.roles
        return tuple(term for role in roles for term in getattr(value, role))
    return tuple(value)


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


def _by_name(records: Mapping[str, Any], slugs: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(slugs), key=lambda slug: (_display_name(records[slug]).casefold(), slug)))


def _display_name(record: Any) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.slug)


@dataclass(frozen=True)
class Catalog:
    """Everything in content/, checked, sorted for display, with every relation resolved both ways."""

    taxonomy: Mapping[str, Mapping[str, Term]]  # vocabulary id -> term id -> term
    records: Mapping[str, Mapping[str, Any]]  # kind name -> slug -> record, each kind in display order
    home: Article
    kinds: tuple[ContentKind, ...]
    easier: Mapping[str, tuple[str, ...]] = field(init=False)  # exercise slug -> easier exercises
    harder: Mapping[str, tuple[str, ...]] = field(init=False)
    used_in: Mapping[str, tuple[str, ...]] = field(init=False)  # exercise slug -> routine slugs
    # (vocabulary id, term id, kind name) -> slugs; `main_with_term` only counts a main role (primary muscles)
    with_term: Mapping[tuple[str, str, str], tuple[str, ...]] = field(init=False)
    main_with_term: Mapping[tuple[str, str, str], tuple[str, ...]] = field(init=False)
    # (kind name, slug, vocabulary id) -> ids, for records whose terms come from their exercises (a routine's equipment)
    derived_terms: Mapping[tuple[str, str, str], tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "records", _frozen({name: _frozen(records) for name, records in self.records.items()}))
        put(self, "taxonomy", _frozen({name: _frozen(terms) for name, terms in self.taxonomy.items()}))
        exercises, routines = self.exercises, self.routines
        easier: dict[str, list[str]] = {slug: list(ex.easier) for slug, ex in exercises.items()}
        harder: dict[str, list[str]] = {slug: list(ex.harder) for slug, ex in exercises.items()}
        for slug, ex in exercises.items():
            for other in ex.harder:
                easier[other].append(slug)
            for other in ex.easier:
                harder[other].append(slug)
        used_in: dict[str, list[str]] = {slug: [] for slug in exercises}
        for slug, routine in routines.items():
            for item in routine.items:
                used_in[item.exercise].append(slug)
        put(self, "easier", _frozen({slug: _by_name(exercises, v) for slug, v in easier.items()}))
        put(self, "harder", _frozen({slug: _by_name(exercises, v) for slug, v in harder.items()}))
        put(self, "used_in", _frozen({slug: _by_name(routines, v) for slug, v in used_in.items()}))

        derived: dict[tuple[str, str, str], tuple[str, ...]] = {}
        every: dict[tuple[str, str, str], list[str]] = {}
        main: dict[tuple[str, str, str], list[str]] = {}
        for vocabulary in vocabularies.all_vocabularies():
            for term_id in self.taxonomy.get(vocabulary.id, {}):
                for kind in self.kinds:
                    every[(vocabulary.id, term_id, kind.name)] = []
                    main[(vocabulary.id, term_id, kind.name)] = []
            for kind in self.kinds:
                records = self.records.get(kind.name, {})
                own = vocabulary.field in kind.record_type.model_fields  # else: from its exercises
                for slug, record in records.items():
                    ids = terms_of(record, vocabulary.id) if own else self._from_exercises(record, vocabulary.id)
                    main_ids = terms_of(record, vocabulary.id, main=True) if own and vocabulary.roles else ids
                    if not own and ids:
                        derived[(kind.name, slug, vocabulary.id)] = ids
                    for term_id in ids:
                        every[(vocabulary.id, term_id, kind.name)].append(slug)
                    for term_id in main_ids:
                        main[(vocabulary.id, term_id, kind.name)].append(slug)
        # The records were walked in display order, so each list is in it already (and has no repeats: a
        # record names a term once in each role, and roles do not share terms).
        put(self, "with_term", _frozen({key: tuple(dict.fromkeys(slugs)) for key, slugs in every.items()}))
        put(self, "main_with_term", _frozen({key: tuple(slugs) for key, slugs in main.items()}))
        put(self, "derived_terms", _frozen(derived))

    def _from_exercises(self, record: Any, vocabulary_id: str) -> tuple[str, ...]:
        """A routine's terms of a vocabulary it does not name itself: its exercises' main ones, in order."""
        seen: dict[str, None] = {}
        for item in getattr(record, "items", ()):
            seen.update(dict.fromkeys(terms_of(self.exercises[item.exercise], vocabulary_id, main=True)))
        return tuple(seen)

    @property
    def exercises(self) -> Mapping[str, Exercise]:
        return self.records["exercise"]

    @property
    def routines(self) -> Mapping[str, Routine]:
        return self.records["routine"]

    @property
    def articles(self) -> Mapping[str, Article]:
        return self.records["article"]

    def terms(self, record: Any, vocabulary_id: str, *, main: bool = False) -> tuple[str, ...]:
        """The ids of a vocabulary a record has: its own, or (a routine's equipment) its exercises'."""
        if hasattr(record, vocabularies.get(vocabulary_id).field):
            return terms_of(record, vocabulary_id, main=main)
        kind = next((k.name for k in self.kinds if isinstance(record, k.record)), "")
        return self.derived_terms.get((kind, record.slug, vocabulary_id), ())

    def term(self, vocabulary_id: str, term_id: str) -> Term:
        return self.taxonomy[vocabulary_id][term_id]

    def vocabulary(self, vocabulary_id: str) -> Mapping[str, Term]:
        return self.taxonomy[vocabulary_id]


__all__ = [
    "Article",
    "Catalog",
    "Dosage",
    "Exercise",
    "MusclesMeta",
    "Record",
    "Routine",
    "RoutineItem",
    "Term",
    "make",
    "terms_of",
]
