"""The benchmark's steps: prepare the guides, build each several times interleaved, measure, report."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from generator.content.load import load
from support import search_queries as queries  # tests/support/, on the path by benchmarks/__init__.py
from support.local_site import served

from . import builders, list_page, report, search
from .measure import Failed, Run, median, run
from .report import Target
from .sites import COPIES, REPO, Site, plain_of, prepare

DATASET = Path(__file__).resolve().parent / "data" / "free-exercise-db" / "exercises.json"

# The targets, as ratios measured in one run.
OURS_OVER_PLAIN = 1.10
VALIDATE_OVER_BUILD = 0.05
TRIPLED_OVER_IMPORTED = 3.3
PAGE_GROWTH = 1.10
MEMORY_OVER_PLAIN = 1.5
# Ours and the theme's plain search run on the same pages; ours may not be slower by more than the noise.
SEARCH_NOISE = 1.10
NAMES_OVER_INDEX = 0.10  # search/names.json / search_index.json
SEARCHED = ("b", "c")  # the sites searched with ours and with the theme's plain search
SERVE_HOOKS_SHARE = 0.05  # the plugin's hooks in a serve rebuild, against plain MkDocs' rebuild of the same pages
REBUILD_OVER_BUILD = 0.10  # an edit is seen in a tenth of a cold build's time...
REBUILD_OVER_PLAIN = 0.10  # ...and of plain MkDocs' serve rebuild of the same pages, at (b) and at (c)
VALIDATE_COMMAND_OVER_BUILD = 0.05  # `python -m generator validate`, interpreter and imports included
SERVED = ("b", "plain", "c", "plain-c")  # the sites rebuilt as `mkdocs serve` does


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--pairs", type=int, default=5, help="builds of (b) by ours and by plain MkDocs, interleaved (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of (a) and (c), and validations (default 3)")
    parser.add_argument(
        "--search-rounds",
        type=int,
        default=15,
        help="searches on each site, interleaved (default 15: one search varies by a fifth)",
    )
    parser.add_argument("--rebuilds", type=int, default=3, help="serve rebuilds after an edit (default 3)")
    parser.add_argument(
        "--dataset", type=Path, default=DATASET, help="free-exercise-db's exercises.json (default: the copy in benchmarks/data/)"
    )
    list_page.add_arguments(parser)  # the exercise list on a phone: benchmarks/list_page.py
    parser.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md", help="the file to write the results into")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder with the built sites")
    return parser.parse_args(argv)


def say(text: str) -> None:
    print(text, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not args.dataset.is_file():
        print(
            f"{args.dataset} is missing: get exercises.json from https://github.com/yuhonas/free-exercise-db and pass --dataset",
            file=sys.stderr,
        )
        return 2
    load_before = report.load_average()
    try:
        list_page.check_tools()
    except Failed as error:
        print(error, file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="exercise-guide-bench-"))
    try:
        return _bench(args, work, load_before)
    except Failed as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, work: Path, load_before: str) -> int:
    # The package as pip installs it, with its bytecode compiled: this machine sets PYTHONDONTWRITEBYTECODE,
    # and an editable install would otherwise compile every module again in each process measured.
    run([sys.executable, "-m", "compileall", "-q", REPO / "generator"], cwd=REPO)
    say(f"preparing the guides in {work} ...")
    sites = prepare(work, args.dataset)
    builds: dict[str, list[Run]] = {key: [] for key in sites}
    loads: dict[str, list[dict]] = {key: [] for key in ("a", "b", "c")}
    cli: list[Run] = []
    rounds = max(args.pairs, args.rounds)
    for number in range(rounds):
        # Ours and plain alternate which goes first, so that neither always meets a warmer cache.
        keys = (["b", "plain"] if number % 2 == 0 else ["plain", "b"]) if number < args.pairs else []
        if number < args.rounds:
            keys = ["a", *keys, "c"]
        for key in keys:
            site = sites[key]
            shutil.rmtree(site.site, ignore_errors=True)
            builds[key].append(run(site.build_command(), cwd=site.config.parent))
            say(
                f"round {number + 1}/{rounds}: built {site.label} in "
                f"{builds[key][-1].cpu:.2f} s CPU, {builds[key][-1].wall:.2f} s wall"
            )
        if number < args.rounds:
            for key in loads:
                probe = run([sys.executable, "-m", "benchmarks.probe", sites[key].content, sites[key].config], cwd=REPO)
                loads[key].append(json.loads(probe.output.strip().splitlines()[-1]))
            validate = ["validate", "--content", sites["b"].content, "--config", sites["b"].config]
            cli.append(run([sys.executable, "-m", "generator", *validate], cwd=REPO))

    say("building (b) with each builder ...")
    by_builder = builders.measure(sites["b"], work, args.rounds)

    say("searching in Chromium ...")
    searches = _searches(sites, args.search_rounds)
    say("measuring search relevance in Chromium ...")
    relevance = _relevance(sites)
    say("rebuilding as mkdocs serve does ...")
    serving = _served_sites(sites, work)
    rebuilds = {key: _serve(site, args.rebuilds) for key, site in serving.items()}

    say("the exercise list on a phone: Lighthouse, filter changes ...")
    listing, list_targets = list_page.bench(sites, args, say)

    sections, targets = _results(sites, builds, loads, cli, serving, rebuilds)
    search_section, search_targets = _search_results(sites, searches, relevance)
    sections.insert(1, search_section)
    sections.insert(2, builders.section(sites["b"], by_builder))
    targets += search_targets + list_targets
    sections.append("### Targets\n\n" + report.targets_table(targets))
    block = report.document(report.machine(), sections, load_before=load_before, load_after=report.load_average())
    say("\n" + block.split("\n", 2)[2].rsplit("\n", 1)[0])
    report.write(args.output, block)
    list_page.write(args.output, f"Run of the block above.\n\n{listing}")
    say(f"\nwrote {args.output}")
    return 0 if all(target.passed for target in targets) else 1


def _searches(sites: dict[str, Site], rounds: int) -> dict[tuple[str, bool], list[float]]:
    """(site, plain theme search?) -> ms to the first result, each site's two searches interleaved."""
    times: dict[tuple[str, bool], list[float]] = {(key, plain): [] for key in SEARCHED for plain in (False, True)}
    with served(sites["b"].site) as at_b, served(sites["c"].site) as at_c, search.browser() as chromium:
        urls = {"b": at_b, "c": at_c}
        search.first_result_ms(chromium, at_b)  # the browser's own first start is not the site's cost
        for number in range(rounds):
            for key in SEARCHED:
                for plain in (False, True) if number % 2 == 0 else (True, False):
                    times[(key, plain)].append(search.first_result_ms(chromium, urls[key], plain=plain))
    return times


