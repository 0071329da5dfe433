"""/exercises.json: every record with stable field names, for reuse by other tools.

The field names are documented in README.md ("Data for reuse"); change them only with a new
`version`.
"""

from __future__ import annotations

from typing import Any, Callable

from . import urls, words
from .records import Dosage, Guide

VERSION = 1


def _dosage(dosage: Dosage | None) -> dict[str, Any] | None:
    if dosage is None:
        return None
    return {
        "sets": dosage.sets,
        "reps": {"min": dosage.reps[0], "max": dosage.reps[1]} if dosage.reps else None,
        "hold_seconds": dosage.hold,
        "time_seconds": dosage.time,
        "per_side": bool(dosage.per_side),
        "rest_seconds": dosage.rest,
        "text": words.dosage(dosage),
    }


def guide_data(guide: Guide, site_url: str | None, url: Callable[[str], str]) -> dict[str, Any]:
    """`url` turns a page's source path into its URL path relative to the site root."""
    exercises = [
        {
            "id": slug,
            "url": url(urls.exercise(slug)),
            "name": ex.name,
            "aliases": list(ex.aliases),
            "summary": ex.summary,
            "level": ex.level,
            "equipment": list(ex.equipment),
            "muscles": {"primary": list(ex.primary), "secondary": list(ex.secondary)},
            "goals": list(ex.goals),
            "dosage": _dosage(ex.dosage),
            "cues": list(ex.cues),
            "steps": list(ex.steps),
            "easier": list(guide.easier[slug]),
            "harder": list(guide.harder[slug]),
            "images": [{"src": f"media/{image.src}", "alt": image.alt} for image in ex.images],
            "routines": list(guide.used_in[slug]),
            "source": f"content/{ex.source}",
        }
        for slug, ex in guide.exercises.items()
    ]
    routines = [
        {
            "id": slug,
            "url": url(urls.routine(slug)),
            "name": routine.name,
            "summary": routine.summary,
            "level": routine.level,
            "goals": list(routine.goals),
            "rounds": routine.rounds,
            "rest_between_rounds_seconds": routine.rest_between_rounds,
            "equipment": list(guide.routine_equipment[slug]),
            "estimated_seconds": routine.seconds(),
            "items": [{"exercise": item.exercise, "dosage": _dosage(item.dosage), "note": item.note} for item in routine.items],
            "source": f"content/{routine.source}",
        }
        for slug, routine in guide.routines.items()
    ]
    taxonomy = {
        name: [{"id": term.id, "name": term.name, "description": term.description} for term in guide.taxonomy.vocabulary(name).values()]
        for name in ("muscles", "equipment", "goals")
    }
    return {"version": VERSION, "site_url": site_url, "exercises": exercises, "routines": routines, "taxonomy": taxonomy}
