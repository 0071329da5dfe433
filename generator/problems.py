"""Problems are data: every mistake in the content is a record with a place and a message."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content has problems; raised where a caller cannot go on without a valid guide."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(map(str, self.problems)))


class InternalError(Exception):
    """A bug in the generator, met while reading one file; never the editor's fault."""

    def __init__(self, path: str, cause: BaseException):
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: internal error while reading this file: {type(cause).__name__}: {cause}")


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' for a near miss, else ''."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
