"""The README's pictures of a printed card: the shipped guide built, one routine printed by Chromium on
A4 and on Letter, each first page rasterized by pdftoppm at 100 dpi into docs/images/card-a4.png and
card-letter.png, each made small (a few greys: figures/pngsmall.py).

`python tests/support/card_images.py [ROUTINE]` (from the repository, with the project's venv).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: `support` is importable

from figures.pngsmall import decode, write_indexed

from support.local_site import CHROMIUM, CHROMIUM_ARGS, REPO, built, served
from support.printing import print_page

IMAGES = REPO / "docs" / "images"
PAPERS = {"A4": "card-a4", "Letter": "card-letter"}


def main(routine: str = "balance-trainer-circuit") -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "content").symlink_to(REPO / "content")
        site = built(work / "content", work / "site")
        with served(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for paper, name in PAPERS.items():
                printed = print_page(browser, f"{base}routines/{routine}/", paper, work / f"{name}.pdf")
                if len(printed.pages) != 1:
                    raise SystemExit(f"routines/{routine}/ printed on {len(printed.pages)} {paper} pages, not one")
                # pdftoppm adds .png to the name it is given.
                subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", work / f"{name}.pdf", work / name], check=True)
                write_indexed(IMAGES / f"{name}.png", *decode((work / f"{name}.png").read_bytes()))
                print(f"wrote {IMAGES / name}.png")
            browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:2])
