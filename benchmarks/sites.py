"""The guides the benchmark builds, made in a temporary folder from the repository's content."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.commands import importer
from generator.content.parse import yaml_scalar
from generator.site.emit import emit
from support.local_site import REPO, mkdocs_config  # tests/support/, on the path by benchmarks/__init__.py

from .measure import Failed, run

COPIES = 3  # (c) holds every exercise of (b) this many times


@dataclass(frozen=True, slots=True)
class Site:
    """One guide to build: its content and the mkdocs.yml to build it with."""

    key: str
    label: str
    content: Path
    config: Path
    site: Path  # where the build writes
    exercises: int

    def build_command(self) -> list[str | Path]:
        return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", self.config, "-d", self.site]


def prepare(work: Path, dataset: Path) -> dict[str, Site]:
    """(a) shipped, (b) shipped + the dataset, (c) (b) with every exercise COPIES times, and (b) plain."""
    sites = prepare_sizes(work, dataset)
    sites["plain"] = plain_of(sites["b"], work / "plain", "plain")

    for site in sites.values():  # each must build cleanly before it is timed
        run(site.build_command(), cwd=site.config.parent)
    return sites


def plain_of(site: Site, folder: Path, key: str) -> Site:
    """`emit`'s project of an (ours) site in `folder`, to be built by plain MkDocs."""
    emit(folder, content=str(site.content), config=str(site.config))
    label = f"{site.label.split(' ', 1)[0]} plain MkDocs"
    return Site(key, label, folder / "docs", folder / "mkdocs.yml", folder / "site", site.exercises)


def prepare_sizes(work: Path, dataset: Path) -> dict[str, Site]:
    """(a) shipped, (b) shipped + the dataset, (c) (b) with every exercise COPIES times: their content, unbuilt."""
    sites: dict[str, Site] = {}

    shipped = work / "shipped"
    shutil.copytree(REPO / "content", shipped / "content")
    sites["a"] = _site("a", "(a) shipped", shipped)

    imported = work / "imported"
    shutil.copytree(REPO / "content", imported / "content")
    report = importer.run("free-exercise-db", dataset, imported / "content")
    if not report.written:
        raise Failed(f"importing {dataset} wrote nothing")
    sites["b"] = _site("b", "(b) + free-exercise-db", imported)

    tripled = work / "tripled"
    shutil.copytree(imported / "content", tripled / "content")
    triple(tripled / "content" / "exercises", COPIES)
    sites["c"] = _site("c", f"(c) (b) × {COPIES}", tripled)
    return sites


def _site(key: str, label: str, folder: Path) -> Site:
    content = folder / "content"
    count = len(list((content / "exercises").glob("*.md")))
    return Site(key, label, content, mkdocs_config(folder, content), folder / "site", count)


def triple(folder: Path, copies: int) -> None:
    """Copies of every exercise as <slug>-copy-N.md, named "<name> (copy N)"."""
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        name = yaml.safe_load(front)["name"]
        for number in range(2, copies + 1):
            target = folder / f"{path.stem}-copy-{number}.md"
            line = f"name: {yaml_scalar(f'{name} (copy {number})')}"
            renamed = re.sub(r"(?m)^name: .*$", lambda _, line=line: line, front, count=1)
            target.write_text(f"---\n{renamed}---\n{body}", encoding="utf-8")
