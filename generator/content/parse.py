"""From bytes to data: decoding, frontmatter, and YAML with the line of every key and value.

Only the shape of the text is judged here; what the values mean is judged in `schema` and `checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's C parser is several times faster; the pure-Python one gives the same nodes.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]

# Nesting deeper than this is never content; it only exhausts the stack.
MAX_DEPTH = 40


@dataclass(frozen=True, slots=True)
class Flaw:
    """A problem found while reading one file, before its path is attached."""

    line: int
    message: str


class Unreadable(Exception):
    """The file cannot be read any further; carries what stopped it."""

    def __init__(self, *flaws: Flaw):
        self.flaws = flaws
        super().__init__("; ".join(flaw.message for flaw in flaws))


@dataclass(frozen=True, slots=True)
class Located:
    """YAML data as plain Python values, with the lines of its keys and values (1-based)."""

    data: Any
    key_lines: dict[Loc, int] = field(default_factory=dict)
    value_lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc, *, key: bool = False) -> int:
        """The line of the value at `loc` (or of its key), else of its nearest ancestor that exists."""
        lines = self.key_lines if key else self.value_lines
        for end in range(len(loc), -1, -1):
            here = loc[:end]
            if here in lines:
                return lines[here]
            if here in self.value_lines:
                return self.value_lines[here]
        return self.value_lines.get((), 1)


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file split into its frontmatter and body."""

    front: Located | None  # None when the file has no frontmatter at all
    body: str
    body_line: int  # the file line on which the body starts


def decode(raw: bytes) -> str:
    """UTF-8 text with any BOM removed and line endings made '\\n'."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise Unreadable(
            Flaw(line, f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at column {column}); save it as UTF-8")
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_FENCE = re.compile(r"^---[ \t]*$")


def split(text: str, *, required: bool) -> Document:
    """Split '---' frontmatter from the body. Without frontmatter the whole text is body."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if required:
            raise Unreadable(Flaw(1, "the file must start with a '---' line that opens the frontmatter"))
        return Document(None, text, 1)
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            front = load_yaml("\n".join(lines[1:index]), first_line=2, what="frontmatter")
            # A file that ends at its closing fence has its (empty) body there, not on a line after the end.
            return Document(front, "\n".join(lines[index + 1 :]), min(index + 2, len(lines)))
    raise Unreadable(Flaw(1, "the frontmatter opened on this line is never closed: add a '---' line after the last field"))


# YAML counts these as line breaks and editors mostly do not, so every line after one would be off.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


def load_yaml(text: str, *, first_line: int = 1, what: str = "file") -> Located:
    """Parse one YAML mapping, keeping lines. Raises Unreadable on the first problem of form."""
    if stray := _YAML_ONLY_BREAK.search(text):
        line = text.count("\n", 0, stray.start()) + first_line
        raise Unreadable(Flaw(line, f"the invisible line break U+{ord(stray[0]):04X} is not allowed in YAML; remove it"))
    if "*" in text:  # only an alias needs '*'; most files skip this second pass
        _refuse_aliases(text, first_line)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise Unreadable(_yaml_flaw(err, text, first_line)) from None
    except yaml.reader.ReaderError as err:  # its position counts bytes or characters, by parser; find the character
        line = text.count("\n", 0, max(text.find(chr(err.character)), 0)) + first_line
        raise Unreadable(Flaw(line, f"the character U+{err.character:04X} is not allowed in YAML; remove it")) from None
    except yaml.YAMLError as err:  # unmarked errors are rare (e.g. bad stream encoding)
        raise Unreadable(Flaw(first_line, f"invalid YAML: {err}")) from None
    except RecursionError:
        raise Unreadable(Flaw(first_line, f"the {what} is nested too deeply")) from None
    if node is None:
        raise Unreadable(Flaw(max(first_line - 1, 1), f"the {what} is empty"))
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise Unreadable(
            Flaw(node.start_mark.line + first_line, f"the {what} must be a mapping of fields ('name: value' lines), not {kind}")
        )
    walker = _Walker(first_line)
    data = walker.value(node, ())
    if walker.flaws:
        raise Unreadable(*walker.flaws)
    return Located(data, walker.key_lines, walker.value_lines)


