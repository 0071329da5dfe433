"""The Catalog that `load` builds from the minimal tree: records, relations derived both ways, routine
estimates, term indexes, and the Cache that spares re-parsing unchanged files."""

from __future__ import annotations

import os
from pathlib import Path

import pydantic
import pytest

from generator.content.bodies import Prose
from generator.content.load import Cache, load
from generator.content.records import Catalog, RoutineItem
from generator.content.schema import SECONDS_PER_REP, Dosage


def D(**fields: object) -> Dosage:
    return Dosage.model_construct(**{name: fields.get(name) for name in Dosage.model_fields})


@pytest.fixture
def guide(make_content) -> Catalog:
    loaded = load(make_content())
    assert loaded.problems == ()
    assert loaded.catalog is not None
    return loaded.catalog


def test_counts_and_summary(make_content):
    loaded = load(make_content())
    assert (loaded.count("exercise"), loaded.count("routine"), loaded.count("article")) == (3, 1, 1)
    assert loaded.summary() == "3 exercises, 1 routine, 1 guide: no problems"


def test_summary_counts_problems(make_content):
    content = make_content({"exercises/plank.md": None, "routines/core.md": None, "guides/running.md": "no title\n"})
    loaded = load(content)
    assert loaded.catalog is None
    assert loaded.summary() == "2 exercises, 0 routines, 1 guide: 2 problems"


def test_exercise_record(guide):
    plank = guide.exercises["plank"]
    assert plank.model_dump() == {
        "slug": "plank",
        "name": "Plank",
        "summary": "Hold a straight line on the forearms and toes.",
        "level": "beginner",
        "equipment": ["mat"],
        "muscles": {"primary": ["core"], "secondary": ["glutes"]},
        "aliases": ["Front plank"],
        "goals": ["stabilization"],
        "dosage": {"sets": 3, "reps": None, "hold": None, "time": 30, "per_side": None, "rest": 30},
        "cues": ["Elbows under the shoulders"],
        "easier": [],
        "harder": ["side-plank"],
        "figure": None,
        "images": [{"src": "plank.svg", "alt": "A forearm plank on a mat"}],
        "steps": ("Lie face down on the mat.", "Lift the body onto the forearms and toes."),
        "steps_line": 27,
        "intro": {"markdown": "The basic hold.", "line": 23},
        "body": {"markdown": "## Common mistakes\n\n- Sagging hips.", "line": 30},
        "source": "exercises/plank.md",
    }
    assert plank.muscles.all == ("core", "glutes")
    assert plank.intro == Prose("The basic hold.", 23)  # the lines of the file they start on


def test_records_are_immutable(guide):
    with pytest.raises(pydantic.ValidationError):
        guide.exercises["plank"].name = "Other"
    with pytest.raises(TypeError):
        guide.exercises["new"] = guide.exercises["plank"]  # type: ignore[index]
    with pytest.raises(TypeError):
        guide.easier["plank"] = ()  # type: ignore[index]


def test_exercises_are_in_display_order(guide):
    assert list(guide.exercises) == ["bridge", "plank", "side-plank"]  # Bridge, Plank, Side plank
    assert list(guide.routines) == ["core"]
    assert list(guide.articles) == ["running"]


def test_articles_and_home(guide):
    running = guide.articles["running"]
    assert (running.slug, running.title, running.source) == ("running", "Stabilization for runners", "guides/running.md")
    assert (guide.home.slug, guide.home.title) == ("index", "Exercise guide")


def test_taxonomy_terms(guide):
    core = guide.term("muscles", "core")
    assert (core.vocabulary, core.id, core.name, core.description) == ("muscles", "core", "Core", "The trunk muscles")
    assert guide.term("equipment", "mat").description is None
    assert list(guide.vocabulary("goals")) == ["stabilization", "strength"]


def test_easier_and_harder_are_derived_both_ways(guide):
    # plank lists side-plank as harder; bridge lists plank as easier; side-plank and bridge list nothing back.
    assert guide.harder["plank"] == ("bridge", "side-plank")
    assert guide.easier["plank"] == ()
    assert guide.easier["side-plank"] == ("plank",)
    assert guide.harder["side-plank"] == ()
    assert guide.easier["bridge"] == ("plank",)
    assert guide.harder["bridge"] == ()


