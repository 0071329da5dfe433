"""End-to-end: real MkDocs builds of the shipped guide and of the test guide, asserted on the HTML."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from support import sample_guide as test_guide
from support.html_tools import article, card_links, card_names, page, text
from support.local_site import REPO, build, built, mkdocs

VOCABULARIES = ("muscles", "equipment", "goals")


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def _pages_expected(content: Path) -> list[str]:
    taxonomy = yaml.safe_load((content / "taxonomy.yml").read_text(encoding="utf-8"))
    urls = ["", "exercises/", "routines/", "routines/print/", "guides/"]
    urls += [f"exercises/{p.stem}/" for p in (content / "exercises").glob("*.md")]
    urls += [f"routines/{p.stem}/" for p in (content / "routines").glob("*.md")]
    urls += [f"guides/{p.stem}/" for p in (content / "guides").glob("*.md")]
    for name in VOCABULARIES:
        urls += [f"{name}/"] + [f"{name}/{term}/" for term in taxonomy[name]]
    return urls


@pytest.mark.parametrize("which", ["shipped", "test"])
def test_every_page_is_built(which: str, shipped_site: Path, test_site: Path) -> None:
    site = shipped_site if which == "shipped" else test_site
    content = site.parent / "content"
    expected = _pages_expected(content)
    assert len(expected) > 20
    for url in expected:
        assert (site / url / "index.html").is_file(), url
    assert (site / "exercises.json").is_file()
    # The content files themselves are not published raw.
    assert not (site / "taxonomy.yml").exists()
    assert not list(site.rglob("*.md"))


def test_exercise_page_shows_everything(test_site: Path) -> None:
    html = article(test_site, "exercises/alpha/")
    shown = text(html)
    assert "<h1" in html and ">Alpha<" in html
    assert "Alpha done slowly and well." in shown
    assert 'class="eg-level eg-level--beginner" href="../?level=beginner">Beginner</a>' in html
    assert '<a class="eg-term" href="../../equipment/mat/">Exercise mat</a>' in html
    assert '<a class="eg-term" href="../../muscles/core/">Core</a>' in html
    assert '<a class="eg-term" href="../../goals/balance/">Balance</a>' in html
    assert "Dosage 2 × 8 per side, hold 3 s, rest 30 s" in shown
    # Steps in order, read from the body's `## Steps` list, and the rest of the body around them.
    assert re.search(
        r'<h2[^>]*>Steps.*?<ol class="eg-steps">\s*<li>Get ready for Alpha.</li>\s*<li>Do Alpha\s+with care.</li>\s*</ol>',
        html,
        re.S,
    )
    assert (
        shown.index("An introduction to Alpha.") < shown.index("Get ready for Alpha.") < shown.index("Common mistakes Rushing.")
    )
    assert "<li>Breathe out</li>" in html and "<li>Stay tall</li>" in html
    assert "Short &lt;Routine&gt; &amp; co" in html  # the routine that uses it, escaped


def test_easier_and_harder_are_derived_both_ways(test_site: Path) -> None:
    # alpha lists beta as harder, beta lists gamma, delta lists alpha as easier; no file says the reverse.
    def variations(slug: str) -> dict[str, list[str]]:
        html = article(test_site, f"exercises/{slug}/")
        found = {}
        for title, items in re.findall(r'<h3 class="eg-variations__title">(\w+)</h3><ul>(.*?)</ul>', html, re.S):
            found[title] = re.findall(r'<a href="([^"]+)">', items)
        return found

    assert variations("alpha") == {"Harder": ["../beta/", "../delta/"]}
    assert variations("beta") == {"Easier": ["../alpha/"], "Harder": ["../gamma/"]}
    assert variations("gamma") == {"Easier": ["../beta/"]}
    assert variations("delta") == {"Easier": ["../alpha/"]}
    assert variations("filler-01") == {}


def test_term_pages_list_exactly_the_right_exercises(test_site: Path) -> None:
    fillers = [f"Filler {n:02d}" for n in range(1, 13)]

    def names(url: str) -> list[str]:
        return card_names(article(test_site, url))

    # Term pages list exercises first, then the routines that use them; each group sorted by name.
    assert names("muscles/core/") == [test_guide.TRICKY_NAME, "Alpha", "Short <Routine> & co"]
    assert names("muscles/glutes/") == ["Beta", *fillers, "Short <Routine> & co", "Twelve Stations"]
    assert names("muscles/hamstrings/") == ["Gamma", "Beta"]  # main muscle first, then "also works"
    assert names("muscles/calves/") == ["Delta", "Gamma", "Short <Routine> & co"]
    assert names("muscles/unused-muscle/") == []
    assert names("equipment/mat/") == ["Alpha", "Delta", *fillers, "Short <Routine> & co", "Twelve Stations"]
    assert names("equipment/band/") == ["Beta", "Short <Routine> & co"]
    assert names("goals/strength/") == ["Beta", "Delta", "Twelve Stations"]
    assert names("goals/balance/") == ["Alpha", "Short <Routine> & co"]
    # Main and secondary muscles are told apart on muscle pages.
    hamstrings = text(article(test_site, "muscles/hamstrings/"))
    assert re.search(r"Main muscle in Gamma .* Also works it Beta ", hamstrings)
    assert "Also works it" not in text(article(test_site, "muscles/core/"))


def test_term_pages_list_routines_with_the_term(test_site: Path) -> None:
    glutes = article(test_site, "muscles/glutes/")
    assert card_names(glutes) == ["Beta", *(f"Filler {n:02d}" for n in range(1, 13)), "Short <Routine> & co", "Twelve Stations"]
    assert card_links(glutes)[-2:] == ["../../routines/short/", "../../routines/twelve/"]
    ball = article(test_site, "equipment/ball/")
    assert card_names(ball) == ["Delta", "Short <Routine> & co"]


def test_vocabulary_index_pages(test_site: Path) -> None:
    html = article(test_site, "muscles/")
    shown = text(html)
    assert re.findall(r'<a href="([^"]+)">', html) == [
        f"{term}/" for term in ("calves", "core", "glutes", "hamstrings", "unused-muscle")
    ]
    assert "Hamstrings 2 exercises Back of the thigh" in shown
    assert "Unused muscle 0 exercises" in shown


def test_exercise_index_lists_every_exercise_with_filter_data(test_site: Path, shipped_site: Path) -> None:
    for site in (test_site, shipped_site):
        html = article(site, "exercises/")
        slugs = sorted(p.stem for p in (site.parent / "content" / "exercises").glob("*.md"))
        assert sorted(link.strip("/") for link in card_links(html)) == slugs
    html = article(test_site, "exercises/")
    assert (
        '<li class="eg-card" data-level="intermediate" data-muscles="glutes hamstrings" data-equipment="band" data-goals="strength">'
        in html
    )
    assert 'data-muscles="hamstrings calves" data-equipment="none"' in html  # gamma: bodyweight only
    # The filter form is hidden until the script shows it, so without JavaScript only the full list shows.
    assert re.search(r'<form class="eg-filters" data-eg-filters data-eg-vocabularies="[^"]*" hidden', html)
    assert '<option value="hamstrings">Hamstrings (2)</option>' in html
    assert '<option value="unused-muscle">' not in html  # a term no exercise uses is no useful filter
    # Every option says what it shows on its own; guide.js recounts them as filters combine.
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    beginners = sum(ex["level"] == "beginner" for ex in data["exercises"])
    bodyweight = sum(not ex["equipment"] for ex in data["exercises"])
    assert f'<option value="beginner">Beginner ({beginners})</option>' in html
    assert f'<option value="none">None (bodyweight) ({bodyweight})</option>' in html
    # The script that applies the address before the list is drawn comes right after the form, before the list.
    assert re.search(r"</form>\s*<script>.*?window\.egFilters.*?</script>\s*<div class=\"eg-list\" data-eg-list>", html, re.S)


def test_list_entries_are_lean_and_in_chunks(imported_slice_site: Path, shipped_site: Path) -> None:
    """A list is chunks of 60 entries; an entry is six elements on one line, its "Add to my card" button among them
    (seven with its thumbnail, which is sized and loaded lazily), and an entry without a figure has no image at all."""
    html = article(imported_slice_site, "exercises/")
    chunks = re.findall(r'<ul class="eg-cards">(.*?)</ul>', html)
    entries = re.findall(r"<li .*?</li>", html)
    assert len(entries) == len(list((imported_slice_site.parent / "content" / "exercises").glob("*.md")))
    assert [len(re.findall(r"<li ", chunk)) for chunk in chunks[:-1]] == [60] * (len(chunks) - 1) and len(chunks) >= 3
    for entry in entries:
        tags = re.findall(r"<([a-z]+)[ >]", entry)
        lean = (["li", "a", "p", "p", "span", "button"], ["li", "a", "span", "p", "p", "span", "button"])
        assert tags in lean or (tags[:2] == ["li", "img"] and [tags[0], *tags[2:]] in lean), entry
        if "<img" in entry:
            assert re.search(r'<img [^>]*loading="lazy" decoding="async" width="\d+" height="\d+">', entry)
    assert sum("<img" not in entry for entry in entries) > 100  # the imported exercises: no figure, no image
    shipped = article(shipped_site, "exercises/")
    assert all("<img" in entry for entry in re.findall(r"<li .*?</li>", shipped))  # every shipped exercise has its figure


def test_routine_page_shows_everything(test_site: Path) -> None:
    html = article(test_site, "routines/short/")
    shown = text(html)
    assert "Short &lt;Routine&gt; &amp; co" in html
    assert "Level Beginner" in shown
    assert "Goals Balance" in shown
    assert "Equipment Exercise mat, Resistance band, Ball" in shown  # derived, in order of first use
    # 2 rounds of: alpha 2×(8 reps×(3 s+3 s hold)×2 sides + 30 s) = 252 s, beta 2×(45+60) = 210 s,
    # delta 1×20 s = 20 s; 482 s × 2 + 60 s between rounds = 1024 s.
    assert "Time about 17 min" in shown
    assert "Rounds 2, 1 min rest between rounds" in shown
    items = re.findall(r'<li class="eg-item">(.*?)</li>', html, re.S)
    assert [text(item) for item in items] == [
        "Alpha 2 × 8 per side, hold 3 s, rest 30 s Slow and steady",
        "Beta 2 × 45 s, rest 1 min",  # sets from the item, the rest from the exercise
        "Delta 1 × hold 20 s",
    ]
    assert "A short routine." in shown


def test_routine_list_and_guides(test_site: Path) -> None:
    assert card_names(article(test_site, "routines/")) == ["Short <Routine> & co", "Twelve Stations"]
    assert card_names(article(test_site, "guides/")) == ["The article"]
    guide_html = article(test_site, "guides/article/")
    assert '<a href="../../exercises/beta/">Beta</a>' in guide_html
    assert '<a href="../../routines/twelve/">Twelve</a>' in guide_html


def test_frontmatter_text_is_escaped_everywhere(test_site: Path) -> None:
    html = page(test_site, "exercises/tricky/")
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; * &amp; _under_ `tick` - " in html
    assert (
        '<meta name="description" content="Shows &lt;script&gt;alert(1)&lt;/script&gt; &amp; *stars* literally, &quot;quoted&quot;.">'
        in html
    )
    assert re.search(r"<h1[^>]*>&lt;b&gt;Bold&lt;/b&gt; \* &amp; _under_ `tick`<a", html)
    assert "Also called <strong>A&amp;B &lt;i&gt;italic&lt;/i&gt;</strong>" in html
    assert "<li>Keep &lt;em&gt;this&lt;/em&gt; &amp; that</li>" in html
    for path in test_site.rglob("*.html"):
        body = path.read_text(encoding="utf-8")
        assert "<b>Bold</b>" not in body and "<script>alert(1)" not in body and "<i>italic</i>" not in body, path
        assert "<em>under</em>" not in body and "<code>tick</code>" not in body, path
    index = json.loads((test_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert all("<b>" not in doc["title"] for doc in index["docs"])


def test_page_titles_and_descriptions(shipped_site: Path) -> None:
    html = page(shipped_site, "exercises/jackknife/")
    front = _front(shipped_site.parent / "content" / "exercises" / "jackknife.md")
    assert (
        f"<title>{front['name']} - Runner&#39;s Stability Guide</title>" in html
        or f"<title>{front['name']} - Runner's Stability Guide</title>" in html
    )
    assert f'<meta name="description" content="{front["summary"]}">' in html


def test_palettes_light_and_dark_with_a_toggle(shipped_site: Path) -> None:
    html = page(shipped_site, "")
    assert 'data-md-color-scheme="default"' in html and 'data-md-color-scheme="slate"' in html
    assert 'title="Switch to dark mode"' in html and 'title="Switch to light mode"' in html


def test_exercises_json(test_site: Path) -> None:
    data = json.loads((test_site / "exercises.json").read_text(encoding="utf-8"))
    assert data["version"] == 2
    exercises = {ex["id"]: ex for ex in data["exercises"]}
    assert set(exercises) == set(test_guide.EXERCISES)
    alpha = exercises["alpha"]
    assert alpha == {
        "id": "alpha",
        "url": "exercises/alpha/",
        "name": "Alpha",
        "aliases": [],
        "summary": "Alpha done slowly and well.",
        "level": "beginner",
        "equipment": ["mat"],
        "muscles": {"primary": ["core"], "secondary": []},
        "goals": ["balance"],
        "dosage": {
            "sets": 2,
            "reps": {"min": 8, "max": 8},
            "hold_seconds": 3,
            "time_seconds": None,
            "per_side": True,
            "rest_seconds": 30,
            "text": "2 × 8 per side, hold 3 s, rest 30 s",
        },
        "cues": ["Breathe out", "Stay tall"],
        "easier": [],  # both ways: what this file says, and what others say of it
        "harder": ["beta", "delta"],
        "figure": None,
        "images": [],
        "source": "content/exercises/alpha.md",
        "steps": ["Get ready for Alpha.", "Do Alpha\nwith care."],
        "routines": ["short"],
    }
    assert list(alpha) == [
        "id",
        "url",
        "name",
        "aliases",
        "summary",
        "level",
        "equipment",
        "muscles",
        "goals",
        "dosage",
        "cues",
        "easier",
        "harder",
        "figure",
        "images",
        "source",
        "steps",
        "routines",
    ]
    assert exercises["delta"]["images"] == [{"src": "media/delta.svg", "alt": "A person holding a ball"}]  # from the site's root
    assert exercises["gamma"]["dosage"]["reps"] == {"min": 6, "max": 10}
    assert exercises["beta"]["easier"] == ["alpha"]
    assert exercises["tricky"]["name"] == test_guide.TRICKY_NAME  # data stays raw text; it is JSON, not HTML
    routines = {r["id"]: r for r in data["routines"]}
    assert routines["short"]["estimated_seconds"] == 1024
    assert routines["short"]["equipment"] == ["mat", "band", "ball"]  # derived from its exercises
    assert routines["short"]["goals"] == ["balance"] and routines["short"]["rest_between_rounds_seconds"] == 60
    assert "exercises" not in routines["short"]  # its items, resolved, stand for them
    assert [item["dosage"]["text"] for item in routines["short"]["items"]] == [
        "2 × 8 per side, hold 3 s, rest 30 s",
        "2 × 45 s, rest 1 min",
        "1 × hold 20 s",
    ]
    assert len(routines["twelve"]["items"]) == 12
    assert [t["id"] for t in data["taxonomy"]["equipment"]] == ["mat", "band", "ball"]


def test_nothing_holds_up_the_first_frame(shipped_site: Path) -> None:
    """No page waits for a script before it is drawn, and none for the print style sheet on screen (Lighthouse
    counted each as render-blocking: BENCHMARKS.md). Material's bundle is deferred with the guide's own, and
    card.js, which the card builder's scripts use, comes before them."""
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        if path.name == "404.html" and not scripts:
            continue
        assert scripts, path
        blocking = [tag for tag in scripts if not re.search(r"\s(defer|async)[\s>=]", tag)]
        assert blocking == [], f"{path.relative_to(shipped_site)}: {blocking}"
        sources = [re.search(r'src="([^"]+)"', tag).group(1).rsplit("/", 1)[-1] for tag in scripts]
        assert sources[0] == "card.js" and sources[-1] == "guide.js", sources
        assert any(re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", name) for name in sources), sources
        assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', html), path
    # print.css may wait for print only while it holds nothing else: each of its rules is @page or @media print
    css = re.sub(
        r"/\*.*?\*/", "", (REPO / "theme" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8"), flags=re.S
    )
    depth, preludes, prelude = 0, [], ""
    for char in css:
        if char == "{" and depth == 0:
            preludes.append(prelude.strip())
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            prelude = ""
        elif depth == 0:
            prelude += char
    assert preludes and all(p in ("@page", "@media print") for p in preludes), preludes
    card_builder = (shipped_site / "routines" / "custom" / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'src="[^"]*/(card|builder)\.js"', card_builder)
    assert order == ["card", "builder"]


def test_search_settings(shipped_site: Path) -> None:
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert by_location["exercises/jackknife/"]["boost"] == 2
    assert "V-up" in by_location["exercises/jackknife/"]["tags"]
    # List pages are left out of the index; term pages keep their title but not their lists.
    assert "exercises/" not in by_location and "routines/" not in by_location and "muscles/" not in by_location
    assert "Superman" not in by_location["muscles/glutes/"]["text"]


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (
            {"exercises/alpha.md": lambda text: text.replace("level: beginner", "level: expert")},
            "content/exercises/alpha.md:4: 'level' must be one of beginner, intermediate or advanced, not 'expert'",
        ),
        (
            {"guides/article.md": lambda text: text.replace("../exercises/beta.md", "../exercises/betta.md")},
            "content/guides/article.md:3: the link '../exercises/betta.md' points to a page that does not exist — did you mean 'exercises/beta.md'?",
        ),
        # A dead anchor is MkDocs' own finding (strict validation), made after the build has begun.
        ({"guides/article.md": lambda text: text.replace("../exercises/beta.md", "../exercises/beta.md#nowhere")}, "nowhere"),
    ],
    ids=["content-error", "dead-link", "dead-anchor"],
)
def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path: Path, breakage: dict, expected: str) -> None:
    content = test_guide.write(tmp_path)
    site = built(content, tmp_path / "site")
    before = _digest(site)
    for rel, change in breakage.items():
        path = content / rel
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(content, site)
    assert result.returncode == 1
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert _digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []  # no staging left behind


