"""The supported builders at (b) (README, "Builders"): MkDocs and ProperDocs run the plugin on the
same configuration; Zensical builds the plain project `python -m generator emit` writes, so its time
is emit's and Zensical's together (a guide's editor runs both)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import report
from .measure import Run, median, run
from .sites import Site

BUILDERS = ("mkdocs", "properdocs", "zensical")


def measure(site: Site, work: Path, rounds: int) -> dict[str, list[Run]]:
    """`rounds` builds of `site` by each builder, the builders in turn each round. Each builds into a
    folder of its own under `work`: `site.site` stays MkDocs' build, which the search benchmark serves."""
    times: dict[str, list[Run]] = {builder: [] for builder in BUILDERS}
    emitted = work / "zensical"
    for _ in range(rounds):
        for builder in BUILDERS:
            out = work / f"{builder}-site"
            shutil.rmtree(out, ignore_errors=True)
            if builder == "zensical":
                made = run(
                    [sys.executable, "-m", "generator", "emit", "--for", "zensical", "--config", site.config, emitted],
                    cwd=site.config.parent,
                )
                built = run([sys.executable, "-m", "zensical", "build", "--clean", "-f", emitted / "mkdocs.yml"], cwd=emitted)
                times[builder].append(Run(made.wall + built.wall, made.cpu + built.cpu, max(made.rss, built.rss)))
            else:
                command = [sys.executable, "-m", builder, "build", "-q", "-f", site.config, "-d", out]
                times[builder].append(run(command, cwd=site.config.parent))
    return times


def section(site: Site, times: dict[str, list[Run]]) -> str:
    cpu = {builder: median(r.cpu for r in runs) for builder, runs in times.items()}
    wall = {builder: median(r.wall for r in runs) for builder, runs in times.items()}
    rows = [
        [builder, f"{cpu[builder]:.2f}", f"{wall[builder]:.2f}", f"{cpu[builder] / cpu['mkdocs']:.2f}"] for builder in BUILDERS
    ]
    table = report.table(["builder, at " + site.label, "build, CPU s", "build, wall s", "CPU / MkDocs'"], rows)
    note = (
        f"Median of {len(times['mkdocs'])} builds each, the builders in turn. Zensical's time is `python -m generator emit` "
        "and `zensical build --clean` together (no cache kept between builds)."
    )
    return "### Builders\n\n" + table + "\n\n" + note
