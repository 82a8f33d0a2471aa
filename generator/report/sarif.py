"""``aftersales check --format sarif``: SARIF 2.1.0, for GitHub code scanning and other dashboards.

Levels stay faithful to each diagnostic's severity. ``executionSuccessful`` says the tool ran
to the end (SARIF 2.1.0 §3.20.14: findings are results, not a failed run), so it is true in every
log written: a usage or internal error stops ``check`` with exit 2 before any report exists.
Whether the check passed (``--strict`` included) is told by the invocation's ``exitCode``.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING
from urllib.parse import quote

from generator import __version__
from generator.diagnostics.codes import rule

if TYPE_CHECKING:
    from generator.diagnostics.diagnostic import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "aftersales/v1"
"""Key of the partial fingerprint; bump the version if what it hashes ever changes."""


def to_sarif(report) -> str:
    """The report as a SARIF log: one run, one rule per code found, one result per diagnostic.

    ``report`` is a CheckReport (its diagnostics, ok, exit_code and strict), not imported:
    check_report imports this module."""
    codes = sorted({d.code for d in report.diagnostics})
    index = {code: position for position, code in enumerate(codes)}
    run = {
        "tool": {"driver": {
            "name": "aftersales",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(code) for code in codes],
        }},
        "invocations": [{
            "executionSuccessful": True,  # the check ran to the end
            "exitCode": report.exit_code,
            "properties": {"strict": report.strict},
        }],
        "columnKind": "unicodeCodePoints",  # the YAML reader counts columns in characters
        "results": [_result(d, index[d.code]) for d in report.diagnostics],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _descriptor(code: str) -> dict:
    """What ``aftersales explain CODE`` says, where dashboards show a rule's help."""
    entry = rule(code)
    return {
        "id": code,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": f"{entry.summary} {entry.why}"},
        "help": {"text": f"{entry.summary}\n\nWhy: {entry.why}\n\nMore: aftersales explain {code}"},
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
    }


def _result(diagnostic: Diagnostic, rule_index: int) -> dict:
    result = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message + (f" [{diagnostic.item}]" if diagnostic.item else "")},
        "partialFingerprints": {FINGERPRINT: fingerprint(diagnostic)},
    }
    if diagnostic.file:  # a project-wide diagnostic has no place to point at
        physical: dict = {"artifactLocation": {"uri": quote(diagnostic.file), "uriBaseId": "%SRCROOT%"}}
        if diagnostic.line > 0:
            physical["region"] = {"startLine": diagnostic.line}
            if diagnostic.column > 0:
                physical["region"]["startColumn"] = diagnostic.column
        result["locations"] = [{"physicalLocation": physical}]
    return result


def fingerprint(diagnostic: Diagnostic) -> str:
    """Stable across runs and line moves, so a dashboard keeps tracking the same problem."""
    key = "\x1f".join((diagnostic.code, diagnostic.file, diagnostic.item or "", diagnostic.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
