"""content/media/: images only, each what its name says it is, and SVGs that cannot run or fetch.

The site publishes media files as they are, and a browser opens an SVG as a document of its own, so
an SVG is judged element by element against an allowlist of drawing elements: no script, no event
handler, no `foreignObject` (HTML inside the drawing), no animation that could set a link, and no
reference to anything outside the file. Offending SVGs are refused, not cleaned: the file is the
editor's own, and a drawing quietly changed could show something else than they drew.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable

from .parse import Flaw
from .schema import IMAGE_SUFFIXES, LIMITS

# The first bytes of each raster format, so that a page can never be served as an image by its name alone.
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    ".png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".gif": lambda head: head.startswith((b"GIF87a", b"GIF89a")),
    ".webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    ".avif": lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"),
}

SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "title",
        "desc",
        "metadata",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feFlood",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feOffset",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "image",
        "style",
        "switch",
    ]
)
_LINK_ATTRIBUTES = ("href", "xlink:href")
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x20]+")


def judge(name: str, data: bytes) -> list[Flaw]:
    """What is wrong with the media file `name` (its path under media/) holding `data`."""
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if suffix not in IMAGE_SUFFIXES:
        allowed = ", ".join(s[1:] for s in IMAGE_SUFFIXES)
        return [Flaw(1, f"content/media/ holds images only ({allowed}); this file would be published as it is: move it out")]
    if len(data) > LIMITS.media_bytes:
        return [Flaw(1, f"the image is {len(data):,} bytes; at most {LIMITS.media_bytes:,} are allowed")]
    if suffix == ".svg":
        return judge_svg(data)
    if not _SIGNATURES[suffix](data[:16]):
        return [Flaw(1, f"this file is not a {suffix[1:].upper()} image, whatever its name says")]
    return []


def judge_svg(data: bytes) -> list[Flaw]:
    judge = _SvgJudge()
    try:
        judge.parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        return [Flaw(error.lineno, f"this SVG is not well-formed XML ({xml.parsers.expat.ErrorString(error.code)})")]
    if judge.root is None:
        return [Flaw(1, "this file is not an SVG image")]
    return judge.flaws


class _SvgJudge:
    def __init__(self) -> None:
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = lambda target, data: None
        self.flaws: list[Flaw] = []
        self.root: str | None = None
        self.in_style = False

    @property
    def line(self) -> int:
        return int(self.parser.CurrentLineNumber)

    def doctype(self, *_: object) -> None:
        self.flaws.append(Flaw(self.line, "an SVG may not have a DOCTYPE (it can define entities and fetch files)"))

    def entity(self, *_: object) -> None:
        self.flaws.append(Flaw(self.line, "an SVG may not define entities"))

    def start(self, qualified: str, attributes: dict[str, str]) -> None:
        namespace, _, tag = qualified.rpartition(" ")
        if self.root is None:
            self.root = tag
            if tag != "svg":
                self.flaws.append(Flaw(self.line, f"this file's root element is <{tag}>, not <svg>"))
        self.in_style = tag == "style"
        if namespace and namespace != "http://www.w3.org/2000/svg":
            self.flaws.append(Flaw(self.line, f"<{tag}> from another vocabulary ({namespace}) is not allowed in an SVG"))
        elif tag not in SVG_ELEMENTS:
            self.flaws.append(
                Flaw(self.line, f"<{tag}> is not allowed in an SVG of the guide (no script, HTML, animation or external content)")
            )
        for qualified_name, value in attributes.items():
            self.attribute(tag, qualified_name.rpartition(" ")[2], qualified_name, value)

    def attribute(self, tag: str, name: str, qualified: str, value: str) -> None:
        bare = _CONTROLS.sub("", value)
        if name.lower().startswith("on"):
            self.flaws.append(Flaw(self.line, f"the event-handler attribute '{name}' is not allowed in an SVG"))
        elif name in _LINK_ATTRIBUTES or qualified.endswith(" href"):
            if tag == "image" and _DATA_IMAGE.match(bare):
                return
            if not bare.startswith("#"):
                self.flaws.append(
                    Flaw(self.line, f"<{tag}> refers to '{value[:60]}': an SVG may only refer to its own parts ('#id')")
                )
        elif _SCRIPT_URL.match(bare):
            self.flaws.append(Flaw(self.line, f"the attribute '{name}' holds a script URL"))
        elif _CSS_FETCH.search(value):  # style="…url(…)…", fill="url(…)": only '#id' may follow url(
            self.flaws.append(Flaw(self.line, f"the attribute '{name}' refers to something outside the file (url() or @import)"))

    def text(self, data: str) -> None:
        if self.in_style and _CSS_FETCH.search(data):
            self.flaws.append(Flaw(self.line, "a style in an SVG may not fetch anything (url() or @import)"))