def _relevance(sites: dict[str, Site]) -> dict[tuple[str, bool], dict[str, float]]:
    """(site, plain theme search?) -> the relevance suite's rates there."""
    shipped = search.shipped_slugs(REPO / "content")
    rates = {}
    with search.browser() as chromium:
        for key in ("a", *SEARCHED):
            loaded = load(str(sites[key].content))
            assert loaded.catalog is not None
            with served(sites[key].site) as url:
                for plain in (False, True):
                    rates[(key, plain)] = search.relevance(chromium, url, loaded.catalog, shipped, plain=plain)
                    say(f"relevance at {sites[key].label}{' (plain)' if plain else ''}: {rates[(key, plain)]}")
    return rates


def _served_sites(sites: dict[str, Site], work: Path) -> dict[str, Site]:
    """(b) and (c), and plain MkDocs on emit's pages of each (plain-c is made here: only serve uses it)."""
    extra = plain_of(sites["c"], work / "plain-c", "plain-c")
    return {key: sites.get(key, extra) for key in SERVED}


def _serve(site: Site, rebuilds: int) -> list[dict]:
    exercises = site.content / "exercises"
    edited = exercises / "plank.md" if (exercises / "plank.md").exists() else sorted(exercises.glob("*.md"))[0]
    say(f"rebuilding {site.label} as mkdocs serve does ...")
    result = run([sys.executable, "-m", "benchmarks.serve", site.config, edited, "--rebuilds", str(rebuilds)], cwd=REPO)
    data = json.loads(result.output.strip().splitlines()[-1])
    expected = [f"exercises/{edited.name}"] if not site.key.startswith("plain") else []
    for rebuild in data:
        if rebuild["reread"] != expected:
            raise Failed(f"the rebuild after editing {edited.name} re-read {rebuild['reread']}, not only {expected}")
    return data


