"""`python -m benchmarks.probe CONTENT CONFIG`: the seconds `load` takes to read and check a guide,
cold (no file read before), printed as JSON.

This is the work `validate` and the plugin's on_pre_build do, without the interpreter's start and
imports (a constant a fraction of a second, whatever the guide's size). As they do, it reads the
content parsed and figures solved by an earlier run from the cache folder beside CONFIG (generator/kept.py).
"""

from __future__ import annotations

import json
import sys
import time

from generator import kept
from generator.content.load import Cache, load
from generator.site import config


def main(content: str, mkdocs_yml: str) -> None:
    cache = config.read(mkdocs_yml).cache
    wall, cpu = time.perf_counter(), time.process_time()
    with kept.kept_in(cache):
        loaded = load(content, cache=Cache())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if loaded.problems:
        sys.exit(f"{content}: {loaded.summary()}")
    print(json.dumps({"wall": wall, "cpu": cpu, "exercises": loaded.count("exercise")}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
