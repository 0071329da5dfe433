"""generator.parse: bytes -> text -> frontmatter and body -> YAML data with the line of every key and value."""

from __future__ import annotations

import datetime

import pytest
import yaml

from generator.content.parse import MAX_DEPTH, Flaw, Unreadable, decode, load_yaml, split

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml words its errors differently")


def flaws_of(call, *args, **kwargs) -> list[tuple[int, str]]:
    with pytest.raises(Unreadable) as caught:
        call(*args, **kwargs)
    return [(flaw.line, flaw.message) for flaw in caught.value.flaws]


# ---- decode ----------------------------------------------------------------------------------------


def test_decode_plain_utf8():
    assert decode("name: Übung — ok\n".encode()) == "name: Übung — ok\n"


def test_decode_drops_the_bom():
    assert decode(b"\xef\xbb\xbf---\nname: x\n") == "---\nname: x\n"


def test_decode_makes_crlf_and_cr_into_lf():
    assert decode(b"a\r\nb\rc\n") == "a\nb\nc\n"


def test_decode_bom_and_crlf_together():
    assert decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n") == "a: 1\nb: 2\n"


def test_decode_refuses_latin1_with_line_and_column():
    raw = b"---\nname: Plank\nsummary: caf\xe9 au lait\n---\n"
    assert flaws_of(decode, raw) == [(3, "the file is not valid UTF-8 (byte 0xe9 at column 13); save it as UTF-8")]


def test_decode_refuses_a_bad_byte_on_the_first_line():
    assert flaws_of(decode, b"\xff\xfeabc") == [(1, "the file is not valid UTF-8 (byte 0xff at column 1); save it as UTF-8")]


def test_decode_line_counts_after_crlf():
    assert flaws_of(decode, b"a\r\nb\r\n\x80") == [(3, "the file is not valid UTF-8 (byte 0x80 at column 1); save it as UTF-8")]


# ---- split -----------------------------------------------------------------------------------------


def test_split_frontmatter_and_body():
    document = split("---\nname: Plank\nlevel: beginner\n---\n\nBody text\n", required=True)
    assert document.front is not None
    assert document.front.data == {"name": "Plank", "level": "beginner"}
    assert document.body == "\nBody text\n"
    assert document.body_line == 5
    assert document.front.line(("name",)) == 2
    assert document.front.line(("level",)) == 3


def test_split_accepts_trailing_spaces_on_fences():
    document = split("---  \nname: x\n--- \t\nbody", required=True)
    assert document.front.data == {"name": "x"}
    assert document.body == "body"
    assert document.body_line == 4


def test_split_body_line_of_a_file_that_ends_at_its_fence():
    # the body is empty; its line is the closing fence, not a line after the end of the file
    assert (split("---\nname: x\n---", required=True).body_line, split("---\nname: x\n---", required=True).body) == (3, "")
    assert split("---\nname: x\n---\n", required=True).body_line == 4


def test_split_accepts_yaml_document_end_as_closing_fence():
    document = split("---\nname: x\n...\nbody", required=True)
    assert document.front.data == {"name": "x"}
    assert document.body == "body"


def test_split_without_frontmatter_where_optional_is_all_body():
    document = split("# Title\n\ntext\n", required=False)
    assert document.front is None
    assert document.body == "# Title\n\ntext\n"
    assert document.body_line == 1


def test_split_requires_frontmatter_for_records():
    assert flaws_of(split, "# Title\n", required=True) == [
        (1, "the file must start with a '---' line that opens the frontmatter")
    ]


def test_split_frontmatter_must_start_on_the_first_line():
    assert flaws_of(split, "\n---\nname: x\n---\n", required=True) == [
        (1, "the file must start with a '---' line that opens the frontmatter")
    ]


def test_split_unclosed_frontmatter():
    assert flaws_of(split, "---\nname: x\nlevel: beginner\n\nBody\n", required=True) == [
        (1, "the frontmatter opened on this line is never closed: add a '---' line after the last field")
    ]


def test_split_empty_frontmatter():
    assert flaws_of(split, "---\n---\nbody\n", required=True) == [(1, "the frontmatter is empty")]


def test_split_frontmatter_that_is_a_list():
    assert flaws_of(split, "---\n- name: x\n- level: y\n---\n", required=True) == [
        (2, "the frontmatter must be a mapping of fields ('name: value' lines), not a list")
    ]


def test_split_frontmatter_that_is_a_single_value():
    assert flaws_of(split, "---\n\njust text\n---\n", required=True) == [
        (3, "the frontmatter must be a mapping of fields ('name: value' lines), not a single value")
    ]


def test_split_yaml_error_lines_count_from_the_file_start():
    assert flaws_of(split, '---\nname: x\nsummary: "open\n---\n', required=True) == [
        (3, "invalid YAML: found unexpected end of stream while scanning a quoted scalar")
    ]