def _refuse_aliases(text: str, first_line: int) -> None:
    """Aliases let a few lines expand to billions of values; content never needs them."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise Unreadable(
                    Flaw(
                        (event.start_mark.line if event.start_mark else 0) + first_line,
                        f"YAML aliases (*{event.anchor}) are not supported: write the value out",
                    )
                )
    except yaml.YAMLError:
        return  # compose() reports it, with its line


# After a key without ':' or a quote never closed, the scanner gives up lines later; the mistake is where it began.
_RAN_ON = ("could not find expected ':'", "found unexpected end of stream")


def _yaml_flaw(err: yaml.MarkedYAMLError, text: str, first_line: int) -> Flaw:
    source_lines = text.split("\n")
    mark = err.problem_mark or err.context_mark
    # A problem met only at the end of the text (a bracket never closed) is where the unfinished thing began.
    at_end = mark is not None and not "".join(source_lines[mark.line :]).strip()
    if err.context_mark is not None and (at_end or str(err.problem).startswith(_RAN_ON)):
        mark = err.context_mark
    last = len(text.rstrip().split("\n")) - 1  # libyaml may mark the line after the last one
    line = min(mark.line if mark else 0, last) + first_line
    here = source_lines[mark.line] if mark and mark.line < len(source_lines) else ""
    indent = here[: len(here) - len(here.lstrip())]
    if "\t" in indent or (mark is not None and "\t" in here[: mark.column + 1] and "cannot start any token" in str(err.problem)):
        return Flaw(line, "a tab character in the indentation: YAML indents with spaces only")
    problem = err.problem or "unreadable YAML"
    context = err.context if err.context and err.context not in problem else ""
    if context.startswith("while"):  # "did not find expected ',' while parsing a flow sequence"
        return Flaw(line, f"invalid YAML: {problem} {context}")
    # Other contexts read first: "expected a single document in the stream, but found another document".
    return Flaw(line, f"invalid YAML: {context}, {problem}" if context else f"invalid YAML: {problem}")


class _Walker:
    """Turns composed YAML nodes into plain values, recording lines and refusing aliases."""

    def __init__(self, first_line: int):
        self.offset = first_line
        self.key_lines: dict[Loc, int] = {}
        self.value_lines: dict[Loc, int] = {}
        self.flaws: list[Flaw] = []
        self._seen: set[int] = set()
        self._constructor = SafeConstructor()
        self._alias_reported = False

    def _line(self, node: Node) -> int:
        return node.start_mark.line + self.offset

    def value(self, node: Node, loc: Loc, depth: int = 0) -> Any:
        self.value_lines[loc] = self._line(node)
        if id(node) in self._seen:
            # A backstop for _refuse_aliases: never walk a shared node twice.
            if not self._alias_reported:
                self._alias_reported = True
                self.flaws.append(
                    Flaw(self._line(node), "YAML anchors and aliases (&name, *name) are not supported: write the value out")
                )
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.flaws.append(Flaw(self._line(node), "values are nested too deeply"))
            return None
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:str":  # most values: the constructor would return the text as it is
                return node.value
            try:
                return self._constructor.construct_object(node, deep=True)
            except Exception:
                self.flaws.append(Flaw(self._line(node), f"unsupported YAML value {node.value!r} (tag {node.tag})"))
                return None
        if isinstance(node, SequenceNode):
            return [self.value(item, (*loc, index), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = self._line(key_node)
            if not isinstance(key_node, ScalarNode):
                self.flaws.append(Flaw(key_line, "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key_node.tag != "tag:yaml.org,2002:str":
                # YAML reads `yes:` or `1:` as non-text; keys are field names or ids, always text.
                key = str(key)
            if key in result:
                first = self.key_lines[(*loc, key)]
                self.flaws.append(Flaw(key_line, f"'{key}' is given twice (first on line {first}); keep one"))
                continue
            self.key_lines[(*loc, key)] = key_line
            result[key] = self.value(value_node, (*loc, key), depth + 1)
        return result


def yaml_scalar(value: str) -> str:
    """Text as a YAML scalar on one line, as PyYAML writes it: plain where YAML reads it back unchanged,
    else quoted. For the files the generator writes for editors (`new`, `import`)."""
    return str(yaml.safe_dump(value, allow_unicode=True, width=1_000_000)).removesuffix("\n").removesuffix("\n...")
