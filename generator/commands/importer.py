"""`python -m generator import free-exercise-db FILE`: exercise files from an outside collection.

free-exercise-db (github.com/yuhonas/free-exercise-db, public domain) is a JSON list of exercises.
Each becomes content/exercises/<slug>.md, and the muscles, equipment and categories (as goals) it
names become taxonomy terms where the guide lacks them. Nothing that exists is overwritten: an
exercise whose file exists is left alone, and taxonomy.yml only gains entries, appended to its
vocabularies with its comments and order kept. Every new file is checked by the same code as
`validate` before it is written; one that would not pass is skipped, with the reason.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..content import kinds, vocabularies
from ..content.bodies import read_body
from ..content.frontmatter import check_front
from ..content.parse import Unreadable, decode, load_yaml, split, yaml_scalar
from ..content.schema import LIMITS, Known, slugify

VOCABULARIES = vocabularies.ids()
SUMMARY_MAX = LIMITS.summary

SOURCES = ("free-exercise-db",)
# Named on every page as text, not as a link: a link makes each of thousands of pages slower to check
# (a fifth of reading an imported file), for an address that is the same on all of them.
DATASET_ADDRESS = "github.com/yuhonas/free-exercise-db"

LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
BODYWEIGHT = ("body only", None)  # None: the dataset names no equipment, and its records are bodyweight moves
# A dataset term whose own id the guide lacks, but which the guide already has under another id.
EQUIVALENT = {
    "muscles": {"abductors": "hip-abductors", "adductors": "hip-adductors"},
    "equipment": {"bands": "resistance-band"},
    "goals": {},
}
# Display names where capitalising the dataset's word is not enough.
NAMES = {"e-z curl bar": "EZ curl bar", "other": "Other equipment"}

# The end of a sentence: a full stop (or ! ?) and a space before a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}])")
_ORDINAL = re.compile(r"^(\d+)[.)]")
_BLOCK_MARKS = ("#", ">", "+", "-", "!")  # a heading, quote, bullet or admonition at the start of a line


class ImportFailure(Exception):
    """The import cannot start (unreadable file, unreadable taxonomy); nothing was written."""


@dataclass(frozen=True, slots=True)
class Draft:
    """One exercise file to write, and the taxonomy terms it uses: vocabulary -> {id: name}."""

    slug: str
    name: str
    text: str
    terms: dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  # paths of the new exercise files
    existing: list[str] = field(default_factory=list)  # paths left alone because they exist
    skipped: list[Skipped] = field(default_factory=list)  # records that make no valid exercise
    added: dict[str, list[str]] = field(default_factory=dict)  # vocabulary -> ids added to taxonomy.yml
    taxonomy: str = ""  # the path of taxonomy.yml


Progress = Callable[[int, int], None]  # (done, total)


def run(
    source: str, file: str | os.PathLike[str], into: str | os.PathLike[str] = "content", *, progress: Progress | None = None
) -> Report:
    """Import `file` (a `source` collection) into the content folder `into`."""
    if source not in SOURCES:
        raise ImportFailure(f"unknown source '{source}': choose one of {', '.join(SOURCES)}")
    root = Path(into)
    if not root.is_dir():
        raise ImportFailure(f"there is no content folder '{into}' here (give another with --into)")
    records = _read_dataset(Path(file))
    taxonomy_path = root / "taxonomy.yml"
    taxonomy_text = taxonomy_path.read_text(encoding="utf-8") if taxonomy_path.is_file() else None
    have = _taxonomy_ids(taxonomy_text, taxonomy_path)
    folder = root / "exercises"
    present = {path.stem for path in folder.glob("*.md")} if folder.is_dir() else set()

    report = Report(taxonomy=str(taxonomy_path))
    drafts: dict[str, Draft] = {}
    for item in records:
        draft = free_exercise_db(item, have)
        if isinstance(draft, Skipped):
            report.skipped.append(draft)
        elif draft.slug in present:
            report.existing.append(str(folder / f"{draft.slug}.md"))
        elif draft.slug in drafts:
            report.skipped.append(Skipped(draft.name, f"its file name {draft.slug}.md is taken by '{drafts[draft.slug].name}'"))
        else:
            drafts[draft.slug] = draft
    new_terms = _new_terms(drafts.values(), have)
    known = Known(
        terms={name: have[name] | new_terms[name].keys() for name in VOCABULARIES},
        exercises=frozenset(present | drafts.keys()),
    )
    checked = []
    for index, draft in enumerate(sorted(drafts.values(), key=lambda d: d.slug)):
        reason = _problem(draft, known)
        if reason:
            report.skipped.append(Skipped(draft.name, reason))
        else:
            checked.append(draft)
        if progress:
            progress(index + 1, 2 * len(drafts))

    # The taxonomy first: exercises written without their terms would not validate.
    additions = {name: dict(sorted(terms.items())) for name, terms in _new_terms(checked, have).items() if terms}
    if additions:
        _write_text(taxonomy_path, add_terms(taxonomy_text, additions))
    report.added = {name: list(terms) for name, terms in additions.items()}
    folder.mkdir(exist_ok=True)
    for index, draft in enumerate(checked):
        path = folder / f"{draft.slug}.md"
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(draft.text)
            report.written.append(str(path))
        except FileExistsError:  # made since the folder was listed
            report.existing.append(str(path))
        if progress:
            progress(len(drafts) + index + 1, 2 * len(drafts))
    report.skipped.sort(key=lambda s: s.name.casefold())
    return report


def describe(report: Report) -> Iterator[str]:
    """The report as lines for the terminal: what was written, added and skipped, and why."""
    if report.written:
        yield f"wrote {_count(len(report.written), 'exercise file')} to {os.path.dirname(report.written[0])}{os.sep}"
    else:
        yield "wrote no exercise file"
    for name, ids in report.added.items():
        noun = name[:-1] if name != "equipment" else "equipment term"
        yield f"added {_count(len(ids), noun)} to {report.taxonomy}: {', '.join(ids)}"
    if report.existing:
        shown = ", ".join(report.existing[:3]) + (", ..." if len(report.existing) > 3 else "")
        verb = "exists" if len(report.existing) == 1 else "exist"
        yield f"kept {_count(len(report.existing), 'file')} that already {verb}, unchanged: {shown}"
    for skipped in report.skipped:
        yield f"skipped '{skipped.name}': {skipped.reason}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class ProgressBar:
    """A one-line bar redrawn in place, for a terminal only (a log or a pipe gets the report alone)."""

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str = "importing"):
        self.stream, self.label, self.drawn = stream, label, -1

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        if filled == self.drawn and done != total:
            return  # redraw only when the bar grows: a terminal is slow to write to
        self.drawn = filled
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {100 * done // max(total, 1):3d}%")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn >= 0:
            self.stream.write("\r" + " " * (len(self.label) + self.WIDTH + 8) + "\r")
            self.stream.flush()


# ---- one record to one exercise file ------------------------------------------------------------


def free_exercise_db(item: Any, have: dict[str, frozenset[str]]) -> Draft | Skipped:
    """One free-exercise-db record as an exercise file, or why it cannot be one."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        return Skipped(repr(item)[:60], "not an exercise record (no 'name')")
    name = " ".join(item["name"].split())
    slug = slugify(name)
    if not slug or slug in kinds.EXERCISE.reserved:
        return Skipped(name, f"no usable file name can be made from the name '{name}'")
    level = LEVELS.get(str(item.get("level")))
    if level is None:
        return Skipped(name, f"unknown level {item.get('level')!r}")
    steps = _steps(item.get("instructions"))
    if len(steps) < 2:
        return Skipped(
            name, f"the dataset gives {len(steps) or 'no'} step{'' if len(steps) == 1 else 's'}; an exercise needs at least two"
        )
    primary = _terms("muscles", item.get("primaryMuscles"), have)
    if not primary:
        return Skipped(name, "the dataset names no primary muscle")
    # The dataset lists some muscles as both; the guide keeps each in one list.
    secondary = {key: value for key, value in _terms("muscles", item.get("secondaryMuscles"), have).items() if key not in primary}
    raw_equipment = item.get("equipment")
    equipment = {} if raw_equipment in BODYWEIGHT else _terms("equipment", [raw_equipment], have)
    goals = _terms("goals", [item["category"]] if item.get("category") else [], have)
    front = [
        f"name: {scalar(name)}",
        f"summary: {scalar(summary(steps[0]))}",
        f"level: {level}",
        f"equipment: {_flow(equipment)}",
        "muscles:",
        f"  primary: {_flow(primary)}",
        *([f"  secondary: {_flow(secondary)}"] if secondary else []),
        *([f"goals: {_flow(goals)}"] if goals else []),
    ]
    body = ["## Steps", "", *(f"{number}. {_markdown(step)}" for number, step in enumerate(steps, 1))]
    source = f"From free-exercise-db ({DATASET_ADDRESS}, public domain)"
    if isinstance(item.get("id"), str) and re.fullmatch(r"[0-9A-Za-z_-]+", item["id"]):
        source += f", where its id is `{item['id']}`"
    body += ["", "## Source", "", source + "."]
    text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body) + "\n"
    return Draft(slug, name, text, {"muscles": {**primary, **secondary}, "equipment": equipment, "goals": goals})


