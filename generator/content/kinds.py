"""The kinds of content file, declared once (in the spirit of Pelican's readers).

A kind says where its files live, what their frontmatter may hold (a model of schema.py), which record
they become, what `python -m generator new` starts one from, which template makes its page and its
list page, and under which key /exercises.json carries it. Loading, the checks, the pages, `emit`,
`new`, `schema` and the JSON export read this registry; adding a kind is one entry (and its model,
record and templates), and an extension may register one (see `generator.extensions`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, create_model

from ..registry import Registry
from . import vocabularies
from .records import Article, Exercise, Record, Routine
from .schema import LIMITS, ArticleMeta, ExerciseMeta, RoutineMeta, TermIds, known_terms


@dataclass(frozen=True)
class ContentKind:
    name: str  # "exercise"
    noun: str  # what editors call one, in messages and counts: "exercise", "guide"
    folder: str  # under content/, and the URL folder of its pages: "exercises"
    title: str  # of its list page: "Exercises"
    base_model: type[BaseModel]  # the frontmatter model; vocabularies registered later add their fields (`model`)
    record: type[Record]  # what a file becomes: the model and the file's own facts (records.py)
    template: str  # the page of one record, under theme/pages/
    index_template: str | None = None  # the page listing them all, at /<folder>/
    archetype: str | None = None  # what `new` starts a file from, under archetypes/
    json_key: str | None = None  # where /exercises.json lists them
    steps: bool = False  # the body holds a '## Steps' numbered list (read into the record's steps)
    frontmatter: bool = True  # whether a file must start with frontmatter
    in_nav: bool = False  # whether each record's page is in the site's navigation
    extra_pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (template, title): the kind's other pages
    search_boost: float | None = None  # the weight of its pages in the site's search
    templates: Path | None = None  # a folder with the kind's own templates (an extension's), searched after the theme's
    # Cross-file facts of one record, after every file is read: (record, catalog-so-far) -> (record, [(loc, message)])
    resolve: Callable[[Any, dict[str, dict[str, Any]]], tuple[Any, list[tuple[tuple[str | int, ...], str]]]] | None = None

    @property
    def reserved(self) -> frozenset[str]:
        """Slugs a file may not take: the site's own pages in the kind's folder."""
        return frozenset({"index", *self.extra_pages})

    @property
    def model(self) -> type[BaseModel]:
        """The frontmatter model with a field for every registered vocabulary the base model lacks."""
        return _with_vocabularies(self.base_model, _added_vocabularies(self))

    @property
    def record_type(self) -> type[Record]:
        """The record, with the same fields added as `model`."""
        record: type[Record] = _with_vocabularies(self.record, _added_vocabularies(self))  # type: ignore[assignment]
        return record

    def page(self, slug: str) -> str:
        """The source path of a record's page, as MkDocs sees it (its URL follows): 'exercises/plank.md'."""
        return f"{self.folder}/{slug}.md"

    def index_page(self) -> str:
        return f"{self.folder}/index.md"


def _added_vocabularies(kind: ContentKind) -> tuple[str, ...]:
    if kind.name != "exercise":  # vocabularies describe exercises; routines and others derive theirs
        return ()
    return tuple(v.id for v in vocabularies.all_vocabularies() if v.field not in kind.base_model.model_fields)


@functools.cache
def _with_vocabularies(base: type[BaseModel], added: tuple[str, ...]) -> type[BaseModel]:
    if not added:
        return base
    fields: dict[str, Any] = {}
    for vocabulary_id in added:
        vocabulary = vocabularies.get(vocabulary_id)
        fields[vocabulary.field] = (Annotated[TermIds, known_terms(vocabulary_id)], ... if vocabulary.required else [])
    extended: type[BaseModel] = create_model(base.__name__, __base__=base, **fields)
    return extended


def _resolve_routine(
    routine: Routine, records: dict[str, dict[str, Any]]
) -> tuple[Routine, list[tuple[tuple[str | int, ...], str]]]:
    """A routine's items with their dosage resolved against each exercise's default."""
    from .records import RoutineItem

    exercises = records.get("exercise", {})
    items: list[RoutineItem] = []
    flaws: list[tuple[tuple[str | int, ...], str]] = []
    for index, item in enumerate(routine.exercises):
        exercise = exercises.get(item.exercise)
        dosage = item.over(exercise.dosage if exercise else None)
        if exercise is not None and not dosage.has_work:
            flaws.append(
                (
                    ("exercises", index, "exercise"),
                    f"'{item.exercise}' has no reps, time or hold, here or in its own dosage: give one of them",
                )
            )
        items.append(RoutineItem(item.exercise, dosage, item.note))
    return routine.model_copy(update={"items": tuple(items)}), flaws


EXERCISE = ContentKind(
    "exercise",
    "exercise",
    "exercises",
    "Exercises",
    ExerciseMeta,
    Exercise,
    template="exercise.md",
    index_template="exercises.md",
    archetype="exercise.md",
    json_key="exercises",
    steps=True,
    search_boost=2,
)
ROUTINE = ContentKind(
    "routine",
    "routine",
    "routines",
    "Routines",
    RoutineMeta,
    Routine,
    template="routine.md",
    index_template="routines.md",
    archetype="routine.md",
    json_key="routines",
    extra_pages={
        "print": ("booklet.md", "Routine cards"),  # /routines/print/: every card, to print at once
        "custom": ("card-builder.md", "My card"),  # /routines/custom/: the reader's own card (site/custom_card.py)
    },
    resolve=_resolve_routine,
)
ARTICLE = ContentKind(
    "article",
    "guide",
    "guides",
    "Guides",
    ArticleMeta,
    Article,
    template="article.md",
    index_template="guides.md",
    frontmatter=False,
    in_nav=True,
)
HOME_FILE = "index.md"  # the home page: an article of its own, at the top of content/
TAXONOMY_FILE = "taxonomy.yml"
MEDIA_FOLDER = "media"
FIGURES_FOLDER = "figures"  # where the site publishes each exercise's figure as a file

_REGISTRY = Registry(
    "content kind",
    lambda kind: kind.name,
    (EXERCISE, ROUTINE, ARTICLE),
    lambda kind: {"name": kind.name, "folder": kind.folder},
)


def register(kind: ContentKind) -> ContentKind:
    """Add a content kind (from an extension): its name and folder must be new, and not the site's own."""
    if kind.folder in (MEDIA_FOLDER, FIGURES_FOLDER, "assets", "search", "schema") or kind.folder in vocabularies.ids():
        raise ValueError(f"content kind '{kind.name}': the folder '{kind.folder}' is taken by the site")
    return _REGISTRY.register(kind)


unregister = _REGISTRY.unregister
all_kinds = _REGISTRY.all
get = _REGISTRY.get


def with_archetype() -> tuple[ContentKind, ...]:
    return tuple(kind for kind in _REGISTRY.all() if kind.archetype)


__all__ = ["ARTICLE", "EXERCISE", "HOME_FILE", "LIMITS", "MEDIA_FOLDER", "ROUTINE", "TAXONOMY_FILE", "ContentKind"]
