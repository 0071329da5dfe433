"""`python -m generator validate` on bad content, as an editor runs it: exit status 1, the exact
`path:line: message`, and never a traceback. Plus the command's other promises (summary, exit 2, paths)."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import generator.commands.cli
import generator.content.kinds
import generator.content.load

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


def text(rel: str) -> str:
    return (MINIMAL / rel).read_text(encoding="utf-8")


def changed(rel: str, old: str, new: str) -> dict[str, str]:
    """The minimal tree's file `rel` with `old` replaced once by `new`."""
    original = text(rel)
    assert original.count(old) == 1, f"{old!r} is not once in {rel}"
    return {rel: original.replace(old, new)}


PLANK, ROUTINE, GUIDE, TAXONOMY = "exercises/plank.md", "routines/core.md", "guides/running.md", "taxonomy.yml"


def in_guide(html: str) -> dict[str, str]:
    """The guide with `html` on its line 5."""
    return {GUIDE: text(GUIDE) + "\n" + html + "\n"}


ALIAS_BOMB = (
    "---\n"
    "name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{key}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
        for key, name, prev in [
            ("summary", "b", "a"),
            ("level", "c", "b"),
            ("equipment", "d", "c"),
            ("goals", "e", "d"),
            ("cues", "f", "e"),
            ("aliases", "g", "f"),
            ("easier", "h", "g"),
            ("harder", "i", "h"),
        ]
    )
    + "---\n\n## Steps\n\n1. One.\n2. Two.\n"
)

ELEMENT = "<{}> is not allowed in content: raw HTML may only lay out text (CONTRIBUTING.md lists what is allowed)"
DURATION = 'must be seconds (45) or text like "45s", "2m", "1m30s", not'

