"""Service standards: targets that make sense, response times within their resolution, every
standard met by some step of the right phase, and public commitments that stay public.

A standard is a promise that someone measures; these checks catch the promises that cannot be
measured (a target of 0, 120 %), that contradict each other (an answer promised later than the
solution) or that nobody is asked to keep (no procedure step cites them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.analyse.durations import compare_durations, duration_minutes
from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.standards import STANDARD_WRONG_PHASE
from generator.load.schema import format_loc
from generator.model.registry import TYPES_BY_NAME
from generator.text.safe_text import LINK_RE, normalise_url

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.load.project import Project
    from generator.model.config import Compliance

UPPER_BOUNDS: dict[str, float] = {"percent": 100, "hours_per_day": 24, "days_per_week": 7}
"""Units whose values cannot exceed a whole (100 %, a day, a week)."""

CUSTOMER_TEXTS = ("title", "summary", "commitment", "customer_claim")
"""What the public portals show of a public standard (the charter, its page, search)."""


def check_standards(project: Project, analysis: Analysis) -> list[Diagnostic]:
    kb = project.kb
    standards = kb.of_type("standard")
    diagnostics: list[Diagnostic] = []
    staff_titles = _staff_titles(kb) if any(item.is_public for item in standards) else {}
    for item in standards:
        diagnostics.extend(item.remembered("standard-target", _target_problems))
        diagnostics.extend(_resolution_problems(item, kb))
        if item.is_public:
            diagnostics.extend(_public_problems(item, kb, staff_titles))
    # A procedure that failed validation is not loaded, and its steps may cite any standard:
    # 'uncited' would be a false alarm on top of its own error.
    loaded = {item.id for item in kb.procedures()}
    all_procedures_loaded = not any(d.type == "procedure" and d.id not in loaded for d in project.declared)
    diagnostics.extend(_citation_problems(analysis, standards, report_uncited=all_procedures_loaded))
    measured = {found.standard for found in analysis.compliance}
    diagnostics.extend(_goal_problems(standards, kb.config.compliance, measured))
    return diagnostics


def _goal_problems(standards: list[Item], compliance: Compliance, measured: set[str]) -> list[Diagnostic]:
    """A promised share (100 % of invoices the same day) measured against a lower goal (95 %).

    Only where a goal is in use: the standard is measured (``compliance.data``) or has a goal of its
    own (``compliance.goals``, which ``aftersales report`` applies to any data file)."""
    problems = []
    for item in standards:
        target = item.model.target
        own = compliance.goals.get(item.id)
        if target.unit != "percent" or target.limit == "at_most" or (item.id not in measured and own is None):
            continue
        goal = own if own is not None else compliance.goal
        if goal * 100 < target.value - 1e-9:
            where = f"compliance.goals.{item.id}" if own is not None else "compliance.goal"
            problems.append(_diagnostic(
                "compliance.goal-below-target",
                f"target.value: the standard promises {target.value:g} % but is measured against a goal of"
                f" {goal * 100:g} % (site_config.yml {where}): a period in which the promise was broken for"
                f" {100 - goal * 100:g} % of cases counts as on track; set compliance.goals.{item.id} to"
                f" {target.value / 100:g}, or promise the share you measure", item, ("target", "value")))
    return problems


def _diagnostic(code: str, message: str, item: Item, loc: tuple) -> Diagnostic:
    return Diagnostic.at(item, loc, rule(code), message)


def _target_problems(item: Item) -> list[Diagnostic]:
    target = item.model.target
    if target.value <= 0:
        return [_diagnostic("standard.target-not-positive",
                            f"target.value: a target of {target.value:g} {target.unit} measures nothing; give a"
                            " positive value (for 'no complaint at all', count the cases handled right: at_least"
                            " 100 percent)", item, ("target", "value"))]
    bound = UPPER_BOUNDS.get(target.unit)
    if bound is not None and target.value > bound:
        return [_diagnostic("standard.target-out-of-range",
                            f"target.value: {target.value:g} {target.unit} is more than {bound:g}, the most the"
                            " unit allows", item, ("target", "value"))]
    return []


def _resolution_problems(item: Item, kb: KnowledgeBase) -> list[Diagnostic]:
    """The response time must not be longer than the resolution it belongs with."""
    model = item.model
    resolution = kb.get(model.resolution) if model.resolution else None
    if resolution is None or resolution.type != "standard":
        return []  # none, or a broken reference (ref.unknown-standard)
    loc = ("resolution",)
    response_target, resolution_target = model.target, resolution.model.target
    words = f"{response_target.value:g} {response_target.unit}"
    other = f"'{resolution.id}' ({resolution_target.value:g} {resolution_target.unit})"
    if duration_minutes(response_target) is None or duration_minutes(resolution_target) is None:
        which = f"this standard's target ({words})" if duration_minutes(response_target) is None else other
        return [_diagnostic("standard.resolution-not-time",
                            f"resolution: {which} is not a time, so the response cannot be compared with the"
                            " resolution; link a response time to the resolution time it belongs with", item, loc)]
    order = compare_durations(response_target, resolution_target)
    if order is None:
        return [_diagnostic("standard.units-not-comparable",
                            f"resolution: {words} cannot be compared with {other}: working time and calendar"
                            " time do not convert without a timetable; give both in working units"
                            " (working_hours, working_days) or both in calendar units", item, loc)]
    if order > 0:
        return [_diagnostic("standard.response-exceeds-resolution",
                            f"resolution: the response ({words}) takes longer than the resolution it belongs"
                            f" with, {other}; the customer would get the solution before the answer", item, loc)]
    return []


def _public_problems(item: Item, kb: KnowledgeBase, staff_titles: dict) -> list[Diagnostic]:
    model = item.model
    diagnostics = []
    if model.customer_claim is None:
        diagnostics.append(_diagnostic(
            "standard.no-claim",
            "this public standard does not say how a customer can claim when it is missed; add customer_claim"
            " (whom to call or write to, with what), which the service charter shows", item, ("id",)))
    resolution = kb.get(model.resolution) if model.resolution else None
    if resolution is not None and not resolution.is_public:
        diagnostics.append(_diagnostic(
            "standard.public-cites-staff",
            f"resolution: '{resolution.id}' is staff-only, but this standard is public; make the resolution"
            " standard public or remove the link", item, ("resolution",)))
    for field in CUSTOMER_TEXTS:
        texts = getattr(model, field)
        for lang, text in (texts or {}).items():
            named = _named_staff_items(text, staff_titles.get(lang, {}), kb)
            for staff_item, how in named:
                diagnostics.append(_diagnostic(
                    "standard.public-cites-staff",
                    f"{format_loc((field,))} ({lang}) {how} '{staff_item.id}' ({staff_item.content_type.label}),"
                    " which is staff-only; customers cannot see it: describe it in your own words",
                    item, (field, lang)))
    return diagnostics


TitleIndex = dict[str, dict[str, list[tuple[tuple[str, ...], "Item"]]]]
"""Per language: first word of a title → (the title's words, the staff item) for each staff title."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _staff_titles(kb: KnowledgeBase) -> TitleIndex:
    """The titles of staff-only items by their first word, per language (roles left out).

    Job titles are how customers are told whom they will deal with ("ask for the head of
    after-sales"); the names of internal procedures, forms, modules and standards are not.
    Indexed by first word, so a text is scanned once whatever the number of staff items.
    """
    index: TitleIndex = {}
    for staff in kb.items:
        if staff.is_public or staff.type == "role":
            continue
        for lang, title in staff.model.title.items():
            words = tuple(_words(title))
            if words:
                index.setdefault(lang, {}).setdefault(words[0], []).append((words, staff))
    return index


def _named_staff_items(text: str, titles: dict, kb: KnowledgeBase) -> list[tuple[Item, str]]:
    """Staff items a text links to or names by their whole title (case and punctuation aside)."""
    found: dict[str, tuple[Item, str]] = {}
    for match in LINK_RE.finditer(text):
        staff = _staff_page(match.group(3), kb)
        if staff is not None:
            found.setdefault(staff.id, (staff, "links to the page of"))
    words = _words(text)
    for position, word in enumerate(words):
        for title, staff in titles.get(word, ()):
            if staff.id not in found and tuple(words[position:position + len(title)]) == title:
                found[staff.id] = (staff, "names")
    return list(found.values())


_PAGE_RE = re.compile(r"(?:^|/)([a-z]+)/([a-z0-9-]+)\.(?:html|md)$")


def _staff_page(target: str, kb: KnowledgeBase) -> Item | None:
    """The staff-only item whose page (``procedures/x.html``, ``x.md``, a staff portal address) a link opens."""
    address = normalise_url(target).split("#")[0].split("?")[0]
    match = _PAGE_RE.search(address)
    if match is None:
        return None
    folder, item_id = match.groups()
    item = kb.get(item_id)
    if item is None or item.is_public or TYPES_BY_NAME[item.type].folder != folder:
        return None
    return item


def _citation_problems(analysis: Analysis, standards: list[Item], report_uncited: bool) -> list[Diagnostic]:
    """Each standard is met by some procedure step, in a phase it applies to."""
    diagnostics = []
    for item in standards:
        model = item.model
        citations = analysis.steps_naming(item.id, "standards")
        if not citations and model.applies_to == "steps" and report_uncited:
            diagnostics.append(_diagnostic(
                "standard.uncited",
                "no procedure step cites this standard, so no one is told to meet it; cite it in the steps that"
                " must meet it, or set 'applies_to: organisation' if it binds the whole organisation",
                item, ("id",)))
        if not model.phases:
            continue
        for ref in citations:
            if ref.phase in model.phases:
                continue
            diagnostics.append(Diagnostic.at(
                ref.procedure, ref.loc, STANDARD_WRONG_PHASE,
                f"{format_loc(ref.loc)}: step {ref.number} is in the '{ref.phase}' phase, but the standard"
                f" '{item.id}' applies to {', '.join(model.phases)} ({item.file}); cite it in a step of those"
                f" phases or add '{ref.phase}' to its phases"))
    return diagnostics
