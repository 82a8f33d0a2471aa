"""Tests for the safe YAML reader (``generator.load.yaml_reader``).

The reader is the first thing that touches a hand-written (or hostile) content file, so these
tests pin down three things:

* every refusal: its stable ``code``, the 1-based ``line``/``column`` a staff member is sent
  to, and a phrase of the message that tells them what to do;
* YAML 1.2 core typing (``NO`` stays text, ``1:20`` stays text, ``1.10`` remembers "1.10");
* where every value and key was written (``value_positions``, ``key_positions``,
  ``position_of``);

and finally that the public yaml-test-suite never makes the reader raise anything other than
:class:`YamlError` (in-process and, so that a segfault cannot kill pytest, in a subprocess).
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load.yaml_reader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    SourceFloat,
    YamlDocument,
    YamlError,
    parse_yaml_bytes,
    read_yaml_file,
    resolve_plain_scalar,
)

try:
    from conftest import YAML_TEST_SUITE
except ImportError:  # pragma: no cover - only with an unusual pytest import mode
    YAML_TEST_SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "yaml-test-suite"

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------------------------
# helpers


def refuse(raw: bytes | str) -> YamlError:
    """Parse ``raw`` and return the YamlError it must raise."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    with pytest.raises(YamlError) as info:
        parse_yaml_bytes(raw)
    return info.value


def assert_refused(raw: bytes | str, code: str, line: int, column: int, *phrases: str) -> YamlError:
    err = refuse(raw)
    assert (err.code, err.line, err.column) == (code, line, column), err.message
    for phrase in phrases:
        assert phrase in err.message, f"{phrase!r} not in {err.message!r}"
    # The exception text is the message itself (what a CLI would print after the position).
    assert str(err) == err.message
    return err


def parse(raw: bytes | str) -> YamlDocument:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return parse_yaml_bytes(raw)


def value_of(plain: str) -> object:
    """How ``plain`` is typed when written as the value of a mapping key."""
    return parse(f"v: {plain}\n").data["v"]


def nested_block_mapping(levels: int) -> str:
    """``levels`` nested block mappings (the root mapping counts as one level)."""
    lines = [f"{'  ' * i}k{i}:" for i in range(levels - 1)]
    lines.append(f"{'  ' * (levels - 1)}leaf: 1")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# size and encoding


def test_file_over_one_mib_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: 1\n#" + b"x" * (MAX_FILE_BYTES - 6) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES + 1
    with pytest.raises(YamlError) as info:
        read_yaml_file(path)
    err = info.value
    assert (err.code, err.line, err.column) == ("yaml.too-large", 1, 1)
    assert "1,048,577 bytes" in err.message
    assert "1 MiB" in err.message
    assert "split it" in err.message


def test_file_of_exactly_one_mib_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "limit.yml"
    head = b"a: 1\n# "
    path.write_bytes(head + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_yaml_file(path).data == {"a": 1}


def test_bytes_over_one_mib_are_refused_by_parse_yaml_bytes() -> None:
    err = assert_refused(b"#" * (MAX_FILE_BYTES + 1), "yaml.too-large", 1, 1, "1,048,577 bytes")
    assert "at most 1,048,576 bytes" in err.message


def test_unreadable_file_is_a_yaml_error(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as info:
        read_yaml_file(tmp_path / "missing.yml")
    assert info.value.code == "file.unreadable"
    assert "cannot read the file" in info.value.message


def test_read_yaml_file_returns_the_document(tmp_path: Path) -> None:
    path = tmp_path / "ok.yml"
    path.write_text("title: Bomba\nqty: 2\n", encoding="utf-8")
    doc = read_yaml_file(path)
    assert doc.data == {"title": "Bomba", "qty": 2}
    assert doc.value_positions[("qty",)] == (2, 6)


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        pytest.param(b"title: caf\xe9\n", 1, 11, "0xE9", id="latin1-line1"),
        pytest.param(b"a: ok\nb: ok\ntitle: Re\xe7u\n", 3, 10, "0xE7", id="latin1-line3"),
        # CP1252 curly quote (0x93) and euro sign (0x80).
        pytest.param(b"a: 1\nb: \x93quoted\x94\n", 2, 4, "0x93", id="cp1252-quote"),
        pytest.param(b"price: 10 \x80\n", 1, 11, "0x80", id="cp1252-euro"),
        # Multi-byte UTF-8 before the bad byte counts as one column per character.
        pytest.param("a: 1\nnom: àéïõü € ".encode() + b"\xe9\n", 2, 14, "0xE9", id="after-multibyte"),
        pytest.param("a: 😀😀\n".encode() + b"b: \xff\n", 2, 4, "0xFF", id="after-emoji-line"),
        # Line counting is right after CRLF lines too.
        pytest.param(b"a: 1\r\nb: 2\r\nc: caf\xe9\r\n", 3, 7, "0xE9", id="crlf"),
        # A BOM is stripped, and positions are counted without it.
        pytest.param(b"\xef\xbb\xbfa: 1\nb: caf\xe9\n", 2, 7, "0xE9", id="after-bom"),
    ],
)
def test_non_utf8_bytes_are_refused_with_their_position(raw: bytes, line: int, column: int, byte: str) -> None:
    assert_refused(raw, "yaml.encoding", line, column, "not valid UTF-8", f"byte {byte}", "save it as UTF-8")