CASES = {
    # the form of the file
    "invalid YAML: unclosed quote": (
        changed(PLANK, "summary: Hold", 'summary: "Hold'),
        "content/exercises/plank.md:4: invalid YAML: found unexpected end of stream while scanning a quoted scalar",
    ),
    "invalid YAML: key without colon": (
        changed(PLANK, "level: beginner", "level beginner"),
        "content/exercises/plank.md:5: invalid YAML: could not find expected ':' while scanning a simple key",
    ),
    "invalid YAML: a colon in a plain value": (
        changed(PLANK, "summary: Hold a straight line", "summary: Hold: a straight line"),
        "content/exercises/plank.md:4: invalid YAML: mapping values are not allowed in this context",
    ),
    "tab in the indentation": (
        changed(PLANK, "  primary: [core]", "\tprimary: [core]"),
        "content/exercises/plank.md:8: a tab character in the indentation: YAML indents with spaces only",
    ),
    "tab in the taxonomy": (
        changed(TAXONOMY, "  glutes: Glutes", "\tglutes: Glutes"),
        "content/taxonomy.yml:3: a tab character in the indentation: YAML indents with spaces only",
    ),
    "unclosed frontmatter": (
        changed(PLANK, "    alt: A forearm plank on a mat\n---\n", "    alt: A forearm plank on a mat\n"),
        "content/exercises/plank.md:1: the frontmatter opened on this line is never closed: add a '---' line after the last field",
    ),
    "no frontmatter": (
        {PLANK: "# Plank\n\n## Steps\n\n1. One.\n2. Two.\n"},
        "content/exercises/plank.md:1: the file must start with a '---' line that opens the frontmatter",
    ),
    "frontmatter is a list": (
        {PLANK: "---\n- name: Plank\n- level: beginner\n---\n\n## Steps\n\n1. One.\n2. Two.\n"},
        "content/exercises/plank.md:2: the frontmatter must be a mapping of fields ('name: value' lines), not a list",
    ),
    "empty frontmatter": (
        {ROUTINE: "---\n---\n\nText.\n"},
        "content/routines/core.md:1: the frontmatter is empty",
    ),
    "taxonomy is a list": (
        {TAXONOMY: "- muscles\n- equipment\n"},
        "content/taxonomy.yml:1: the taxonomy must be a mapping of fields ('name: value' lines), not a list",
    ),
    "non-UTF-8 bytes": (
        {PLANK: text(PLANK).encode().replace(b"forearms and toes.\nlevel", b"for\xe9arms and toes.\nlevel")},
        "content/exercises/plank.md:4: the file is not valid UTF-8 (byte 0xe9 at column 41); save it as UTF-8",
    ),
    "duplicate key": (
        changed(PLANK, "level: beginner\n", "level: beginner\nlevel: advanced\n"),
        "content/exercises/plank.md:6: 'level' is given twice (first on line 5); keep one",
    ),
    "duplicate id in the taxonomy": (
        changed(TAXONOMY, "  hamstrings: Hamstrings\n", "  hamstrings: Hamstrings\n  glutes: Gluteus\n"),
        "content/taxonomy.yml:5: 'glutes' is given twice (first on line 3); keep one",
    ),
    "unknown field": (
        changed(PLANK, "goals: [stabilization]", "gaols: [stabilization]"),
        "content/exercises/plank.md:10: unknown field 'gaols' — did you mean 'goals'?",
    ),
    "unknown field in a routine item": (
        changed(ROUTINE, "    reps: 10", "    rep: 10"),
        "content/routines/core.md:11: unknown field 'rep' — did you mean 'reps'?",
    ),
    # types
    "wrong type: number for text": (
        changed(PLANK, "name: Plank", "name: 300"),
        "content/exercises/plank.md:2: 'name' must be text, not the number 300 (put it in quotes)",
    ),
    "wrong type: text for a number": (
        changed(PLANK, "  sets: 3", "  sets: three"),
        "content/exercises/plank.md:12: 'dosage.sets' must be a whole number, not 'three'",
    ),
    "wrong type: text for a list": (
        changed(PLANK, "equipment: [mat]", "equipment: mat"),
        "content/exercises/plank.md:6: 'equipment' must be a list, not 'mat'",
    ),
    "wrong type: list for a mapping": (
        changed(PLANK, "muscles:\n  primary: [core]\n  secondary: [glutes]\n", "muscles: [core, glutes]\n"),
        "content/exercises/plank.md:7: 'muscles' must be a mapping of fields, not a list",
    ),
    "wrong value: level": (
        changed(PLANK, "level: beginner", "level: beginer"),
        "content/exercises/plank.md:5: 'level' must be one of beginner, intermediate or advanced, not 'beginer' — did you mean 'beginner'?",
    ),
    # ids
    "unknown muscle": (
        changed(PLANK, "secondary: [glutes]", "secondary: [glute]"),
        "content/exercises/plank.md:9: unknown muscle 'glute' — did you mean 'glutes'? (the muscles are listed in taxonomy.yml)",
    ),
    "unknown equipment": (
        changed(PLANK, "equipment: [mat]", "equipment: [matt]"),
        "content/exercises/plank.md:6: unknown equipment 'matt' — did you mean 'mat'? (the equipment are listed in taxonomy.yml)",
    ),
    "unknown goal": (
        changed(PLANK, "goals: [stabilization]", "goals: [stability]"),
        "content/exercises/plank.md:10: unknown goal 'stability' — did you mean 'stabilization'? (the goals are listed in taxonomy.yml)",
    ),
    "unknown exercise": (
        changed(PLANK, "harder: [side-plank]", "harder: [side-plnk]"),
        "content/exercises/plank.md:17: unknown exercise 'side-plnk' — did you mean 'side-plank'? (no file exercises/side-plnk.md)",
    ),
    "file name is no slug": (
        {"exercises/Side_Plank.md": text("exercises/side-plank.md")},
        "content/exercises/Side_Plank.md:1: the file name 'Side_Plank.md' is not a slug: use lower-case letters, digits and single hyphens, like 'side-plank.md'",
    ),
    # numbers and durations
    "bad duration": (
        changed(PLANK, "  time: 30s", "  time: 30 sec"),
        f"content/exercises/plank.md:13: 'dosage.time' {DURATION} '30 sec'",
    ),
    "zero duration": (
        changed(PLANK, "  time: 30s", "  time: 0"),
        "content/exercises/plank.md:13: 'dosage.time' must be more than zero, not 0",
    ),
    "zero duration as text": (
        changed(ROUTINE, "rest_between_rounds: 60s", "rest_between_rounds: 0s"),
        "content/routines/core.md:7: 'rest_between_rounds' must be more than zero, not '0s'",
    ),
    "reps together with time": (
        changed(PLANK, "  time: 30s\n", "  time: 30s\n  reps: 10\n"),
        "content/exercises/plank.md:13: give either 'reps' or 'time', not both",
    ),
    "reps together with time in a routine item": (
        changed(ROUTINE, "    time: 20s", "    time: 20s\n    reps: 5"),
        "content/routines/core.md:14: give either 'reps' or 'time', not both",
    ),
    "zero sets": (
        changed(PLANK, "  sets: 3", "  sets: 0"),
        "content/exercises/plank.md:12: 'dosage.sets' must be 1 or more, not 0",
    ),
    "negative rest": (
        changed(PLANK, "  rest: 30s", "  rest: -30"),
        "content/exercises/plank.md:14: 'dosage.rest' must be more than zero, not -30",
    ),
    "zero reps": (
        changed(ROUTINE, "    reps: 10", "    reps: 0"),
        "content/routines/core.md:11: 'reps' must be more than zero, not 0",
    ),
    "zero rounds": (
        changed(ROUTINE, "rounds: 2", "rounds: 0"),
        "content/routines/core.md:6: 'rounds' must be 1 or more, not 0",
    ),
    # lengths
    "summary too long": (
        changed(PLANK, "summary: Hold a straight line on the forearms and toes.", "summary: " + "s" * 201),
        "content/exercises/plank.md:4: 'summary' is 201 characters long; at most 200 are allowed",
    ),
    "cue too long": (
        changed(PLANK, "  - Elbows under the shoulders", "  - " + "c" * 81),
        "content/exercises/plank.md:16: 'cues' item 1 is 81 characters long; at most 80 are allowed",
    ),
    # images
    "image missing": (
        changed(PLANK, "src: plank.svg", "src: plank-side.svg"),
        "content/exercises/plank.md:19: image 'content/media/plank-side.svg' does not exist — did you mean 'plank.svg'?",
    ),
    "image without alt": (
        changed(PLANK, "    alt: A forearm plank on a mat\n", ""),
        "content/exercises/plank.md:19: missing required field 'alt' in 'images' item 1",
    ),
    "image with empty alt": (
        changed(PLANK, "    alt: A forearm plank on a mat", '    alt: ""'),
        "content/exercises/plank.md:20: 'alt' must not be empty",
    ),
    # relations
    "easier than itself": (
        changed(PLANK, "harder: [side-plank]\n", "harder: [side-plank]\neasier: [plank]\n"),
        "content/exercises/plank.md:18: an exercise cannot be easier or harder than itself ('plank')",
    ),
    "muscle both primary and secondary": (
        changed(PLANK, "secondary: [glutes]", "secondary: [glutes, core]"),
        "content/exercises/plank.md:9: 'core' is both a primary and a secondary muscle; keep it in one list",
    ),
    "routine with no exercises": (
        {ROUTINE: text(ROUTINE).split("exercises:")[0] + "exercises: []\n---\n\nText.\n"},
        "content/routines/core.md:8: 'exercises' must list at least 1",
    ),
    "routine without the exercises field": (
        {ROUTINE: text(ROUTINE).split("exercises:")[0] + "---\n\nText.\n"},
        "content/routines/core.md:2: missing required field 'exercises'",
    ),
    "routine naming an unknown exercise": (
        changed(ROUTINE, "exercise: bridge", "exercise: brigde"),
        "content/routines/core.md:10: unknown exercise 'brigde' — did you mean 'bridge'? (no file exercises/brigde.md)",
    ),
    "routine item with no reps, time or hold": (
        changed(PLANK, "  time: 30s\n", ""),
        "content/routines/core.md:9: 'plank' has no reps, time or hold, here or in its own dosage: give one of them",
    ),
    "YAML alias bomb": (
        {PLANK: ALIAS_BOMB},
        "content/exercises/plank.md:3: YAML aliases (*a) are not supported: write the value out",
    ),
    # body
    "no Steps section": (
        {PLANK: text(PLANK).replace("## Steps", "## How")},
        "content/exercises/plank.md:22: the body needs a '## Steps' section: a numbered list of at least two steps",
    ),
    "no body at all": (
        {PLANK: text(PLANK).split("\n---\n")[0] + "\n---"},
        "content/exercises/plank.md:21: the body needs a '## Steps' section: a numbered list of at least two steps",
    ),
    "broken link": (
        {GUIDE: text(GUIDE).replace("../routines/core.md", "../routines/cor.md")},
        "content/guides/running.md:3: the link '../routines/cor.md' points to a page that does not exist — did you mean 'routines/core.md'?",
    ),
    "html: script": (in_guide("<script>alert(1)</script>"), f"content/guides/running.md:5: {ELEMENT.format('script')}"),
    "html: iframe": (
        in_guide('<iframe src="https://example.org/"></iframe>'),
        f"content/guides/running.md:5: {ELEMENT.format('iframe')}",
    ),
    "html: object": (in_guide('<object data="movie.swf"></object>'), f"content/guides/running.md:5: {ELEMENT.format('object')}"),
    "html: embed": (in_guide('<embed src="movie.swf">'), f"content/guides/running.md:5: {ELEMENT.format('embed')}"),
    "html: onclick": (
        in_guide('<div onclick="steal()">Hi</div>'),
        "content/guides/running.md:5: the event-handler attribute 'onclick' is not allowed",
    ),
    "html: javascript in a markdown link": (
        in_guide("[Click](javascript:alert(1))"),
        "content/guides/running.md:5: the link 'javascript:alert(1)' is not allowed: links may be http, https, mailto or relative",
    ),
    "html: javascript in an attribute": (
        in_guide('<a href="javascript:alert(1)">Click</a>'),
        "content/guides/running.md:5: the link 'javascript:alert(1)' is not allowed: links may be http, https, mailto or relative",
    ),
    "html: in an exercise body": (
        changed(PLANK, "- Sagging hips.", '- Sagging <b onmouseover="x()">hips</b>.'),
        "content/exercises/plank.md:32: the event-handler attribute 'onmouseover' is not allowed",
    ),
    # taxonomy
    "taxonomy entry without a name": (
        changed(TAXONOMY, "  glutes: Glutes", "  glutes:"),
        "content/taxonomy.yml:3: this entry has no name: write 'id: Name' or give a mapping with 'name'",
    ),
    "taxonomy mapping without a name": (
        changed(TAXONOMY, "{name: Core, description: The trunk muscles}", "{description: The trunk muscles}"),
        "content/taxonomy.yml:2: missing required field 'name' in 'muscles.core'",
    ),
    "taxonomy missing": (
        {TAXONOMY: None},
        "content/taxonomy.yml:1: taxonomy.yml is missing: it lists the muscles, equipment and goals",
    ),
    # characters
    "a control character in the YAML": (
        changed(PLANK, "aliases: [Front plank]", "aliases: [Front\x00plank]"),
        "content/exercises/plank.md:3: the character U+0000 is not allowed in YAML; remove it",
    ),
    "an invisible line break in the YAML": (
        changed(PLANK, "aliases: [Front plank]", "aliases: [Front\u2028plank]"),
        "content/exercises/plank.md:3: the invisible line break U+2028 is not allowed in YAML; remove it",
    ),
    "a line break quoted back stays on one line": (
        changed(PLANK, "level: beginner", 'level: "begin\\r\\nner"'),
        "content/exercises/plank.md:5: 'level' must be one of beginner, intermediate or advanced, not 'begin\\r\\nner' — did you mean 'beginner'?",
    ),
}


