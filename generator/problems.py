"""Problems are data: every mistake in the content is a record with a place and a message."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Line breaks and other controls, and the stand-ins for bytes of a file name that are not UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # One problem, one printable line: a line break quoted from the content (or in a file name) is shown escaped.
        return _UNPRINTABLE.sub(lambda match: repr(match[0])[1:-1], f"{self.path}:{self.line}: {self.message}")


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


def closest(word: object, candidates: Iterable[str]) -> str | None:
    """The candidate `word` is a near miss of, if any."""
    if not isinstance(word, str) or len(word) > 200:  # a near miss is a short word; comparing megabytes is not
        return None
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' for a near miss, else ''."""
    close = closest(word, candidates)
    return f" — did you mean '{close}'?" if close else ""


def and_list(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