def test_encoding_error_position_deep_in_a_large_file() -> None:
    body = "".join(f"k{i}: é€😀 text\n" for i in range(20_000)).encode()
    assert_refused(body + b"last: ab\xe9\n", "yaml.encoding", 20_001, 9, "0xE9")


def test_utf8_bom_is_accepted() -> None:
    doc = parse_yaml_bytes(b"\xef\xbb\xbftitle: Bomba\n")
    assert doc.data == {"title": "Bomba"}  # no "\ufeff" glued to the first key
    assert doc.key_positions[("title",)] == (1, 1)
    assert doc.value_positions[("title",)] == (1, 8)


def test_bom_only_file_is_empty() -> None:
    assert_refused(b"\xef\xbb\xbf", "yaml.empty", 1, 1, "empty")


def test_utf16_file_is_refused_as_encoding_error() -> None:
    err = refuse("a: 1\n".encode("utf-16"))
    assert err.code == "yaml.encoding"
    assert (err.line, err.column) == (1, 1)


@pytest.mark.parametrize(
    ("raw", "line", "column", "code_text"),
    [
        pytest.param(b"a: 1\nb: x\x00y\n", 2, 5, "0x0000", id="nul"),
        pytest.param(b"\x00a: 1\n", 1, 1, "0x0000", id="nul-first-byte"),
        pytest.param(b"a: 1\nb: x\x07y\n", 2, 5, "0x0007", id="bell"),
        pytest.param(b"a: 1\nb: x\x7fy\n", 2, 5, "0x007f", id="del"),
        pytest.param(b"# note\x01\na: 1\n", 1, 7, "0x0001", id="in-comment"),
        pytest.param('a: 1\nb: "é\x1b"\n'.encode(), 2, 6, "0x001b", id="in-quoted-after-multibyte"),
        pytest.param("a: 1\nb: ééé€x\x00y\n".encode(), 2, 9, "0x0000", id="nul-after-multibyte"),
        pytest.param('a: 1\r\nb: éé\x01\r\n'.encode(), 2, 6, "0x0001", id="crlf"),
        pytest.param(b"\xef\xbb\xbfa: 1\nb: x\x00\n", 2, 5, "0x0000", id="after-bom"),
        pytest.param(b"a: 1\nb: |\n  x\x0c\n", 3, 4, "0x000c", id="form-feed-in-block-scalar"),
    ],
)
def test_control_characters_are_refused_with_their_position(
    raw: bytes, line: int, column: int, code_text: str
) -> None:
    assert_refused(raw, "yaml.invalid-character", line, column, "control character", code_text, "delete it")


def test_control_character_position_deep_in_a_large_file() -> None:
    body = "".join(f"k{i}: é€😀 text\n" for i in range(20_000))
    assert_refused(body + "last: ab\x01\n", "yaml.invalid-character", 20_001, 9, "0x0001")


@pytest.mark.parametrize(
    ("raw", "code", "line", "column"),
    [
        pytest.param(b"a: 1\rb: 2\rc: \x01\r", "yaml.invalid-character", 3, 4, id="control-char"),
        pytest.param(b"a: 1\rb: caf\xe9\r", "yaml.encoding", 2, 7, id="latin1"),
    ],
)
def test_cr_only_line_endings_give_right_error_position(raw: bytes, code: str, line: int, column: int) -> None:
    # Consistency check: the parser itself sees these as separate lines.
    assert parse_yaml_bytes(b"a: 1\rb: 2\r").value_positions[("b",)] == (2, 4)
    err = refuse(raw)
    assert (err.code, err.line, err.column) == (code, line, column)


