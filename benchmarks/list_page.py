"""The exercise list on a phone: Lighthouse (mobile) and the time a filter change takes, at each guide's size.

`python -m benchmarks.list_page` prepares the guides itself (the shipped one, free-exercise-db imported, that
tripled); `make bench` (run.py) hands it the ones it has built. Each site is served compressed, as a static
host serves it (gzip, see `served_compressed`), and measured in Debian's Chromium:

- Lighthouse 12 (node_modules/, pinned in package-lock.json), its default mobile preset (simulated slow 4G and a
  CPU four times slower), on four pages: the exercise list unfiltered and filtered, an exercise and a term;
  the median run of several by performance score, and the DOM size it counted;
- a filter change on the list with the CPU throttled 4× (Chrome DevTools Protocol,
  `Emulation.setCPUThrottlingRate`): from the input event to the frame after the updated list, the page's own
  clock (`_WATCH`).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from support.local_site import CHROMIUM, CHROMIUM_ARGS, REPO, Tab, served  # tests/support/, on the path by benchmarks/__init__.py

from . import report
from .measure import Failed, run
from .report import Target
from .sites import Site, prepare_sizes

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
# The pages, as paths from the site's root. The filtered list is the one the issue measured.
PAGES = {
    "list": "exercises/",
    "list, filtered": "exercises/?muscle=glutes",
    "exercise": "exercises/barbell-squat/",
    "term": "muscles/glutes/",
}
# Pages the shipped guide lacks are measured on a page of the same kind it has.
SHIPPED_PAGES = {"exercise": "exercises/plank/"}

# The targets (issue 18).
SCORE_AT_B = 90  # every page at (b)
LIST_SCORE_AT_C = 80
LIST_TBT_MS = 200
LIST_CLS = 0.05
FILTER_MS = 100
THROTTLE = 4

# Text a static host compresses (GitHub Pages, Netlify and the like gzip these; images are left alone).
_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _Compressed(http.server.SimpleHTTPRequestHandler):
    """Files from `directory`, text gzipped (level 6, as nginx's gzip_comp_level is often set), each compressed
    once and kept. Only GET and HEAD, only inside the folder, as http.server's own handler does."""

    cache: dict[Path, bytes]
    lock: threading.Lock

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, *, body: bool) -> None:
        path = Path(self.translate_path(unquote(urlsplit(self.path).path)))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        gzipped = path.suffix in _COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            with self.lock:
                if path not in self.cache:
                    self.cache[path] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served_compressed(root: Path) -> Iterator[str]:
    """The folder `root` served over HTTP on 127.0.0.1 with gzip, as a static host serves it; its address."""
    handler = type("Handler", (_Compressed,), {"cache": {}, "lock": threading.Lock()})
    with served(root, handler) as address:
        yield address


@dataclass(frozen=True, slots=True)
class Audit:
    score: float  # 0-100
    lcp_ms: float
    tbt_ms: float
    cls: float
    transfer: int  # bytes over the wire
    elements: int  # the DOM's elements, as Lighthouse counts them
    first_paint_ms: float  # observed in the unthrottled load that the simulation starts from


def lighthouse(url: str, folder: Path) -> Audit:
    """One Lighthouse run (mobile, simulated throttling) on `url`."""
    out = folder / "lighthouse.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        raise Failed(f"lighthouse {url} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    audits = data["audits"]
    if data.get("runtimeError"):
        raise Failed(f"lighthouse {url}: {data['runtimeError']}")

    def value(name: str) -> float:
        return float(audits[name].get("numericValue") or 0)

    return Audit(
        score=round(100 * (data["categories"]["performance"]["score"] or 0)),
        lcp_ms=value("largest-contentful-paint"),
        tbt_ms=value("total-blocking-time"),
        cls=value("cumulative-layout-shift"),
        transfer=int(value("total-byte-weight")),
        elements=int(value("dom-size")),
        first_paint_ms=float(audits["metrics"]["details"]["items"][0].get("observedFirstPaint") or 0),
    )


