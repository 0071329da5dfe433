"""What content may publish as HTML: one allowlist, applied by nh3 (the binding of Rust's ammonia).

Everything a content file contributes to a page as HTML (bodies, steps) is rendered from its Markdown
by markdown.py and then goes through `clean` before it reaches the page, in the MkDocs plugin and in
`emit` alike. `judge` tells what cleaning changed, so that `validate` and the build refuse content
whose page would differ from what the editor wrote: the page is never changed silently.

To find what changed, the HTML before and after cleaning is parsed with lexbor (selectolax), an HTML5
parser like the browser's and like ammonia's own, and the two trees are compared. Whatever confuses
the parsers (a `<style>` in `<svg>`, a comment that ends early, a tag inside an attribute of `<xmp>`)
comes out of the comparison as a difference, so it is refused too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

# ---- the allowlist ------------------------------------------------------------------------------
# Elements that lay out text, with the attributes each may carry besides GLOBAL_ATTRIBUTES. Nothing
# that runs, fetches, submits, styles or reframes the page (script, style, link, base, meta, form,
# iframe, object, embed, svg, math...) and no event handler. Links may be http, https, mailto or
# relative; images only files of the site itself (relative URLs), so that no page fetches from another host.

ELEMENTS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "b": frozenset(),
    "blockquote": frozenset(),
    "br": frozenset(),
    "caption": frozenset(),
    "code": frozenset(),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "dd": frozenset(),
    "del": frozenset(),
    "details": frozenset({"open"}),
    "div": frozenset(),
    "dl": frozenset(),
    "dt": frozenset(),
    "em": frozenset(),
    "figcaption": frozenset(),
    "figure": frozenset(),
    **{f"h{level}": frozenset() for level in range(1, 7)},
    "hr": frozenset(),
    "i": frozenset(),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "ins": frozenset(),
    "kbd": frozenset(),
    "li": frozenset({"value"}),
    "mark": frozenset(),
    "ol": frozenset({"start", "reversed"}),
    "p": frozenset(),
    "pre": frozenset(),
    "q": frozenset(),
    "s": frozenset(),
    "samp": frozenset(),
    "section": frozenset(),
    "small": frozenset(),
    "span": frozenset(),
    "strong": frozenset(),
    "sub": frozenset(),
    "summary": frozenset(),
    "sup": frozenset(),
    "table": frozenset(),
    "tbody": frozenset(),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "tfoot": frozenset(),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "thead": frozenset(),
    "tr": frozenset(),
    "u": frozenset(),
    "ul": frozenset(),
    "var": frozenset(),
    "wbr": frozenset(),
}
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
STYLE_PROPERTIES = frozenset({"text-align"})  # what Markdown tables write on their cells, and nothing else
# The classes the content's Markdown makes (admonitions, footnotes, code languages), by element.
ADMONITIONS = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"admonition", *ADMONITIONS}),
    "p": frozenset({"admonition-title"}),
    "sup": frozenset({"footnote-ref"}),
    "a": frozenset({"footnote-backref"}),
    "hr": frozenset({"footnotes-sep"}),
    "section": frozenset({"footnotes"}),
    "ol": frozenset({"footnotes-list"}),
    "li": frozenset({"footnote-item"}),
}
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
# An id may not take the theme's (Material's start with '__', ours with 'eg-'), nor shadow a page's globals.
_ID = re.compile(r"(?!eg-|md-)[A-Za-z][A-Za-z0-9_:.-]{0,63}")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """The checks nh3 cannot express as sets: ids, code languages, and images only from the site."""
    if attribute == "id":
        return value if _ID.fullmatch(value) else None
    if attribute == "class" and element == "code":
        return value if _CODE_CLASS.fullmatch(value) else None
    if element == "img" and attribute == "src":
        return value if is_local(value) else None
    return value


def is_local(url: str) -> bool:
    """A URL within the site: relative, with no scheme and no host ('//host/...')."""
    stripped = url.strip()
    return not _SCHEME.match(stripped) and not stripped.startswith(("//", "\\\\", "/\\", "\\/"))


@functools.cache
def _cleaner() -> Any:
    """nh3's cleaner for the allowlist, made once, when a body first needs it (nh3 is loaded only then)."""
    import nh3

    return nh3.Cleaner(
        tags=set(ELEMENTS),
        clean_content_tags={
            "script",
            "style",
            "template",
            "noscript",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "plaintext",
            "textarea",
            "title",
        },
        attributes={
            "*": set(GLOBAL_ATTRIBUTES - {"class"}),
            **{tag: set(names) for tag, names in ELEMENTS.items()},
            "code": {"class"},
        },
        attribute_filter=_attribute,
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


def clean(html: str) -> str:
    """`html` as it may be published: whatever the allowlist does not name is taken out."""
    return str(_cleaner().clean(html))


# A URL the allowlist takes as it is, whatever the parser makes of it: a scheme of URL_SCHEMES (links)
# or none, and only characters that need no decoding.
_PLAIN_URL = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]*")


def plain_url(url: str, *, image: bool) -> bool:
    """Whether a Markdown link's (or image's) URL passes the allowlist unchanged, so that it need not be judged."""
    if not _PLAIN_URL.fullmatch(url) or url.startswith(("//", "\\")):
        return False
    scheme = _SCHEME.match(url)
    if scheme is None:
        return True
    return not image and scheme[1].lower() in URL_SCHEMES


