"""Random mutations of a valid content tree never crash or hang `validate`: every run either passes
or reports its problems as `path:line: message`, one a line."""

from __future__ import annotations

import contextlib
import io
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.commands.cli

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
FILES = sorted(str(path.relative_to(MINIMAL)) for path in MINIMAL.rglob("*") if path.is_file())
RECORDS = ["exercises/bridge.md", "exercises/plank.md", "exercises/side-plank.md", "routines/core.md"]

PROBLEM = re.compile(r"^content/\S+:\d+: .+$")
PASSED = re.compile(r"\d+ exercises?, \d+ routines?, \d+ guides?: no problems\n")
FAILED = re.compile(r"\d+ exercises?, \d+ routines?, \d+ guides?: (\d+) problems?\n")
HANG_SECONDS = 20  # one run takes a few milliseconds; only a hang comes near this

PROPERTY = settings(
    max_examples=120,
    deadline=None,  # a hang is caught by the alarm below, not by timing each run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so the CLI's own error handling cannot swallow it."""


@contextlib.contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"validate ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Run(NamedTuple):
    code: int
    out: str
    err: str
    lines: dict[str, int]  # how many lines each file of the tree has, by its printed path


def validate(write: Callable[..., Path], files: dict[str, bytes | None]) -> Run:
    """validate --content content, in-process, on the minimal tree with `files` changed."""
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder) / "content", files)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), hang_guard(HANG_SECONDS):
            code = generator.commands.cli.main(["validate", "--content", "content"])
        lines = {
            f"content/{path.relative_to(Path(folder) / 'content').as_posix()}": len(LINE_BREAK.split(path.read_bytes()))
            for path in (Path(folder) / "content").rglob("*")
            if path.is_file()
        }
    return Run(code, out.getvalue(), err.getvalue(), lines)


LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def assert_validates_or_reports(result: Run) -> None:
    code, out, err, file_lines = result
    assert "Traceback" not in out + err, err
    assert code in (0, 1), err
    if code == 0:
        assert PASSED.fullmatch(out) and err == "", (out, err)
        return
    lines = out.splitlines()
    assert lines, err
    assert [line for line in lines if not PROBLEM.match(line)] == []
    counted = FAILED.fullmatch(err)
    assert counted and int(counted[1]) == len(lines), (out, err)  # one problem, one line
    assert lines == sorted(lines, key=_path_and_line)
    for path, line in map(_path_and_line, lines):  # a line that exists in its file (1 for a file that is missing)
        assert 1 <= line <= file_lines.get(path, 1), (path, line, out)


def _path_and_line(line: str) -> tuple[str, int]:
    path, number, _ = line.split(":", 2)
    return path, int(number)


def raw(rel: str) -> bytes:
    return (MINIMAL / rel).read_bytes()


# ---- whole files: random bytes and truncation ---------------------------------------------------------------


@PROPERTY
@given(rel=st.sampled_from(FILES), data=st.binary(max_size=600))
def test_random_bytes_in_place_of_a_file(content_writer, rel, data):
    assert_validates_or_reports(validate(content_writer, {rel: data}))


@PROPERTY
@given(rel=st.sampled_from(FILES), cut=st.floats(0, 1, exclude_max=True))
def test_truncated_file(content_writer, rel, cut):
    data = raw(rel)
    assert_validates_or_reports(validate(content_writer, {rel: data[: int(len(data) * cut)]}))


# ---- edits in place: characters that mean something to YAML, Markdown or HTML ----------------------------------

SIGNIFICANT = st.sampled_from(
    [
        "\t",
        "\n",
        "\r",
        "\r\n",
        " ",
        ":",
        ": ",
        "-",
        "- ",
        "---",
        "...",
        "[",
        "]",
        "{",
        "}",
        ",",
        "#",
        "&a ",
        "*a",
        "!",
        "!!str ",
        "|",
        ">",
        "'",
        '"',
        "%",
        "@",
        "`",
        "\\",
        "?",
        "<",
        "<script>",
        "<div onclick=x>",
        "](javascript:x)",
        "{ onclick=x }",
        "## Steps\n",
        "1. ",
        "\ufeff",
        "\x00",
        "\u2028",
        "é",
        "\udcff",
        "0",
        "-1",
        "1e9",
        "yes",
        "null",
        "~",
    ]
)


@PROPERTY
@given(rel=st.sampled_from(FILES), data=st.data())
def test_edits_at_random_places(content_writer, rel, data):
    text = raw(rel).decode("utf-8")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        start = data.draw(st.integers(0, len(text)), label="start")
        end = data.draw(st.integers(start, min(len(text), start + 12)), label="end")
        text = text[:start] + data.draw(SIGNIFICANT, label="insert") + text[end:]
    assert_validates_or_reports(validate(content_writer, {rel: text.encode("utf-8", "surrogatepass")}))


