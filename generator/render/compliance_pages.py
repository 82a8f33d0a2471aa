"""The staff compliance pages: a summary of every measured standard, and one page per standard.

Only staff portals, and only when ``site_config.yml`` names a measurements file (or ``aftersales
report --out`` gives one): ``compliance.md`` lists each standard with its status, flagged ones
first, and ``compliance/<standard>.md`` shows its p-chart, its compliance per period and the
histogram of its measured values. Pure, like the rest of the render stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.compliance.charts import histogram_svg, p_chart_svg, percent
from generator.compliance.control import StandardCompliance, assess, grouping
from generator.i18n.labels import label
from generator.text.safe_text import plain_text

if TYPE_CHECKING:
    from generator.render.pages import Page, PortalRenderer

COMPLIANCE_PAGE = "compliance.md"
FOLDER = "compliance"
ADMONITIONS = {"out_of_control": "failure", "below_goal": "warning", "in_control": "success"}
SYMBOLS = {"out_of_control": "✗", "below_goal": "⚠", "in_control": "✓"}


def standard_page(standard_id: str) -> str:
    return f"{FOLDER}/{standard_id}.md"


def has_compliance(renderer: PortalRenderer) -> bool:
    """Staff portals of a knowledge base with measurements have the compliance pages."""
    return renderer.audience == "staff" and renderer.kb.compliance is not None


def compliance_results(renderer: PortalRenderer) -> list[StandardCompliance]:
    if not has_compliance(renderer):
        return []
    kb = renderer.kb
    standards = {item.id: item.model for item in kb.of_type("standard")}
    return assess(kb.compliance.rows, standards, kb.config.compliance)


def compliance_page_paths(renderer: PortalRenderer) -> set[str]:
    if not has_compliance(renderer):
        return set()
    return {COMPLIANCE_PAGE, *(standard_page(result.standard) for result in compliance_results(renderer))}


def compliance_navigation(renderer: PortalRenderer) -> list[dict]:
    """The 'Compliance' section: the summary, then each standard (flagged first, as in the summary)."""
    if not has_compliance(renderer):
        return []
    entries: list = [COMPLIANCE_PAGE]
    entries.extend({renderer.title_of(result.standard): standard_page(result.standard)}
                   for result in compliance_results(renderer))
    return [{label("cmp.title", renderer.lang): entries}]


def render_compliance_pages(renderer: PortalRenderer) -> list[Page]:
    if not has_compliance(renderer):
        return []
    results = compliance_results(renderer)
    pages = [_summary(renderer, results)]
    pages.extend(_standard(renderer, result) for result in results)
    return pages


def _helpers(renderer: PortalRenderer, path: str) -> dict:
    lang = renderer.lang
    return renderer._helpers(path) | {
        "pct": lambda share: percent(share, lang),
        "symbol": SYMBOLS,
        "status_label": lambda status: label(f"cmp.status.{status}", lang),
        "rule_label": lambda rule: label(f"cmp.rule.{rule}", lang),
        "standard_page": standard_page,
    }


def _summary(renderer: PortalRenderer, results: list[StandardCompliance]) -> Page:
    kb = renderer.kb
    measured = {result.standard for result in results}
    rows = kb.compliance.rows
    days = [row.day for row in rows]
    source = label("cmp.data_source", renderer.lang).format(
        file=kb.compliance.file, rows=len(rows),
        first=min(days).isoformat() if days else "–", last=max(days).isoformat() if days else "–")
    without = sorted((item for item in kb.of_type("standard") if item.id not in measured),
                     key=lambda item: renderer.title_of(item.id).casefold())
    context = _helpers(renderer, COMPLIANCE_PAGE) | {
        "results": results, "source": source, "without": without,
        "model": lambda standard_id: kb.get(standard_id).model,
    }
    renderer.untranslated = False
    markdown = renderer.env.get_template("pages/compliance.md.j2").render(context)
    return renderer._page(COMPLIANCE_PAGE, label("cmp.title", renderer.lang), markdown)


def _standard(renderer: PortalRenderer, result: StandardCompliance) -> Page:
    path = standard_page(result.standard)
    item = renderer.kb.get(result.standard)
    lang = renderer.lang
    title = renderer.text(item.model.title)

    def words(key: str) -> str:
        return label(key, lang)

    target = item.model.target
    unit = label("unit." + target.unit, lang)
    context = _helpers(renderer, path) | {
        "result": result, "m": item.model, "grouping": grouping(result.frequency),
        "p_chart": Markup(p_chart_svg(result, title, words, lang)),
        "histogram": Markup(svg) if (svg := histogram_svg(result, title, target.value, target.limit, unit, words,
                                                           lang)) else None,
        "reasons": _reasons(result, lang),
        "admonition": ADMONITIONS[result.status],
    }
    renderer.untranslated = False
    markdown = renderer.env.get_template("pages/compliance_standard.md.j2").render(context)
    return renderer._page(path, f"{label('cmp.compliance', lang)}: {title}", markdown)


def _reasons(result: StandardCompliance, lang: str) -> list[Markup]:
    """Why the standard is flagged, one line each (plain text, escaped)."""
    reasons = []
    for point in result.out_of_control:
        rules = ", ".join(label(f"cmp.rule.{rule}", lang) for rule in point.rules)
        reasons.append(f"{point.period.label} ({percent(point.p, lang)}): {rules}")
    if result.below_goal_overall:
        reasons.append(f"{label('cmp.below_goal_overall', lang)} ({percent(result.compliance, lang)} < "
                       f"{percent(result.goal, lang)})")
    if result.below_goal_latest:
        reasons.append(f"{label('cmp.below_goal_latest', lang)}: {result.latest.period.label} "
                       f"({percent(result.latest.compliance, lang)} < {percent(result.goal, lang)})")
    return [plain_text(reason) for reason in reasons]
