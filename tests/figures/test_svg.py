"""The figure's markup: well-formed, safe to inline, coloured only by the page, small, and escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import get_args

import pytest
from conftest import SHIPPED

from generator.figures import svg
from generator.figures.markup import Size
from generator.figures.model import FigureMeta

SIZES: tuple[Size, ...] = get_args(Size)
BUDGET = {"page": 8 * 1024, "thumb": 3 * 1024, "card": 3 * 1024}
NS = "{http://www.w3.org/2000/svg}"
COLOUR = re.compile(r"^(none|currentColor|var\(--eg-figure-[a-z-]+,#[0-9a-f]{3}(?:[0-9a-f]{3})?\))$")


def figures() -> list[tuple[str, FigureMeta, str, str]]:
    found = []
    for slug, front in sorted(SHIPPED.items()):
        alt = front["images"][0]["alt"] if front.get("images") else front["summary"]
        found.append((slug, FigureMeta.model_validate(front["figure"]), front["name"], alt))
    return found


FIGURES = figures()


@pytest.mark.parametrize("size", SIZES)
def test_every_figure_is_well_formed_and_within_its_budget(size: Size) -> None:
    for slug, meta, name, alt in FIGURES:
        markup = svg(meta, title=name, alt=alt, size=size)
        root = ET.fromstring(markup)
        assert root.tag == f"{NS}svg", slug
        assert len(markup.encode("utf-8")) <= BUDGET[size], f"{slug} {size}: {len(markup.encode())} bytes"
        assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", "")), slug


@pytest.mark.parametrize("size", SIZES)
def test_nothing_runs_or_loads_and_colours_come_from_the_page(size: Size) -> None:
    for slug, meta, name, alt in FIGURES:
        root = ET.fromstring(svg(meta, title=name, alt=alt, size=size))
        for element in root.iter():
            tag = element.tag.removeprefix(NS)
            assert tag in {"svg", "title", "g", "path", "rect", "circle", "clipPath"}, f"{slug}: <{tag}>"
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), f"{slug}: {attribute}"
                assert "href" not in attribute and "javascript" not in value.lower(), f"{slug}: {attribute}={value}"
                if "url(" in value:  # only the figure's own clip, by id
                    assert attribute == "clip-path" and re.fullmatch(r"url\(#eg-d[0-9a-f]{8}\)", value), (
                        f"{slug}: {attribute}={value}"
                    )
                if attribute in ("fill", "stroke"):
                    assert COLOUR.match(value), f"{slug}: {attribute}={value}"
            assert "style" not in element.attrib


def test_the_page_figure_names_itself_the_thumbnail_keeps_its_title_the_card_hides() -> None:
    _slug, meta, name, alt = FIGURES[0]
    page, thumb, card = (ET.fromstring(svg(meta, title=name, alt=alt, size=s)) for s in SIZES)
    assert page.get("role") == "img" and page.get("aria-label") == alt and page.findtext(f"{NS}title") == name
    assert thumb.get("role") == "img" and thumb.findtext(f"{NS}title") == name and thumb.get("width") == "160"
    assert card.get("aria-hidden") == "true" and card.find(f"{NS}title") is None


HOSTILE = [
    "</title><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "x' onmouseover='alert(1)",
    "&amp; &lt;b&gt; ]]> <!-- --> \u202e",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_and_alt_texts_are_escaped(text: str) -> None:
    _, meta, _, _ = FIGURES[0]
    for size in SIZES:
        markup = svg(meta, title=text, alt=text, size=size)
        root = ET.fromstring(markup)  # still well-formed
        assert [
            e.tag.removeprefix(NS)
            for e in root.iter()
            if e.tag.removeprefix(NS) not in {"svg", "title", "g", "path", "rect", "circle", "clipPath"}
        ] == []
        assert all(not a.lower().startswith("on") for e in root.iter() for a in e.attrib)
        if size == "page":
            assert root.get("aria-label") == text and root.findtext(f"{NS}title") == text  # the text, whole and inert
        # and as HTML would read it inline: no tag or attribute starts inside the text
        assert markup.count("<") == sum(1 for _ in root.iter()) * 2 - sum(
            1 for e in root.iter() if not list(e) and e.text is None and e.tag != f"{NS}title"
        )


def test_the_thumbnail_and_card_keep_a_fixed_shape() -> None:
    for slug, meta, name, alt in FIGURES:
        for size in ("thumb", "card"):
            width, height = (
                int(v) for v in ET.fromstring(svg(meta, title=name, alt=alt, size=size)).get("viewBox", "").split()[2:]
            )
            assert abs(width / height - 4 / 3) < 0.03, f"{slug} {size}: {width}x{height}"


def test_far_limbs_are_drawn_in_their_own_tone_in_side_views() -> None:
    _, meta, name, alt = next(f for f in FIGURES if f[0] == "bird-dog")
    markup = svg(meta, title=name, alt=alt, size="page")
    assert 'fill="var(--eg-figure-far,' in markup and 'fill="currentColor"' in markup and 'fill="var(--eg-figure-ghost,' in markup
