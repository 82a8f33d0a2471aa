"""A safe YAML reader for hand-written and hostile content files.

Why not ``yaml.safe_load``? It silently keeps the last of duplicate keys, reads ``NO`` and
``on`` as booleans and ``1:20`` as 80, expands alias bombs, and libyaml's composer segfaults on
deeply nested input. This module drives libyaml's *event parser* (fast, and it survives any
nesting) and builds the values itself, so it can refuse everything a knowledge base never
needs and keep the line and column of every value for diagnostics.

Rules enforced here (each refusal is a :class:`YamlError` with a stable code):

* files over :data:`MAX_FILE_BYTES`, strict UTF-8 (a leading BOM is fine);
* no anchors, aliases, explicit tags, merge keys (``<<``), non-scalar keys;
* exactly one document, not empty, nesting at most :data:`MAX_DEPTH` levels;
* a duplicate key is an error naming both lines;
* YAML 1.2 core typing of plain scalars only: ``null``, ``true``/``false``, decimal, ``0o``
  and ``0x`` integers and floats. ``yes``, ``NO``, ``on``, ``1:20``, ``010`` and dates stay
  text; the schema decides whether a text is a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.diagnostics.diagnostic import Rule
from generator.diagnostics.rules.files import (
    FILE_UNREADABLE,
    YAML_ALIAS,
    YAML_ANCHOR,
    YAML_COMPLEX_KEY,
    YAML_DUPLICATE_KEY,
    YAML_EMPTY,
    YAML_ENCODING,
    YAML_INVALID_CHARACTER,
    YAML_MERGE_KEY,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_NUMBER_TOO_LONG,
    YAML_SYNTAX,
    YAML_TAG,
    YAML_TOO_DEEP,
    YAML_TOO_LARGE,
)

try:  # libyaml is a hard requirement for speed, but keep a clear message if missing.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
"""Content files are small; anything bigger is a mistake or an attack."""

MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences a content file may use."""

MAX_NUMBER_DIGITS = 20
"""Longer numbers are refused: no real quantity needs them, and they cost CPU to convert."""

Position = tuple[int, int]
"""(line, column), both 1-based."""

Path_ = tuple[str | int, ...]
"""A path into the document: mapping keys and sequence indexes."""


class YamlError(Exception):
    """A file that cannot be read as content, with the position of the problem."""

    def __init__(self, rule: Rule, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.rule = rule
        self.code = rule.code
        self.message = message
        self.line = line
        self.column = column


@dataclass
class YamlDocument:
    """The data of one file plus where each value and key was written."""

    data: object
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """Where ``path`` was written; falls back to the nearest enclosing value that exists.

        With ``key=True`` the position of the mapping key is preferred (for unknown fields).
        """
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), (1, 1))


class SourceFloat(float):
    """A float that remembers how it was written, so ``version: 1.10`` can stay "1.10"."""

    __slots__ = ("source",)

    source: str


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT_DEC = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = frozenset({".nan", ".NaN", ".NAN"})
_MAYBE_TYPED_START = frozenset("0123456789+-.~nNtTfF")
_DIGITS = frozenset("0123456789abcdefABCDEF")
_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
"""What libyaml counts as a line break, so our positions agree with its marks."""


