"""The result of ``aftersales check`` and its output formats (text, JSON, JUnit, GitHub, SARIF)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from generator import __version__
from generator.report.sarif import to_sarif

if TYPE_CHECKING:
    from generator.analyse.coverage import CoverageRow
    from generator.diagnostics.diagnostic import Diagnostic
    from generator.load.knowledge_base import KnowledgeBase

FORMATS = ("text", "json", "junit", "github", "sarif")


@dataclass
class CheckReport:
    kb: KnowledgeBase
    diagnostics: list[Diagnostic]
    coverage: list[CoverageRow]
    files: list[str]
    """Every content file read, relative to the project."""
    strict: bool = False
    translations: dict[str, dict[str, int]] | None = None
    """Per language: items and texts missing a translation (see validate.translations)."""

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(d.severity for d in self.diagnostics)
        return {severity: counter.get(severity, 0) for severity in ("error", "warning", "info")}

    def fails(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.severity == "error" or (self.strict and diagnostic.severity == "warning")

    @property
    def ok(self) -> bool:
        return not any(self.fails(d) for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def render(self, fmt: str) -> str:
        renderers = {"text": self.to_text, "json": self.to_json, "junit": self.to_junit, "github": self.to_github,
                     "sarif": self.to_sarif}
        return renderers[fmt]()

    # ------------------------------------------------------------------ text

    def to_text(self) -> str:
        lines = [d.format_text() for d in self.diagnostics]
        counts = self.counts
        complete = sum(row.complete for row in self.coverage)
        summary = (
            f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')},"
            f" {plural(counts['info'], 'note')} in {plural(len(self.files), 'file')}"
            f" ({plural(len(self.kb.items), 'valid item')});"
            f" coverage: {complete} of {len(self.coverage)} procedures complete"
        )
        waived = sum(len(row.waived) for row in self.coverage)
        if waived:
            summary += f" ({plural(waived, 'waiver')} in force)"
        if self.strict and counts["warning"]:
            summary += " (--strict: warnings fail)"
        for lang, missing in (self.translations or {}).items():
            if missing["texts"]:
                lines.append(f"translations: '{lang}' lacks {missing['texts']} of {missing['of_texts']} texts"
                             f" in {plural(missing['items'], 'item')}")
        lines.append(("OK: " if self.ok else "FAILED: ") + summary)
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ JSON

    def as_dict(self) -> dict:
        lang = self.kb.default_language
        return {
            "ok": self.ok,
            "strict": self.strict,
            "version": __version__,
            "counts": self.counts,
            "items": [
                {"type": item.type, "id": item.id, "audience": item.audience, "file": item.file,
                 "title": item.title(lang, lang)}
                for item in self.kb.items
            ],
            "diagnostics": [d.as_dict() for d in self.diagnostics],
            "coverage": [row.as_dict() for row in self.coverage],
            "translations": self.translations or {},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    # ------------------------------------------------------------------ JUnit

    def to_junit(self) -> str:
        """One test case per content file; errors (and warnings under --strict) are failures."""
        by_file: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.diagnostics:
            by_file.setdefault(diagnostic.file, []).append(diagnostic)
        files = list(dict.fromkeys([*self.files, *by_file]))
        failures = sum(1 for f in files if any(self.fails(d) for d in by_file.get(f, [])))
        suite = ET.Element("testsuite", name="aftersales check", tests=str(len(files)),
                           failures=str(failures), errors="0", skipped="0")
        for file in files:
            case = ET.SubElement(suite, "testcase", classname=file.split("/")[1] if file.count("/") >= 2 else "project",
                                 name=file)
            problems = by_file.get(file, [])
            failing = [d for d in problems if self.fails(d)]
            if failing:
                failure = ET.SubElement(case, "failure", message=failing[0].message, type=failing[0].code)
                failure.text = "\n".join(d.format_text() for d in failing)
            others = [d for d in problems if not self.fails(d)]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(d.format_text() for d in others)
        suites = ET.Element("testsuites", name="aftersales", tests=str(len(files)), failures=str(failures))
        suites.append(suite)
        xml = ET.tostring(suites, encoding="unicode", xml_declaration=True)
        # Messages are already printable (Diagnostic escapes them); a file name may still hold a
        # control character, which XML 1.0 cannot: one would make CI reject the whole report.
        return _XML_INVALID.sub(lambda m: f"\\x{ord(m[0]):02x}", xml) + "\n"

    # ------------------------------------------------------------------ GitHub

    def to_github(self) -> str:
        """Workflow commands, so problems show as annotations on the pull request's files."""
        level = {"error": "error", "warning": "warning", "info": "notice"}
        lines = []
        for d in self.diagnostics:
            props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in
                             (("file", d.file), ("line", d.line), ("col", d.column), ("title", d.code)))
            suffix = f" [{d.item}]" if d.item else ""
            lines.append(f"::{level[d.severity]} {props}::{_escape_data(d.message + suffix)}")
        counts = self.counts
        lines.append(f"aftersales check: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}")
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ SARIF

    def to_sarif(self) -> str:
        return to_sarif(self)


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 error', '2 errors', '3 entries' (with ``many``)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
