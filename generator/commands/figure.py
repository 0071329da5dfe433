"""`python -m generator figure NAME`: check an exercise's figure and write a preview of it, drawn even
when the rest of the file has problems, so that an editor can see what the angles do."""

from __future__ import annotations

import os
import sys


def run(name: str, content: str, out: str | None) -> int:
    """`python -m generator figure NAME`: check the exercise, draw its figure anyway, write the preview."""
    from ..content.load import load
    from ..content.parse import Unreadable, decode, split
    from ..figures.model import unjudged
    from ..figures.preview import write_preview

    path = os.path.join(content, "exercises", f"{name}.md")
    if not os.path.isfile(path):
        print(f"error: no exercise {path}", file=sys.stderr)
        return 1
    problems = [str(p) for p in load(content).problems if os.path.normpath(p.path) == os.path.normpath(path)]
    for line in problems:
        print(line)
    try:
        with open(path, "rb") as stream:
            document = split(decode(stream.read()), required=True)
    except Unreadable:
        return 1
    data = document.front.data if document.front is not None and isinstance(document.front.data, dict) else {}
    if not isinstance(data.get("figure"), dict):
        print(
            f"{path}: this exercise has no 'figure' (CONTRIBUTING, \"Posing the figure\", shows how to add one)", file=sys.stderr
        )
        return 1
    try:
        meta = unjudged(data["figure"])
    except Exception:
        print("the figure cannot be drawn until the problems above are fixed", file=sys.stderr)
        return 1
    alt = meta.alt or str(data.get("summary", name))  # as the site gives it (templates.py, figure_files.py)
    target = out or f"figure-{name}.html"
    write_preview(meta, str(data.get("name", name)), alt, target, problems)
    print(f"wrote {target}; open it in a browser")
    return 1 if problems else 0
