"""A registry: the one list of something the generator is told about once and reads everywhere
(content kinds, vocabularies, outputs), in the order of registration. Extensions add to it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str, key: Callable[[T], str], built_in: Iterable[T], unique: Callable[[T], dict[str, str]]):
        """`key` names an entry; `unique` gives the facts (name -> value) no two entries may share."""
        self.what, self.key, self.unique = what, key, unique
        self.entries: dict[str, T] = {key(entry): entry for entry in built_in}
        self.built_in = frozenset(self.entries)

    def register(self, entry: T) -> T:
        """Add an entry (from an extension); adding the same entry again does nothing."""
        name = self.key(entry)
        if self.entries.get(name) == entry:
            return entry
        facts = self.unique(entry)
        for other in self.entries.values():
            taken = [fact for fact, value in self.unique(other).items() if facts.get(fact) == value]
            if taken:
                raise ValueError(f"{self.what} '{name}': its {taken[0]} is already taken by '{self.key(other)}'")
        self.entries[name] = entry
        return entry

    def unregister(self, name: str) -> None:
        """Remove an entry an extension registered (for tests that register one for a while)."""
        if name in self.built_in:
            raise ValueError(f"the {self.what} '{name}' is built in")
        self.entries.pop(name, None)

    def all(self) -> tuple[T, ...]:
        return tuple(self.entries.values())

    def names(self) -> tuple[str, ...]:
        return tuple(self.entries)

    def get(self, name: str) -> T:
        return self.entries[name]