# --------------------------------------------------------------------------------------------
# syntax: tabs


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param(b"a:\n\tb: 1\n", 2, 1, id="tab-indented-mapping"),
        pytest.param(b"a:\n  b: 1\n\tc: 2\n", 3, 1, id="tab-after-space-indented-line"),
        pytest.param(b"\ta: 1\n", 1, 1, id="first-line"),
        pytest.param(b"list:\n\t- one\n\t- two\n", 2, 1, id="tab-indented-list"),
        pytest.param(b"steps:\n  - do this\n\t- do that\n", 3, 1, id="tab-in-list"),
        pytest.param(b"a:\n  \tb: 1\n", 2, 3, id="spaces-then-tab"),
        pytest.param(b"name: x\ndesc:\n\tmore text\n", 3, 1, id="tab-indented-text"),
        pytest.param(b"x:\n  y: |\n    a\n\tb\n", 4, 1, id="block-scalar"),
        pytest.param(b"a: 1\r\n\tb: 2\r\n", 2, 1, id="crlf"),
    ],
)
def test_tab_indentation_is_a_syntax_error_that_mentions_tabs(raw: bytes, line: int, column: int) -> None:
    assert_refused(raw, "yaml.syntax", line, column, "YAML syntax error", "a tab cannot be used to indent YAML")


def test_tab_as_separator_after_colon_is_fine() -> None:
    assert parse(b"a:\tb\n").data == {"a": "b"}


def test_other_syntax_error_has_position_and_no_tab_hint() -> None:
    err = assert_refused("a: 1\nb: [x, y\nc: 3\n", "yaml.syntax", 3, 2, "YAML syntax error", "flow sequence")
    assert "tab" not in err.message


def test_colon_space_in_text_hints_at_quotes() -> None:
    assert_refused("title: Note: read this\n", "yaml.syntax", 1, 12, "mapping values are not allowed", "in quotes")


# --------------------------------------------------------------------------------------------
# anchors, aliases, alias bombs, tags, merge keys


@pytest.mark.parametrize(
    ("raw", "line", "column", "anchor"),
    [
        pytest.param("a: &x 1\nb: *x\n", 1, 4, "&x", id="on-scalar-then-alias"),
        pytest.param("a: &x {b: 1}\n", 1, 4, "&x", id="on-flow-mapping"),
        pytest.param("a: 1\nb: &base\n  c: 2\n", 2, 4, "&base", id="on-block-mapping"),
        pytest.param("- &x [1]\n", 1, 3, "&x", id="on-sequence"),
        pytest.param("a: 1\n&k b: 1\n", 2, 1, "&k", id="on-key"),
    ],
)
def test_anchors_are_refused(raw: str, line: int, column: int, anchor: str) -> None:
    assert_refused(raw, "yaml.anchor", line, column, f"anchors ({anchor})", "not allowed", "write the value out")


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param("*x\n", 1, 1, id="bare-root-alias"),
        pytest.param("a: 1\nb: *x\n", 2, 4, id="mapping-value"),
        pytest.param("- a\n- *x\n", 2, 3, id="list-item"),
        pytest.param("[*x, *x, *x]\n", 1, 2, id="flow"),
    ],
)
def test_aliases_are_refused(raw: str, line: int, column: int) -> None:
    assert_refused(raw, "yaml.alias", line, column, "aliases (*x)", "not allowed")


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, 10):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    bomb = "\n".join(lines) + "\n"
    assert_refused(bomb, "yaml.anchor", 1, 7, "&lol0")


def test_alias_bomb_without_anchors_is_refused_at_the_first_alias() -> None:
    # Nearly 1 MiB of aliases: refused at the first one, nothing is expanded.
    bomb = "a: [" + ", ".join(["*x"] * 200_000) + "]\n"
    assert_refused(bomb, "yaml.alias", 1, 5, "*x")


@pytest.mark.parametrize(
    ("raw", "line", "column", "shown"),
    [
        pytest.param("cmd: !!python/object:os.system x\n", 1, 6, "!!python/object:os.system", id="python-object"),
        pytest.param('a: 1\ncmd: !!python/object/apply:os.system ["ls"]\n', 2, 6,
                     "!!python/object/apply:os.system", id="python-apply"),
        pytest.param("a: !!str 1\n", 1, 4, "!!str", id="str"),
        pytest.param("a: !custom 1\n", 1, 4, "!custom", id="local"),
        pytest.param("!custom {a: 1}\n", 1, 1, "!custom", id="on-root-mapping"),
        pytest.param("a: !!map {b: 1}\n", 1, 4, "!!map", id="on-mapping"),
        pytest.param("- !!seq [1]\n", 1, 3, "!!seq", id="on-sequence"),
        pytest.param("!!str a: 1\n", 1, 1, "!!str", id="on-key"),
        pytest.param("a: !<tag:yaml.org,2002:str> x\n", 1, 4, "!!str", id="verbatim"),
        pytest.param("a: ! x\n", 1, 4, "(!)", id="non-specific"),
    ],
)
def test_explicit_tags_are_refused(raw: str, line: int, column: int, shown: str) -> None:
    assert_refused(raw, "yaml.tag", line, column, "explicit tags", shown, "put text in quotes")


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param("<<: {a: 1}\n", 1, 1, id="top"),
        pytest.param("a: 1\nb:\n  <<: {c: 1}\n", 3, 3, id="nested"),
        pytest.param("{<<: {a: 1}}\n", 1, 2, id="flow"),
        pytest.param("- <<: {a: 1}\n", 1, 3, id="in-list-item"),
    ],
)
def test_merge_key_is_refused(raw: str, line: int, column: int) -> None:
    assert_refused(raw, "yaml.merge-key", line, column, "merge keys (<<)", "write the fields out")


