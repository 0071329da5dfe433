"""What pages say of themselves to machines: schema.org JSON-LD for exercises and routines, so that
search engines and other tools read them as what they are, and the dates their files last changed.

Exercises are `HowTo` (steps, equipment as tools) and `ExercisePlan` (schema.org's physical activity
plan: the muscles as `associatedAnatomy`, the level as `intensity`, the default dosage); routines are
`ExercisePlan` with their duration, rounds, rest, workload (the sets in all) and one part per item.
The context is schema.org's vocabulary given inline, so that a reader needs nothing from the network.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from ..content.markdown import render
from . import paths, words

if TYPE_CHECKING:
    from ..content.records import Catalog
    from ..content.schema import Dosage
    from .context import Site

CONTEXT = {"@vocab": "https://schema.org/"}


def exercise(catalog: Catalog, record: Any, site: Site) -> dict[str, Any]:
    url = site.absolute_url(paths.exercise(record.slug))
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": ["HowTo", "ExercisePlan"],
        "name": record.name,
        "description": record.summary,
        "alternateName": list(record.aliases),
        "intensity": words.LEVEL_NAMES[record.level],
        "exerciseType": [catalog.term("goals", goal).name for goal in record.goals],
        "associatedAnatomy": [{"@type": "Muscle", "name": catalog.term("muscles", m).name} for m in record.muscles.all],
        "tool": [{"@type": "HowToTool", "name": catalog.term("equipment", e).name} for e in record.equipment],
        "step": [{"@type": "HowToStep", "position": n, "text": _plain(step)} for n, step in enumerate(record.steps, 1)],
        **_dosage(record.dosage),
    }
    if url:
        data["url"] = url
    image = site.absolute_url(paths.figure_image(record.slug)) if record.figure is not None else None
    if image:
        data["image"] = image
    return _tidy(data)


def routine(catalog: Catalog, record: Any, site: Site) -> dict[str, Any]:
    url = site.absolute_url(paths.routine(record.slug))
    sets = sum(item.dosage.set_count for item in record.items) * record.rounds
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ExercisePlan",
        "name": record.name,
        "description": record.summary,
        "intensity": words.LEVEL_NAMES[record.level],
        "exerciseType": [catalog.term("goals", goal).name for goal in record.goals],
        "activityDuration": _duration(record.seconds()),
        "repetitions": record.rounds,
        "workload": {"@type": "QuantitativeValue", "value": sets, "unitText": "sets"},
        "hasPart": [
            {
                "@type": "ExercisePlan",
                "position": n,
                "name": catalog.exercises[item.exercise].name,
                **({"url": item_url} if (item_url := site.absolute_url(paths.exercise(item.exercise))) else {}),
                **_dosage(item.dosage),
            }
            for n, item in enumerate(record.items, 1)
        ],
    }
    if record.rest_between_rounds:
        data["restPeriods"] = _seconds(record.rest_between_rounds)
    if url:
        data["url"] = url
    return _tidy(data)


def script(data: dict[str, Any]) -> str:
    """The JSON-LD as the text of a <script> element: nothing in it can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _dosage(dosage: Dosage | None) -> dict[str, Any]:
    if dosage is None:
        return {}
    data: dict[str, Any] = {"additionalVariable": words.dosage(dosage)}
    if dosage.reps is not None:
        low, high = dosage.reps
        data["repetitions"] = low if low == high else {"@type": "QuantitativeValue", "minValue": low, "maxValue": high}
    if dosage.time is not None:
        data["activityDuration"] = _duration(dosage.time)
    if dosage.rest is not None:
        data["restPeriods"] = _seconds(dosage.rest)
    if dosage.sets is not None:
        data["workload"] = {"@type": "QuantitativeValue", "value": dosage.sets, "unitText": "sets"}
    return data


def _seconds(value: int) -> dict[str, Any]:
    return {"@type": "QuantitativeValue", "value": value, "unitCode": "SEC"}


def _duration(seconds: int) -> str:
    """ISO 8601, as schema.org's Duration: 'PT1M30S'."""
    minutes, rest = divmod(seconds, 60)
    return "PT" + (f"{minutes}M" if minutes else "") + (f"{rest}S" if rest or not minutes else "")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(markdown: str) -> str:
    """A step as plain text: what a reader would read aloud (links and emphasis without their marks)."""
    text = _Text()
    text.feed("".join(part.html for part in render(markdown)))
    return " ".join("".join(text.parts).split())


def _tidy(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ([], None, "")}


# ---- when a content file last changed ------------------------------------------------------------


def last_changed(content: str) -> dict[str, datetime.date]:
    """The date of the last commit that changed each file under `content`, by its path relative to it
    (one `git log` for all of them); empty where there is no git or no history."""
    return dict(_last_changed(os.path.realpath(content)))


@cache
def _last_changed(content: str) -> tuple[tuple[str, datetime.date], ...]:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True, text=True, timeout=20)
        if top.returncode != 0:
            return ()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=content,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    root = top.stdout.strip()
    prefix = os.path.relpath(content, root).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    dates: dict[str, datetime.date] = {}
    date: datetime.date | None = None
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            date = datetime.date.fromisoformat(line[1:])
        elif line and date is not None and line.startswith(prefix):
            dates.setdefault(line[len(prefix) :], date)  # newest first: the first date seen is the last change
    return tuple(dates.items())