# ---- random YAML values in each field --------------------------------------------------------------------------

NEAR_MISSES = [
    "beginner",
    "advanced",
    "mat",
    "core",
    "glutes",
    "plank",
    "side-plank",
    "bridge",
    "plank.svg",
    "45s",
    "2m",
    "1m30s",
    "0s",
    "8-12",
    "12-8",
    "0",
    "",
    " ",
    "index",
    "Core",
    "javascript:x",
    "a" * 201,
]
KEYS = st.sampled_from(
    [
        "name",
        "summary",
        "level",
        "equipment",
        "muscles",
        "primary",
        "secondary",
        "goals",
        "dosage",
        "sets",
        "reps",
        "time",
        "hold",
        "rest",
        "per_side",
        "cues",
        "easier",
        "harder",
        "images",
        "src",
        "alt",
        "exercises",
        "exercise",
        "note",
        "rounds",
        "rest_between_rounds",
        "description",
        "<<",
    ]
) | st.text(max_size=8)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(NEAR_MISSES),
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=10
)


def split_front(text: str) -> tuple[Any, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def places(value: Any, here: tuple = ()) -> Iterator[tuple]:
    """Every place in nested data: a mapping key or a list index, as a path."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*here, key)
            yield from places(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield (*here, index)
            yield from places(inner, (*here, index))


def mutate(data: Any, draw: Callable) -> Any:
    path = draw(st.sampled_from(list(places(data))), label="place")
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "replace", "delete", "add"]), label="action")
    if action == "replace":
        parent[path[-1]] = draw(VALUES, label="value")
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(KEYS, label="key")] = draw(VALUES, label="value")
    else:
        parent.insert(path[-1], draw(VALUES, label="value"))
    return data


@PROPERTY
@given(rel=st.sampled_from([*RECORDS, "taxonomy.yml"]), data=st.data())
def test_random_yaml_values_in_fields(content_writer, rel, data):
    text = raw(rel).decode("utf-8")
    if rel == "taxonomy.yml":
        front, body = yaml.safe_load(text), None
    else:
        front, body = split_front(text)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if list(places(front)):
            front = mutate(front, data.draw)
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    new = dumped if body is None else f"---\n{dumped}---\n{body}"
    assert_validates_or_reports(validate(content_writer, {rel: new.encode("utf-8", "surrogatepass")}))


# ---- random Markdown bodies ---------------------------------------------------------------------------------------

BODY_LINES = st.sampled_from(
    [
        "",
        "## Steps",
        "## steps",
        "# Title",
        "### Sub",
        "1. One",
        "2. Two",
        "1) Paren",
        "- bullet",
        "   nested",
        "    code",
        "```",
        "~~~",
        "> quote",
        "| a | b |",
        "|---|---|",
        "<div>",
        "</div>",
        "<script>x</script>",
        "<img src=x onerror=y>",
        "<!--",
        "-->",
        "[link](../exercises/plank.md)",
        "[bad](nowhere.md)",
        "[js](javascript:alert(1))",
        "![i](../media/plank.svg)",
        "{ onclick=x }",
        "[r]: ../routines/core.md",
        "text with * and _ and `code`",
        "<",
        "&#106;avascript:",
        "---",
        "***",
    ]
)


@PROPERTY
@given(rel=st.sampled_from([*RECORDS, "guides/running.md", "index.md"]), lines=st.lists(BODY_LINES, max_size=25))
def test_random_markdown_bodies(content_writer, rel, lines):
    text = raw(rel).decode("utf-8")
    head = text[: text.index("---\n", 4) + 4] if text.startswith("---\n") else ""
    assert_validates_or_reports(validate(content_writer, {rel: (head + "\n".join(lines) + "\n").encode()}))


# ---- a few fixed runs, so a failure of the harness itself shows plainly -------------------------------------------


def test_the_harness_passes_the_minimal_tree(content_writer):
    result = validate(content_writer, {})
    assert result[:3] == (0, "3 exercises, 1 routine, 1 guide: no problems\n", "")
    assert_validates_or_reports(result)


@pytest.mark.parametrize("rel", FILES)
def test_empty_file(content_writer, rel):
    assert_validates_or_reports(validate(content_writer, {rel: b""}))


def test_the_harness_catches_a_hang(content_writer, monkeypatch):
    def forever(*args: Any, **kwargs: Any) -> None:
        while True:
            pass

    monkeypatch.setattr("generator.content.load._parse", forever)
    monkeypatch.setattr(sys.modules[__name__], "HANG_SECONDS", 1)
    with pytest.raises(Hang):
        validate(content_writer, {})