def _largest_exercise_page(site: Path) -> tuple[str, int]:
    pages = [(path.parent.name, path.stat().st_size) for path in (site / "exercises").glob("*/index.html")]
    return max(pages, key=lambda page: page[1])


def _results(sites, builds, loads, cli, serving, rebuilds) -> tuple[list[str], list[Target]]:
    cpu = {key: median(r.cpu for r in runs) for key, runs in builds.items()}
    wall = {key: median(r.wall for r in runs) for key, runs in builds.items()}
    rss = {key: median(r.rss for r in runs) for key, runs in builds.items()}
    load_cpu = {key: median(item["cpu"] for item in items) for key, items in loads.items()}
    load_wall = {key: median(item["wall"] for item in items) for key, items in loads.items()}
    index = {key: (site.site / "search" / "search_index.json").stat().st_size for key, site in sites.items()}
    html_pages = {key: sum(1 for _ in site.site.rglob("*.html")) for key, site in sites.items()}
    biggest_slug = _largest_exercise_page(sites["a"].site)[0]
    same_page = {
        key: (sites[key].site / "exercises" / biggest_slug / "index.html").stat().st_size for key in ("a", "b", "plain", "c")
    }
    largest = {key: _largest_exercise_page(sites[key].site) for key in ("a", "b", "plain", "c")}
    serve_cpu = {key: median(r["cpu"] for r in runs) for key, runs in rebuilds.items()}
    serve_wall = {key: median(r["wall"] for r in runs) for key, runs in rebuilds.items()}
    hooks_cpu = median(r["hooks_cpu"] for r in rebuilds["b"])
    hooks_wall = median(r["hooks_wall"] for r in rebuilds["b"])
    hooks_share = hooks_cpu / serve_cpu["plain"]
    cold = {"b": cpu["b"], "c": cpu["c"]}
    validate_command = median(r.cpu for r in cli)
    differing = _differing_pages(sites)

    columns = ["a", "b", "plain", "c"]
    header = ["median of the runs", *(sites[key].label for key in columns)]

    def row(label: str, values: dict, fmt: str) -> list[str]:
        return [label, *(format(values[key], fmt) if key in values else "—" for key in columns)]

    per_100 = {key: cpu[key] / sites[key].exercises * 100 for key in columns}
    rows = [
        row("exercises", {key: sites[key].exercises for key in columns}, "d"),
        row("HTML pages", html_pages, "d"),
        row("build, CPU s", cpu, ".2f"),
        row("build, wall s", wall, ".2f"),
        row("build / plain (CPU)", {"b": cpu["b"] / cpu["plain"], "plain": 1.0}, ".3f"),
        row("build / plain (wall)", {"b": wall["b"] / wall["plain"], "plain": 1.0}, ".3f"),
        row(
            "build / plain (CPU), median of the pairs",
            {"b": median(o.cpu / p.cpu for o, p in zip(builds["b"], builds["plain"], strict=False)), "plain": 1.0},
            ".3f",
        ),
        row("validate (load()), CPU s", load_cpu, ".3f"),
        row("validate (load()), wall s", load_wall, ".3f"),
        row("validate / build (CPU)", {key: load_cpu[key] / cpu[key] for key in load_cpu}, ".3f"),
        row("build CPU s per 100 exercises", per_100, ".3f"),
        row(f"bytes of exercises/{biggest_slug}/ (largest at (a))", same_page, ",d"),
        row("bytes of the largest exercise page", {key: value[1] for key, value in largest.items()}, ",d"),
        row("search_index.json bytes", index, ",d"),
        row("peak memory (max RSS), MB", {key: value / 2**20 for key, value in rss.items()}, ".1f"),
    ]
    runs_line = (
        f"{len(builds['b'])} builds of (b) and of plain, interleaved (ours, plain, then plain, ours, ...), "
        f"{len(builds['a'])} of (a) and (c); "
        "CPU s is user + system time of the build process and "
        "peak memory its max RSS, both from os.wait4; wall s is elapsed time. Builds and validate keep solved figures "
        "and the content files as parsed in the cache folder beside mkdocs.yml (generator/figures/kept.py, "
        "generator/content/kept.py); only the first build of each guide solves and parses them. "
        "validate is `load()` with what the builds kept, "
        "in a process of its own, without the interpreter's start and imports (`python -m generator validate` on (b), "
        f"all included: {median(r.wall for r in cli):.2f} s wall, {median(r.cpu for r in cli):.2f} s CPU)."
    )

    def reused(key: str) -> str:
        counts = rebuilds[key][-1]["reused"]
        return f"{counts['pages'] - counts['templated']} of {counts['pages']}" if counts else "all"

    plain_key = {"b": "plain", "c": "plain-c"}
    serve_header = ["median of the rebuilds", *(serving[key].label for key in SERVED)]
    serve_rows = [
        ["rebuild (load_config + build), CPU s", *(f"{serve_cpu[key]:.2f}" for key in SERVED)],
        ["rebuild, wall s", *(f"{serve_wall[key]:.2f}" for key in SERVED)],
        ["pages put into their template again", *(reused(key) for key in SERVED)],
        ["rebuild / cold build (CPU)", *(f"{serve_cpu[key] / cold[key]:.3f}" if key in cold else "—" for key in SERVED)],
        [
            "rebuild / plain MkDocs' rebuild (CPU)",
            *(f"{serve_cpu[key] / serve_cpu[plain_key[key]]:.3f}" if key in cold else "—" for key in SERVED),
        ],
    ]
    serve_line = (
        f"{len(rebuilds['b'])} rebuilds of each, after one more line is written at the end of exercises/plank.md; CPU s "
        "of the serving process, the removal of the last build's files included. Plain MkDocs rebuilds `emit`'s pages "
        f"of the same guide. In the plugin's hooks at (b): {hooks_cpu:.3f} s CPU, {hooks_wall:.3f} s wall "
        f"({', '.join(f'{name} {seconds:.3f}' for name, seconds in sorted(rebuilds['b'][0]['by_hook'].items()))}); "
        f"files re-read per rebuild: {', '.join(rebuilds['b'][0]['reread'])}. `python -m generator validate` at (b), "
        f"the whole command: {validate_command:.2f} s CPU, {median(r.wall for r in cli):.2f} s wall."
    )
    targets = [
        Target(
            "build time, ours / plain MkDocs at (b) (CPU)",
            cpu["b"] / cpu["plain"],
            OURS_OVER_PLAIN,
            f"{cpu['b'] / cpu['plain']:.3f}",
            f"≤ {OURS_OVER_PLAIN}",
        ),
        Target(
            "validate / build at (b) (CPU)",
            load_cpu["b"] / cpu["b"],
            VALIDATE_OVER_BUILD,
            f"{load_cpu['b'] / cpu['b']:.3f}",
            f"≤ {VALIDATE_OVER_BUILD}",
        ),
        Target(
            f"build time (c) / (b): {COPIES}× the exercises (CPU)",
            cpu["c"] / cpu["b"],
            TRIPLED_OVER_IMPORTED,
            f"{cpu['c'] / cpu['b']:.2f}",
            f"≤ {TRIPLED_OVER_IMPORTED}",
        ),
        Target(
            f"bytes of exercises/{biggest_slug}/ at (b) / at (a)",
            same_page["b"] / same_page["a"],
            PAGE_GROWTH,
            f"{same_page['b'] / same_page['a']:.3f}",
            f"≤ {PAGE_GROWTH}",
        ),
        Target(
            "peak memory at (b), ours / plain",
            rss["b"] / rss["plain"],
            MEMORY_OVER_PLAIN,
            f"{rss['b'] / rss['plain']:.2f}",
            f"≤ {MEMORY_OVER_PLAIN}",
        ),
        *(
            Target(
                f"serve rebuild after one edit at ({key}) / {against} (CPU)",
                serve_cpu[key] / base,
                limit,
                f"{serve_cpu[key] / base:.3f}",
                f"≤ {limit}",
            )
            for key in ("b", "c")
            for against, base, limit in (
                ("cold build", cold[key], REBUILD_OVER_BUILD),
                ("plain MkDocs' rebuild", serve_cpu[plain_key[key]], REBUILD_OVER_PLAIN),
            )
        ),
        Target(
            "validate, the whole command, at (b) / build (CPU)",
            validate_command / cpu["b"],
            VALIDATE_COMMAND_OVER_BUILD,
            f"{validate_command / cpu['b']:.3f}",
            f"≤ {VALIDATE_COMMAND_OVER_BUILD}",
        ),
        Target(
            "mkdocs serve rebuild at (b): plugin hooks / plain MkDocs' rebuild (CPU)",
            hooks_share,
            SERVE_HOOKS_SHARE,
            f"{hooks_share:.1%}",
            f"≤ {SERVE_HOOKS_SHARE:.0%}",
        ),
        Target(
            "(b): HTML pages that differ from plain MkDocs' (edit links aside)",
            len(differing),
            0,
            (", ".join(differing[:3]) or "none")
            + f" (search indexes {'hold the same entries' if _same_index(sites) else 'differ'})",
            "none",
        ),
    ]
    sections = [
        "### Builds\n\n" + report.table(header, rows) + "\n\n" + runs_line,
        "### mkdocs serve: one exercise edited, then a rebuild (the incremental preview)\n\n"
        + report.table(serve_header, serve_rows)
        + "\n\n"
        + serve_line,
    ]
    return sections, targets


