"""`python -m benchmarks.probe CONTENT`: the seconds `load` takes to read and check a guide, cold.

This is the work `validate` and the plugin's on_pre_build do, without the interpreter's start and
imports (a constant a fraction of a second, whatever the guide's size), printed as JSON.
"""

from __future__ import annotations

import json
import sys
import time

from generator.content.load import Cache, load


def main(content: str) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    loaded = load(content, cache=Cache())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if loaded.problems:
        sys.exit(f"{content}: {loaded.summary()}")
    print(json.dumps({"wall": wall, "cpu": cpu, "exercises": loaded.count("exercise")}))


if __name__ == "__main__":
    main(sys.argv[1])