def test_quoted_double_less_than_is_an_ordinary_key_and_value() -> None:
    assert parse('"<<": 1\nb: <<\n').data == {"<<": 1, "b": "<<"}


# --------------------------------------------------------------------------------------------
# structure: complex keys, documents, empty files, depth


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param("? [a]\n: 1\n", 1, 3, id="explicit-sequence-key"),
        pytest.param("a: 1\n? {b: 1}\n: 2\n", 2, 3, id="explicit-mapping-key"),
        pytest.param("{a: 1}: 2\n", 1, 1, id="flow-mapping-key"),
        pytest.param("[a]: 2\n", 1, 1, id="flow-sequence-key"),
        pytest.param("x:\n  ? - a\n  : 1\n", 2, 5, id="nested-block-sequence-key"),
    ],
)
def test_non_scalar_keys_are_refused(raw: str, line: int, column: int) -> None:
    assert_refused(raw, "yaml.complex-key", line, column, "a key must be a plain word or text")


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param("a: 1\n---\nb: 2\n", 2, 1, id="separator"),
        pytest.param("---\na: 1\n---\nb: 2\n", 3, 1, id="both-explicit"),
        pytest.param("a: 1\n...\n---\nb: 2\n", 3, 1, id="after-document-end"),
        pytest.param("a: 1\n---\n", 2, 1, id="empty-second-document"),
    ],
)
def test_several_documents_are_refused(raw: str, line: int, column: int) -> None:
    assert_refused(raw, "yaml.multiple-documents", line, column, "more than one YAML document", "one item per file")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty-file"),
        pytest.param(b"\n\n  \n", id="blank-lines"),
        pytest.param(b"# just a comment\n# and another\n", id="comment-only"),
        pytest.param(b"---\n", id="document-start-only"),
        pytest.param(b"--- # comment\n...\n", id="explicit-empty-document"),
        pytest.param(b"~\n", id="tilde-only"),
        pytest.param(b"null\n", id="null-only"),
    ],
)
def test_empty_documents_are_refused(raw: bytes) -> None:
    assert_refused(raw, "yaml.empty", 1, 1, "the file is empty")


def test_explicit_start_end_and_directive_are_fine() -> None:
    assert parse("---\na: 1\n...\n").data == {"a": 1}
    doc = parse("%YAML 1.2\n---\na: 1\n")
    assert doc.data == {"a": 1}
    assert doc.key_positions[("a",)] == (3, 1)


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", 1, MAX_DEPTH + 1, id="flow-sequences"),
        pytest.param("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", 1, 3 + MAX_DEPTH, id="flow-under-mapping"),
        pytest.param("{a: " * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1) + "\n", 1, 4 * MAX_DEPTH + 1,
                     id="flow-mappings"),
        pytest.param(nested_block_mapping(MAX_DEPTH + 1), MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, id="block-mappings"),
        pytest.param("- " * (MAX_DEPTH + 1) + "x\n", 1, 2 * MAX_DEPTH + 1, id="block-sequences"),
    ],
)
def test_nesting_deeper_than_32_is_refused(raw: str, line: int, column: int) -> None:
    assert MAX_DEPTH == 32
    assert_refused(raw, "yaml.too-deep", line, column, "nested more than 32 levels deep")


def test_nesting_of_exactly_32_is_accepted() -> None:
    flow = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n").data
    depth = 0
    while isinstance(flow, list):
        depth += 1
        flow = flow[0] if flow else None
    assert depth == MAX_DEPTH

    block = parse(nested_block_mapping(MAX_DEPTH)).data
    for i in range(MAX_DEPTH - 1):
        block = block[f"k{i}"]
    assert block == {"leaf": 1}

    seq = parse("- " * MAX_DEPTH + "x\n").data
    for _ in range(MAX_DEPTH):
        assert isinstance(seq, list) and len(seq) == 1
        seq = seq[0]
    assert seq == "x"

    assert parse("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").data["a"]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("[" * 30_000 + "]" * 30_000 + "\n", id="balanced-brackets"),
        pytest.param("a: " + "[" * 30_000, id="unclosed-brackets"),
        pytest.param("{a: " * 30_000, id="unclosed-mappings"),
        pytest.param("- " * 30_000 + "x\n", id="block-sequences"),
    ],
)
def test_thirty_thousand_levels_do_not_crash(raw: str) -> None:
    err = refuse(raw)
    assert err.code == "yaml.too-deep"
    assert err.line == 1


