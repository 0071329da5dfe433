"""Frontmatter against its model: every pydantic error turned into a Flaw an editor understands, at the
line of the key or value it is about, with a suggestion for a near miss."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..problems import did_you_mean
from .parse import Flaw, Loc, Located
from .schema import Known

M = TypeVar("M", bound=BaseModel)


def check_front(model: type[M], located: Located, known: Known | None) -> tuple[M | None, list[Flaw]]:
    """Validate frontmatter; the model when valid, and a flaw for every error at its line."""
    try:
        return model.model_validate(located.data, context=known), []
    except ValidationError as error:
        return None, [_flaw(model, located, detail) for detail in error.errors(include_url=False)]


def _flaw(model: type[BaseModel], located: Located, error: Any) -> Flaw:
    loc: Loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "content":
        loc = loc + tuple(ctx.get("at", ()))
        message = ctx["message"]
        return Flaw(located.line(loc), f"{_label(loc)} {message}" if ctx.get("labelled") else message)
    if kind == "missing":
        return Flaw(located.line(loc[:-1], key=True), f"missing required field '{loc[-1]}'" + _within(loc[:-1]))
    if kind == "extra_forbidden":
        return Flaw(located.line(loc, key=True), f"unknown field '{loc[-1]}'{did_you_mean(loc[-1], _fields_at(model, loc[:-1]))}")
    line = located.line(loc)
    name = _label(loc)
    if value is None and kind.endswith("_type"):
        return Flaw(line, f"{name} has no value")
    got = _describe(value)
    messages = {
        "string_type": f"{name} must be text, not {got}" + (" (put it in quotes)" if isinstance(value, (int, float)) else ""),
        "int_type": f"{name} must be a whole number, not {got}",
        "bool_type": f"{name} must be true or false, not {got}",
        "tuple_type": f'{name} must be a whole number or a range like "8-12", not {got}',
        "list_type": f"{name} must be a list, not {got}",
        "dict_type": f"{name} must be a mapping of fields, not {got}",
        "model_type": f"{name} must be a mapping of fields, not {got}",
        "literal_error": f"{name} must be one of {ctx.get('expected', '').replace(chr(39), '')}, not {got}"
        + did_you_mean(value, _literal_values(ctx)),
        "greater_than": f"{name} must be {ctx.get('gt', 0) + 1} or more, not {value}",
        "less_than_equal": f"{name} must be at most {ctx.get('le')}, not {value}",
        "string_too_long": f"{name} is {len(value) if isinstance(value, str) else 0:,} characters long; "
        f"at most {ctx.get('max_length')} are allowed",
        "too_short": f"{name} must list at least {ctx.get('min_length')}",
        "too_long": f"{name} lists {ctx.get('actual_length')}; at most {ctx.get('max_length')} are allowed",
    }
    return Flaw(line, messages.get(kind, f"{name}: {error['msg']}"))


def _label(loc: Loc) -> str:
    """'level', 'cues' item 2, 'sets' (the line says which item)."""
    if loc and isinstance(loc[-1], int):
        keys = [str(part) for part in loc[:-1]]
        for index in range(len(keys) - 1, -1, -1):
            if isinstance(loc[index], int):
                keys = keys[index + 1 :]
                break
        return f"'{'.'.join(keys)}' item {loc[-1] + 1}"
    keys = []
    for part in reversed(loc):
        if isinstance(part, int):
            break
        keys.insert(0, str(part))
    return f"'{'.'.join(keys)}'" if keys else "the frontmatter"


def _within(loc: Loc) -> str:
    return f" in {_label(loc)}" if loc else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):  # quoted, and cut short: a value may be megabytes long
        return f"'{value}'" if len(value) <= 60 else f"'{value[:60]}…' ({len(value):,} characters)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value}"


def _literal_values(ctx: dict[str, Any]) -> list[str]:
    return [part.strip(" '") for part in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc`, for suggesting a near miss."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int) or _is_mapping(annotation):
            annotation = typing.get_args(annotation)[-1] if typing.get_args(annotation) else Any
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return []
    annotation = _unwrap(annotation)
    return list(annotation.model_fields) if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = options[0] if options else annotation
    return annotation


def _is_mapping(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (list, dict)