def _search_results(sites: dict[str, Site], searches: dict, relevance: dict) -> tuple[str, list[Target]]:
    """The search section: sizes, first-result times and rates, ours and the theme's plain search on the same pages."""
    full_text = {key: (sites[key].site / "search" / "search_index.json").stat().st_size for key in ("a", *SEARCHED)}
    names = {key: (sites[key].site / "search" / "names.json").stat().st_size for key in ("a", *SEARCHED)}
    ms = {key: median(values) for key, values in searches.items()}
    columns = [(key, plain) for key in ("a", *SEARCHED) for plain in (False, True)]
    header = ["median of the runs", *(f"{sites[key].label}, {'theme' if plain else 'ours'}" for key, plain in columns)]

    def row(label: str, values: dict, fmt: str, *, each: bool = False) -> list[str]:
        def cell(key: str, plain: bool) -> str:
            value = values.get((key, plain)) if each else (values.get(key) if not plain else None)
            return "—" if value is None else format(value, fmt)

        return [label, *(cell(key, plain) for key, plain in columns)]

    def rate(name: str) -> dict:  # (site, plain) -> one of the rates
        return {column: rates[name] for column, rates in relevance.items() if name in rates}

    muscles = f"(d) {len(queries.MUSCLES)} muscles: main-muscle exercises in the first 10, fewest"
    rows = [
        row("exercises", {key: sites[key].exercises for key in names}, "d"),
        row("search_index.json bytes", full_text, ",d"),
        row("search/names.json bytes", names, ",d"),
        row("names.json / search_index.json", {key: names[key] / full_text[key] for key in names}, ".1%"),
        row(f"first search result for '{search.QUERY}', ms", ms, ".0f", each=True),
        row("(a) names and aliases, as written and otherwise: first", rate("a first"), ".1%", each=True),
        row("(a) ... in the top 3", rate("a top 3"), ".1%", each=True),
        row(f"(b) {queries.NAME_SAMPLE} names sampled from the dataset: first", rate("b first"), ".1%", each=True),
        row("(b) ... in the top 3", rate("b top 3"), ".1%", each=True),
        row(f"(c) {queries.TYPO_COUNT} names with a typo: in the top 3", rate("c top 3"), ".1%", each=True),
        row(muscles, rate("d main of 10"), ".0f", each=True),
        row("(d) ... muscle's page in the first 10", rate("d term page"), ".0%", each=True),
    ]

    def reached(name: str, value: float, floor: float, fmt: str = ".1%") -> Target:
        limit_text = "100%" if floor == 1.0 else f"≥ {floor:{fmt}}"
        return Target(name, value, floor, format(value, fmt), limit_text, at_least=True)

    targets = [reached("(a) names and aliases of the shipped guide first, ours", relevance[("a", False)]["a first"], 1.0)]
    for key in SEARCHED:
        ours, label = relevance[(key, False)], sites[key].label
        speed, size = ms[(key, False)] / ms[(key, True)], names[key] / full_text[key]
        targets += [
            reached(f"(b) sampled names first at {label}, ours", ours["b first"], 1.0),
            reached(f"(c) typos in the top 3 at {label}, ours", ours["c top 3"], 0.9, ".0%"),
            reached(f"(d) of the first 10, training the muscle most, at {label}", ours["d main of 10"], 5, ".0f"),
            Target(f"first search result at {label}, ours / theme's", speed, SEARCH_NOISE, f"{speed:.2f}", f"≤ {SEARCH_NOISE}"),
            Target(f"names.json / search_index.json at {label}", size, NAMES_OVER_INDEX, f"{size:.1%}", "≤ 10%"),
        ]
    runs = (
        f"{len(next(iter(searches.values())))} first-result searches on each site and each search, interleaved "
        '(ours, theme, then theme, ours, ...); "theme" is Material\'s own search on the same pages (each page served '
        "without the script that hands Material the guide's worker). The rates are those of the relevance suite "
        "(tests/site/test_search_relevance.py), with its queries, each asked once."
    )
    return "### Search\n\n" + report.table(header, rows) + "\n\n" + runs, targets