# --------------------------------------------------------------------------------------------
# duplicate keys


@pytest.mark.parametrize(
    ("raw", "key", "first", "line", "column"),
    [
        pytest.param("a: 1\nb: 2\na: 3\n", "a", 1, 3, 1, id="top-level"),
        pytest.param("x:\n  a: 1\n  b: 2\n  a: 3\n", "a", 2, 4, 3, id="nested"),
        pytest.param("items:\n  - a: 1\n    b: 2\n    a: 3\n", "a", 2, 4, 5, id="inside-list-item"),
        pytest.param('a: 1\n"a": 2\n', "a", 1, 2, 1, id="plain-then-double-quoted"),
        pytest.param("title: 1\n'title': 2\n", "title", 1, 2, 1, id="plain-then-single-quoted"),
        pytest.param('"\\x61": 1\na: 2\n', "a", 1, 2, 1, id="escape-spells-same-key"),
        pytest.param("a: 1\r\nb: 2\r\nb: 3\r\n", "b", 2, 3, 1, id="crlf"),
    ],
)
def test_duplicate_keys_are_refused_naming_both_lines(raw: str, key: str, first: int, line: int, column: int) -> None:
    assert_refused(
        raw, "yaml.duplicate-key", line, column,
        f"the key '{key}' appears twice", f"on line {first} and on line {line}", "keep only one",
    )


def test_same_key_in_different_mappings_is_not_a_duplicate() -> None:
    assert parse("- a: 1\n- a: 2\n").data == [{"a": 1}, {"a": 2}]
    assert parse("a:\n  a: 1\nb:\n  a: 2\n").data == {"a": {"a": 1}, "b": {"a": 2}}


# --------------------------------------------------------------------------------------------
# long numbers


def test_five_thousand_digit_integer_is_refused() -> None:
    assert_refused("a: 1\nn: " + "7" * 5000 + "\n", "yaml.number-too-long", 2, 4,
                   "5000 digits", "at most 20", "put it in quotes")


@pytest.mark.parametrize(
    "text",
    ["1" * 21, "-" + "1" * 21, "1." + "1" * 5000, "0o" + "7" * 5000, "0x" + "1" * 5000, "1" * 21 + "e5"],
)
def test_numbers_with_more_than_20_digits_are_refused(text: str) -> None:
    assert_refused(f"n: {text}\n", "yaml.number-too-long", 1, 4, "digits")


def test_twenty_digits_and_quoted_long_numbers_are_fine() -> None:
    assert value_of("1" * 20) == int("1" * 20)
    assert value_of('"' + "1" * 5000 + '"') == "1" * 5000


def test_long_hex_number_with_letters_is_refused() -> None:
    assert_refused("n: 0x" + "F" * 5000 + "\n", "yaml.number-too-long", 1, 4, "digits", "put it in quotes")


# --------------------------------------------------------------------------------------------
# line endings


def test_crlf_line_endings_are_accepted_with_right_positions() -> None:
    doc = parse(b"a: 1\r\nb:\r\n  c: x\r\nd: |\r\n  l1\r\n  l2\r\n")
    assert doc.data == {"a": 1, "b": {"c": "x"}, "d": "l1\nl2\n"}  # no \r left in text
    assert doc.value_positions[("a",)] == (1, 4)
    assert doc.key_positions[("b",)] == (2, 1)
    assert doc.key_positions[("b", "c")] == (3, 3)
    assert doc.value_positions[("b", "c")] == (3, 6)
    assert doc.key_positions[("d",)] == (4, 1)


