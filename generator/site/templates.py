"""The Jinja environment the page templates (theme/pages/) are rendered in: what they may call.

Every value from frontmatter is autoescaped; `md` escapes it for a Markdown context as well. Content
Markdown reaches a page only through `prose` and `step`, which render and sanitize it.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from markupsafe import Markup

from ..content import kinds, vocabularies
from ..content.records import terms_of
from ..content.schema import LEVELS, LIMITS
from . import custom_card, paths, qr, structured, words
from .context import markdown_text

if TYPE_CHECKING:
    from ..content.records import Catalog
    from .context import Site


def environment(site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(site.template_folders()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Not a file check for every page: the plugin drops compiled templates when their files change.
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.globals.update(
        paths=paths,
        vocabularies=vocabularies.all_vocabularies(),
        kinds=kinds,
        absolute_url=site.absolute_url,
        page_url=site.page_url,
        terms_of=terms_of,
        prose=_page_function(site.prose),
        steps=_page_function(site.steps),
        exercise_card=_exercise_card(site),
        figure=_figure,
        jsonld=_jsonld(site),
        reviewed=lambda record: structured.last_changed(site.settings.content).get(record.source),
        # The vocabularies as the page scripts need them, so that no script spells one out.
        vocabularies_json=lambda: json.dumps([{"id": v.id, "param": v.param} for v in vocabularies.all_vocabularies()]),
        levels=LEVELS,
        filter_counts=filter_counts,
        limits=LIMITS,
        # The reader's own card: the address of a routine's card in the builder, and the builder's data.
        card_address=custom_card.routine_address,
        card_data=lambda catalog, href: custom_card.script_json(custom_card.builder_data(catalog, site, href)),
        card_page=custom_card.page,
        card_long_after=custom_card.LONG_AFTER,
        card_cues=custom_card.CUES,
    )
    env.filters.update(
        md=markdown_text,
        dosage=words.dosage,
        dosage_short=words.dosage_short,
        seconds=words.seconds,
        about=words.about,
        level=lambda level: words.LEVEL_NAMES[level],
        longdate=words.date,
        # A routine's code is drawn on its page and again in the booklet, and segno is slow to draw.
        qr=functools.lru_cache(maxsize=None)(qr.svg),
    )
    return env


def filter_counts(catalog: Catalog) -> dict[str, Counter[str]]:
    """URL parameter of each of the exercise list's filters -> how many exercises each of its values shows on its
    own: the counts the page is built with ("Glutes (20)"), which guide.js recounts as filters combine."""
    exercises = catalog.exercises.values()
    counts: dict[str, Counter[str]] = {"level": Counter(str(exercise.level) for exercise in exercises)}
    for vocabulary in vocabularies.all_vocabularies():
        none = ("none",) if vocabulary.none_label else ()
        counts[vocabulary.param] = Counter(
            term for exercise in exercises for term in (set(terms_of(exercise, vocabulary.id)) or none)
        )
    return counts


def _page_function(render: Any) -> Any:
    """`render(text, source, page)` for templates, where the page is the one being rendered."""

    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, text: Any, source: str, *args: Any) -> Markup:
        result: Markup = render(text, source, context["src"], *args)
        return result

    return call


def _exercise_card(site: Site) -> Any:
    """`exercise_card(slug)`: the exercise's entry in a list, rendered once for each place it is linked
    from (its links are all that differ between the pages that list it)."""

    @jinja2.pass_context
    def card(context: jinja2.runtime.Context, slug: str) -> Markup:
        href = context["href"]

        def render(catalog: Any) -> Markup:
            html = context.environment.get_template("_exercise_card.md").render(catalog=catalog, slug=slug, href=href)
            return Markup(html.strip())

        # Pages at the same depth link to the exercise and its figure alike, and so show the same card: the
        # card made for one term page serves every other (its links are all that differ between places).
        return site.remember(("exercise_card", slug, href(paths.exercise(slug)), href(paths.figure(slug))), render)

    return card


def _jsonld(site: Site) -> Any:
    """`jsonld('exercise', record)`: the record as schema.org JSON-LD, ready for a <script> element."""

    @jinja2.pass_context
    def script(context: jinja2.runtime.Context, kind: str, record: Any) -> Markup:
        data = getattr(structured, kind)(context["catalog"], record, site)
        return Markup(structured.script(data))

    return script


def _figure(exercise: Any, size: Literal["page", "thumb", "card"]) -> Markup:
    """An exercise's figure, inline: its title is the name, its description the figure's alt text (or the summary)."""
    from ..figures import svg

    return Markup(svg(exercise.figure, title=exercise.name, alt=exercise.figure.alt or exercise.summary, size=size))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates kept between builds, as Python keeps its own in __pycache__ (in a folder
    of the user's own under the temporary directory, checked by Jinja): compiling them was a tenth of the
    generator's part of a build. Keyed by each template's text, so an edited template is compiled again."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had: compile every time
        return None
