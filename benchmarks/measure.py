"""Running one command and measuring it: wall and CPU seconds, and the peak memory of the process."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process (and any child it waited for)
    rss: int  # peak resident memory, bytes
    output: str = ""  # what it printed (stdout and stderr)


class Failed(Exception):
    pass


def run(command: Sequence[str | os.PathLike[str]], *, cwd: Path | None = None) -> Run:
    """Run `command` to its end. os.wait4 gives the rusage of that one process, not of every child so far."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode(errors="replace")
    if process.returncode != 0:
        raise Failed(f"{' '.join(map(str, command))} failed ({process.returncode}):\n{output[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, output)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))
