"""`mkdocs serve` with the plugin: a live preview that re-reads only the file an editor changed."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from support import sample_guide as test_guide
from support.local_site import REPO, mkdocs_config


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Serve:
    """A running `mkdocs serve`, its log lines read as they come.

    MkDocs cannot be asked for a port of the system's choosing (with port 0 it reports port 0), so a
    free port is picked first; another process may take it before MkDocs binds it, and then MkDocs is
    started again on another one."""

    def __init__(self, content: Path, folder: Path, theme: Path | None = None):
        # serve puts the site under site_url's path; keep it at the root here.
        config = mkdocs_config(folder, content, site_url="http://127.0.0.1/")
        if theme is not None:  # a theme folder of the test's own, to edit
            text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {theme}", config.read_text(encoding="utf-8"))
            config.write_text(text, encoding="utf-8")
        for _attempt in range(5):
            self.port = _free_port()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
                cwd=config.parent,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            self.lines: queue.Queue[str] = queue.Queue()
            stream = self.process.stdout
            threading.Thread(
                target=lambda stream=stream, lines=self.lines: [lines.put(line.rstrip("\n")) for line in stream], daemon=True
            ).start()
            self.started = self.wait_for_any(("Serving on", "Address already in use"))
            if "Address already in use" not in self.started[-1]:
                return
            self.stop()
        raise AssertionError("mkdocs serve found no free port in five tries")

    def wait_for_any(self, fragments: tuple[str, ...], timeout: float = 60) -> list[str]:
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if any(fragment in line for fragment in fragments):
                return seen
        raise AssertionError(f"none of {fragments!r} in the log of mkdocs serve:\n" + "\n".join(seen))

    def wait_for(self, fragment: str, timeout: float = 60) -> list[str]:
        """Log lines up to the first that contains `fragment` (a hang fails the test, it does not time it)."""
        return self.wait_for_any((fragment,), timeout)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def test_serve_rereads_only_the_changed_file_and_survives_mistakes(tmp_path: Path) -> None:
    content = test_guide.write(tmp_path)
    server = Serve(content, tmp_path)
    try:
        assert "Alpha done slowly and well." in server.get("exercises/alpha/")

        alpha = content / "exercises" / "alpha.md"
        alpha.write_text(
            test_guide.EXERCISES["alpha"].replace("Alpha done slowly and well.", "Alpha, now edited."), encoding="utf-8"
        )
        log = server.wait_for("exercise-guide: re-read")
        assert log[-1].endswith("exercise-guide: re-read exercises/alpha.md")
        # Only the pages that show Alpha's summary are put into their template again (preview.py).
        rendered = re.search(r"exercise-guide: (\d+) of (\d+) pages rendered again", server.wait_for("pages rendered again")[-1])
        assert rendered is not None and 1 <= int(rendered[1]) < int(rendered[2]) // 2, rendered
        # Not "Documentation built": MkDocs drops a log line that repeats an earlier one word for word,
        # and two builds may well take the same hundredths of a second.
        server.wait_for("Reloading browsers")
        assert "Alpha, now edited." in server.get("exercises/alpha/")

        # A mistake is reported with its line, and the last good pages are still served (MkDocs alone
        # would hold every request until a build succeeds); mending the file brings the page back.
        alpha.write_text(test_guide.EXERCISES["alpha"].replace("level: beginner", "level: begginer"), encoding="utf-8")
        log = server.wait_for("the site was not rebuilt: the last good pages are still served")
        assert any(
            line.endswith(
                "exercises/alpha.md:4: 'level' must be one of beginner, intermediate or advanced, not 'begginer' — did you mean 'beginner'?"
            )
            for line in log
        ), log
        server.wait_for("Reloading browsers")
        assert "Alpha, now edited." in server.get("exercises/alpha/")

        alpha.write_text(test_guide.EXERCISES["alpha"], encoding="utf-8")
        log = server.wait_for("exercise-guide: re-read")
        assert log[-1].endswith("exercise-guide: re-read exercises/alpha.md")
        server.wait_for("Reloading browsers")
        assert "Alpha done slowly and well." in server.get("exercises/alpha/")
    finally:
        server.stop()


def test_serve_rebuilds_when_a_template_is_edited(tmp_path: Path) -> None:
    """The theme's templates and the page templates make every page: MkDocs does not watch them unless
    told (`--watch-theme`), so the plugin does (on_serve)."""
    content = test_guide.write(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    server = Serve(content, tmp_path, theme=theme)
    try:
        assert "Template edited." not in server.get("exercises/alpha/")
        template = theme / "pages" / "exercise.md"
        template.write_text(template.read_text(encoding="utf-8") + "\nTemplate edited.\n", encoding="utf-8")
        server.wait_for("Reloading browsers")
        assert "Template edited." in server.get("exercises/alpha/")

        main = theme / "main.html"
        main.write_text(
            main.read_text(encoding="utf-8").replace("{% block extrahead %}", '{% block extrahead %}<meta name="eg-edited">', 1),
            encoding="utf-8",
        )
        server.wait_for("Reloading browsers")
        assert '<meta name="eg-edited">' in server.get("routines/")
    finally:
        server.stop()
