"""The benchmark's results as Markdown: the machine, the table of medians, the targets."""

from __future__ import annotations

import datetime
import os
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

START = "<!-- bench:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    measured: float
    limit: float
    shown: str  # the measured value as text
    limit_text: str
    at_least: bool = False  # the limit is a floor (a rate to reach), not a ceiling

    @property
    def passed(self) -> bool:
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit


def machine() -> list[tuple[str, str]]:
    return [
        ("CPU", _cpu_model()),
        ("cores", str(os.cpu_count())),
        ("RAM", f"{_mem_total_gb():.1f} GB"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("MkDocs", metadata.version("mkdocs")),
        ("Material for MkDocs", metadata.version("mkdocs-material")),
        ("Chromium", _chromium_version()),
    ]


def load_average() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gb() -> float:
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return int(match[1]) / 1024**2 if match else 0.0
    except OSError:
        return 0.0


def _chromium_version() -> str:
    try:
        import subprocess

        return (
            subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
            or "unknown"
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def targets_table(targets: list[Target]) -> str:
    return table(
        ["target", "measured", "limit", "result"],
        [[t.name, t.shown, t.limit_text, "PASS" if t.passed else "**FAIL**"] for t in targets],
    )


def document(machine_rows: list[tuple[str, str]], sections: list[str], *, load_before: str, load_after: str) -> str:
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    about = table(["machine", ""], [[key, value] for key, value in machine_rows])
    return "\n\n".join([START, f"Run of {when}; load average before {load_before}, after {load_after}.", about, *sections, END])


def write(path: Path, block: str) -> None:
    """Put `block` between the markers of `path`, keeping the rest of the file (the notes)."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START in old and END in old:
        head, rest = old.split(START, 1)
        tail = rest.split(END, 1)[1]
        new = head + block + tail
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")