# --------------------------------------------------------------------------------------------
# YAML 1.2 core typing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML 1.1 booleans are just words.
        ("NO", "NO"), ("no", "no"), ("No", "No"), ("yes", "yes"), ("Yes", "Yes"), ("on", "on"),
        ("ON", "ON"), ("off", "off"), ("y", "y"), ("n", "n"), ("N", "N"),
        # Core booleans.
        ("true", True), ("false", False), ("True", True), ("False", False), ("TRUE", True), ("FALSE", False),
        ("tRUE", "tRUE"),
        # Sexagesimal, leading zeros, binary, underscores: text.
        ("1:20", "1:20"), ("12:30:00", "12:30:00"), ("010", "010"), ("00", "00"), ("007.5", "007.5"),
        ("0b101", "0b101"), ("1_000", "1_000"),
        # Core integers.
        ("0", 0), ("42", 42), ("-7", -7), ("+12", 12), ("0o10", 8), ("0x1F", 31), ("0x1f", 31),
        ("-0x1F", "-0x1F"), ("0x", "0x"), ("0o8", "0o8"),
        # Dates are text (the schema decides).
        ("2024-13-45", "2024-13-45"), ("2024-01-01", "2024-01-01"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        # Nulls.
        ("null", None), ("Null", None), ("NULL", None), ("~", None), ("", None),
        # Quoted text stays text.
        ('"123"', "123"), ("'123'", "123"), ('"true"', "true"), ("'no'", "no"), ('"null"', "null"),
        ('""', ""), ("'~'", "~"), ('"1.10"', "1.10"), ('"0x1F"', "0x1F"),
        # Other text.
        ("hello world", "hello world"), ("-x", "-x"), ("+", "+"), (".", "."), ("1.2.3", "1.2.3"),
    ],
)
def test_core_schema_typing(text: str, expected: object) -> None:
    value = value_of(text)
    assert type(value) is type(expected), (text, value)
    assert value == expected


def test_missing_value_is_none() -> None:
    assert parse("a:\nb: 1\n").data == {"a": None, "b": 1}
    assert parse("- \n- x\n").data == [None, "x"]


@pytest.mark.parametrize(
    ("text", "number"),
    [("1.10", 1.1), ("1.5", 1.5), ("-0.5", -0.5), (".5", 0.5), ("1.", 1.0), ("1e3", 1000.0), ("2.5E-3", 0.0025),
     ("0.0", 0.0), ("+3.25", 3.25)],
)
def test_floats_remember_their_source(text: str, number: float) -> None:
    value = value_of(text)
    assert isinstance(value, SourceFloat)
    assert isinstance(value, float)
    assert value == number
    assert value.source == text


def test_version_1_10_is_distinguishable_from_1_1() -> None:
    doc = parse("a: 1.10\nb: 1.1\n").data
    assert doc["a"] == doc["b"]
    assert (doc["a"].source, doc["b"].source) == ("1.10", "1.1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [(".inf", math.inf), (".Inf", math.inf), ("+.inf", math.inf), ("-.inf", -math.inf), ("-.INF", -math.inf)],
)
def test_infinity(text: str, expected: float) -> None:
    value = value_of(text)
    assert isinstance(value, float)
    assert value == expected


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_nan(text: str) -> None:
    value = value_of(text)
    assert isinstance(value, float) and math.isnan(value)


def test_block_scalars_are_always_text() -> None:
    assert parse("a: |\n  123\nb: >-\n  true\n").data == {"a": "123\n", "b": "true"}


def test_keys_are_never_typed() -> None:
    assert parse("1: a\ntrue: b\nno: c\nnull: d\n1.10: e\n").data == {
        "1": "a", "true": "b", "no": "c", "null": "d", "1.10": "e",
    }


def test_resolve_plain_scalar_directly() -> None:
    assert resolve_plain_scalar("", (1, 1)) is None
    assert resolve_plain_scalar("on", (1, 1)) == "on"
    assert resolve_plain_scalar("0x1F", (1, 1)) == 31
    value = resolve_plain_scalar("1.10", (1, 1))
    assert isinstance(value, SourceFloat) and value.source == "1.10"
    with pytest.raises(YamlError) as info:
        resolve_plain_scalar("9" * 25, (7, 9))
    assert (info.value.code, info.value.line, info.value.column) == ("yaml.number-too-long", 7, 9)


# --------------------------------------------------------------------------------------------
# positions

POSITIONS_DOC = """\
name: Pump
specs:
  power: 1.5
  parts:
    - id: p1
      qty: 2
    - id: p2
tags: [a, b]
"""


def test_value_positions_of_nested_mappings_and_lists() -> None:
    doc = parse(POSITIONS_DOC)
    assert doc.data == {
        "name": "Pump",
        "specs": {"power": 1.5, "parts": [{"id": "p1", "qty": 2}, {"id": "p2"}]},
        "tags": ["a", "b"],
    }
    assert doc.value_positions == {
        (): (1, 1),
        ("name",): (1, 7),
        ("specs",): (3, 3),
        ("specs", "power"): (3, 10),
        ("specs", "parts"): (5, 5),
        ("specs", "parts", 0): (5, 7),
        ("specs", "parts", 0, "id"): (5, 11),
        ("specs", "parts", 0, "qty"): (6, 12),
        ("specs", "parts", 1): (7, 7),
        ("specs", "parts", 1, "id"): (7, 11),
        ("tags",): (8, 7),
        ("tags", 0): (8, 8),
        ("tags", 1): (8, 11),
    }


