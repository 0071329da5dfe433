"""The controlled vocabularies, declared once (in the spirit of Hugo's `taxonomies:` setting).

Each entry says everything the rest of the generator needs to know about a vocabulary: its key in
taxonomy.yml (also the folder of its term pages), how readers call it, the URL parameter of the
exercise list's filter, and the field of an exercise that holds its ids. Loading, the checks, the
pages, the list's filters, the JSON export and the page scripts (through data the pages carry) all
read this registry; none of them spells a vocabulary out.

An extension may register another vocabulary (see `generator.extensions`); an exercise then takes a
list of its ids in the field the entry names, and taxonomy.yml needs a section for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Vocabulary:
    id: str  # its key in taxonomy.yml and the folder of its term pages: "muscles"
    title: str  # "Muscles"
    noun: str  # one of its terms, in running text: "muscle"
    param: str  # the exercise list's URL parameter: /exercises/?muscle=glutes
    field: str  # the exercise field that holds its ids
    roles: tuple[str, ...] = ()  # when the field maps roles to ids (muscles: primary, secondary); the first is the main one
    role_titles: tuple[str, ...] = ()  # how an exercise page heads each role's terms ("Main muscles", "Also works")
    required: bool = False  # an exercise must give the field ([] is allowed where there are no roles)
    none_label: str | None = None  # a filter option for exercises with none of its terms ("None (bodyweight)")
    describe: str = ""  # what the field means, for the JSON Schema and CONTRIBUTING

    @property
    def main_role(self) -> str | None:
        return self.roles[0] if self.roles else None


MUSCLES = Vocabulary(
    "muscles",
    "Muscles",
    "muscle",
    "muscle",
    "muscles",
    roles=("primary", "secondary"),
    role_titles=("Main muscles", "Also works"),
    required=True,
    describe="muscle ids from taxonomy.yml: primary (at least one) and secondary",
)
EQUIPMENT = Vocabulary(
    "equipment",
    "Equipment",
    "equipment",
    "equipment",
    "equipment",
    required=True,
    none_label="None (bodyweight)",
    describe="equipment ids from taxonomy.yml; [] means bodyweight only",
)
GOALS = Vocabulary("goals", "Goals", "goal", "goal", "goals", describe="goal ids from taxonomy.yml")

_REGISTRY: dict[str, Vocabulary] = {v.id: v for v in (MUSCLES, EQUIPMENT, GOALS)}


def register(vocabulary: Vocabulary) -> Vocabulary:
    """Add a vocabulary (from an extension). Its id, parameter and field must be new."""
    if _REGISTRY.get(vocabulary.id) == vocabulary:  # registered before: an extension loaded again
        return vocabulary
    for other in _REGISTRY.values():
        clash = {
            "id": vocabulary.id == other.id,
            "param": vocabulary.param == other.param,
            "field": vocabulary.field == other.field,
        }
        if any(clash.values()):
            which = next(name for name, taken in clash.items() if taken)
            raise ValueError(f"vocabulary '{vocabulary.id}': its {which} is already taken by '{other.id}'")
    _REGISTRY[vocabulary.id] = vocabulary
    return vocabulary


def unregister(vocabulary_id: str) -> None:
    """Remove a vocabulary an extension registered (for tests that register one for a while)."""
    if vocabulary_id in ("muscles", "equipment", "goals"):
        raise ValueError(f"'{vocabulary_id}' is built in")
    _REGISTRY.pop(vocabulary_id, None)


def all_vocabularies() -> tuple[Vocabulary, ...]:
    """Every vocabulary, in the order pages list them (muscles, equipment, goals, then extensions')."""
    return tuple(_REGISTRY.values())


def ids() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get(vocabulary_id: str) -> Vocabulary:
    return _REGISTRY[vocabulary_id]