# ---- load_yaml: the shape of the YAML ------------------------------------------------------------


def test_load_yaml_values_and_lines():
    located = load_yaml("name: Plank\nmuscles:\n  primary: [core, glutes]\n  secondary:\n    - hips\nsets: 3\n")
    assert located.data == {"name": "Plank", "muscles": {"primary": ["core", "glutes"], "secondary": ["hips"]}, "sets": 3}
    assert located.key_lines[("muscles", "secondary")] == 4
    assert located.value_lines[("muscles", "secondary")] == 5
    assert located.value_lines[("muscles", "secondary", 0)] == 5
    assert located.value_lines[("muscles", "primary", 1)] == 3
    assert located.line(("muscles", "secondary")) == 5
    assert located.line(("muscles", "secondary"), key=True) == 4
    assert located.line(("sets",)) == 6


def test_located_line_falls_back_to_the_nearest_ancestor():
    located = load_yaml("name: x\nmuscles:\n  primary: [a]\n")
    assert located.line(("muscles", "secondary", 3)) == 3  # the value of 'muscles' starts on line 3
    assert located.line(("muscles", "secondary"), key=True) == 2  # the key 'muscles'
    assert located.line(("nothing",)) == 1
    assert located.line(()) == 1


def test_load_yaml_first_line_offsets_every_line():
    located = load_yaml("a: 1\nb: 2\n", first_line=10)
    assert located.line(("a",)) == 10
    assert located.line(("b",), key=True) == 11


def test_load_yaml_keeps_yaml_scalars_as_yaml_reads_them():
    located = load_yaml("a: 3\nb: '3'\nc: yes\nd: 2024-05-01\ne:\nf: 2.5\n")
    assert located.data == {"a": 3, "b": "3", "c": True, "d": datetime.date(2024, 5, 1), "e": None, "f": 2.5}


def test_load_yaml_keys_are_always_text():
    located = load_yaml("1: one\nyes: y\nnull: n\n")
    assert located.data == {"1": "one", "yes": "y", "null": "n"}
    assert located.line(("1",), key=True) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, "the file is empty")]),
        ("# only a comment\n", [(1, "the file is empty")]),
        ("- a\n- b\n", [(1, "the file must be a mapping of fields ('name: value' lines), not a list")]),
        ("plain\n", [(1, "the file must be a mapping of fields ('name: value' lines), not a single value")]),
    ],
)
def test_load_yaml_refuses_what_is_no_mapping(text, expected):
    assert flaws_of(load_yaml, text) == expected


def test_load_yaml_names_what_it_reads():
    assert flaws_of(load_yaml, "", what="taxonomy") == [(1, "the taxonomy is empty")]


# The messages are libyaml's, which PyYAML's wheels include; the pure-Python parser words them differently.
@needs_libyaml
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\nb: 3\n", [(2, "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence")]),
        ("a: 1\n b: 2\n", [(2, "invalid YAML: mapping values are not allowed in this context")]),
        ("name: x\nsummary: one: two\n", [(2, "invalid YAML: mapping values are not allowed in this context")]),
        # an unclosed quote is reported where it opens, not at the end of the text
        ("a: 'x\n\nb: 2\nc: 3\n", [(1, "invalid YAML: found unexpected end of stream while scanning a quoted scalar")]),
        # a line without ':' is reported on that line, not at the next key
        ("a: 1\nb\n\n\nc: 2\n", [(2, "invalid YAML: could not find expected ':' while scanning a simple key")]),
        ('a: 1\nb: "x" y\n', [(2, "invalid YAML: did not find expected key while parsing a block mapping")]),
        ("a: {b: 1\n\nc: 2\n", [(3, "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping")]),
        ('a: "\\q"\n', [(1, "invalid YAML: found unknown escape character while parsing a quoted scalar")]),
        ("a: 1\n---\nb: 2\n", [(2, "invalid YAML: expected a single document in the stream, but found another document")]),
        ("a: 1\n--- b: 2\n", [(2, "invalid YAML: expected a single document in the stream, but found another document")]),
        ("a: @x\n", [(1, "invalid YAML: found character that cannot start any token while scanning for the next token")]),
    ],
)
def test_load_yaml_invalid_yaml(text, expected):
    assert flaws_of(load_yaml, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a:\n\tb: 1\n",  # a tab alone
        "a: |\n  x\n\tb\n",  # a tab in a block scalar's indentation
        "a:\n  b: 1\n\t c: 2\n",  # a tab before spaces, after a valid line
        "a:\n \tb: 1\n",  # a tab after a space
    ],
)
def test_load_yaml_tab_in_indentation(text):
    line = next(n for n, row in enumerate(text.split("\n"), 1) if "\t" in row)
    assert flaws_of(load_yaml, text) == [(line, "a tab character in the indentation: YAML indents with spaces only")]