def test_key_positions_of_nested_mappings_and_lists() -> None:
    doc = parse(POSITIONS_DOC)
    assert doc.key_positions == {
        ("name",): (1, 1),
        ("specs",): (2, 1),
        ("specs", "power"): (3, 3),
        ("specs", "parts"): (4, 3),
        ("specs", "parts", 0, "id"): (5, 7),
        ("specs", "parts", 0, "qty"): (6, 7),
        ("specs", "parts", 1, "id"): (7, 7),
        ("tags",): (8, 1),
    }


def test_position_of_existing_paths() -> None:
    doc = parse(POSITIONS_DOC)
    assert doc.position_of(("specs", "parts", 0, "qty")) == (6, 12)
    assert doc.position_of(["specs", "parts", 0, "qty"]) == (6, 12)  # any sequence works
    assert doc.position_of(("specs", "parts", 0, "qty"), key=True) == (6, 7)
    assert doc.position_of(("specs",), key=True) == (2, 1)
    assert doc.position_of(()) == (1, 1)


def test_position_of_missing_path_falls_back_to_nearest_parent() -> None:
    doc = parse(POSITIONS_DOC)
    assert doc.position_of(("specs", "parts", 1, "qty")) == (7, 7)  # the second part
    assert doc.position_of(("specs", "parts", 5, "id")) == (5, 5)  # the parts list
    assert doc.position_of(("specs", "voltage")) == (3, 3)  # the specs mapping
    assert doc.position_of(("specs", "voltage"), key=True) == (3, 3)  # no key: nearest value
    assert doc.position_of(("missing", "deeper", 3)) == (1, 1)  # the root


def test_position_of_with_no_root_position() -> None:
    assert YamlDocument({"a": 1}).position_of(("a",)) == (1, 1)


def test_positions_after_comments_and_document_start() -> None:
    doc = parse("# header\n---\ntitle: x  # note\nbody:\n  - one\n")
    assert doc.value_positions[()] == (3, 1)
    assert doc.value_positions[("title",)] == (3, 8)
    assert doc.value_positions[("body", 0)] == (5, 5)


def test_positions_in_flow_mappings_and_empty_values() -> None:
    doc = parse("x: {a: 1, b: [2, 3]}\ny:\nz: 'q'\n")
    assert doc.key_positions[("x", "b")] == (1, 11)
    assert doc.value_positions[("x", "b", 1)] == (1, 18)
    assert doc.value_positions[("y",)] == (2, 3)  # an empty value points at its own line
    assert doc.value_positions[("z",)] == (3, 4)


def test_columns_count_characters_not_bytes() -> None:
    doc = parse("títol: àéï\nnom: 😀 x\nb: 1\n")
    assert doc.value_positions[("títol",)] == (1, 8)
    assert doc.value_positions[("b",)] == (3, 4)


# --------------------------------------------------------------------------------------------
# the public yaml-test-suite

# Inputs the suite marks invalid but libyaml's event parser (and so this reader) accepts. These
# are known libyaml leniencies, not holes in the reader: libyaml ignores indentation inside flow
# collections and multi-line quoted scalars (9C9N, QB6E, Y79Y-003, DK95-01), accepts a comment
# glued to a token without a space (9JBA, CVW2, SU5Z, X4QW), accepts plain "-" as a flow
# sequence entry (G5U8, YJV2) and a block scalar whose leading empty lines are over-indented
# (S98Z). None of them can smuggle in anything the reader refuses (anchors, tags, ...).
# test_allow_list_is_current fails if one of them starts being refused, so the list stays exact.
LIBYAML_ACCEPTS_INVALID = frozenset(
    "9C9N 9JBA CVW2 DK95-01 G5U8 QB6E S98Z SU5Z X4QW Y79Y-003 YJV2".split()
)

# Valid inputs that libyaml reads differently from the suite's expected JSON (known libyaml
# bugs with "?" starting a flow scalar and with trailing whitespace at the end of a stream).
LIBYAML_READS_DIFFERENTLY = frozenset("652Z HM87-01 JEF9-02 L24T-01".split())


