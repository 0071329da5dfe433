"""What the relevance suite and the benchmark type into the search box, and what each should find.

Made from a catalog's records, so that every expectation follows from the content: the exercise whose
name or alias was typed, the exercise a typo was made in, the exercises that train a muscle. The
samples are seeded: the same guide gives the same queries on every run.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.content.records import Catalog
from generator.site import paths

# The relevance suite's and the benchmark's queries: the same on every run.
SEED = 12
NAME_SAMPLE = 200  # names drawn from the imported exercises
TYPO_COUNT = 80
MUSCLES = ("hamstrings", "glutes", "quadriceps", "calves", "chest", "biceps")
TYPO_KINDS = ("dropped", "doubled", "swapped", "wrong")
_LONG_WORD = re.compile(r"[A-Za-z]{5,}")  # the typo rule: words of five or more letters


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    expected: frozenset[str]  # the result paths (relative to the site) that count as the right answer
    kind: str


@dataclass(frozen=True, slots=True)
class MuscleQuery:
    text: str
    main: frozenset[str]  # the exercises that train the muscle as a main (primary) muscle
    term_page: str


def normal(text: str) -> str:
    """As the search compares names (guide-search.js): case, accents, apostrophes and separators aside."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2018\u2019\u02bc`]", "", text)
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def exercise_path(slug: str) -> str:
    return paths.page_url(paths.exercise(slug))


def _owners(catalog: Catalog, text: str) -> frozenset[str]:
    """The exercises a typed name stands for: those named so, else those with it as an alias."""
    key = normal(text)
    named = frozenset(exercise_path(s) for s, ex in catalog.exercises.items() if normal(ex.name) == key)
    return named or frozenset(exercise_path(s) for s, ex in catalog.exercises.items() if key in {normal(a) for a in ex.aliases})


def names_and_aliases(catalog: Catalog) -> list[Query]:
    """Every name and alias of the guide, as written."""
    return [
        Query(text, _owners(catalog, text), "alias" if k else "name")
        for ex in catalog.exercises.values()
        for k, text in enumerate((ex.name, *ex.aliases))
    ]


def _variants(text: str) -> list[tuple[str, str]]:
    return [
        ("lower case", text.lower()),
        ("upper case", text.upper()),
        ("hyphens as spaces", text.replace("-", " ")),
        ("hyphens left out", text.replace("-", "")),
        ("apostrophes left out", text.replace("'", "").replace("\u2019", "")),
        ("extra spaces", "  " + re.sub(r" ", "   ", text) + " "),
    ]


def written_otherwise(catalog: Catalog) -> list[Query]:
    """Every name and alias once more, written another way (the ways taken in turn): case, hyphens, apostrophes, spaces."""
    queries = []
    for number, query in enumerate(names_and_aliases(catalog)):
        options = [(kind, text) for kind, text in _variants(query.text) if text != query.text]
        kind, text = options[number % len(options)]
        queries.append(Query(text, query.expected, kind))
    return queries


def imported(catalog: Catalog, shipped: Iterable[str]) -> set[str]:
    """The exercises that came from the dataset: not `shipped`, and not the benchmark's copies (<slug>-copy-N)."""
    return {slug for slug in catalog.exercises.keys() - set(shipped) if not re.search(r"-copy-\d+$", slug)}


def sample_names(catalog: Catalog, slugs: Iterable[str], count: int = NAME_SAMPLE, seed: int = SEED) -> list[Query]:
    """`count` names of the exercises `slugs`, drawn with `seed`."""
    chosen = random.Random(seed).sample(sorted(slugs), count)
    return [Query(catalog.exercises[slug].name, _owners(catalog, catalog.exercises[slug].name), "name") for slug in chosen]


def typo(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one typo of `kind`, or None when that kind cannot change it (a swap of equal letters)."""
    at = rng.randrange(len(word))
    if kind == "dropped":
        return word[:at] + word[at + 1 :]
    if kind == "doubled":
        return word[: at + 1] + word[at:]
    if kind == "swapped":
        at = min(at, len(word) - 2)
        if word[at].lower() == word[at + 1].lower():
            return None
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    wrong = rng.choice([c for c in string.ascii_lowercase if c != word[at].lower()])
    return word[:at] + wrong + word[at + 1 :]


def typos(catalog: Catalog, count: int = TYPO_COUNT, seed: int = SEED) -> list[Query]:
    """`count` names with one typo each in a word of five letters or more, the four kinds in turn."""
    rng = random.Random(seed)
    queries: list[Query] = []
    for slug in rng.sample(sorted(catalog.exercises), len(catalog.exercises)):
        name = catalog.exercises[slug].name
        words = list(_LONG_WORD.finditer(name))
        if not words:
            continue
        kind = TYPO_KINDS[len(queries) % len(TYPO_KINDS)]
        word = rng.choice(words)
        changed = typo(word[0], kind, rng)
        if changed is None:
            continue
        queries.append(
            Query(name[: word.start()] + changed + name[word.end() :], frozenset({exercise_path(slug)}), f"typo: {kind}")
        )
        if len(queries) == count:
            break
    return queries


def muscles(catalog: Catalog, ids: Sequence[str] = MUSCLES) -> list[MuscleQuery]:
    """A reader typing each muscle's name, in lower case."""
    return [
        MuscleQuery(
            catalog.term("muscles", term_id).name.lower(),
            frozenset(exercise_path(slug) for slug, ex in catalog.exercises.items() if term_id in ex.muscles.primary),
            paths.page_url(paths.term("muscles", term_id)),
        )
        for term_id in ids
    ]


@dataclass(frozen=True, slots=True)
class Answer:
    query: Query
    results: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """Where the first right result is (0: first), or None."""
        return next((i for i, path in enumerate(self.results) if path in self.query.expected), None)

    @property
    def first(self) -> bool:
        return self.rank == 0

    @property
    def top3(self) -> bool:
        return self.rank is not None and self.rank < 3

    def __str__(self) -> str:
        return f"{self.query.text!r} ({self.query.kind}): want {sorted(self.query.expected)}, got {list(self.results[:3])}"


def share(answers: Sequence[Answer], attribute: str) -> float:
    return sum(getattr(answer, attribute) for answer in answers) / len(answers)