def resolve_plain_scalar(text: str, position: Position) -> object:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema, and nothing more."""
    if not text:
        return None
    if text[0] not in _MAYBE_TYPED_START:
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_DEC.match(text):
        _check_number_length(text, position)
        return int(text)
    if _INT_OCT.match(text):
        _check_number_length(text, position)
        return int(text, 0)  # 0o17: the pattern allows nothing int() would read differently
    if _INT_HEX.match(text):
        _check_number_length(text, position)
        return int(text, 0)  # 0x1F
    if _FLOAT.match(text):
        _check_number_length(text, position)
        if re.match(r"[-+]?0[0-9]", text):
            return text  # leading zeros (007.5) are a code, not a quantity
        value = SourceFloat(text)
        value.source = text
        return value
    if _INF.match(text):
        return float("-inf") if text[0] == "-" else float("inf")
    if text in _NAN:
        return float("nan")
    return text


def _check_number_length(text: str, position: Position) -> None:
    digits = sum(ch in _DIGITS for ch in text) - (1 if text.lstrip("+-")[:2] in ("0x", "0o") else 0)
    if digits > MAX_NUMBER_DIGITS:
        raise YamlError(
            YAML_NUMBER_TOO_LONG,
            f"this number has {digits} digits (at most {MAX_NUMBER_DIGITS} are allowed);"
            " if it is a code rather than a quantity, put it in quotes",
            *position,
        )


def read_yaml_file(path: Path) -> YamlDocument:
    """Read and parse one content file; every problem is a :class:`YamlError`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(
                YAML_TOO_LARGE,
                f"the file is {size:,} bytes; content files may be at most {MAX_FILE_BYTES:,} bytes"
                " (1 MiB): split it into several items",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(FILE_UNREADABLE, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_yaml_bytes(raw)


def parse_yaml_bytes(raw: bytes) -> YamlDocument:
    """Decode strictly as UTF-8 and parse; see the module docstring for what is refused."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            YAML_TOO_LARGE,
            f"the text is {len(raw):,} bytes; content files may be at most {MAX_FILE_BYTES:,} bytes",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position_of_byte(raw, exc.start)
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise YamlError(
            YAML_ENCODING,
            f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8 in your editor"
            " (it looks like Latin-1 or Windows-1252)",
            line,
            column,
        ) from None
    return _build(raw, text)


def _position_of_byte(raw: bytes, offset: int) -> Position:
    """Line and column (1-based, in characters) of a byte offset in a UTF-8 text."""
    before = raw[:offset].decode("utf-8", errors="replace")
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - line_start + 1


def _mark_position(mark: yaml.Mark | None) -> Position:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "is_mapping", "key", "key_lines", "key_path", "path")

    def __init__(self, container: dict | list, path: Path_, is_mapping: bool) -> None:
        self.container = container
        self.path = path
        self.is_mapping = is_mapping
        self.key: str | None = None
        """The key read last in a mapping, waiting for its value."""
        self.key_path: Path_ = ()
        self.key_lines: dict[str, int] = {}


def _build(raw: bytes, text: str) -> YamlDocument:
    values: dict[Path_, Position] = {}
    keys: dict[Path_, Position] = {}
    root: object = None
    have_root = False
    documents = 0
    stack: list[_Frame] = []

    def attach(value: object, position: Position) -> Path_:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            path: Path_ = ()
        else:
            frame = stack[-1]
            if frame.is_mapping:
                path = frame.key_path
                frame.container[frame.key] = value  # type: ignore[index]
                frame.key = None
            else:
                path = frame.path + (len(frame.container),)
                frame.container.append(value)  # type: ignore[union-attr]
        values[path] = position
        return path

    def refuse_decorations(event: yaml.Event, position: Position) -> None:
        if event.anchor is not None:
            raise YamlError(
                YAML_ANCHOR,
                f"anchors (&{event.anchor}) and aliases are not allowed: write the value out in full",
                *position,
            )
        tag = event.tag
        if tag is not None:
            raise YamlError(
                YAML_TAG,
                f"explicit tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed: write plain values"
                " and put text in quotes if it must stay text",
                *position,
            )

    try:
        for event in yaml.parse(raw, Loader=_EventLoader):
            kind = type(event)
            if kind is _ScalarEvent:
                # The hot path (most events): inlined, measured with bench/run.py.
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                if event.anchor is not None or event.tag is not None:
                    refuse_decorations(event, position)
                plain = event.implicit[0] and not event.style
                if not stack:
                    attach(resolve_plain_scalar(event.value, position) if plain else event.value, position)
                    continue
                frame = stack[-1]
                if frame.is_mapping:
                    if frame.key is None:
                        key = event.value
                        if plain and key == "<<":
                            raise YamlError(
                                YAML_MERGE_KEY,
                                "merge keys (<<) are not allowed: write the fields out in full",
                                *position,
                            )
                        first = frame.key_lines.get(key)
                        if first is not None:
                            raise YamlError(
                                YAML_DUPLICATE_KEY,
                                f"the key '{key}' appears twice, on line {first} and on line"
                                f" {position[0]}: keep only one",
                                *position,
                            )
                        frame.key_lines[key] = position[0]
                        frame.key = key
                        key_path = frame.path + (key,)
                        frame.key_path = key_path
                        keys[key_path] = position
                        continue
                    frame.container[frame.key] = resolve_plain_scalar(event.value, position) if plain else event.value
                    frame.key = None
                    values[frame.key_path] = position
                else:
                    container = frame.container
                    values[frame.path + (len(container),)] = position
                    container.append(resolve_plain_scalar(event.value, position) if plain else event.value)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                position = _mark_position(event.start_mark)
                if event.anchor is not None or event.tag is not None:
                    refuse_decorations(event, position)
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_mapping and frame.key is None:
                    raise YamlError(
                        YAML_COMPLEX_KEY,
                        "a key must be a plain word or text, not a list or mapping",
                        *position,
                    )
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        YAML_TOO_DEEP,
                        f"the structure is nested more than {MAX_DEPTH} levels deep",
                        *position,
                    )
                is_mapping = kind is _MappingStartEvent
                container: dict | list = {} if is_mapping else []
                path = attach(container, position)
                stack.append(_Frame(container, path, is_mapping))
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                stack.pop()
            elif kind is _AliasEvent:
                raise YamlError(
                    YAML_ALIAS,
                    f"aliases (*{event.anchor}) are not allowed: write the value out in full",
                    *_mark_position(event.start_mark),
                )
            elif kind is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        YAML_MULTIPLE_DOCUMENTS,
                        "the file holds more than one YAML document (---): put one item per file",
                        *_mark_position(event.start_mark),
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _mark_position(mark)
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml 0.2.6 (PyYAML 6.0.4) stops at 1,000 flow levels while scanning ahead,
            # before the builder has seen level MAX_DEPTH: the same refusal, the same code.
            raise YamlError(YAML_TOO_DEEP, f"the structure is nested more than {MAX_DEPTH} levels deep",
                            *position) from None
        raise YamlError(YAML_SYNTAX, _describe_syntax_error(exc, text, position), *position) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position_of_byte(raw, exc.position)
        raise YamlError(
            YAML_INVALID_CHARACTER,
            f"the file contains a control character (code {exc.character:#06x})"
            " that is not allowed in YAML: delete it",
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:  # any other libyaml complaint
        raise YamlError(YAML_SYNTAX, f"YAML syntax error: {exc}") from None

    if not have_root or root is None:
        raise YamlError(YAML_EMPTY, "the file is empty: it must describe one item")
    return YamlDocument(root, values, keys)


def _char_at(text: str, position: Position) -> str:
    lines = text.split("\n", position[0])
    if len(lines) < position[0]:
        return ""
    line = lines[position[0] - 1]
    return line[position[1] - 1] if 0 < position[1] <= len(line) else ""


def _describe_syntax_error(exc: yaml.MarkedYAMLError, text: str, position: Position) -> str:
    """A one-line explanation of libyaml's complaint, with the usual fix for the usual cause."""
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    if _char_at(text, position) == "\t":
        message += "; a tab cannot be used to indent YAML: use spaces"
    elif "mapping values are not allowed" in problem:
        message += "; put text that contains ': ' in quotes"
    return message
