"""The staff compliance pages: a summary of every measured standard, and one page per standard.

Only staff portals, and only when ``site_config.yml`` names a measurements file (or ``aftersales
report --out`` gives one): ``compliance.md`` lists each standard with its status, flagged ones
first, and ``compliance/<standard>.md`` shows its p-chart, its compliance per period and the
histogram of its measured values. Pure, like the rest of the render stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.compliance.charts import histogram_svg, p_chart_svg, percent
from generator.compliance.control import StandardCompliance, grouping
from generator.i18n.formats import decimal, long_date
from generator.render.page_spec import PageSpec, Section
from generator.text.safe_text import plain_text

if TYPE_CHECKING:
    from generator.render.portal import PageScope, Portal

COMPLIANCE_PAGE = "compliance.md"
FOLDER = "compliance"
ADMONITIONS = {"out_of_control": "failure", "below_goal": "warning", "in_control": "success"}
SYMBOLS = {"out_of_control": "✗", "below_goal": "⚠", "in_control": "✓"}


def standard_page(standard_id: str) -> str:
    return f"{FOLDER}/{standard_id}.md"


def has_compliance(portal: Portal) -> bool:
    """Staff portals of a knowledge base with measurements have the compliance pages."""
    return portal.audience == "staff" and portal.kb.compliance is not None


def measured_standards(portal: Portal) -> set[str]:
    """Standards with measurements, whose page links their compliance page (staff portals)."""
    return {row.standard for row in portal.kb.compliance.rows} if has_compliance(portal) else set()


def compliance(portal: Portal) -> Iterator[PageSpec]:
    """The 'Compliance' section: the summary, then each standard (flagged first, as in the summary)."""
    if not has_compliance(portal):
        return
    results = portal.analysis.compliance
    section = Section(FOLDER, portal.label("cmp.title"))
    yield PageSpec(COMPLIANCE_PAGE, section.title, partial(_summary, results=results), section=section,
                   section_index=True)
    for result in results:
        title = portal.title_of(result.standard)
        yield PageSpec(standard_page(result.standard), f"{portal.label('cmp.compliance')}: {title}",
                       partial(_standard, result=result), nav_title=title, section=section)


def _helpers(scope: PageScope) -> dict:
    lang = scope.lang
    return {
        "pct": lambda share: percent(share, lang),
        "symbol": SYMBOLS,
        "status_label": lambda status: scope.label(f"cmp.status.{status}"),
        "rule_label": lambda rule: scope.label(f"cmp.rule.{rule}"),
        "standard_page": standard_page,
    }


def _summary(scope: PageScope, results: tuple[StandardCompliance, ...]) -> str:
    kb = scope.portal.kb
    measured = {result.standard for result in results}
    rows = kb.compliance.rows
    days = [row.day for row in rows]
    source = scope.label("cmp.data_source").format(
        file=kb.compliance.file, rows=decimal(len(rows), scope.lang, 0),
        first=long_date(min(days), scope.lang) if days else "–", last=long_date(max(days), scope.lang) if days else "–")
    without = sorted((item for item in kb.of_type("standard") if item.id not in measured),
                     key=lambda item: scope.portal.title_of(item.id).casefold())
    return scope.render("pages/compliance.md.j2", **_helpers(scope), results=list(results), source=source,
                        without=without, standard_model=lambda standard_id: kb.get(standard_id).model)


def _standard(scope: PageScope, result: StandardCompliance) -> str:
    item = scope.portal.kb.get(result.standard)
    lang = scope.lang
    title = scope.text(item.model.title)
    target = item.model.target
    unit = scope.label("unit." + target.unit)
    histogram = histogram_svg(result, title, target.value, target.limit, unit, scope.label, lang)
    return scope.render(
        "pages/compliance_standard.md.j2", **_helpers(scope),
        result=result, model=item.model, grouping=grouping(result.frequency),
        p_chart=Markup(p_chart_svg(result, title, scope.label, lang)),
        histogram=Markup(histogram) if histogram else None,
        reasons=_reasons(result, scope.label, lang),
        admonition=ADMONITIONS[result.status],
    )


def _reasons(result: StandardCompliance, label, lang: str) -> list[Markup]:
    """Why the standard is flagged, one line each (plain text, escaped)."""
    reasons = []
    for point in result.out_of_control:
        rules = ", ".join(label(f"cmp.rule.{rule}") for rule in point.rules)
        reasons.append(f"{point.period.label} ({percent(point.p, lang)}): {rules}")
    if result.below_goal_overall:
        reasons.append(f"{label('cmp.below_goal_overall')} ({percent(result.compliance, lang)} < "
                       f"{percent(result.goal, lang)})")
    if result.below_goal_latest:
        reasons.append(f"{label('cmp.below_goal_latest')}: {result.latest.period.label} "
                       f"({percent(result.latest.compliance, lang)} < {percent(result.goal, lang)})")
    return [plain_text(reason) for reason in reasons]