def test_load_yaml_tab_inside_a_value_is_fine():
    assert load_yaml("a: one\ttwo\n").data == {"a": "one\ttwo"}


def test_load_yaml_duplicate_key():
    assert flaws_of(load_yaml, "name: a\nlevel: b\nname: c\n") == [(3, "'name' is given twice (first on line 1); keep one")]


def test_load_yaml_duplicate_key_nested_and_every_one_reported():
    text = "dosage:\n  sets: 1\n  sets: 2\nname: a\nname: b\n"
    assert flaws_of(load_yaml, text) == [
        (3, "'sets' is given twice (first on line 2); keep one"),
        (5, "'name' is given twice (first on line 4); keep one"),
    ]


def test_load_yaml_same_key_in_different_mappings_is_fine():
    located = load_yaml("a:\n  x: 1\nb:\n  x: 2\n")
    assert located.data == {"a": {"x": 1}, "b": {"x": 2}}


def test_load_yaml_key_that_is_a_list():
    assert flaws_of(load_yaml, "[a, b]: 1\nc: 2\n") == [(1, "a key must be a plain word, not a list or mapping")]


def test_load_yaml_alias():
    assert flaws_of(load_yaml, "a: &x [1, 2]\nb: *x\n") == [(2, "YAML aliases (*x) are not supported: write the value out")]


def test_load_yaml_anchor_without_alias_is_harmless():
    assert load_yaml("a: &x 1\nb: 2\n").data == {"a": 1, "b": 2}


def test_load_yaml_star_in_text_is_no_alias():
    assert load_yaml("a: '*x'\nb: 2 * 3\n").data == {"a": "*x", "b": "2 * 3"}


def test_load_yaml_alias_bomb_is_refused_at_its_first_alias():
    rows = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 9):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert flaws_of(load_yaml, "\n".join(rows) + "\n", first_line=2) == [
        (3, "YAML aliases (*a) are not supported: write the value out")
    ]


def test_load_yaml_merge_key_needs_an_alias_and_is_refused():
    assert flaws_of(load_yaml, "base: &b {sets: 1}\nother:\n  <<: *b\n") == [
        (3, "YAML aliases (*b) are not supported: write the value out")
    ]


def test_load_yaml_nesting_limit():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert flaws_of(load_yaml, deep) == [(1, "values are nested too deeply")]
    shallow = "a: " + "[" * 10 + "]" * 10 + "\n"
    assert load_yaml(shallow).data["a"] == [[[[[[[[[[]]]]]]]]]]


def test_load_yaml_very_deep_nesting_never_overflows_the_stack():
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    flaws = flaws_of(load_yaml, deep)
    assert len(flaws) == 1 and flaws[0][0] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object:os.system x\n", "unsupported YAML value 'x' (tag tag:yaml.org,2002:python/object:os.system)"),
        ("a: !custom 3\n", "unsupported YAML value '3' (tag !custom)"),
        ("a: !!int nope\n", "unsupported YAML value 'nope' (tag tag:yaml.org,2002:int)"),
        ("a: !!timestamp nope\n", "unsupported YAML value 'nope' (tag tag:yaml.org,2002:timestamp)"),
        ("a: !!float 1e\n", "unsupported YAML value '1e' (tag tag:yaml.org,2002:float)"),
    ],
)
def test_load_yaml_unsupported_tags(text, expected):
    assert flaws_of(load_yaml, text) == [(1, expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: x\x00y\n", (3, "the character U+0000 is not allowed in YAML; remove it")),
        ("a: é\nb: ü\x07\n", (3, "the character U+0007 is not allowed in YAML; remove it")),  # after multi-byte characters
        ("a: 1\n\nc: \x7f\n", (4, "the character U+007F is not allowed in YAML; remove it")),
        ("a: \ufffe\n", (2, "the character U+FFFE is not allowed in YAML; remove it")),
    ],
)
def test_load_yaml_characters_yaml_refuses(text, expected):
    assert flaws_of(load_yaml, text, first_line=2) == [expected]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_load_yaml_refuses_line_breaks_only_yaml_counts(char):
    # YAML would count them as line breaks, and report every later line one too far
    text = f"name: Pl{char}ank\nlevel: x\n"
    assert flaws_of(load_yaml, text, first_line=2) == [
        (2, f"the invisible line break U+{ord(char):04X} is not allowed in YAML; remove it")
    ]


def test_unreadable_carries_its_flaws():
    error = Unreadable(Flaw(2, "one"), Flaw(5, "two"))
    assert error.flaws == (Flaw(2, "one"), Flaw(5, "two"))
    assert str(error) == "one; two"
