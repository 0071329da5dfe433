"""`python -m benchmarks.serve CONFIG EXERCISE [--rebuilds N]`: rebuilds as `mkdocs serve` makes them.

Like mkdocs.commands.serve: the configuration is loaded, the plugins get on_startup(command="serve"),
the site is built; then, for each rebuild, one exercise file is edited, the configuration is loaded
again (MkDocs keeps the plugin instances between loads, so the plugin keeps what it made) and the site
is built again. CPU seconds are the whole process's, the removal of the last build's files included.
The time spent in the exercise-guide plugin's hooks is measured around each hook; the result is
printed as JSON. A plain MkDocs project (emit's) is rebuilt the same way, with no plugin to time.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from support.serving import Session  # tests/support/, on the path by benchmarks/__init__.py

PLUGIN = "exercise-guide"


class HookTimer:
    """Wraps the plugin's registered event methods, adding up their wall and CPU seconds."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0
        self.by_hook: dict[str, float] = {}

    def install(self, config: MkDocsConfig) -> None:
        plugins = config.plugins
        for event, methods in plugins.events.items():
            for index, method in enumerate(methods):
                if plugins._event_origins.get(method) == PLUGIN:
                    timed = self._timed(event, method)
                    methods[index] = timed
                    plugins._event_origins[timed] = PLUGIN

    def _timed(self, event: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                self.wall += wall
                self.cpu += cpu
                self.by_hook[event] = self.by_hook.get(event, 0.0) + wall

        return timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("exercise", help="the exercise file to edit before each rebuild")
    parser.add_argument("--rebuilds", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    session = Session(Path(args.config), Path(tempfile.mkdtemp(prefix="bench-serve-")))
    exercise = Path(args.exercise)
    original = exercise.read_text(encoding="utf-8")
    rebuilds = []
    try:
        for number in range(1, args.rebuilds + 1):
            exercise.write_text(original + f"\nEdited for the benchmark, time {number}.\n", encoding="utf-8")
            timer = HookTimer()
            wall, cpu = time.perf_counter(), time.process_time()
            config = session.load()
            timer.install(config)
            session.build(config)
            wall = time.perf_counter() - wall
            plugin = config.plugins.get(PLUGIN)  # None: plain MkDocs, building emit's pages
            sweeping = getattr(plugin, "sweeping", None)
            if sweeping is not None:  # the last build's files, removed while the browser reloads: counted too
                sweeping.join()
            cpu = time.process_time() - cpu
            preview = getattr(plugin, "preview", None)
            rebuilds.append(
                {
                    "wall": wall,
                    "cpu": cpu,
                    "hooks_wall": timer.wall,
                    "hooks_cpu": timer.cpu,
                    "by_hook": timer.by_hook,
                    "reread": list(plugin.cache.parsed_last) if plugin is not None else [],
                    "reused": vars(preview.reuse) if preview is not None else {},
                }
            )
    finally:
        exercise.write_text(original, encoding="utf-8")
        session.close()
    print(json.dumps(rebuilds))


if __name__ == "__main__":
    main()
