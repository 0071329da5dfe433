"""Reading content/ into a checked Guide: each file parsed once, every problem collected.

`load` is what the CLI, the MkDocs plugin and the tests call. A `Cache` passed between calls (as
`mkdocs serve` does between rebuilds) keeps each file's result until the file itself changes, or
until the ids it is checked against (file names, taxonomy, media) change.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel

from . import urls
from .bodies import Body, read_body
from .checks import check_front
from .parse import Flaw, Located, Unreadable, decode, load_yaml, split
from .problems import InternalError, Problem, closest, did_you_mean
from .records import Article, Dosage, Exercise, Guide, Image, Routine, RoutineItem, Taxonomy, Term
from .schema import SLUG, VOCABULARIES, ArticleMeta, ExerciseMeta, Known, RoutineMeta, TaxonomyMeta, slugify

FOLDERS = ("exercises", "routines", "guides")
TOP_LEVEL = frozenset({"index.md", "taxonomy.yml", "media", *FOLDERS})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Parsed:
    """One content file, read and checked on its own."""

    meta: Any  # the validated frontmatter model, or None
    front: Located | None  # kept for routines only
    body: Body | None
    flaws: tuple[Flaw, ...]


@dataclass
class Cache:
    """Per-file results between loads: (mtime_ns, size, generation) -> Parsed."""

    files: dict[str, tuple[tuple[int, int, int], Parsed]] = field(default_factory=dict)
    known: Known | None = None
    generation: int = 0
    parsed_last: list[str] = field(default_factory=list)  # which files the last load had to read


@dataclass(frozen=True, slots=True)
class Loaded:
    guide: Guide | None  # None when there are problems
    problems: tuple[Problem, ...]
    exercises: int
    routines: int
    guides: int

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}{'' if n == 1 else 's'}"

        found = f"{count(len(self.problems), 'problem')}" if self.problems else "no problems"
        return f"{count(self.exercises, 'exercise')}, {count(self.routines, 'routine')}, {count(self.guides, 'guide')}: {found}"


def load(content: str | os.PathLike[str] = "content", *, cache: Cache | None = None) -> Loaded:
    """Read and check everything under `content`. Paths in problems start with `content` as given."""
    return _Loader(str(content), cache or Cache()).run()


class _Loader:
    def __init__(self, content: str, cache: Cache):
        self.given = content
        self.root = Path(content)
        self.cache = cache
        self.problems: list[Problem] = []
        self.misnamed: set[str] = set()
        self.pages: frozenset[str] | None = None  # every page a link may point to

    def display(self, rel: str) -> str:
        if not rel:  # the content folder itself
            return self.given or "."
        return os.path.join(self.given, rel) if self.given not in ("", ".") else rel

    def report(self, rel: str, flaws: Iterable[Flaw]) -> None:
        self.problems.extend(Problem(self.display(rel), flaw.line, flaw.message) for flaw in flaws)

    # ---- the whole run ---------------------------------------------------------------------

    def run(self) -> Loaded:
        if not self.root.is_dir():
            self.report("", [Flaw(1, "no content folder here (give another with --content)")])
            return Loaded(None, tuple(self.problems), 0, 0, 0)
        files = self.scan()
        taxonomy_meta, vocabularies = self.read_taxonomy()
        known = Known(
            muscles=vocabularies.get("muscles"),
            equipment=vocabularies.get("equipment"),
            goals=vocabularies.get("goals"),
            exercises=frozenset(_stem(rel) for rel in files["exercises"] if rel not in self.misnamed),
            media=frozenset(files["media"]),
        )
        if known != self.cache.known:
            self.cache.known, self.cache.generation = known, self.cache.generation + 1
        self.cache.parsed_last = []

        exercises = {rel: self.read(rel, ExerciseMeta, known, steps=True) for rel in files["exercises"]}
        routines = {rel: self.read(rel, RoutineMeta, known, steps=False) for rel in files["routines"]}
        articles = {rel: self.read(rel, ArticleMeta, known, steps=False, front=False) for rel in files["guides"]}
        home = self.read("index.md", ArticleMeta, known, steps=False, front=False) if files["home"] else None
        if home is None:
            self.report("index.md", [Flaw(1, "the home page content/index.md is missing")])

        for rel, parsed in {**exercises, **routines, **articles, **({"index.md": home} if home else {})}.items():
            self.report(rel, parsed.flaws)
            if parsed.body:
                self.report(rel, self.check_links(rel, parsed.body, files))

        guide = None
        exercise_records = {_stem(rel): _exercise(rel, p) for rel, p in exercises.items() if p.meta}
        routine_records = {}
        for rel, parsed in routines.items():
            if parsed.meta:
                record, flaws = _routine(rel, parsed, exercise_records)
                self.report(rel, flaws)
                routine_records[record.slug] = record
        for rel, parsed in articles.items():
            if parsed.meta is not None and not (parsed.meta.title or parsed.body.title):
                self.report(rel, [Flaw(1, "the guide needs a title: start it with a '# Title' line")])
        if not self.problems and taxonomy_meta is not None and home is not None:
            guide = Guide(
                taxonomy=_taxonomy(taxonomy_meta),
                exercises=_by_name(exercise_records),
                routines=_by_name(routine_records),
                articles=_by_name({Path(rel).stem: _article(rel, p) for rel, p in articles.items()}, key="title"),
                home=_article("index.md", home),
            )
        self.problems.sort()
        return Loaded(guide, tuple(self.problems), len(files["exercises"]), len(files["routines"]), len(files["guides"]))

    # ---- files -----------------------------------------------------------------------------

    def scan(self) -> dict[str, Any]:
        """The content files by kind, as paths relative to the content folder; strays reported."""
        found: dict[str, Any] = {name: [] for name in FOLDERS}
        found["media"], found["home"] = [], False
        for entry in sorted(os.scandir(self.root), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            if entry.name not in TOP_LEVEL or entry.is_dir() != (entry.name in (*FOLDERS, "media")):
                self.report(entry.name, [Flaw(1, "unexpected here: content/ holds index.md, taxonomy.yml, exercises/, routines/, guides/ and media/")])
            elif entry.name == "index.md":
                found["home"] = True
            elif entry.name == "media":
                for folder, _dirs, names in os.walk(entry.path):
                    rel_folder = Path(folder).relative_to(self.root / "media").as_posix()
                    found["media"] += [posixpath.normpath(posixpath.join(rel_folder, n)) for n in names if not n.startswith(".")]
            elif entry.name in FOLDERS:
                found[entry.name] = self.scan_folder(entry.name)
        return found

    def scan_folder(self, folder: str) -> list[str]:
        kept = []
        for entry in sorted(os.scandir(self.root / folder), key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            stem = entry.name[:-3]
            if entry.name.startswith("."):
                continue
            if not entry.is_file() or not entry.name.endswith(".md"):  # a folder, or a link to nothing
                self.report(rel, [Flaw(1, f"unexpected here: {folder}/ holds only <slug>.md files")])
            else:
                # A misnamed file is still read, so that all its problems come at once; it makes no page.
                kept.append(rel)
                if not SLUG.match(stem):
                    self.misnamed.add(rel)
                    self.report(rel, [Flaw(1, f"the file name '{entry.name}' is not a slug: use lower-case letters, digits and single hyphens, like '{slugify(stem) or 'my-page'}.md'")])
                elif stem in urls.RESERVED[folder]:
                    self.misnamed.add(rel)
                    self.report(rel, [Flaw(1, f"'{stem}' is reserved for a page the site makes itself; rename the file")])
        return kept

    def read(self, rel: str, model: type[BaseModel], known: Known, *, steps: bool, front: bool = True) -> Parsed:
        path = os.path.join(self.given, rel)  # str paths: pathlib's parsing was a tenth of reading a large guide
        try:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_size, self.cache.generation)
            cached = self.cache.files.get(rel)
            if cached and cached[0] == stamp:
                return cached[1]
            self.cache.parsed_last.append(rel)
            # Only an exercise can name itself; a routine may share its slug with an exercise it lists.
            this = _stem(rel) if model is ExerciseMeta else None
            with open(path, "rb") as stream:
                raw = stream.read()
            parsed = _parse(raw, model, dataclasses.replace(known, this=this), steps=steps, required=front)
        except Exception as error:  # noqa: BLE001 - a bug must name the file it met, never pass silently
            raise InternalError(self.display(rel), error) from error
        self.cache.files[rel] = (stamp, parsed)
        return parsed

    def read_taxonomy(self) -> tuple[TaxonomyMeta | None, dict[str, frozenset[str]]]:
        rel = "taxonomy.yml"
        path = self.root / rel
        if not path.is_file():
            self.report(rel, [Flaw(1, "taxonomy.yml is missing: it lists the muscles, equipment and goals")])
            return None, {}
        try:
            located = load_yaml(decode(path.read_bytes()), what="taxonomy")
        except Unreadable as error:
            self.report(rel, error.flaws)
            return None, {}
        except Exception as error:  # noqa: BLE001
            raise InternalError(self.display(rel), error) from error
        meta, flaws = check_front(TaxonomyMeta, located, None)
        self.report(rel, flaws)
        # Ids count as known even when their entry has a flaw, so one typo is not reported everywhere.
        data = located.data if isinstance(located.data, dict) else {}
        vocabularies = {name: frozenset(map(str, data[name])) for name in VOCABULARIES if isinstance(data.get(name), dict)}
        for name, ids in vocabularies.items():
            for reserved in sorted(ids & urls.TERM_RESERVED):
                self.report(rel, [Flaw(located.line((name, reserved), key=True), f"'{reserved}' is reserved for the page listing all {name}; choose another id")])
        return meta, vocabularies

    # ---- checks across files -----------------------------------------------------------------

    def check_links(self, rel: str, body: Body, files: dict[str, Any]) -> list[Flaw]:
        if self.pages is None:  # once a load: made for every file, it made checking links quadratic
            self.pages = urls.generated_pages() | {"index.md", *files["exercises"], *files["routines"], *files["guides"]}
        pages = self.pages
        flaws = []
        for link in body.links:
            target = link.target.split("#", 1)[0].split("?", 1)[0]
            if not target or _SCHEME.match(target) or target.startswith("/"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if resolved.startswith(".."):
                flaws.append(Flaw(link.line, f"the link '{link.target}' points outside content/"))
            elif resolved.endswith(".md"):
                if resolved not in pages and not _term_page(resolved, self.cache.known):
                    flaws.append(Flaw(link.line, f"the link '{link.target}' points to a page that does not exist{_closest_page(resolved, pages)}"))
            elif resolved.startswith("media/"):
                if resolved[len("media/") :] not in files["media"]:
                    flaws.append(Flaw(link.line, f"the link '{link.target}' points to a file that does not exist"))
            else:
                flaws.append(Flaw(link.line, f"link to pages by their .md file (like '../exercises/plank.md'), not '{link.target}'"))
        return flaws


def _stem(rel: str) -> str:
    """'exercises/plank.md' -> 'plank' (content paths are posix, from `scan`)."""
    name = rel.rpartition("/")[2]
    return name[:-3] if name.endswith(".md") else posixpath.splitext(name)[0]


def _closest_page(resolved: str, pages: Iterable[str]) -> str:
    """A near miss among the pages of the same folder, by name: a shared folder makes every path look alike."""
    folder, name = posixpath.split(resolved)
    siblings = {posixpath.basename(page)[:-3]: page for page in pages if posixpath.dirname(page) == folder}
    if not siblings:  # the folder itself is misspelt
        return did_you_mean(resolved, pages)
    stem = closest(name[:-3], siblings)
    return f" — did you mean '{siblings[stem]}'?" if stem else ""


def _term_page(resolved: str, known: Known | None) -> bool:
    folder, _, name = resolved.partition("/")
    ids = getattr(known, folder, None) if folder in VOCABULARIES else None
    return bool(ids) and name.endswith(".md") and name[:-3] in ids


def _parse(raw: bytes, model: type[BaseModel], known: Known, *, steps: bool, required: bool) -> Parsed:
    try:
        document = split(decode(raw), required=required)
    except Unreadable as error:
        return Parsed(None, None, None, error.flaws)
    meta: Any = None
    flaws: list[Flaw] = []
    if document.front is not None:
        meta, flaws = check_front(model, document.front, known)
    elif not required:
        meta = model()
    body, body_flaws = read_body(document.body, document.body_line, with_steps=steps)
    # Only a routine's frontmatter is read again, for the lines of its items' problems. Kept for every
    # file, the line maps were a fifth of loading a large guide: memory to fill, and to collect.
    front = document.front if model is RoutineMeta else None
    return Parsed(meta, front, body, tuple(flaws + body_flaws))


# ---- records from checked frontmatter -----------------------------------------------------------


def _dosage(meta: Any) -> Dosage:
    return Dosage(sets=meta.sets, reps=meta.reps, hold=meta.hold, time=meta.time, per_side=meta.per_side, rest=meta.rest)


def _exercise(rel: str, parsed: Parsed) -> Exercise:
    meta: ExerciseMeta = parsed.meta
    assert parsed.body is not None
    return Exercise(
        slug=_stem(rel),
        name=meta.name,
        summary=meta.summary,
        level=meta.level,
        equipment=tuple(meta.equipment),
        primary=tuple(meta.muscles.primary),
        secondary=tuple(meta.muscles.secondary),
        aliases=tuple(meta.aliases),
        goals=tuple(meta.goals),
        dosage=_dosage(meta.dosage) if meta.dosage else None,
        cues=tuple(meta.cues),
        easier=tuple(meta.easier),
        harder=tuple(meta.harder),
        images=tuple(Image(image.src, image.alt) for image in meta.images),
        steps=parsed.body.steps,
        intro=parsed.body.intro,
        body=parsed.body.text,
        source=rel,
    )


def _routine(rel: str, parsed: Parsed, exercises: dict[str, Exercise]) -> tuple[Routine, list[Flaw]]:
    meta: RoutineMeta = parsed.meta
    assert parsed.front is not None and parsed.body is not None
    items, flaws = [], []
    for index, item in enumerate(meta.exercises):
        exercise = exercises.get(item.exercise)
        dosage = _dosage(item).over(exercise.dosage if exercise else None)
        if exercise is not None and not dosage.has_work:
            flaws.append(
                Flaw(
                    parsed.front.line(("exercises", index, "exercise")),
                    f"'{item.exercise}' has no reps, time or hold, here or in its own dosage: give one of them",
                )
            )
        items.append(RoutineItem(item.exercise, dosage, item.note))
    routine = Routine(
        slug=_stem(rel),
        name=meta.name,
        summary=meta.summary,
        level=meta.level,
        items=tuple(items),
        goals=tuple(meta.goals),
        rounds=meta.rounds,
        rest_between_rounds=meta.rest_between_rounds,
        body=parsed.body.text,
        source=rel,
    )
    return routine, flaws


def _article(rel: str, parsed: Parsed) -> Article:
    meta: ArticleMeta = parsed.meta
    assert parsed.body is not None
    slug = Path(rel).stem
    return Article(slug, meta.title or parsed.body.title or "", parsed.body.text, meta.summary, rel)


def _taxonomy(meta: TaxonomyMeta) -> Taxonomy:
    def vocabulary(name: str) -> dict[str, Term]:
        entries = getattr(meta, name)
        return {term_id: Term(name, term_id, entry.name, entry.description) for term_id, entry in entries.items()}

    return Taxonomy(**{name: vocabulary(name) for name in VOCABULARIES})


def _by_name(records: dict[str, Any], key: str = "name") -> dict[str, Any]:
    order: Callable[[tuple[str, Any]], tuple[str, str]] = lambda pair: (getattr(pair[1], key).casefold(), pair[0])
    return dict(sorted(records.items(), key=order))
