"""Shared for the figure tests: the shipped exercises' figures, read as the generator reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.content.parse import decode, split
from generator.figures.model import FigureMeta

REPO = Path(__file__).resolve().parents[2]
EXERCISES = sorted((REPO / "content" / "exercises").glob("*.md"))


def frontmatter(path: Path) -> dict[str, Any]:
    document = split(decode(path.read_bytes()), required=True)
    assert document.front is not None and isinstance(document.front.data, dict), path
    return document.front.data


SHIPPED = {path.stem: frontmatter(path) for path in EXERCISES}


@pytest.fixture(scope="session")
def shipped() -> dict[str, FigureMeta]:
    """Every shipped exercise's figure, validated (which solves it)."""
    return {slug: FigureMeta.model_validate(front["figure"]) for slug, front in SHIPPED.items() if "figure" in front}