def test_content_errors_print_the_validate_lines(tmp_path: Path) -> None:
    content = test_guide.write(tmp_path)
    (content / "exercises" / "gamma.md").write_text(
        test_guide.EXERCISES["gamma"].replace("[hamstrings]", "[hamstrinx]").replace("level: advanced", "level: pro"),
        encoding="utf-8",
    )
    result = build(content, tmp_path / "site")
    assert result.returncode == 1
    # Paths as an editor in that folder types them, exactly as `validate` prints them.
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/exercises/gamma.md:4: 'level' must be one of beginner, intermediate or advanced, not 'pro'",
        "content/exercises/gamma.md:7: unknown muscle 'hamstrinx' — did you mean 'hamstrings'? (the muscles are listed in taxonomy.yml)",
    ]
    assert not (tmp_path / "site").exists()


def test_emit_builds_the_same_pages_with_plain_mkdocs(tmp_path: Path, test_site: Path) -> None:
    content = test_guide.write(tmp_path)
    config = tmp_path / "mkdocs.yml"
    shutil.copy(test_site.parent / "mkdocs.yml", config)
    import subprocess
    import sys

    out = tmp_path / "emitted"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "emit", str(out), "--content", str(content), "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    emitted = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "exercise-guide" not in emitted["plugins"]
    built_plain = mkdocs("build", "-f", out / "mkdocs.yml", "-d", out / "site", cwd=out)
    assert built_plain.returncode == 0, built_plain.stderr
    ours = sorted(str(p.relative_to(test_site)) for p in test_site.rglob("*.html"))
    plain = sorted(str(p.relative_to(out / "site")) for p in (out / "site").rglob("*.html"))
    assert ours == plain
    for url in (
        "",
        "exercises/",
        "exercises/alpha/",
        "exercises/tricky/",
        "routines/short/",
        "muscles/hamstrings/",
        "guides/article/",
    ):
        assert article(out / "site", url) == article(test_site, url), url
        # The navigation too: the nav's titles ("Home") come before a page's own, as in MkDocs.
        assert _nav_titles(page(out / "site", url)) == _nav_titles(page(test_site, url)), url
    assert "Home" in _nav_titles(page(test_site, "exercises/alpha/"))
    assert (out / "site" / "exercises.json").read_bytes() == (test_site / "exercises.json").read_bytes()