@pytest.mark.parametrize(("files", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_input(make_content, validate, files, expected):
    make_content(files)
    code, out, err = validate(timeout=10)  # the alias bomb included: a hang fails here
    assert code == 1, out + err
    assert expected in out.splitlines()
    assert "Traceback" not in out + err
    assert all(re.match(r"^content/\S+:\d+: .+$", line) for line in out.splitlines())
    assert re.fullmatch(r"\d+ exercises?, \d+ routines?, \d+ guides?: \d+ problems?\n", err)


def test_file_name_that_is_not_utf8(make_content, validate):
    content = make_content()
    with open(os.fsencode(content / "exercises") + b"/caf\xe9.md", "wb") as file:
        file.write(text("exercises/bridge.md").encode())
    code, out, err = validate()  # standard output is strict UTF-8 here (PYTHONIOENCODING)
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines() == [
        "content/exercises/caf\\udce9.md:1: the file name 'caf\\udce9.md' is not a slug: use lower-case letters, digits and single hyphens, like 'caf.md'"
    ]


def test_file_name_with_a_line_break(make_content, validate):
    make_content({"exercises/two\nlines.md": text("exercises/bridge.md")})
    code, out, _ = validate()
    assert code == 1
    assert out.splitlines() == [
        "content/exercises/two\\nlines.md:1: the file name 'two\\nlines.md' is not a slug: use lower-case letters, digits and single hyphens, like 'two-lines.md'"
    ]


def test_a_link_to_nothing_is_a_problem_with_its_path(make_content, validate):
    content = make_content()
    (content / "exercises" / "ghost.md").symlink_to("nowhere.md")
    code, out, err = validate()
    assert (code, out) == (
        1,
        "content/exercises/ghost.md:1: this link points to 'nowhere.md', which does not exist; put the file itself here\n",
    )
    assert "internal error" not in err


def test_the_matrix_is_big_enough():
    assert len(CASES) >= 30


# ---- the command's other promises ----------------------------------------------------------------------------


def test_valid_content_passes_with_a_summary(make_content, validate):
    make_content()
    assert validate() == (0, "3 exercises, 1 routine, 1 guide: no problems\n", "")


def test_bom_and_crlf_are_accepted(make_content, validate):
    def windows(rel: str) -> bytes:
        return b"\xef\xbb\xbf" + text(rel).replace("\n", "\r\n").encode()

    make_content({rel: windows(rel) for rel in (PLANK, ROUTINE, GUIDE, TAXONOMY, "index.md")})
    assert validate() == (0, "3 exercises, 1 routine, 1 guide: no problems\n", "")


def test_lines_stay_right_with_bom_and_crlf(make_content, validate):
    broken = text(PLANK).replace("level: beginner", "level: easy")
    make_content({PLANK: b"\xef\xbb\xbf" + broken.replace("\n", "\r\n").encode()})
    code, out, _ = validate()
    assert (code, out) == (
        1,
        "content/exercises/plank.md:5: 'level' must be one of beginner, intermediate or advanced, not 'easy'\n",
    )


def test_every_problem_is_reported_at_once_sorted_by_path_then_line(make_content, validate):
    plank = (
        text(PLANK)
        .replace("name: Plank", "name: 1")
        .replace("  time: 30s", "  time: 0")
        .replace("harder: [side-plank]", "harder: [plank]")
    )
    make_content(
        {
            PLANK: plank,
            ROUTINE: text(ROUTINE).replace("rounds: 2", "rounds: -1"),
            "exercises/Bad_Name.md": text("exercises/bridge.md"),
        }
    )
    code, out, err = validate()
    assert code == 1
    assert out.splitlines() == [
        "content/exercises/Bad_Name.md:1: the file name 'Bad_Name.md' is not a slug: use lower-case letters, digits and single hyphens, like 'bad-name.md'",
        "content/exercises/plank.md:2: 'name' must be text, not the number 1 (put it in quotes)",
        "content/exercises/plank.md:13: 'dosage.time' must be more than zero, not 0",
        "content/exercises/plank.md:17: an exercise cannot be easier or harder than itself ('plank')",
        "content/routines/core.md:6: 'rounds' must be 1 or more, not -1",
    ]
    assert err == "4 exercises, 1 routine, 1 guide: 5 problems\n"


def test_paths_are_printed_as_given(make_content, validate):
    make_content(changed(PLANK, "level: beginner", "level: easy"), name="some/dir")
    code, out, _ = validate("some/dir")
    assert (code, out) == (
        1,
        "some/dir/exercises/plank.md:5: 'level' must be one of beginner, intermediate or advanced, not 'easy'\n",
    )
    code, out, _ = validate("./some/dir/")
    assert (code, out) == (
        1,
        "./some/dir/exercises/plank.md:5: 'level' must be one of beginner, intermediate or advanced, not 'easy'\n",
    )


def test_default_content_folder(make_content, tmp_path):
    make_content()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, "3 exercises, 1 routine, 1 guide: no problems\n")


def test_missing_content_folder(validate):
    code, out, err = validate("nowhere")
    assert (code, out) == (1, "nowhere:1: no content folder here (give another with --content)\n")
    assert "Traceback" not in err


def test_internal_error_names_the_file_and_exits_2(make_content, tmp_path, monkeypatch, capsys):
    make_content()
    monkeypatch.chdir(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.content.load, "_parse", broken)
    assert generator.commands.cli.main(["validate", "--content", "content"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    # files are read in order: exercises first, by name
    assert err == (
        "content/exercises/bridge.md: internal error while reading this file: RuntimeError: boom\n"
        "This is a bug in the generator, not in your content; please report it.\n"
    )


def test_internal_error_in_the_taxonomy_names_it(make_content, tmp_path, monkeypatch, capsys):
    make_content()
    monkeypatch.chdir(tmp_path)

    def broken(*args, **kwargs):
        raise ValueError("bad")

    monkeypatch.setattr(generator.content.load, "load_yaml", broken)
    assert generator.commands.cli.main(["validate", "--content", "content"]) == 2
    assert capsys.readouterr().err.startswith("content/taxonomy.yml: internal error while reading this file: ValueError: bad\n")


def test_any_other_bug_exits_2_and_says_so(make_content, tmp_path, monkeypatch, capsys):
    make_content()
    monkeypatch.chdir(tmp_path)

    def broken(*args, **kwargs):
        raise KeyError("oops")

    entries = generator.content.kinds._REGISTRY.entries
    monkeypatch.setitem(entries, "routine", dataclasses.replace(entries["routine"], resolve=broken))
    assert generator.commands.cli.main(["validate", "--content", "content"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "internal error in the generator (please report it; GENERATOR_DEBUG=1 shows where): KeyError: 'oops'\n"
    monkeypatch.setenv("GENERATOR_DEBUG", "1")
    assert generator.commands.cli.main(["validate", "--content", "content"]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err
