"""Reading content/ into a checked Catalog: each file parsed once, every problem collected.

`load` is what `validate`, the MkDocs plugin, `emit` and the tests call. It reads the folders of the
registered content kinds (kinds.py), the taxonomy of the registered vocabularies (vocabularies.py)
and the media, and reports every problem as data. A `Cache` passed between calls (as `mkdocs serve`
does between rebuilds) keeps each file's result until the file itself changes, or until the ids it
is checked against (file names, taxonomy, media) change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import InternalError, Problem, and_list, closest, did_you_mean
from . import files, kept, kinds, media, vocabularies
from .bodies import Body, read_body
from .frontmatter import check_front
from .kinds import HOME_FILE, MEDIA_FOLDER, TAXONOMY_FILE, ContentKind
from .parse import Flaw, Located, Unreadable, decode, load_yaml, split
from .records import Article, Catalog, Term, make
from .schema import LIMITS, SLUG, Known, slugify, taxonomy_model

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Parsed:
    """One content file, read and checked on its own."""

    meta: Any  # the validated frontmatter model, or None
    front: Located | None  # kept only where later checks need lines (routine items, easier/harder)
    body: Body | None
    flaws: tuple[Flaw, ...]


@dataclass
class Cache:
    """Per-file results between loads: path -> ((mtime_ns, size, generation), result)."""

    files: dict[str, tuple[tuple[int, int, int] | None, Any]] = field(default_factory=dict)
    records: dict[str, tuple[Parsed, Any]] = field(default_factory=dict)  # path -> (what it was made from, record)
    known: Known | None = None
    generation: int = 0
    parsed_last: list[str] = field(default_factory=list)  # which files the last load had to read


@dataclass(frozen=True, slots=True)
class AnchorLink:
    """A link from content to a heading of a page ('plank.md#safety'), checked once the pages exist."""

    path: str  # the content file, as problems name it
    line: int
    target: str  # as written
    page: str  # the page it points to ("exercises/plank.md")
    anchor: str


@dataclass(frozen=True, slots=True)
class Loaded:
    catalog: Catalog | None  # None when there are problems
    problems: tuple[Problem, ...]
    counts: tuple[tuple[ContentKind, int], ...]  # files found of each kind
    anchor_links: tuple[AnchorLink, ...] = ()

    def count(self, kind_name: str) -> int:
        return next((n for kind, n in self.counts if kind.name == kind_name), 0)

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}{'' if n == 1 else 's'}"

        found = count(len(self.problems), "problem") if self.problems else "no problems"
        return ", ".join(count(n, kind.noun) for kind, n in self.counts) + f": {found}"


def load(content: str | os.PathLike[str] = "content", *, cache: Cache | None = None, keep: bool = True) -> Loaded:
    """Read and check everything under `content`. Paths in problems start with `content` as given.
    With `keep`, files parsed by an earlier run are read from the cache folder, when this run has one
    (content/kept.py)."""
    return _Loader(str(content), cache or Cache(), keep).run()


class _Loader:
    def __init__(self, content: str, cache: Cache, keep: bool):
        self.given = content
        self.root = Path(content)
        self.cache = cache
        self.kinds = kinds.all_kinds()
        # Once a load: a kind's model and record are made from the registries.
        self.models = {kind.name: kind.model for kind in self.kinds}
        self.record_types = {kind.name: kind.record_type for kind in self.kinds}
        self.problems: list[Problem] = []
        self.misnamed: set[str] = set()
        self.pages: frozenset[str] | None = None  # every page a link may point to
        self.anchor_links: list[AnchorLink] = []
        self.keep = keep
        self.kept: tuple[kept.KeptParses, bytes] | None = None  # parsed files kept on disk, and the ids' key

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
            return Loaded(None, tuple(self.problems), tuple((kind, 0) for kind in self.kinds))
        folders = tuple(kind.folder for kind in self.kinds)
        found = files.scan(self.given, (*folders, MEDIA_FOLDER))
        for rel, message in found.problems:
            self.report(rel, [Flaw(1, message)])
        self.check_top(found)
        media_files = [rel[len(MEDIA_FOLDER) + 1 :] for rel in found.files.get(MEDIA_FOLDER, [])]
        for name in media_files:
            self.report(f"{MEDIA_FOLDER}/{name}", self.judge_media(name))
        by_kind = {kind.name: self.content_files(kind, found.files.get(kind.folder, [])) for kind in self.kinds}
        taxonomy_meta, term_ids = self.read_taxonomy()
        known = Known(
            terms={v.id: term_ids.get(v.id) for v in vocabularies.all_vocabularies()},
            exercises=frozenset(_stem(rel) for rel in by_kind.get("exercise", []) if rel not in self.misnamed),
            media=frozenset(media_files),
        )
        if known != self.cache.known:
            self.cache.known, self.cache.generation = known, self.cache.generation + 1
        self.cache.parsed_last = []
        self.kept = kept.for_content(self.given, known) if self.keep else None

        parsed = {kind.name: {rel: self.read(rel, kind, known) for rel in by_kind[kind.name]} for kind in self.kinds}
        home = self.read(HOME_FILE, kinds.ARTICLE, known) if HOME_FILE in found.top else None
        if home is None:
            self.report(HOME_FILE, [Flaw(1, "the home page content/index.md is missing")])
        every = [(rel, p) for files_ in parsed.values() for rel, p in files_.items()] + ([(HOME_FILE, home)] if home else [])
        linkable = {HOME_FILE, *(rel for rel, _ in every)}
        for rel, result in every:
            self.report(rel, result.flaws)
            if result.body:
                self.report(rel, self.check_links(rel, result.body, linkable, media_files))

        records: dict[str, dict[str, Any]] = {}
        for kind in self.kinds:
            made = {
                _stem(rel): self.record(kind, rel, result) for rel, result in parsed[kind.name].items() if result.meta is not None
            }
            records[kind.name] = made
        for kind in self.kinds:
            if kind.resolve is not None:
                for slug, record in list(records[kind.name].items()):
                    resolved, flaws = kind.resolve(record, records)
                    records[kind.name][slug] = resolved
                    front = parsed[kind.name][record.source].front
                    self.report(record.source, [Flaw(front.line(loc) if front else 1, message) for loc, message in flaws])
        self.check_variations(parsed.get("exercise", {}))
        for rel, result in parsed.get("article", {}).items():
            if result.meta is not None and not (result.meta.title or (result.body and result.body.title)):
                self.report(rel, [Flaw(1, "the guide needs a title: start it with a '# Title' line")])

        catalog = None
        if not self.problems and taxonomy_meta is not None and home is not None:
            catalog = Catalog(
                taxonomy=_taxonomy(taxonomy_meta),
                records={name: _in_display_order(made) for name, made in records.items()},
                home=self.record(kinds.ARTICLE, HOME_FILE, home),
                kinds=self.kinds,
            )
        self.problems.sort()
        counts = tuple((kind, len(by_kind[kind.name])) for kind in self.kinds)
        if self.kept is not None:
            self.kept[0].save()
        return Loaded(catalog, tuple(self.problems), counts, tuple(self.anchor_links))

    def record(self, kind: ContentKind, rel: str, result: Parsed) -> Any:
        """The file's record; the same object as in the last load if the file was not read again, so that
        what was made from it can be seen to be unchanged at once."""
        made = self.cache.records.get(rel)
        if made is not None and made[0] is result:
            return made[1]
        record = self._record(kind, rel, result)
        self.cache.records[rel] = (result, record)
        return record

    def _record(self, kind: ContentKind, rel: str, result: Parsed) -> Any:
        assert result.body is not None
        facts: dict[str, Any] = {"slug": _stem(rel), "source": rel, "body": result.body.text}
        if kind.steps:
            facts.update(steps=result.body.steps, steps_line=result.body.steps_line, intro=result.body.intro)
        if issubclass(kind.record, Article):
            facts["title"] = result.meta.title or result.body.title or ""
        return make(self.record_types.get(kind.name) or kind.record_type, result.meta, **facts)

    # ---- files -----------------------------------------------------------------------------

    def check_top(self, found: files.Found) -> None:
        folders = [kind.folder for kind in self.kinds] + [MEDIA_FOLDER]
        expected = and_list([HOME_FILE, TAXONOMY_FILE, *(f"{folder}/" for folder in folders)])
        for name in found.top:
            is_dir = (self.root / name).is_dir()
            if (name in folders) != is_dir or (not is_dir and name not in (HOME_FILE, TAXONOMY_FILE)):
                self.report(name, [Flaw(1, f"unexpected here: content/ holds {expected}")])

    def content_files(self, kind: ContentKind, found: list[str]) -> list[str]:
        kept, strays = [], set()
        for rel in found:
            folder, _, name = rel.partition("/")
            if "/" in name or not name.endswith(".md"):
                stray = f"{folder}/{name.partition('/')[0]}"  # a folder inside is one problem, not one a file
                if stray not in strays:
                    strays.add(stray)
                    self.report(stray, [Flaw(1, f"unexpected here: {folder}/ holds only <slug>.md files")])
                continue
            # A misnamed file is still read, so that all its problems come at once; it makes no page.
            kept.append(rel)
            stem = name[:-3]
            if not SLUG.match(stem):
                self.misnamed.add(rel)
                self.report(
                    rel,
                    [
                        Flaw(
                            1,
                            f"the file name '{name}' is not a slug: use lower-case letters, digits and single hyphens, "
                            f"like '{slugify(stem) or 'my-page'}.md'",
                        )
                    ],
                )
            elif stem in kind.reserved:
                self.misnamed.add(rel)
                self.report(rel, [Flaw(1, f"'{stem}' is reserved for a page the site makes itself; rename the file")])
        return kept

    def stamp(self, path: str) -> tuple[int, int, int] | None:
        stat = os.stat(path)
        return (stat.st_mtime_ns, stat.st_size, self.cache.generation)

    def read(self, rel: str, kind: ContentKind, known: Known) -> Parsed:
        path = os.path.join(self.given, rel)  # str paths: pathlib's parsing was a tenth of reading a large guide
        try:
            stamp = self.stamp(path)
            cached = self.cache.files.get(rel)
            if cached and cached[0] == stamp:
                result: Parsed = cached[1]
                return result
            self.cache.parsed_last.append(rel)
            if stamp is not None and stamp[1] > LIMITS.file_bytes:
                result = Parsed(
                    None, None, None, (Flaw(1, f"this file is {stamp[1]:,} bytes; at most {LIMITS.file_bytes:,} are allowed"),)
                )
            else:
                # Only an exercise can name itself; a routine may share its slug with an exercise it lists.
                this = _stem(rel) if kind is kinds.EXERCISE else None
                with open(path, "rb") as stream:
                    raw = stream.read()
                result = self.parse(raw, rel, kind, dataclasses.replace(known, this=this))
        except Exception as error:
            raise InternalError(self.display(rel), error) from error
        self.cache.files[rel] = (stamp, result)
        return result

    def parse(self, raw: bytes, rel: str, kind: ContentKind, known: Known) -> Parsed:
        def parse() -> Parsed:
            return _parse(raw, kind, self.models[kind.name], known)

        if self.kept is None:
            return parse()
        parses, known_key = self.kept
        key = hashlib.sha256(raw).digest() + known_key + f"\0{kind.name}\0{known.this}".encode()
        result: Parsed = parses.recall(rel, key, parse)
        return result

    def judge_media(self, name: str) -> list[Flaw]:
        rel = f"{MEDIA_FOLDER}/{name}"
        path = os.path.join(self.given, rel)
        stamp = self.stamp(path)
        cached = self.cache.files.get(rel)
        if cached and cached[0] is not None and stamp is not None and cached[0][:2] == stamp[:2]:
            flaws: list[Flaw] = cached[1]
            return flaws
        with open(path, "rb") as stream:
            data = stream.read(LIMITS.media_bytes + 1)
        flaws = media.judge(name, data)
        self.cache.files[rel] = (stamp, flaws)
        return flaws

    def read_taxonomy(self) -> tuple[Any, dict[str, frozenset[str]]]:
        rel = TAXONOMY_FILE
        path = self.root / rel
        if not path.is_file():
            self.report(rel, [Flaw(1, f"{TAXONOMY_FILE} is missing: it lists the {and_list(vocabularies.ids())}")])
            return None, {}
        try:
            located = load_yaml(decode(path.read_bytes()), what="taxonomy")
        except Unreadable as error:
            self.report(rel, error.flaws)
            return None, {}
        except Exception as error:
            raise InternalError(self.display(rel), error) from error
        meta, flaws = check_front(taxonomy_model(), located, None)
        self.report(rel, flaws)
        # Ids count as known even when their entry has a flaw, so one typo is not reported everywhere.
        data = located.data if isinstance(located.data, dict) else {}
        term_ids = {v: frozenset(map(str, data[v])) for v in vocabularies.ids() if isinstance(data.get(v), dict)}
        for name, ids in term_ids.items():
            if "index" in ids:
                self.report(
                    rel,
                    [
                        Flaw(
                            located.line((name, "index"), key=True),
                            f"'index' is reserved for the page listing all {name}; choose another id",
                        )
                    ],
                )
        return meta, term_ids

    # ---- checks across files -----------------------------------------------------------------

    def check_links(self, rel: str, body: Body, linkable: set[str], media_files: list[str]) -> list[Flaw]:
        if self.pages is None:  # once a load: made for every file, it made checking links quadratic
            self.pages = frozenset(
                {*linkable, *(kind.index_page() for kind in self.kinds if kind.index_template)} | _extra_pages(self.kinds)
            )
            self.media = frozenset(media_files)
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
                    flaws.append(
                        Flaw(
                            link.line,
                            f"the link '{link.target}' points to a page that does not exist{_closest_page(resolved, pages)}",
                        )
                    )
                elif "#" in link.target and link.target.split("#", 1)[1]:
                    self.anchor_links.append(
                        AnchorLink(self.display(rel), link.line, link.target, resolved, link.target.split("#", 1)[1])
                    )
            elif resolved.startswith(MEDIA_FOLDER + "/"):
                if resolved[len(MEDIA_FOLDER) + 1 :] not in self.media:
                    flaws.append(Flaw(link.line, f"the link '{link.target}' points to a file that does not exist"))
            else:
                flaws.append(
                    Flaw(link.line, f"link to pages by their .md file (like '../exercises/plank.md'), not '{link.target}'")
                )
        return flaws

    def check_variations(self, exercises: dict[str, Parsed]) -> None:
        """Easier and harder must agree across files: if B is harder than A, A is not harder than B,
        not even by way of others (A → B → C → A)."""
        harder_than: dict[str, list[tuple[str, str, Any]]] = {}  # slug -> [(harder slug, declaring file, loc)]
        for rel, result in exercises.items():
            if result.meta is None:
                continue
            slug = _stem(rel)
            for index, other in enumerate(result.meta.harder):
                harder_than.setdefault(slug, []).append((other, rel, ("harder", index)))
            for index, other in enumerate(result.meta.easier):
                harder_than.setdefault(other, []).append((slug, rel, ("easier", index)))
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        path: list[str] = []
        reported: set[frozenset[str]] = set()

        def visit(slug: str) -> None:
            state[slug] = 1
            path.append(slug)
            for other, rel, loc in harder_than.get(slug, ()):
                if state.get(other) == 1:
                    circle = [*path[path.index(other) :], other]
                    if frozenset(circle) not in reported:
                        reported.add(frozenset(circle))
                        front = exercises[rel].front
                        line = front.line(loc) if front else 1
                        self.report(
                            rel,
                            [
                                Flaw(
                                    line,
                                    "easier and harder go round in a circle: "
                                    + " → ".join(circle)
                                    + " (each listed as harder than the one before)",
                                )
                            ],
                        )
                elif state.get(other) is None:
                    visit(other)
            path.pop()
            state[slug] = 2

        for slug in sorted(harder_than):
            if state.get(slug) is None:
                visit(slug)


def _stem(rel: str) -> str:
    """'exercises/plank.md' -> 'plank' (content paths are posix, from `scan`)."""
    name = rel.rpartition("/")[2]
    return name[:-3] if name.endswith(".md") else posixpath.splitext(name)[0]


def _extra_pages(content_kinds: tuple[ContentKind, ...]) -> set[str]:
    return {kind.page(slug) for kind in content_kinds for slug in kind.extra_pages} | {
        f"{v}/index.md" for v in vocabularies.ids()
    }


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
    ids = known.terms.get(folder) if known else None
    return bool(ids) and name.endswith(".md") and name[:-3] in (ids or ())


def _parse(raw: bytes, kind: ContentKind, model: Any, known: Known) -> Parsed:
    try:
        document = split(decode(raw), required=kind.frontmatter)
    except Unreadable as error:
        return Parsed(None, None, None, error.flaws)
    meta: Any = None
    flaws: list[Flaw] = []
    if document.front is not None:
        meta, flaws = check_front(model, document.front, known)
    elif not kind.frontmatter:
        meta = model()
    body, body_flaws = read_body(document.body, document.body_line, with_steps=kind.steps)
    # The line maps are kept only where a later check needs them (a routine's items, an exercise's easier
    # and harder): kept for every file, they were a fifth of loading a large guide, memory to fill and collect.
    needs_lines = kind.resolve is not None or (
        meta is not None and (getattr(meta, "easier", None) or getattr(meta, "harder", None))
    )
    return Parsed(meta, document.front if needs_lines else None, body, tuple(flaws + body_flaws))


def _taxonomy(meta: Any) -> dict[str, dict[str, Term]]:
    return {
        name: {term_id: Term(name, term_id, entry.name, entry.description) for term_id, entry in getattr(meta, name).items()}
        for name in vocabularies.ids()
    }


def _in_display_order(records: dict[str, Any]) -> dict[str, Any]:
    def order(pair: tuple[str, Any]) -> tuple[str, str]:
        record = pair[1]
        return (str(getattr(record, "name", None) or getattr(record, "title", None) or pair[0]).casefold(), pair[0])

    return dict(sorted(records.items(), key=order))
