"""Under `mkdocs serve` the site's outputs keep what they made between rebuilds (Site.remember, with the
catalog cells each read: generator/site/depends.py). After each of a run of random edits, every file the
outputs make incrementally must equal what a clean build of the same content makes, byte for byte; and
the incremental rebuild must really have kept most of what it made before (else this proves nothing)."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.load import Cache, load
from generator.content.schema import LEVELS
from generator.site import outputs
from generator.site.context import THEME_PAGES, Settings, Site
from support.local_site import REPO

EDITS = 20


class Guide:
    """A copy of the shipped content and page templates, edited the way an editor would."""

    def __init__(self, root: Path, rng: random.Random):
        self.content = root / "content"
        self.templates = root / "pages"
        shutil.copytree(REPO / "content", self.content)
        shutil.copytree(THEME_PAGES, self.templates)
        self.rng = rng
        self.added: list[str] = []
        self.clock = 1_900_000_000_000_000_000  # file times set by hand: two edits in one clock tick still differ

    def touch(self, path: Path) -> None:
        self.clock += 1_000_000
        os.utime(path, ns=(self.clock, self.clock))

    def exercises(self) -> list[Path]:
        return sorted((self.content / "exercises").glob("*.md"))

    def front(self, path: Path) -> tuple[dict[str, Any], str]:
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        return yaml.safe_load(front), body

    def write(self, path: Path, front: dict[str, Any], body: str) -> None:
        text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + body
        path.write_text(text, encoding="utf-8")
        self.touch(path)

    def change(self, path: Path, how: Callable[[dict[str, Any]], None]) -> None:
        front, body = self.front(path)
        how(front)
        self.write(path, front, body)

    def taxonomy(self) -> dict[str, Any]:
        return yaml.safe_load((self.content / "taxonomy.yml").read_text(encoding="utf-8"))

    # ---- the edits -----------------------------------------------------------------------------

    def edit_body(self, n: int) -> str:
        path = self.rng.choice(self.exercises())
        front, body = self.front(path)
        self.write(path, front, body + f"\nOne more sentence, edit {n}.\n")
        return f"body of {path.name}"

    def rename_alias(self, n: int) -> str:
        path = self.rng.choice(self.exercises())
        self.change(path, lambda front: front.__setitem__("aliases", [f"Alias number {n}"]))
        return f"alias of {path.name}"

    def rename(self, n: int) -> str:
        path = self.rng.choice(self.exercises())
        self.change(path, lambda front: front.__setitem__("name", f"{front['name']} {n}"))
        return f"name of {path.name}"

    def change_muscle(self, n: int) -> str:
        path = self.rng.choice(self.exercises())
        muscles = sorted(self.taxonomy()["muscles"])

        def how(front: dict[str, Any]) -> None:
            primary = front["muscles"]["primary"]
            taken = set(primary) | set(front["muscles"].get("secondary", []))
            primary[0] = self.rng.choice([m for m in muscles if m not in taken])

        self.change(path, how)
        return f"a muscle of {path.name}"

    def change_level(self, n: int) -> str:
        path = self.rng.choice(self.exercises())
        levels = list(LEVELS)
        self.change(path, lambda front: front.__setitem__("level", self.rng.choice(levels)))
        return f"level of {path.name}"

    def reorder_routine(self, n: int) -> str:
        path = self.rng.choice(sorted((self.content / "routines").glob("*.md")))
        self.change(path, lambda front: self.rng.shuffle(front["exercises"]))
        return f"order of {path.name}"

    def add_exercise(self, n: int) -> str:
        source = self.rng.choice([p for p in self.exercises() if p.stem not in self.added])
        slug = f"added-{n}"
        front, body = self.front(source)
        front.update(name=f"Added exercise {n}", aliases=[])
        front.pop("easier", None)
        front.pop("harder", None)
        self.write(self.content / "exercises" / f"{slug}.md", front, body)
        self.added.append(slug)
        return f"added {slug} from {source.name}"

    def remove_exercise(self, n: int) -> str:
        if not self.added:
            return self.add_exercise(n)
        slug = self.added.pop(self.rng.randrange(len(self.added)))
        (self.content / "exercises" / f"{slug}.md").unlink()
        return f"removed {slug}"

    def edit_taxonomy(self, n: int) -> str:
        path = self.content / "taxonomy.yml"
        taxonomy = self.taxonomy()
        vocabulary = self.rng.choice(sorted(taxonomy))
        term = self.rng.choice(sorted(taxonomy[vocabulary]))
        taxonomy[vocabulary][term]["name"] = f"{taxonomy[vocabulary][term]['name']} {n}"
        path.write_text(yaml.safe_dump(taxonomy, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
        self.touch(path)
        return f"term {vocabulary}.{term}"

    def edit_template(self, n: int) -> str:
        name = self.rng.choice(["exercise.md", "_exercise_card.md", "routine.md", "term.md"])
        path = self.templates / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- template edit {n} -->\n", encoding="utf-8")
        self.touch(path)
        return f"template {name}"


KINDS_OF_EDIT = [
    Guide.edit_body,
    Guide.rename_alias,
    Guide.rename,
    Guide.change_muscle,
    Guide.change_level,
    Guide.reorder_routine,
    Guide.add_exercise,
    Guide.remove_exercise,
    Guide.edit_taxonomy,
    Guide.edit_template,
]


def _files(site: Site, content: Path, cache: Cache | None = None) -> dict[str, Any]:
    loaded = load(content, cache=cache)
    assert loaded.problems == (), [str(problem) for problem in loaded.problems]
    assert loaded.catalog is not None
    return {made.path: made.content for made in outputs.produce(loaded.catalog, site)}


@pytest.mark.parametrize("seed", [1])
def test_incremental_rebuilds_equal_clean_builds(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    guide = Guide(tmp_path, rng)
    # the shared PNGs kept in a cache folder, as the plugin keeps them: drawing them is all a clean build's time
    settings = Settings(templates=guide.templates, content=str(guide.content), cache=tmp_path / "cache")
    cache = Cache()
    served = Site(settings, incremental=True)
    _files(served, guide.content, cache)
    first = served.made
    # every kind of edit at least once, the rest at random
    edits = KINDS_OF_EDIT + [rng.choice(KINDS_OF_EDIT) for _ in range(EDITS - len(KINDS_OF_EDIT))]
    rng.shuffle(edits)
    kept_somewhere = 0
    for n, edit in enumerate(edits):
        what = edit(guide, n)
        incremental = _files(served, guide.content, cache)
        clean = _files(Site(settings), guide.content)
        assert incremental.keys() == clean.keys(), what
        differ = [path for path in clean if incremental[path] != clean[path]]
        assert differ == [], f"after the edit of {what}, these differ from a clean build: {differ[:10]}"
        if edit is Guide.edit_body:
            # a sentence in one exercise's body: its page, and what shows its record (lists of it, its card)
            assert served.made < first / 4, f"{what}: {served.made} of {first} made again"
        if served.made < first / 2:
            kept_somewhere += 1
    assert kept_somewhere >= EDITS // 2
