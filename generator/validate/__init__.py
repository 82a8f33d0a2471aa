"""The validate stage: cross-item checks on a loaded project, all problems in one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.analyse import Analysis, analyse
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.assets import check_assets
from generator.validate.brand import check_brand
from generator.validate.changes import check_changes
from generator.validate.coverage import check_coverage
from generator.validate.identity import check_identity
from generator.validate.markup import check_config_markup, check_markup
from generator.validate.products import check_products
from generator.validate.references import check_references
from generator.validate.register import check_register
from generator.validate.review import check_reviews
from generator.validate.search import check_search
from generator.validate.standards import check_standards
from generator.validate.translations import (
    check_interface_texts,
    check_settings_translations,
    check_translations,
)
from generator.validate.warranty import check_warranty

if TYPE_CHECKING:
    from generator.load.project import Project


def run_checks(project: Project, today: dt.date | None = None, analysis: Analysis | None = None) -> list[Diagnostic]:
    """Load-time problems plus every check, with the project's severity overrides applied.

    The checks read the analysis stage's results (``analysis``, worked out here when not given)."""
    kb = project.kb
    analysis = analysis or analyse(kb, today)
    today = analysis.today
    diagnostics = [
        *project.diagnostics,
        *check_identity(project),
        *check_references(project),
        *check_products(project.kb),
        *check_coverage(project, analysis),
        *check_warranty(project, analysis),
        *check_standards(project, analysis),
        *check_reviews(kb, today),
        *check_translations(kb),
        *check_settings_translations(project),
        *check_register(kb),
        *check_interface_texts(project),
        *check_markup(kb),
        *check_config_markup(project),
        *check_brand(project),
        *check_search(project),
        *check_assets(kb),
        *check_changes(project, analysis),
    ]
    return apply_rule_settings(diagnostics, project.config.rules)


def apply_rule_settings(diagnostics: list[Diagnostic], rules: dict[str, str]) -> list[Diagnostic]:
    out = []
    for diagnostic in diagnostics:
        setting = rules.get(diagnostic.code)
        if setting == "off":
            continue
        if setting is not None and setting != diagnostic.severity:
            diagnostic = replace(diagnostic, severity=setting)
        out.append(diagnostic)
    out.sort(key=Diagnostic.sort_key)
    return out