def test_a_relation_written_on_both_sides_counts_once(make_content):
    side = (Path(__file__).parent / "fixtures/minimal/exercises/side-plank.md").read_text()
    loaded = load(make_content({"exercises/side-plank.md": side.replace("muscles:", "easier: [plank]\nmuscles:")}))
    assert loaded.catalog.easier["side-plank"] == ("plank",)
    assert loaded.catalog.harder["plank"] == ("bridge", "side-plank")


def test_used_in(guide):
    assert dict(guide.used_in) == {"bridge": ("core",), "plank": ("core",), "side-plank": ("core",)}


def test_routine_equipment_and_muscles_are_the_union_of_its_exercises(guide):
    core = guide.routines["core"]
    assert guide.terms(core, "equipment") == ("mat", "balance-trainer")
    assert guide.terms(core, "muscles") == ("core", "glutes", "hamstrings")  # the exercises' primary muscles
    assert guide.terms(core, "goals") == ("stabilization",)  # its own


def test_routine_items_resolve_their_dosage(guide):
    core = guide.routines["core"]
    assert core.body.markdown == "Do it after easy runs; see the [plank](../exercises/plank.md)."
    assert (core.slug, core.name, core.level, core.goals, core.rounds, core.rest_between_rounds, core.source) == (
        "core",
        "Core basics",
        "beginner",
        ["stabilization"],
        2,
        60,
        "routines/core.md",
    )
    assert core.items == (
        # nothing of its own: the exercise's default
        RoutineItem("plank", D(sets=3, time=30, rest=30)),
        # own reps replace the default's reps; sets and rest come from the default
        RoutineItem("bridge", D(sets=2, reps=(10, 10), rest=45), "Squeeze at the top"),
        # own time; hold, per_side, sets and rest come from the default
        RoutineItem("side-plank", D(sets=2, time=20, hold=20, per_side=True, rest=15)),
    )


def test_routine_seconds_estimate(guide):
    assert SECONDS_PER_REP == 3
    plank, bridge, side = (item.dosage for item in guide.routines["core"].items)
    assert plank.seconds() == 3 * (30 + 30)
    assert bridge.seconds() == 2 * (10 * 3 + 45)
    assert side.seconds() == 2 * (20 * 2 + 15)  # per side: the work counts twice, the rest once
    # (180 + 150 + 110) a round, two rounds, one rest of 60 s between them
    assert guide.routines["core"].seconds() == 440 * 2 + 60


@pytest.mark.parametrize(
    ("dosage", "seconds"),
    [
        (D(), 0),
        (D(reps=(10, 10)), 30),
        (D(reps=(8, 12)), 30),  # the middle of the range
        (D(reps=(8, 11)), 30),  # rounded up: 9.5 -> 10
        (D(reps=(5, 5), hold=2), 25),  # each rep takes its pace and its hold
        (D(hold=30), 30),
        (D(hold=30, per_side=True, sets=2, rest=10), 2 * (60 + 10)),
        (D(time=45, sets=3), 135),
        (D(time=45, per_side=False, rest=15), 60),
    ],
)
def test_dosage_seconds(dosage, seconds):
    assert dosage.seconds() == seconds


def test_dosage_over_fills_gaps_and_keeps_reps_and_time_together():
    default = D(sets=3, reps=(8, 12), hold=2, per_side=True, rest=30)
    assert D().over(default) == default
    assert D().over(None) == D()
    assert D(time=20).over(default) == D(sets=3, time=20, hold=2, per_side=True, rest=30)
    assert D(reps=(5, 5), per_side=False).over(D(time=40)) == D(reps=(5, 5), per_side=False)
    assert D(sets=1).over(D(time=40, sets=4)) == D(sets=1, time=40)
    assert D(hold=5).has_work and D(time=5).has_work and D(reps=(1, 1)).has_work
    assert not D(sets=3, rest=10, per_side=True).has_work


