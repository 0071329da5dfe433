"""How `validate` reports: plain `path:line: message` lines, GitHub annotations, or one JSON document.

GitHub turns `::error file=...,line=...::message` lines in a workflow's output into annotations on
the pull request's changed lines. Its workflow commands escape '%', CR and LF in the message, and
also ':' and ',' in property values (a path with a comma would otherwise end the property).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..content.load import Loaded
from ..problems import Problem

FORMATS = ("text", "github", "json")


def escape_data(text: str) -> str:
    """A workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, such as file=."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problem: Problem) -> str:
    return f"::error file={escape_property(problem.path)},line={problem.line}::{escape_data(problem.message)}"


def as_json(loaded: Loaded) -> str:
    document = {
        "ok": not loaded.problems,
        "summary": {**{kind.folder: count for kind, count in loaded.counts}, "problems": len(loaded.problems)},
        "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in loaded.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def report(loaded: Loaded, format: str) -> str:
    """What `validate --format FORMAT` prints on standard output."""
    if format == "json":
        return as_json(loaded)
    line = github if format == "github" else str
    return _lines(line(problem) for problem in loaded.problems)


def _lines(lines: Iterable[str]) -> str:
    return "".join(f"{line}\n" for line in lines)
