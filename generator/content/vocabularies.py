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

from ..registry import Registry


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

_REGISTRY = Registry(
    "vocabulary",
    lambda vocabulary: vocabulary.id,
    (MUSCLES, EQUIPMENT, GOALS),  # the order pages list them in; extensions' come after
    lambda vocabulary: {"id": vocabulary.id, "param": vocabulary.param, "field": vocabulary.field},
)
register = _REGISTRY.register
unregister = _REGISTRY.unregister
all_vocabularies = _REGISTRY.all
ids = _REGISTRY.names
get = _REGISTRY.get