def summary(step: str) -> str:
    """The first sentence of the first step, cut on a word boundary to fit the summary's limit."""
    sentence = _SENTENCE_END.split(step, maxsplit=1)[0].strip()
    if len(sentence) <= SUMMARY_MAX:
        return sentence
    cut = sentence[:SUMMARY_MAX].rsplit(" ", 1)[0].rstrip(",;:-—")
    return cut + "…"


def _steps(instructions: Any) -> list[str]:
    """The non-empty instructions, each on one line; a lone instruction is split into its sentences."""
    if not isinstance(instructions, list):
        return []
    steps = [" ".join(step.split()) for step in instructions if isinstance(step, str) and step.strip()]
    if len(steps) == 1:
        steps = [part.strip() for part in _SENTENCE_END.split(steps[0]) if part.strip()]
    return steps


def _terms(vocabulary: str, values: Any, have: dict[str, frozenset[str]]) -> dict[str, str]:
    """Dataset words as taxonomy ids -> display names, in the order given."""
    terms: dict[str, str] = {}
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, str) or not slugify(value):
            continue
        term = slugify(value)
        equivalent = EQUIVALENT[vocabulary].get(term)
        if term not in have[vocabulary] and equivalent in have[vocabulary]:
            term = equivalent
        terms.setdefault(term, NAMES.get(value.lower(), value[:1].upper() + value[1:]))
    return terms


