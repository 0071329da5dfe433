"""The incremental preview: under `mkdocs serve`, a rebuild after an edit reuses what did not change,
and the site it serves is the one a clean build of the same files makes, file by file, search index
included (generator/site/preview.py, Site.remember)."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from support import sample_guide as test_guide
from support.local_site import REPO, mkdocs_config
from support.serving import Session, clean_build, differences

MUSCLES = ("core", "glutes", "hamstrings", "calves")
SEED = 20261129
EDITS = 24


class Guide:
    """The test guide with a theme of its own (so that a test may edit a template), served."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.content = test_guide.write(folder)
        self.theme = folder / "theme"
        shutil.copytree(REPO / "theme", self.theme)
        config = mkdocs_config(folder, self.content)
        text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {self.theme}", config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")
        self.config = config
        self.added: list[str] = []
        self.number = 0

    def exercise(self, slug: str) -> Path:
        return self.content / "exercises" / f"{slug}.md"

    def rewrite(self, path: Path, change: Callable[[str], str]) -> None:
        before = path.read_text(encoding="utf-8")
        after = change(before)
        assert after != before, f"the edit changed nothing in {path.name}"
        path.write_text(after, encoding="utf-8")


# ---- the edits: each changes the guide as an editor would and says what it did --------------------


def add_exercise(guide: Guide, rng: random.Random) -> str:
    slug = f"added-{guide.number}"
    muscle = rng.choice(MUSCLES)
    text = test_guide.exercise(f"Added {guide.number}", primary=f"[{muscle}]", equipment="[mat]", extra="harder: [gamma]\n")
    guide.exercise(slug).write_text(text, encoding="utf-8")
    guide.added.append(slug)
    return f"add exercise {slug} ({muscle})"


def remove_exercise(guide: Guide, rng: random.Random) -> str:
    if not guide.added:
        return add_exercise(guide, rng)
    slug = guide.added.pop(rng.randrange(len(guide.added)))
    guide.exercise(slug).unlink()
    return f"remove exercise {slug}"


def rename_alias(guide: Guide, rng: random.Random) -> str:
    slug = rng.choice(("alpha", "beta", "gamma"))
    alias = f"Alias {guide.number}"

    def change(text: str) -> str:
        if re.search(r"(?m)^aliases: ", text):
            return re.sub(r"(?m)^aliases: .*$", f"aliases: [{alias}]", text)
        return re.sub(r"(?m)^(name: .*)$", rf"\1\naliases: [{alias}]", text, count=1)

    guide.rewrite(guide.exercise(slug), change)
    return f"alias of {slug}: {alias}"


def change_muscle(guide: Guide, rng: random.Random) -> str:
    slug = rng.choice(("alpha", "beta", "delta", "filler-03"))
    path = guide.exercise(slug)
    now = re.search(r"(?m)^  primary: \[(\w+)\]", path.read_text(encoding="utf-8"))
    assert now is not None
    muscle = rng.choice([m for m in MUSCLES if m != now[1]])
    guide.rewrite(path, lambda text: text.replace(now[0], f"  primary: [{muscle}]", 1))
    return f"primary muscle of {slug}: {muscle}"


def reorder_routine(guide: Guide, rng: random.Random) -> str:
    path = guide.content / "routines" / "short.md"
    text = path.read_text(encoding="utf-8")
    head, items_and_body = text.split("exercises:\n", 1)
    items_text, body = items_and_body.split("---\n", 1)
    items = re.split(r"(?m)^(?=  - exercise: )", items_text)[1:]
    order = items[:]
    while order == items:
        rng.shuffle(order)
    path.write_text(head + "exercises:\n" + "".join(order) + "---\n" + body, encoding="utf-8")
    return "reorder routine short: " + ", ".join(re.findall(r"exercise: ([\w-]+)", "".join(order)))


def edit_taxonomy(guide: Guide, rng: random.Random) -> str:
    path = guide.content / "taxonomy.yml"
    if rng.random() < 0.5:
        guide.rewrite(path, lambda text: re.sub(r"(?m)^  ball: .*$", f"  ball: Ball, edit {guide.number}", text))
        return "taxonomy: the ball renamed"
    description = f"The trunk muscles, edit {guide.number}"
    guide.rewrite(path, lambda text: re.sub(r"(?m)^  core: .*$", f"  core: {{name: Core, description: '{description}'}}", text))
    return "taxonomy: the core's description"


def edit_template(guide: Guide, rng: random.Random) -> str:
    if rng.random() < 0.5:
        guide.rewrite(guide.theme / "pages" / "exercise.md", lambda text: text + f"\nTemplate edit {guide.number}.\n")
        return "template: the exercise page"
    marker = f'<meta name="eg-test-edit" content="{guide.number}">'
    guide.rewrite(
        guide.theme / "main.html",
        lambda text: re.sub(
            r'(?m)^(\{% block extrahead %\})(\n  <meta name="eg-test-edit"[^\n]*)?', rf"\1\n  {marker}", text, count=1
        ),
    )
    return "template: the theme's main.html"


def edit_text(guide: Guide, rng: random.Random) -> str:
    slug = rng.choice(("alpha", "gamma", "tricky", "filler-07"))
    guide.rewrite(
        guide.exercise(slug), lambda text: text.replace("## Steps", f"Edit {guide.number} of the introduction.\n\n## Steps", 1)
    )
    return f"text of {slug}"


