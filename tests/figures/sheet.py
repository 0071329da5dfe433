"""Render figures to PNG to look at them: `python tests/figures/sheet.py OUT.png [--figures FILE.yml] [--only a,b] [--size page|thumb|card] [--dark] [--cols N]`.

Reads the `figure:` of every exercise in content/exercises (or the figures of a YAML file mapping
slug -> figure), lays them out in a grid with their names and screenshots the grid with Chromium.
Not a test: a tool for looking, and for docs/images/figures-sheet.png.
"""

from __future__ import annotations

import argparse
import base64
import html
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from generator.content.parse import decode, load_yaml, split  # noqa: E402
from generator.figures.markup import svg  # noqa: E402
from generator.figures.model import FigureMeta, unjudged  # noqa: E402
from generator.figures.preview import PREVIEW_CSS  # noqa: E402
from support.local_site import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def exercises() -> dict[str, tuple[str, dict]]:
    """name and figure of every exercise, read as the generator reads them (`on:` stays a key)."""
    found = {}
    for path in sorted((REPO / "content" / "exercises").glob("*.md")):
        front = split(decode(path.read_bytes()), required=True).front
        assert front is not None
        found[path.stem] = (front.data["name"], front.data.get("figure"))
    return found


def _short(error: Exception) -> str:
    lines = [line for line in str(error).splitlines() if line.strip() and not line.strip().startswith("For further")]
    return "\n".join(line.split(" [type=")[0] for line in lines[1:])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--figures")
    parser.add_argument("--only")
    parser.add_argument("--size", default="page")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--cols", type=int, default=3)
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--plain", action="store_true", help="names only (no byte counts), for docs/images")
    args = parser.parse_args()
    items = exercises()
    if args.figures:
        extra = load_yaml(Path(args.figures).read_text(encoding="utf-8"), what="figures").data
        items = {slug: (items.get(slug, (slug, None))[0], figure) for slug, figure in extra.items()}
    if args.only:
        wanted = args.only.split(",")
        items = {slug: items[slug] for slug in wanted}
    cells = []
    for _slug, (name, figure) in items.items():
        if not figure:
            continue
        problems = ""
        try:
            meta = FigureMeta.model_validate(figure)
        except Exception as error:
            problems = f"<pre>{html.escape(_short(error))}</pre>"
            try:
                meta = unjudged(figure)
            except Exception:
                cells.append(f'<div class="cell"><h3>{html.escape(name)}</h3>{problems}</div>')
                continue
        markup = svg(meta, title=name, alt=name, size=args.size)
        if args.size == "thumb":
            data = base64.b64encode(markup.encode()).decode()
            body = f'<img src="data:image/svg+xml;base64,{data}" alt="">'
        else:
            body = markup
        cells.append(
            f'<div class="cell"><h3>{html.escape(name)}{"" if args.plain else f" <small>{len(markup.encode())} B</small>"}</h3>{body}{problems}</div>'
        )
    scheme = "dark" if args.dark else "light"
    page = f"""<!doctype html><html><meta charset="utf-8"><style>{PREVIEW_CSS}
body {{ margin: 0; padding: 12px; }}
.grid {{ display: grid; grid-template-columns: repeat({args.cols}, {args.width}px); gap: 10px; }}
.cell {{ border: 1px solid #ccc; border-radius: 6px; padding: 6px; }}
.cell h3 {{ font-size: 14px; margin: 0 0 4px; }} .cell small {{ color: #888; font-weight: normal; }}
.cell .eg-fig {{ width: 100%; height: auto; max-height: {args.width}px; display: block; }}
.cell img {{ max-width: 100%; height: auto; max-height: {args.width}px; display: block; }}
pre {{ white-space: pre-wrap; font-size: 11px; color: #b00; }}
</style><body><section class="{scheme}"><div class="grid">{"".join(cells)}</div></section></body></html>"""
    folder = tempfile.mkdtemp(prefix="figures-sheet-")
    html_path = Path(folder) / "sheet.html"
    html_path.write_text(page, encoding="utf-8")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": args.cols * (args.width + 12) + 40, "height": 600}, device_scale_factor=1)
        tab.goto(html_path.as_uri())
        tab.screenshot(path=str(Path(args.out).resolve()), full_page=True)
        browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
