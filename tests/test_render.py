"""The site's own helpers, against what they stand in for: the page metadata reads back as YAML the
same; relative links equal posixpath.relpath's; HTML blocks hidden from Python-Markdown come back as
they were, and only where that is safe."""

from __future__ import annotations

import html
import posixpath

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.html_blocks import hide_html_blocks, restore_html_blocks
from generator.site.pages import frontmatter
from generator.site.paths import linker, page_url

# Text as an editor may type it, with what YAML reads specially: indicators, keywords, numbers, line breaks.
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "yes",
            "No",
            "null",
            "~",
            "1.5",
            "0x10",
            "- a",
            "a: b",
            "#x",
            "x #y",
            "'q'",
            '"q"',
            "a\u2028b",
            "\ufeffx",
            "\x85",
            "😀 run",
            " lead",
            "trail ",
        ]
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    title=TEXT,
    description=TEXT,
    tags=st.lists(TEXT, max_size=4),
    boost=st.sampled_from([0.5, 2, 10.0]),
    exclude=st.booleans(),
)
def test_page_metadata_reads_back_as_written(title: str, description: str, tags: list[str], boost: float, exclude: bool) -> None:
    meta = {
        "title": title,
        "description": description,
        "tags": tags,
        "search": {"boost": boost, "exclude": exclude},
        "hide": ["toc"],
        "none": None,
    }
    text = frontmatter(dict(meta))
    assert text.startswith("---\n") and text.endswith("---\n\n")
    read = yaml.safe_load(text.split("---\n")[1])
    expected = {
        **meta,
        "title": html.escape(title),
        "description": html.escape(description),
        "tags": [html.escape(tag) for tag in tags],
    }
    assert read == expected


PAGES = [
    "index.md",
    "exercises/index.md",
    "exercises/plank.md",
    "muscles/core/index.md",
    "muscles/core.md",
    "guides/a/b.md",
    "schema/exercise.json",
    "assets/x.svg",
    "routines/print.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_relative_links_are_posixpaths_own(directory_urls: bool) -> None:
    for here in PAGES:
        if not here.endswith(".md"):
            continue
        href = linker(here, directory_urls)
        url = page_url(here, directory_urls)
        folder = url[:-1] if url.endswith("/") else posixpath.dirname(url)
        for to in PAGES:
            target = page_url(to, directory_urls)
            expected = posixpath.relpath(target or ".", folder or ".")
            if not target or target.endswith("/"):
                expected = "./" if expected == "." else expected + "/"
            assert href(to) == expected, (here, to)


def test_links_from_the_source_s_folder_are_what_zensical_turns_into_the_page_s() -> None:
    """Zensical reads a relative link as written from the Markdown file's folder and rewrites it for the
    page's address (one '../' more from 'routines/x.md', served at routines/x/): written so, it lands
    where the page's own link does."""
    for here in PAGES:
        if not here.endswith(".md"):
            continue
        from_source, from_page = linker(here, from_source=True), linker(here)
        folder = posixpath.dirname(here)
        for to in PAGES:
            # What Zensical does: resolve from the file's folder, then relative to the page's address (under
            # a base path, where a link that climbs too high is not forgiven as at a server's root).
            resolved = posixpath.normpath(posixpath.join("/base/path/" + folder, from_source(to)))
            page = page_url(here)
            at = "/base/path/" + (page[:-1] if page.endswith("/") else posixpath.dirname(page))
            rewritten = posixpath.relpath(resolved, at)
            assert posixpath.normpath(rewritten) == posixpath.normpath(from_page(to)), (here, to)


def _python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "def_list", "footnotes", "tables", "toc", "admonition"])


def _through_markdown(text: str) -> str:
    hidden, blocks = hide_html_blocks(text)
    return restore_html_blocks(_python_markdown(hidden), blocks)


PAGE = """# Plank

<div class="facts"><p>Level: <b>beginner</b></p>
<ul><li>a</li></ul></div>

Some *text* with <span>inline</span> HTML.

<ol class="steps"><li>One</li><li>Two</li></ol>

<div>

Markdown *inside* a div.

</div>

<section><div>nested</div><div>twice</div></section>

The end.
"""


def test_hidden_blocks_come_back_as_python_markdown_would_write_them() -> None:
    hidden, blocks = hide_html_blocks(PAGE)
    assert len(blocks) == 3  # facts, steps, section; not the div with Markdown between blank lines
    assert "<!--eg-html 0-->" in hidden and '<div class="facts">' not in hidden
    assert _through_markdown(PAGE) == _python_markdown(PAGE)


@pytest.mark.parametrize(
    "block",
    [
        '<div id="x">anchor</div>',
        '<div><a name="x">anchor</a></div>',
        '<div markdown="1">*md_in_html*</div>',
        "<div><!-- a comment --></div>",
        "<div><script>let a = '<div>';</script></div>",
        "<div><pre>raw</pre></div>",
        "<div>one</div><div>two</div>",
        "<div>unclosed",
        "<span>inline, not a block</span>",
        "  <div>indented</div>",
        "<DIV>upper case</DIV>",
    ],
)
def test_blocks_in_doubt_are_left_to_python_markdown(block: str) -> None:
    text = f"Before.\n\n{block}\n\nAfter.\n"
    assert hide_html_blocks(text) == (text, [])


@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_a_page_with_a_fence_is_left_whole(fence: str) -> None:
    text = f"<div>kept</div>\n\n{fence}html\n\n<div>code</div>\n\n{fence}\n"
    assert hide_html_blocks(text) == (text, [])


def test_a_page_that_spells_a_placeholder_is_left_whole() -> None:
    text = "<div>kept</div>\n\nThe text <!--eg-html 0--> itself.\n"
    assert hide_html_blocks(text) == (text, [])
