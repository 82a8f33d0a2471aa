"""A diagnostic: one problem found in the content, with where it is and how bad it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


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

    def __post_init__(self) -> None:
        # Messages quote what authors wrote; a newline or an escape sequence in it must not
        # split the one-line format or reach a terminal or CI log as a control code.
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))
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


def printable(text: str) -> str:
    """``text`` with control and other unprintable characters written as escapes (``\\n``, ``\\x1b``)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
