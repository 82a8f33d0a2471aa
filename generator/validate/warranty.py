"""Warranty table: the rules of content/warranty/ must decide every case once, and never below the law.

The analysis itself is in :mod:`generator.warranty.analysis` (pure, shared with the future
"Am I covered?" page); this module words its findings and places each at the file, line and
column of the rule concerned, a gap at the product family it leaves undecided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics.codes import rule as code_rule
from generator.diagnostics.diagnostic import Diagnostic
from generator.warranty.analysis import analyse
from generator.warranty.table import (
    FACTS,
    AgeRange,
    TableRule,
    describe_fact,
    horizon,
)

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.knowledge_base import Item
    from generator.load.project import Project
    from generator.model.config import LegalMinimum
    from generator.warranty.analysis import Region


def check_warranty(project: Project, analysis: Analysis) -> list[Diagnostic]:
    kb = project.kb
    rules = kb.of_type("warranty")
    loaded = {item.id for item in rules}
    # A half-read table gives only false findings: wait until every rule is valid (schema.*),
    # has its own id (id.duplicate) and names existing products (ref.unknown-product).
    if len(loaded) < len(rules) or any(d.type == "warranty" and d.id not in loaded for d in project.declared):
        return []
    known = {item.id for item in kb.of_type("product")}
    if any(product not in known for item in rules for product in item.model.products):
        return []
    table = analysis.warranty_table
    found = analyse(table)
    items: dict[str, Item] = {}  # warranty rules by id (the first, if an id is duplicated)
    for item in rules:
        items.setdefault(item.id, item)
    product_items: dict[str, Item] = {}
    for item in kb.of_type("product"):
        product_items.setdefault(item.id, item)
    words = _Words(project, table.hit_policy, items)
    out: list[Diagnostic] = []

    def report(code: str, item: Item, loc: tuple, message: str) -> None:
        out.append(Diagnostic.at(item, _written(item, loc), code_rule(code), message))

    for problem in found.priority:
        item = items[problem.rule.id]
        if problem.same_as is None:
            report("warranty.priority", item, ("id",),
                   f"{words.policy()} needs a priority on every rule: add 'priority: N' to '{item.id}'"
                   " (of the rules matching a case, the one with the highest priority decides)")
        else:
            report("warranty.priority", item, ("priority",),
                   f"priority {problem.rule.priority} is also the priority of {words.rule(problem.same_as)}:"
                   f" under {words.policy()} every rule needs its own priority, so that the order of the rules"
                   " is clear")
    limit = horizon(table)
    ages = f"up to {limit} months" if limit is not None else "at any age"
    for gap in found.gaps:
        item = product_items[gap.product]
        causes = f", with causes {', '.join(gap.causes)}" if len(gap.causes) > 1 else ""
        report("warranty.gap", item, ("id",),
               f"no warranty rule decides {gap.product} for {_case(gap.example.cause, gap.facts, gap.ages)}:"
               f" {gap.count} of its {gap.total} combinations (cause × yes/no facts × age range, {ages}) are"
               f" undecided{causes}; add a rule in content/warranty/ or widen one")
    for overlap in found.overlaps:
        first, second = sorted((overlap.first, overlap.second), key=lambda rule: items[rule.id].file)
        example = overlap.example
        more = f" ({overlap.count} combinations in all)" if overlap.count > 1 else ""
        if table.hit_policy == "unique":
            advice = (f"under {words.policy()} at most one rule may decide a case: narrow one of them, or set"
                      " warranty.hit_policy: priority in site_config.yml and give them different priorities")
            both = "both decide"
        else:
            advice = "give one of them a higher priority, or narrow one of them"
            both = f"have the same priority ({first.priority}) and both decide"
        report("warranty.overlap", items[second.id], ("id",),
               f"rules {words.rule(first)} and '{second.id}' {both} {_example(example, overlap.ages)}{more}:"
               f" {advice}")
    for shadowed in found.shadowed:
        winners = " and ".join(words.rule(rule, priority=True) for rule in shadowed.winners)
        verb = "decides" if len(shadowed.winners) == 1 else "decide"
        report("warranty.shadowed", items[shadowed.rule.id], ("priority",),
               f"rule '{shadowed.rule.id}' (priority {shadowed.rule.priority}) never decides any case: wherever it"
               f" applies, {winners} {verb} instead; remove it, narrow the others, or raise its priority")
    minimum = table.legal_minimum
    for below in found.below_minimum:
        if minimum is None:
            break
        example = below.example
        report("warranty.below-legal-minimum", items[below.rule.id], tuple(below.problem.split(".")),
               f"rule '{below.rule.id}' {below.detail} for cases the law guarantees, e.g. {_example(example)};"
               f" {words.minimum(minimum)}")
    return out


def _written(item: Item, loc: tuple) -> tuple:
    """``loc`` if written in the file, else the rule's id (a default value has no line)."""
    positions = item.source.value_positions
    return loc if loc in positions else ("id",)


def _case(cause: str, facts: tuple[bool | None, ...], ages: AgeRange) -> str:
    """'cause 'wear', less than 36 months old, with a maintenance contract' (facts either way are left out)."""
    parts = [f"cause '{cause}'", ages.describe()]
    parts += [describe_fact(name, value) for name, value in zip(FACTS, facts, strict=True) if value is not None]
    return ", ".join(parts)


def _example(region: Region, ages: AgeRange | None = None) -> str:
    products = region.products[0]
    if len(region.products) > 1:
        products += f" (and {len(region.products) - 1} more product families)"
    return f"{products} with {_case(region.cause, region.facts, ages or region.ages)}"


class _Words:
    """How messages name the hit policy, a rule and the legal minimum (with where they are written)."""

    def __init__(self, project: Project, hit_policy: str, items: dict[str, Item]) -> None:
        self.project = project
        self.hit_policy = hit_policy
        self.items = items

    def _config_line(self, *loc: str) -> int | None:
        if self.project.config_source is None or loc not in self.project.config_source.value_positions:
            return None
        return self.project.config_position(loc, key=True)[0]

    def policy(self) -> str:
        line = self._config_line("warranty", "hit_policy")
        where = f"{self.project.config_file}:{line}" if line else f"the default; see warranty.hit_policy in {self.project.config_file}"
        return f"hit policy '{self.hit_policy}' ({where})"

    def rule(self, rule: TableRule, *, priority: bool = False) -> str:
        item = self.items.get(rule.id)
        where = f", {item.file}" if item is not None else ""
        rank = f"priority {rule.priority}" if priority else ""
        inside = ", ".join(part for part in (rank, where.lstrip(", ")) if part)
        return f"'{rule.id}' ({inside})" if inside else f"'{rule.id}'"

    def minimum(self, minimum: LegalMinimum) -> str:
        line = self._config_line("warranty", "legal_minimum")
        where = f"{self.project.config_file}:{line}" if line else self.project.config_file
        basis = minimum.basis
        named = ""
        if basis:
            # Messages are in English: the English name of the law if given, else the default language's.
            named = f", {basis.get('en') or basis.get(self.project.config.default_language) or next(iter(basis.values()))}"
        causes = ", ".join(minimum.causes)
        text = (f"the legal minimum ({where}{named}) is {minimum.months} months from delivery for {causes},"
                " free of charge")
        if minimum.remedies:
            text += f", with {', '.join(minimum.remedies)} offered first"
        if minimum.presumed_months is not None:
            text += (f", and a fault of unknown cause within {minimum.presumed_months} months counts as"
                     f" {minimum.causes[0]}")
        return text