def _suite_index() -> dict[str, tuple[bool, str]]:
    with (YAML_TEST_SUITE / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {row["id"]: (row["is_error"] == "1", row["name"]) for row in rows}


SUITE_INDEX = _suite_index() if (YAML_TEST_SUITE / "INDEX.tsv").is_file() else {}
SUITE_IDS = sorted(SUITE_INDEX) or [None]


def _require_suite() -> None:
    if not SUITE_INDEX:
        pytest.skip(f"yaml-test-suite not found at {YAML_TEST_SUITE}")


def _suite_bytes(case_id: str) -> bytes:
    return (YAML_TEST_SUITE / f"{case_id}.yaml").read_bytes()


def _parse_outcome(raw: bytes) -> YamlDocument | YamlError:
    try:
        return parse_yaml_bytes(raw)
    except YamlError as err:
        return err


def test_suite_index_matches_the_files() -> None:
    _require_suite()
    files = {path.stem for path in YAML_TEST_SUITE.glob("*.yaml")}
    assert files == set(SUITE_INDEX)
    assert len(SUITE_INDEX) == 402
    assert sum(is_error for is_error, _ in SUITE_INDEX.values()) == 94


@pytest.mark.parametrize("case_id", SUITE_IDS)
def test_suite_input_parses_or_raises_yaml_error(case_id: str | None) -> None:
    _require_suite()
    raw = _suite_bytes(case_id)
    outcome = _parse_outcome(raw)  # any other exception fails the test
    is_error, name = SUITE_INDEX[case_id]
    if isinstance(outcome, YamlError):
        assert outcome.code.startswith("yaml.")
        assert outcome.message.strip()
        assert outcome.line >= 1 and outcome.column >= 1
        assert outcome.line <= raw.count(b"\n") + raw.count(b"\r") + 1
    elif is_error:
        assert case_id in LIBYAML_ACCEPTS_INVALID, f"invalid YAML accepted: {case_id} ({name})"


def test_allow_list_is_current() -> None:
    _require_suite()
    accepted_invalid = {
        case_id
        for case_id, (is_error, _) in SUITE_INDEX.items()
        if is_error and isinstance(_parse_outcome(_suite_bytes(case_id)), YamlDocument)
    }
    assert accepted_invalid == LIBYAML_ACCEPTS_INVALID


def _strictly_equal(a: object, b: object) -> bool:
    """Equality that does not let True == 1 or 1 == 1.0 pass."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return isinstance(a, float) == isinstance(b, float) and a == b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_strictly_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_strictly_equal, a, b))
    return type(a) is type(b) and a == b


def _json_stream(text: str) -> list[object]:
    decoder, values, index, text = json.JSONDecoder(), [], 0, text.strip()
    while index < len(text):
        value, index = decoder.raw_decode(text, index)
        values.append(value)
        while index < len(text) and text[index].isspace():
            index += 1
    return values


def test_accepted_valid_suite_inputs_give_the_expected_data() -> None:
    """Where the reader accepts a valid input, its data is the suite's YAML 1.2 core reading."""
    _require_suite()
    compared, wrong = 0, []
    for case_id, (is_error, _) in sorted(SUITE_INDEX.items()):
        expected_path = YAML_TEST_SUITE / "expected-json" / f"{case_id}.json"
        if is_error or not expected_path.is_file():
            continue
        outcome = _parse_outcome(_suite_bytes(case_id))
        if isinstance(outcome, YamlError):
            continue
        compared += 1
        expected = _json_stream(expected_path.read_text(encoding="utf-8"))
        if len(expected) != 1 or not _strictly_equal(expected[0], outcome.data):
            wrong.append(case_id)
    assert compared > 150
    assert set(wrong) == LIBYAML_READS_DIFFERENTLY


SUBPROCESS_SCRIPT = r"""
import sys
from pathlib import Path
from generator.load.yaml_reader import YamlError, parse_yaml_bytes

suite = Path(sys.argv[1])
inputs = [(p.name, p.read_bytes()) for p in sorted(suite.glob("*.yaml"))]
inputs += [
    ("30000-brackets", b"[" * 30000 + b"]" * 30000),
    ("30000-unclosed", b"{a: " * 30000),
    ("30000-block", b"- " * 30000 + b"x"),
    ("deep-block-mapping", b"".join(b" " * i + b"k:\n" for i in range(1000))),
    ("alias-bomb", b"a: &a [1]\nb: [" + b", ".join([b"*a"] * 100000) + b"]"),
]
parsed = refused = 0
for name, raw in inputs:
    try:
        parse_yaml_bytes(raw)
        parsed += 1
    except YamlError:
        refused += 1
    except BaseException as exc:
        print(f"{name}: {type(exc).__name__}: {exc}")
        sys.exit(3)
print(f"OK {len(inputs)} {parsed} {refused}")
"""


def test_whole_suite_in_a_subprocess_cannot_crash_the_interpreter() -> None:
    _require_suite()
    proc = subprocess.run(
        [sys.executable, "-c", SUBPROCESS_SCRIPT, str(YAML_TEST_SUITE)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    # A negative return code is a signal (e.g. -11 for a segfault in libyaml).
    assert proc.returncode == 0, f"rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    total, parsed, refused = map(int, proc.stdout.split()[1:])
    assert total == len(SUITE_INDEX) + 5
    assert parsed + refused == total
    assert refused >= 94 - len(LIBYAML_ACCEPTS_INVALID) + 5