def _problem(draft: Draft, known: Known) -> str | None:
    """What `validate` would say first about the draft, or None: the same parse and checks."""
    try:
        document = split(decode(draft.text.encode("utf-8")), required=True)
    except Unreadable as error:
        return error.flaws[0].message
    assert document.front is not None
    _meta, flaws = check_front(kinds.EXERCISE.model, document.front, dataclasses.replace(known, this=draft.slug))
    _body, body_flaws = read_body(document.body, document.body_line, with_steps=True)
    flaws = sorted(flaws + body_flaws, key=lambda flaw: flaw.line)
    return f"line {flaws[0].line} would read: {flaws[0].message}" if flaws else None


scalar = yaml_scalar


def _flow(terms: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(term) for term in terms) + "]"


def _markdown(text: str) -> str:
    """Plain text as one line of Markdown that reads as that text: no markup, no HTML, no nested list."""
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    if match := _ORDINAL.match(text):  # "10. reps" would open a list inside the step
        return f"{match[1]}\\{text[len(match[1]) :]}"
    return "\\" + text if text.startswith(_BLOCK_MARKS) else text


# ---- the taxonomy ---------------------------------------------------------------------------------


def _taxonomy_ids(text: str | None, path: Path) -> dict[str, frozenset[str]]:
    if text is None:
        return {name: frozenset() for name in VOCABULARIES}
    try:
        data = load_yaml(decode(text.encode("utf-8")), what="taxonomy").data
    except Unreadable as error:
        raise ImportFailure(f"{path}:{error.flaws[0].line}: {error.flaws[0].message}; fix it first") from None
    return {name: frozenset(map(str, data[name])) if isinstance(data.get(name), dict) else frozenset() for name in VOCABULARIES}


def _new_terms(drafts: Iterable[Draft], have: dict[str, frozenset[str]]) -> dict[str, dict[str, str]]:
    names = _term_names(drafts)
    return {name: {term: label for term, label in names[name].items() if term not in have[name]} for name in VOCABULARIES}


def _term_names(drafts: Iterable[Draft]) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {name: {} for name in VOCABULARIES}
    for draft in drafts:
        for name in VOCABULARIES:
            for term, label in draft.terms[name].items():
                names[name].setdefault(term, label)
    return names


def add_terms(text: str | None, additions: dict[str, dict[str, str]]) -> str:
    """taxonomy.yml's text with `id: Name` entries added at the end of their vocabularies.

    Lines are inserted into the text as it is, so its comments, blank lines and order stay; a
    vocabulary written in flow style (`goals: {a: A}`) cannot take lines, and then the whole file
    is written anew from its data (losing its comments)."""
    expected: dict[str, Any] = yaml.safe_load(text or "") or {}
    for name, terms in additions.items():
        expected[name] = {**(expected.get(name) or {}), **terms}
    inserted = _insert_lines(text, additions) if text else None
    if inserted is not None and yaml.safe_load(inserted) == expected:
        return inserted
    return yaml.safe_dump(expected, allow_unicode=True, sort_keys=False, width=1000)


def _insert_lines(text: str, additions: dict[str, dict[str, str]]) -> str | None:
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, MappingNode):
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    vocabularies = {key.value: value for key, value in root.value if isinstance(key, ScalarNode)}
    inserts: list[tuple[int, list[str]]] = []
    for name, terms in additions.items():
        node = vocabularies.get(name)
        entries = [f"{scalar(term)}: {scalar(label)}" for term, label in terms.items()]
        if node is None:
            inserts.append((len(lines), [f"{name}:", *("  " + entry for entry in entries)]))
        elif isinstance(node, MappingNode) and not node.flow_style and node.value:
            indent = " " * node.value[0][0].start_mark.column
            inserts.append((_last_line(node) + 1, [indent + entry for entry in entries]))
        else:
            return None
    for at, new in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        lines[at:at] = new
    return "\n".join(lines) + "\n"


def _last_line(node: Node) -> int:
    """The 0-based line on which a node's own text ends (a block collection ends at its last item)."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _read_dataset(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise ImportFailure(f"cannot read {path}: {error.strerror}") from None
    except ValueError as error:
        raise ImportFailure(f"{path} is not JSON: {error}") from None
    if not isinstance(data, list):
        raise ImportFailure(f"{path} must hold a JSON list of exercises, as free-exercise-db's exercises.json does")
    return data


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