# ---- what cleaning changed ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the sanitizer took out: what, and a word to find it by in the source."""

    message: str
    needle: str  # text to look for in the Markdown, to give the line (case-insensitive)


# Put after the HTML before it is parsed: a tag, an attribute value or a raw-text element (<textarea>,
# <title>, <script>) left open at the end would take in whatever follows on the page. Cleaning closes or
# drops it, so the page is safe either way; but what the editor wrote would vanish without a word.
_END = '<i class="eg-end"></i>'
_END_NODE = ("element", "i", (("class", "eg-end"),))  # as _nodes gives it, without its depth


def judge(html: str) -> tuple[str, list[Change]]:
    """The published HTML, and what cleaning changed in it (empty when nothing: all is published as written)."""
    cleaned = clean(html)
    before, after = list(_nodes(html + _END)), list(_nodes(cleaned + _END))
    # The marker must come out last and at the top: not swallowed by a tag or raw text, nor inside an open element.
    unfinished = [] if before[-1:] == [(0, *_END_NODE)] else [Change(_UNFINISHED, "<")]
    if before == after:  # only the serialisation differs (quotes, '<br />'), or comments went
        return cleaned, []
    mine = [node for node in before if node[1:] != _END_NODE] if unfinished else before[:-1]
    changes = unfinished + _changes(mine, after[:-1])
    return cleaned, list(dict.fromkeys(changes)) or [Change(_CHANGED, "<")]


_UNFINISHED = "the HTML here is left unfinished (a tag, a quote or an element never closed): finish it"
_CHANGED = "this HTML would not be published as written; use Markdown, or the HTML elements CONTRIBUTING.md lists"

Node = tuple[int, str, str, tuple[tuple[str, str], ...]]  # (depth, "element" or "text", tag or text, attributes)


def _nodes(html: str) -> Iterator[Node]:
    """The document's elements and texts in order, with their depth, as a browser would build them from `html`."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    body, head = tree.body, tree.head
    for root in (head, body):
        if root is not None:
            yield from _walk(root, 0)


def _walk(parent: LexborNode, depth: int) -> Iterator[Node]:
    child = parent.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            if child.text_content:
                yield (depth, "text", child.text_content, ())
        elif not tag.startswith("-"):  # comments and the doctype are not content
            attributes = tuple(sorted((str(name), value or "") for name, value in child.attributes.items()))
            yield (depth, "element", tag, attributes)
            yield from _walk(child, depth + 1)
        child = child.next


def _changes(before: list[Node], after: list[Node]) -> list[Change]:
    """What is in `before` and not in `after`, walking both in order. An element taken out with its
    content is one change, not one for each thing inside it."""
    changes: list[Change] = []
    i = j = 0
    while i < len(before):
        depth, kind, name, attributes = before[i]
        if j < len(after) and after[j][1:] == (kind, name, attributes):
            i, j = i + 1, j + 1
            continue
        if kind == "element" and j < len(after) and after[j][1:3] == ("element", name):
            kept = dict(after[j][3])
            changes += [
                _attribute_change(name, attr, value, kept.get(attr)) for attr, value in attributes if kept.get(attr) != value
            ]
            i, j = i + 1, j + 1
            continue
        if kind == "element":
            if name not in ELEMENTS:  # an allowed element goes only with a disallowed one around it, reported itself
                changes.append(_element_change(name))
            inside = i + 1
            while inside < len(before) and before[inside][0] > depth:
                inside += 1
            # Unwrapped (some of its content kept, one level up) or taken out whole (its content gone too)?
            content_kept = j < len(after) and after[j][1:] in {node[1:] for node in before[i + 1 : inside]}
            i = i + 1 if content_kept else inside
            continue
        if j < len(after) and after[j][1] == "text":
            j += 1  # text that differs: whatever made it differ is reported from its element
        i += 1
    return changes


def _element_change(tag: str) -> Change:
    return Change(
        f"<{tag}> is not allowed in content: raw HTML may only lay out text (CONTRIBUTING.md lists what is allowed)", f"<{tag}"
    )


def _attribute_change(tag: str, attribute: str, value: str, kept: str | None) -> Change:
    if attribute.startswith("on"):
        return Change(f"the event-handler attribute '{attribute}' is not allowed", attribute)
    if attribute in ("href", "src") or attribute.endswith("action"):
        shown = value if len(value) <= 60 else value[:60] + "…"
        if tag == "img" and attribute == "src":
            return Change(f"the image '{shown}' is not allowed: images must be files in content/media/", value[:20] or attribute)
        return Change(f"the link '{shown}' is not allowed: links may be http, https, mailto or relative", value[:20] or attribute)
    if attribute == "class":
        removed = [name for name in value.split() if name not in (kept or "").split()] or [value]
        return Change(f"the class '{' '.join(removed)}' is not allowed on <{tag}>", removed[0])
    if attribute == "style":
        return Change(f"the style attribute is not allowed ('{value[:40]}'); the site's stylesheet styles content", "style")
    if attribute == "id":
        return Change(
            f"the id '{value[:40]}' is not allowed (ids start with a letter, and 'eg-' and 'md-' belong to the site)",
            value[:20] or "id",
        )
    return Change(f"the attribute '{attribute}' is not allowed on <{tag}>", attribute)
