"""`make bench` is not run by the tests (timing is not a pass/fail matter), but it must start: every
module of benchmarks/ imports, and the command answers --help."""

from __future__ import annotations

import subprocess
import sys

from support.local_site import REPO


def test_the_benchmark_starts() -> None:
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m benchmarks")
    for module in ("builders", "probe", "report", "run", "search", "serve", "sites"):
        imported = subprocess.run(
            [sys.executable, "-c", f"import sys; sys.path.insert(0, 'tests'); import benchmarks.{module}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert imported.returncode == 0, f"benchmarks.{module}: {imported.stderr}"