def _nav_titles(html: str) -> list[str]:
    """The text of every link of the primary navigation, in order."""
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    return [text(link) for link in re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', nav, re.S)]


def test_site_works_under_a_base_path(tmp_path: Path) -> None:
    content = test_guide.write(tmp_path)
    site = built(content, tmp_path / "site", site_url="https://example.org/some/base/")
    html = page(site, "exercises/alpha/")
    assert '<link rel="canonical" href="https://example.org/some/base/exercises/alpha/">' in html
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue  # MkDocs gives the error page, served at any depth, links from the base path
        body = path.read_text(encoding="utf-8")
        # Relative links only: nothing points at the server's root, whatever the base path.
        assert not re.search(r'(?:href|src)="/(?!/)', body), path


@pytest.mark.parametrize("incremental", [False, True])
def test_exercises_json_is_written_as_json_dumps_writes_the_data(tmp_path: Path, incremental: bool) -> None:
    """export.text writes each record's part on its own (so that `mkdocs serve` dumps only an edited
    record again); the file must stay what json.dumps makes of the whole document, byte for byte, also
    for a kind with no records and after an edit under serve."""
    from generator.content.load import load
    from generator.site import export
    from generator.site.context import Settings, Site

    content = test_guide.write(tmp_path)
    site = Site(Settings(site_url="https://example.org/guide/"), incremental=incremental)
    for step in range(2):
        catalog = load(content).catalog
        assert catalog is not None
        site.new_build(catalog)
        assert export.text(catalog, site) == json.dumps(export.data(catalog, site), ensure_ascii=False, indent=1) + "\n"
        alpha = content / "exercises" / "alpha.md"
        edited = re.sub(r"Alpha(, edit \d,)? done slowly", f"Alpha, edit {step}, done slowly", alpha.read_text(encoding="utf-8"))
        alpha.write_text(edited, encoding="utf-8")
    for routine in (content / "routines").glob("*.md"):
        routine.unlink()
    for linking in (content / "index.md", content / "guides" / "article.md"):  # links to routines
        linking.write_text(re.sub(r"\]\([^)]*routines/[^)]*\)", "]", linking.read_text(encoding="utf-8")), encoding="utf-8")
    catalog = load(content).catalog
    assert catalog is not None and not catalog.records["routine"]
    site.new_build(catalog)
    written = export.text(catalog, site)
    assert written == json.dumps(export.data(catalog, site), ensure_ascii=False, indent=1) + "\n"
    assert '"routines": []' in written and "Alpha, edit 1, done slowly" in written