def median_audit(audits: list[Audit]) -> Audit:
    """The run with the median score (its own LCP, TBT and CLS, so that the row is one real run), and the
    median of each figure beside it would mix runs."""
    ranked = sorted(audits, key=lambda audit: (audit.score, -audit.tbt_ms))
    return ranked[(len(ranked) - 1) // 2]


# Installed before the page's scripts run: the time of the input event (its own timestamp, taken when the
# browser made it), and, once the page has handled it, the frame after the updated list (a task queued from
# requestAnimationFrame runs after that frame's style, layout and paint).
_WATCH = """
window.__eg = {start: null, end: null};
document.addEventListener('input', (event) => { window.__eg = {start: event.timeStamp, end: null}; }, true);
document.addEventListener('change', () => {
  requestAnimationFrame(() => setTimeout(() => { window.__eg.end = performance.now(); }, 0));
});
"""


def filter_changes_ms(url: str, changes: int, throttle: int = THROTTLE) -> list[float]:
    """`changes` filter changes on the list at `url` with the CPU throttled: the milliseconds of each from the
    input event to the frame after the updated list. They alternate between one filter and none (the list
    whole again, the most to show); the values are taken from the page's own options."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # A phone's viewport: the list is one column, as on the phone Lighthouse emulates.
            with Tab(browser, viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True) as tab:
                page = tab.page
                page.add_init_script(_WATCH)
                page.goto(url + "exercises/", wait_until="load")
                page.wait_for_selector("[data-eg-filters]:not([hidden])")
                page.wait_for_timeout(2000)  # a reader looks at the page before choosing; the page is idle by then
                cdp = page.context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                selects = ["muscle", "equipment", "level", "goal"]
                for number in range(changes):
                    name = selects[(number // 2) % len(selects)]
                    select = page.locator(f"select[name={name}]")
                    options = select.locator("option").evaluate_all("options => options.map(o => o.value)")[1:]
                    value = options[(number // 2) % len(options)] if number % 2 == 0 else ""
                    page.evaluate("window.__eg = {start: null, end: null}")
                    select.select_option(value)
                    page.wait_for_function("window.__eg.end !== null", timeout=60_000)
                    times.append(float(page.evaluate("window.__eg.end - window.__eg.start")))
                    page.wait_for_timeout(300)  # let the page idle between changes, as a reader's clicks are apart
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
                if tab.errors:
                    raise Failed(f"errors on {url}exercises/: {tab.errors}")
        finally:
            browser.close()
    return times


@dataclass(frozen=True, slots=True)
class Results:
    audits: dict[str, dict[str, Audit]]  # site key -> page -> the median run
    filter_ms: list[float]  # at (b)
    labels: dict[str, str]
    sizes: dict[str, int]


def measure(sites: dict[str, Site], *, lighthouse_runs: int, changes: int, say: Any = print) -> Results:
    audits: dict[str, dict[str, Audit]] = {}
    folder = Path(tempfile.mkdtemp(prefix="eg-lighthouse-"))
    try:
        for key in ("a", "b", "c"):
            site = sites[key]
            audits[key] = {}
            with served_compressed(site.site) as url:
                for name, path in PAGES.items():
                    path = SHIPPED_PAGES.get(name, path) if key == "a" else path
                    runs = [lighthouse(url + path, folder) for _ in range(lighthouse_runs)]
                    audits[key][name] = median_audit(runs)
                    say(
                        f"lighthouse {site.label} {path}: "
                        + ", ".join(
                            f"{r.score:.0f}/{r.tbt_ms:.0f} ms TBT/{r.cls:.3f} CLS/painted at {r.first_paint_ms:.0f} ms"
                            for r in runs
                        )
                    )
        with served_compressed(sites["b"].site) as url:
            times = filter_changes_ms(url, changes)
        say(f"filter changes at {sites['b'].label}, CPU ÷{THROTTLE}: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Results(audits, times, {key: sites[key].label for key in audits}, {key: sites[key].exercises for key in audits})


def section(results: Results, *, lighthouse_runs: int) -> tuple[str, list[Target]]:
    """The Markdown section for BENCHMARKS.md and the targets."""
    tables = []
    for key, pages in results.audits.items():
        rows = [
            [
                f"{name} (`/{SHIPPED_PAGES.get(name, PAGES[name]) if key == 'a' else PAGES[name]}`)",
                f"{audit.score:.0f}",
                f"{audit.lcp_ms / 1000:.1f} s",
                f"{audit.tbt_ms:.0f} ms",
                f"{audit.cls:.3f}",
                f"{audit.transfer / 1024:,.0f} KiB",
                f"{audit.elements:,d}",
            ]
            for name, audit in pages.items()
        ]
        header = ["page", "performance", "LCP", "TBT", "CLS", "transfer", "DOM elements"]
        tables.append(f"#### {results.labels[key]}: {results.sizes[key]} exercises\n\n" + report.table(header, rows))
    times = results.filter_ms
    filter_median = statistics.median(times)
    b, c = results.audits["b"], results.audits["c"]
    lists = ("list", "list, filtered")
    targets = [
        Target(
            f"Lighthouse performance at (b), lowest of the {len(b)} pages",
            -min(a.score for a in b.values()),
            -SCORE_AT_B,
            f"{min(a.score for a in b.values()):.0f}",
            f"≥ {SCORE_AT_B}",
        ),
        *(
            Target(
                f"total blocking time, {name} at (b)",
                b[name].tbt_ms,
                LIST_TBT_MS,
                f"{b[name].tbt_ms:.0f} ms",
                f"≤ {LIST_TBT_MS} ms",
            )
            for name in lists
        ),
        *(Target(f"CLS, {name} at (b)", b[name].cls, LIST_CLS, f"{b[name].cls:.3f}", f"≤ {LIST_CLS}") for name in lists),
        *(
            Target(
                f"Lighthouse performance, {name} at (c)",
                -c[name].score,
                -LIST_SCORE_AT_C,
                f"{c[name].score:.0f}",
                f"≥ {LIST_SCORE_AT_C}",
            )
            for name in lists
        ),
        Target(
            f"filter change to the updated list at (b), CPU ÷{THROTTLE}, median of {len(times)}",
            filter_median,
            FILTER_MS,
            f"{filter_median:.0f} ms",
            f"≤ {FILTER_MS} ms",
        ),
    ]
    text = "\n\n".join(
        [
            "### The exercise list on a phone\n\n"
            f"Lighthouse {_lighthouse_version()} (mobile preset: simulated slow 4G, CPU ÷4), the site served with gzip "
            f"from 127.0.0.1; each row is the median run of {lighthouse_runs} by performance score (the runs are in the "
            "benchmark's log, with the first paint of the unthrottled load each simulation starts from). The exercise page "
            f"of (a) is `/{SHIPPED_PAGES['exercise']}` (the shipped guide has no barbell squat).",
            *tables,
            f"Filter changes on `/exercises/` at (b) in Chromium with the CPU throttled {THROTTLE}× "
            "(`Emulation.setCPUThrottlingRate`), a 412 px wide phone viewport, from the input event to the frame after "
            f"the updated list: median **{filter_median:.0f} ms**, fastest {min(times):.0f} ms, slowest "
            f"{max(times):.0f} ms, of {len(times)} changes alternating one filter and none "
            f"({', '.join(f'{t:.0f}' for t in times)} ms).",
        ]
    )
    return text, targets


def _lighthouse_version() -> str:
    try:
        data = json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))
        return str(data["version"])
    except (OSError, ValueError, KeyError):
        return "12"


def _now() -> str:
    return datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def check_tools() -> None:
    if not LIGHTHOUSE.exists():
        raise Failed(f"{LIGHTHOUSE} is missing: run `npm ci` (make bench does)")


START = "<!-- bench:list-page:start (written by `make bench` and `python -m benchmarks.list_page`) -->"
END = "<!-- bench:list-page:end -->"


def write(path: Path, text: str) -> None:
    """The section between its own markers in `path` (BENCHMARKS.md), the rest of the file kept; at its end
    the first time."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n\n{text}\n\n{END}"
    if START in old and END in old:
        head, rest = old.split(START, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Five, as Lighthouse's own guide to variability advises (docs/variability.md): on this machine its headless
    # Chrome sometimes paints nothing for 1-2 s after a page has loaded, on any page (the shipped list, an
    # exercise page), and the simulation then counts every task and request of that wait.
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs a page and guide (default 5)")
    parser.add_argument("--changes", type=int, default=10, help="filter changes timed at (b) (default 10)")


def bench(sites: dict[str, Site], args: argparse.Namespace, say: Any = print) -> tuple[str, list[Target]]:
    """For run.py: the section of BENCHMARKS.md (with its own targets) and the targets, on sites it has built."""
    results = measure(sites, lighthouse_runs=args.lighthouse_runs, changes=args.changes, say=say)
    text, targets = section(results, lighthouse_runs=args.lighthouse_runs)
    return text + "\n\n#### Targets of the exercise list\n\n" + report.targets_table(targets), targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.list_page", description=__doc__)
    add_arguments(parser)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder with the built sites")
    parser.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md", help="the file to write the section into")
    args = parser.parse_args(argv)
    load_before = report.load_average()
    work = Path(tempfile.mkdtemp(prefix="exercise-guide-list-"))
    try:
        check_tools()
        sites = prepare_sizes(work, REPO / "benchmarks" / "data" / "free-exercise-db" / "exercises.json")
        for site in sites.values():
            print(f"building {site.label} ...", flush=True)
            run(site.build_command(), cwd=site.config.parent)
        text, targets = bench(sites, args)
        print(text)
        write(args.output, f"Run of {_now()}; load average before {load_before}, after {report.load_average()}.\n\n{text}")
        print(f"\nwrote {args.output}")
        return 0 if all(target.passed for target in targets) else 1
    except Failed as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