# The one difference allowed between the two sites: plain MkDocs gives the pages the generator makes up
# (indexes, term pages) an edit link to a content file that does not exist; the plugin gives them none.
_EDIT_LINK = re.compile(
    r'<a href="[^"]*" title="Edit this page" class="md-content__button md-icon" rel="edit">.*?</a>', re.DOTALL
)
_SPACE = re.compile(r"\s+")


def _differing_pages(sites: dict[str, Site]) -> list[str]:
    """The HTML pages of (b) that the plugin and plain MkDocs built differently (beyond that edit link)."""

    def normal(path: Path) -> str:
        return _SPACE.sub(" ", _EDIT_LINK.sub("", path.read_text(encoding="utf-8")))

    ours, plain = sites["b"].site, sites["plain"].site
    pages = sorted(path.relative_to(ours).as_posix() for path in ours.rglob("*.html"))
    if pages != sorted(path.relative_to(plain).as_posix() for path in plain.rglob("*.html")):
        return ["(the two sites have different pages)"]
    return [page for page in pages if normal(ours / page) != normal(plain / page)]


def _same_index(sites: dict[str, Site]) -> bool:
    """The same entries, whatever their order (MkDocs lists files in the order it meets them)."""

    def entries(key: str) -> list[str]:
        index = json.loads((sites[key].site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return sorted(json.dumps(doc, sort_keys=True) for doc in index["docs"])

    return entries("b") == entries("plain")