def edit_page(guide: Guide, rng: random.Random) -> str:
    guide.rewrite(guide.content / "index.md", lambda text: text + f"\nHome page, edit {guide.number}.\n")
    return "home page"


def edit_configuration(guide: Guide, rng: random.Random) -> str:
    guide.rewrite(guide.config, lambda text: re.sub(r"(?m)^copyright: .*$", f"copyright: Test guide, edit {guide.number}", text))
    return "mkdocs.yml: the copyright line"


def edit_stylesheet(guide: Guide, rng: random.Random) -> str:
    stylesheet = guide.theme / "assets" / "stylesheets" / "guide.css"
    guide.rewrite(stylesheet, lambda text: text + f"\n.eg-test-edit-{guide.number} {{ color: inherit; }}\n")
    return "theme: guide.css"


def edit_media(guide: Guide, rng: random.Random) -> str:
    guide.rewrite(
        guide.content / "media" / "delta.svg", lambda text: re.sub(r'r="[\d.]+"', f'r="{1 + guide.number / 10:.1f}"', text)
    )
    return "media: delta.svg"


KINDS = [
    add_exercise,
    remove_exercise,
    rename_alias,
    change_muscle,
    reorder_routine,
    edit_taxonomy,
    edit_template,
    edit_text,
    edit_page,
    edit_configuration,
    edit_stylesheet,
    edit_media,
]


def _plan(rng: random.Random) -> list[Callable[[Guide, random.Random], str]]:
    """Every kind of edit at least once, in a random order, then random ones up to EDITS."""
    plan = KINDS[:]
    rng.shuffle(plan)
    return plan + [rng.choice(KINDS) for _ in range(EDITS - len(plan))]


def test_every_rebuild_after_random_edits_is_the_clean_build(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    guide = Guide(tmp_path / "guide")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(guide.config, served)
    done = []
    try:
        for number, edit in enumerate(_plan(rng), 1):
            guide.number = number
            done.append(edit(guide, rng))
            session.rebuild()
            reuse = session.plugin.preview.reuse
            shutil.rmtree(clean, ignore_errors=True)
            clean_build(guide.config, clean)
            found = differences(served, clean)
            assert not found, f"after edit {number} ({done[-1]}; before it: {done[:-1]}):\n" + "\n".join(found)
            if edit in (edit_text, rename_alias):  # one exercise's page and the pages that list it, not all
                assert reuse.templated >= reuse.pages // 2, (done[-1], vars(reuse))
    finally:
        session.close()
    assert len(done) >= 20


def test_a_rebuild_renders_again_only_what_changed(tmp_path: Path) -> None:
    guide = Guide(tmp_path / "guide")
    session = Session(guide.config, tmp_path / "served")
    try:
        session.rebuild()  # nothing changed
        reuse = session.plugin.preview.reuse
        assert (reuse.templated, reuse.rendered, reuse.searched) == (reuse.pages, reuse.pages, reuse.pages)
        guide.number = 1
        edit_text(guide, random.Random(1))  # one exercise's text: its page alone
        session.rebuild()
        reuse = session.plugin.preview.reuse
        # (Its Markdown may be the same as MkDocs sees it: the body's HTML blocks reach it as placeholders.)
        assert reuse.pages - reuse.templated == 1 and reuse.pages - reuse.rendered <= 1, vars(reuse)
    finally:
        session.close()


@pytest.mark.parametrize("mistake", ["content", "link"])
def test_a_mistake_keeps_the_last_good_site(tmp_path: Path, mistake: str, capfd: pytest.CaptureFixture[str]) -> None:
    guide = Guide(tmp_path / "guide")
    served = tmp_path / "served"
    session = Session(guide.config, served)
    try:
        before = {path: path.read_bytes() for path in served.rglob("*") if path.is_file()}
        capfd.readouterr()
        alpha = guide.exercise("alpha")
        if mistake == "content":
            guide.rewrite(alpha, lambda text: text.replace("level: beginner", "level: begginer"))
            line = (
                f"{alpha}:4: 'level' must be one of beginner, intermediate or advanced, not 'begginer' — did you mean 'beginner'?"
            )
        else:
            guide.rewrite(alpha, lambda text: text.replace("## Steps", "See [Beta](beta.md#nowhere).\n\n## Steps"))
            at = alpha.read_text(encoding="utf-8").splitlines().index("See [Beta](beta.md#nowhere).") + 1
            line = f"{alpha}:{at}: the link 'beta.md#nowhere' points to '#nowhere', which that page does not have"
        session.rebuild()
        err = capfd.readouterr().err
        assert line in err, err
        assert "the site was not rebuilt: the last good pages are still served" in err
        after = {path: path.read_bytes() for path in served.rglob("*") if path.is_file()}
        assert after == before
        # Mended, the next rebuild is the clean build again.
        alpha.write_text(test_guide.EXERCISES["alpha"], encoding="utf-8")
        session.rebuild()
        clean_build(guide.config, tmp_path / "clean")
        assert differences(served, tmp_path / "clean") == []
    finally:
        session.close()