def test_routine_with_one_round_has_no_rest_between_rounds(guide):
    routine = guide.routines["core"].model_copy(
        update={"rounds": 1, "items": (RoutineItem("x", D(time=60)),), "rest_between_rounds": 90}
    )
    assert routine.seconds() == 60


def test_term_indexes(guide):
    exercises = {(v, term): slugs for (v, term, kind), slugs in guide.with_term.items() if kind == "exercise"}
    assert exercises == {
        ("muscles", "core"): ("plank", "side-plank"),
        ("muscles", "glutes"): ("bridge", "plank"),  # bridge as primary, plank as secondary
        ("muscles", "hamstrings"): ("bridge",),
        ("equipment", "mat"): ("bridge", "plank"),
        ("equipment", "balance-trainer"): ("side-plank",),
        ("goals", "stabilization"): ("plank",),
        ("goals", "strength"): ("bridge",),
    }
    assert guide.main_with_term[("muscles", "glutes", "exercise")] == ("bridge",)  # primary only
    routines = {(v, term): slugs for (v, term, kind), slugs in guide.with_term.items() if kind == "routine"}
    assert routines == {
        ("muscles", "core"): ("core",),
        ("muscles", "glutes"): ("core",),
        ("muscles", "hamstrings"): ("core",),
        ("equipment", "mat"): ("core",),
        ("equipment", "balance-trainer"): ("core",),
        ("goals", "stabilization"): ("core",),
        ("goals", "strength"): (),  # the routine's goals are its own, not its exercises'
    }


# ---- the Cache ---------------------------------------------------------------------------------------------------

ALL_FILES = [
    "exercises/bridge.md",
    "exercises/plank.md",
    "exercises/side-plank.md",
    "routines/core.md",
    "guides/running.md",
    "index.md",
]


def touch(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_cache_parses_each_file_once(make_content):
    content = make_content()
    cache = Cache()
    first = load(content, cache=cache)
    assert sorted(cache.parsed_last) == sorted(ALL_FILES)
    second = load(content, cache=cache)
    assert cache.parsed_last == []
    assert second.catalog == first.catalog
    assert second.problems == first.problems == ()


def test_cache_reparses_only_the_touched_file(make_content):
    content = make_content()
    cache = Cache()
    load(content, cache=cache)
    touch(content / "exercises" / "plank.md")
    load(content, cache=cache)
    assert cache.parsed_last == ["exercises/plank.md"]
    load(content, cache=cache)
    assert cache.parsed_last == []


def test_cache_sees_a_changed_file(make_content):
    content = make_content()
    cache = Cache()
    load(content, cache=cache)
    plank = content / "exercises" / "plank.md"
    plank.write_text(plank.read_text().replace("name: Plank", "name: Forearm plank"))
    touch(plank)
    loaded = load(content, cache=cache)
    assert cache.parsed_last == ["exercises/plank.md"]
    assert loaded.catalog.exercises["plank"].name == "Forearm plank"


def test_cache_keeps_problems_of_unchanged_files(make_content):
    content = make_content(
        {
            "routines/core.md": (Path(__file__).parent / "fixtures/minimal/routines/core.md")
            .read_text()
            .replace("rounds: 2", "rounds: 0")
        }
    )
    cache = Cache()
    first = load(content, cache=cache)
    second = load(content, cache=cache)
    assert cache.parsed_last == []
    assert (
        [str(p) for p in second.problems]
        == [str(p) for p in first.problems]
        == [f"{content}/routines/core.md:6: 'rounds' must be 1 or more, not 0"]
    )


def test_cache_rechecks_everything_when_the_known_ids_change(make_content):
    content = make_content()
    cache = Cache()
    load(content, cache=cache)
    (content / "exercises" / "bridge.md").unlink()
    loaded = load(content, cache=cache)
    assert sorted(cache.parsed_last) == sorted(set(ALL_FILES) - {"exercises/bridge.md"})
    assert [str(p) for p in loaded.problems] == [
        f"{content}/routines/core.md:10: unknown exercise 'bridge' (no file exercises/bridge.md)"
    ]
