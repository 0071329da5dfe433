"""What a rendered file read from the catalog, and what changed between two catalogs: so that
`mkdocs serve` renders again only the files whose inputs changed.

Outputs and templates read the catalog through `Tracked`, a stand-in for it that notes each cell
read: a record or a relation by its key (`catalog.exercises['plank']`, `catalog.used_in['plank']`),
a whole table when one is iterated, its size when one is counted, any other attribute as a whole.
Records, terms and relations are immutable, so a file made from unchanged cells is unchanged.
`changes(old, new)` lists the cells whose value differs between two catalogs; a file whose reads
miss all of them can be kept as it was. Reads are noted by what a template does, not declared, so
a template that reads something new is tracked without being told.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterator, Mapping
from typing import Any

# Cells: (path, key). `path` names a table: ("easier",) or, for tables of tables, ("records", "exercise").
# `key` is the key read, or one of these, for the table as a whole.
ALL = "\0all"  # iterated: its keys, their order and every value
SIZE = "\0size"  # counted
ATTRIBUTE: tuple[str, ...] = ()  # the path of the catalog's own attributes that are not tables (`catalog.home`)

Cell = tuple[tuple[str, ...], Any]


class Tracked:
    """The catalog as templates see it, noting every cell read into `reads`."""

    __slots__ = ("_reads", "_tables", "_target")

    def __init__(self, target: Any, reads: set[Cell]):
        self._target = target
        self._reads = reads
        self._tables: dict[str, Any] = {}

    @property
    def tracked(self) -> Any:
        """The catalog itself."""
        return self._target

    def __getattr__(self, name: str) -> Any:
        # Methods and properties of the catalog run with this stand-in as `self`, so that what they read is
        # noted too (`catalog.term(...)` reads `taxonomy`, `catalog.exercises` reads `records`).
        defined = getattr(type(self._target), name, None)
        if isinstance(defined, property) and defined.fget is not None:
            return defined.fget(self)
        if isinstance(defined, types.FunctionType):
            return types.MethodType(defined, self)
        table = self._tables.get(name)
        if table is not None:
            return table
        value = getattr(self._target, name)
        if isinstance(value, Mapping):
            table = self._tables[name] = _Table((name,), value, self._reads)
            return table
        self._reads.add((ATTRIBUTE, name))
        return value


class _Table(Mapping[Any, Any]):
    """One of the catalog's tables, noting the keys read."""

    __slots__ = ("_mapping", "_path", "_reads")

    def __init__(self, path: tuple[str, ...], mapping: Mapping[Any, Any], reads: set[Cell]):
        self._path = path
        self._mapping = mapping
        self._reads = reads

    def _value(self, key: Any, value: Any) -> Any:
        return _Table((*self._path, key), value, self._reads) if isinstance(value, Mapping) else value

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._path, key))
        return self._value(key, self._mapping[key])

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.add((self._path, key))
        value = self._mapping.get(key, _MISSING)
        return default if value is _MISSING else self._value(key, value)

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._path, key))
        return key in self._mapping

    def __len__(self) -> int:
        self._reads.add((self._path, SIZE))
        return len(self._mapping)

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._path, ALL))
        return iter(self._mapping)

    # keys(), items() and values() are Mapping's own views: made through __iter__ and __getitem__, so they note
    # what they read when they are read, and can be read more than once, as a dict's views can.

    def __repr__(self) -> str:
        return f"<tracked {'.'.join(map(str, self._path))}>"


_MISSING = object()


def changes(old: Any, new: Any) -> frozenset[Cell]:
    """The cells whose value differs between two catalogs (both made by the same code)."""
    changed: set[Cell] = set()
    for name in (field.name for field in dataclasses.fields(new)):
        before, after = getattr(old, name, _MISSING), getattr(new, name)
        if isinstance(after, Mapping) and isinstance(before, Mapping):
            _compare((name,), before, after, changed)
        elif before is not after and before != after:
            changed.add((ATTRIBUTE, name))
    return frozenset(changed)


def _compare(path: tuple[str, ...], old: Mapping[Any, Any], new: Mapping[Any, Any], changed: set[Cell]) -> None:
    """Adds the changed cells of one table, and of the tables in it. A table held in another is read
    through it, and each read is noted in the inner table's own cells: its change is not its holder's."""
    if old is new:
        return
    any_change = False
    for key, after in new.items():
        before = old.get(key, _MISSING)
        if isinstance(after, Mapping) and isinstance(before, Mapping):
            _compare((*path, key), before, after, changed)
        elif before is not after and (before is _MISSING or before != after):
            changed.add((path, key))
            any_change = True
    for key in old:
        if key not in new:
            changed.add((path, key))
            any_change = True
    if len(old) != len(new):
        changed.add((path, SIZE))
    if any_change or list(old) != list(new):  # the order counts too: lists show records in it
        changed.add((path, ALL))
