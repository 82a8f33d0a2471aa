"""A diagnostic: one problem found in the content, with where it is and how bad it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from textwrap import dedent
from typing import Literal, Protocol

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

Position = tuple[int, int]

MAX_MESSAGE = 600
"""Characters a message may have: it quotes what authors wrote (a cell, a value), which can be
a whole file's worth; every output format (text, JSON, JUnit, GitHub, SARIF) takes it from here.
The longest the checks write themselves is ~430 (warranty.below-legal-minimum, measured on the
test suite), so only quoted input is ever cut."""


@dataclass(frozen=True)
class Rule:
    """A check code as ``aftersales explain`` shows it: default severity, what, why, a bad example and the fix.

    ``example`` is what an author would write (a content file, a site_config.yml excerpt or CSV
    lines; a first comment line names the file); ``fixed`` is the same excerpt corrected, when a
    snippet helps. Both are dedented. The tests plant the examples in a project to prove they fail."""

    code: str
    severity: Severity
    summary: str
    why: str
    example: str = ""
    fix: str = ""
    fixed: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "example", dedent(self.example).strip("\n"))
        object.__setattr__(self, "fixed", dedent(self.fixed).strip("\n"))


class Located(Protocol):
    """What :meth:`Diagnostic.at` needs of a content item (``generator.load.knowledge_base.Item``)."""

    @property
    def id(self) -> str: ...

    file: str

    def position(self, loc: tuple, *, key: bool = False) -> Position: ...


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: severity, stable code, a message a staff member understands, and a place."""

    severity: Severity
    code: str
    message: str
    file: str
    """Path relative to the project folder, with forward slashes."""
    line: int = 1
    column: int = 1
    item: str | None = None
    """Id of the item concerned, when known."""

    @classmethod
    def at(cls, where: Located | str, location: tuple | None, rule: Rule, message: str, *, key: bool = False,
           item: str | None = None, severity: Severity | None = None) -> Diagnostic:
        """The diagnostic of ``rule`` (its default severity unless ``severity``) at a place.

        ``where`` is a content item, whose file and id are used and in whose source ``location``
        (a field path such as ``("steps", "sat", 0, "role")``; its key with ``key=True``) is
        looked up; or a file path, with ``location`` a ``(line, column)`` pair, or None for the
        whole file (line 1, column 1). ``item`` names the item when ``where`` is a path."""
        if isinstance(where, str):
            line, column = location if location is not None else (1, 1)
            return cls(severity or rule.severity, rule.code, message, where, line, column, item)
        line, column = where.position(location if location is not None else (), key=key)
        return cls(severity or rule.severity, rule.code, message, where.file, line, column,
                   item if item is not None else where.id)

    def __post_init__(self) -> None:
        # Messages quote what authors wrote; a newline or an escape sequence in it must not
        # split the one-line format or reach a terminal or CI log as a control code.
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", bounded(self.message))
        if self.item is not None and not self.item.isprintable():
            object.__setattr__(self, "item", printable(self.item))

    def as_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, SEVERITY_ORDER[self.severity], self.code)

    def format_text(self) -> str:
        """``path:line:col: severity code: message [item]`` (the format editors and CI parse)."""
        suffix = f" [{self.item}]" if self.item else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}{suffix}"


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters with "…" in place of the rest."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def printable(text: str) -> str:
    """``text`` with control and other unprintable characters written as escapes (``\\n``, ``\\x1b``)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
