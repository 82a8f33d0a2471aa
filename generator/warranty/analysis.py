"""What is wrong with a warranty decision table: gaps, overlaps, shadowed rules, the legal minimum.

The analysis is exact, not sampled: it walks the whole input space of :mod:`.table`, in
:class:`Region` blocks that every rule treats alike (product families named by the same rules,
yes/no facts no candidate rule looks at), so a large catalogue costs little more than a small one.
Nothing here knows about files or diagnostics; ``generator/validate/warranty.py`` words the
findings and places them in the files.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model.fields import FAULT_CAUSES
from generator.warranty.table import (
    COSTS,
    FACTS,
    AgeRange,
    Table,
    TableRule,
    age_ranges,
    must_decide,
    precedence,
)


@dataclass(frozen=True, eq=False)
class Region:
    """A block of cases decided alike: some product families, one cause, facts, one age range."""

    products: tuple[str, ...]
    """Product families no rule tells apart."""
    group: int
    """Index of that group of product families."""
    cause: str
    facts: tuple[bool | None, ...]
    """Per fact: its value, or None where no rule matching this product and cause looks at it."""
    ages: AgeRange
    matching: tuple[TableRule, ...]
    winner: TableRule | None
    tied: tuple[TableRule, ...]

    @property
    def cases_per_product(self) -> int:
        """How many combinations (per product family) this block stands for."""
        return 2 ** self.facts.count(None)


def regions(table: Table) -> list[Region]:
    """The whole input space, in blocks; every case of the space lies in exactly one block."""
    ranges = age_ranges(table)
    naming: dict[str, list[int]] = defaultdict(list)  # product → indices of the rules naming it
    for index, rule in enumerate(table.rules):
        for product in rule.products:
            naming[product].append(index)
    groups: dict[tuple[int, ...], list[str]] = {}
    for product in table.products:
        groups.setdefault(tuple(naming.get(product, ())), []).append(product)
    out = []
    for group, (signature, products) in enumerate(groups.items()):
        for cause in FAULT_CAUSES:
            candidates = [table.rules[index] for index in signature if cause in table.rules[index].causes]
            asked = [k for k in range(len(FACTS)) if any(rule.facts[k] is not None for rule in candidates)]
            for values in itertools.product((False, True), repeat=len(asked)):
                facts: list[bool | None] = [None] * len(FACTS)
                for k, value in zip(asked, values, strict=True):
                    facts[k] = value
                accepting = [rule for rule in candidates if rule.accepts(facts)]
                for ages in ranges:
                    matching = tuple(rule for rule in accepting if rule.applies_at(ages.start))
                    winner, tied = precedence(matching, table.hit_policy)
                    out.append(Region(tuple(products), group, cause, tuple(facts), ages, matching, winner, tied))
    return out


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, eq=False)
class Gap:
    """Cases of one product family that no rule decides."""

    product: str
    example: Region
    facts: tuple[bool | None, ...]
    """The example's facts, None where the gap holds either way."""
    ages: AgeRange
    """The example's ages, joined with the neighbouring ranges that are gaps too."""
    count: int
    """Undecided combinations of this product (cause × facts × age range)."""
    total: int
    """Combinations of this product that must be decided."""
    causes: tuple[str, ...]
    """Every cause with an undecided combination."""


@dataclass(frozen=True, eq=False)
class Overlap:
    """Two rules that both claim a case the hit policy lets only one decide."""

    first: TableRule
    second: TableRule
    example: Region
    ages: AgeRange
    """The example's ages, joined with the following ranges the two rules also both claim."""
    count: int
    """Combinations (over all product families) the two rules both claim."""


@dataclass(frozen=True, eq=False)
class Shadowed:
    """A rule that never decides any case: other rules always take precedence."""

    rule: TableRule
    winners: tuple[TableRule, ...]


@dataclass(frozen=True, eq=False)
class BelowMinimum:
    """A rule deciding cases the law guarantees, with less than the law guarantees."""

    rule: TableRule
    problem: str
    """'covered', 'pays.parts', 'pays.labour', 'pays.travel' or 'remedies'."""
    example: Region
    detail: str


@dataclass(frozen=True, eq=False)
class PriorityProblem:
    """A rule the hit policy cannot place: no priority, or (policy 'first') a priority already taken."""

    rule: TableRule
    same_as: TableRule | None = None


@dataclass(eq=False)
class Analysis:
    """Everything wrong with a table, by kind; empty lists: the table is sound."""

    gaps: list[Gap] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    shadowed: list[Shadowed] = field(default_factory=list)
    below_minimum: list[BelowMinimum] = field(default_factory=list)
    priority: list[PriorityProblem] = field(default_factory=list)


def analyse(table: Table) -> Analysis:
    """Every problem of the table; a table without rules has nothing to decide and no problem."""
    result = Analysis()
    if not table.rules:
        return result
    blocks = regions(table)
    result.priority = _priority_problems(table)
    result.gaps = _gaps(table, blocks)
    result.overlaps = _overlaps(blocks)
    if table.hit_policy != "unique":
        unplaced = {problem.rule.id for problem in result.priority if problem.same_as is None}
        result.shadowed = _shadowed(table, blocks, unplaced)
    if table.legal_minimum is not None:
        result.below_minimum = _below_minimum(table, blocks)
    return result


def _priority_problems(table: Table) -> list[PriorityProblem]:
    if table.hit_policy == "unique":
        return []
    out = [PriorityProblem(rule) for rule in table.rules if rule.priority is None]
    if table.hit_policy == "first":
        taken: dict[int, TableRule] = {}
        for rule in table.rules:
            if rule.priority is None:
                continue
            if rule.priority in taken:
                out.append(PriorityProblem(rule, taken[rule.priority]))
            else:
                taken[rule.priority] = rule
    return out


def _gaps(table: Table, blocks: list[Region]) -> list[Gap]:
    required = [b for b in blocks if b.cause in table.causes and must_decide(table, b.ages)]
    undecided = [b for b in required if not b.matching]
    if not undecided:
        return []
    total_per_group: dict[int, int] = defaultdict(int)
    for block in required:
        total_per_group[block.group] += block.cases_per_product
    by_group: dict[int, list[Region]] = defaultdict(list)
    for block in undecided:
        by_group[block.group].append(block)
    is_gap = {(b.group, b.cause, b.facts, b.ages.start) for b in undecided}
    out = []
    for group, found in by_group.items():
        example = found[0]
        facts = _facts_either_way(example, is_gap)
        ages = _joined_ages(example, found)
        count = sum(b.cases_per_product for b in found)
        causes = tuple(dict.fromkeys(b.cause for b in found))
        for product in example.products:
            out.append(Gap(product, example, facts, ages, count, total_per_group[group], causes))
    order = {product: index for index, product in enumerate(table.products)}
    return sorted(out, key=lambda gap: order[gap.product])


def _facts_either_way(example: Region, is_gap: set) -> tuple[bool | None, ...]:
    """The example's facts, with None for each fact whose other value is a gap as well."""
    facts = list(example.facts)
    for k, value in enumerate(example.facts):
        if value is None:
            continue
        other = list(facts)
        other[k] = not value
        if (example.group, example.cause, tuple(other), example.ages.start) in is_gap:
            facts[k] = None
    return tuple(facts)


def _joined_ages(example: Region, found: list[Region]) -> AgeRange:
    """The example's age range joined with the following ranges of the same cause and facts."""
    end = example.ages.end
    starts = {b.ages.start: b.ages.end for b in found
              if b.group == example.group and b.cause == example.cause and b.facts == example.facts}
    while end is not None and end in starts:
        end = starts[end]
    return AgeRange(example.ages.start, end)


def _overlaps(blocks: list[Region]) -> list[Overlap]:
    pairs: dict[tuple[str, str], list] = {}
    for block in blocks:
        if len(block.tied) < 2:
            continue
        for first, second in itertools.combinations(sorted(block.tied, key=lambda rule: rule.id), 2):
            entry = pairs.setdefault((first.id, second.id), [first, second, [], 0])
            entry[2].append(block)
            entry[3] += block.cases_per_product * len(block.products)
    return [Overlap(first, second, found[0], _joined_ages(found[0], found), count)
            for first, second, found, count in pairs.values()]


def _shadowed(table: Table, blocks: list[Region], unplaced: set[str]) -> list[Shadowed]:
    wins: set[str] = set()
    ties: set[str] = set()
    beaten_by: dict[str, dict[str, TableRule]] = defaultdict(dict)
    for block in blocks:
        if block.winner is not None:
            wins.add(block.winner.id)
        ties.update(rule.id for rule in block.tied)
        for rule in block.matching:
            if block.winner is not None and rule is not block.winner:
                beaten_by[rule.id].setdefault(block.winner.id, block.winner)
    out = []
    for rule in table.rules:
        if rule.id in wins or rule.id in ties or rule.id in unplaced or rule.id not in beaten_by:
            continue  # a rule matching no case at all names only unknown products: ref.unknown-product says so
        out.append(Shadowed(rule, tuple(beaten_by[rule.id].values())))
    return out


def in_legal_zone(table: Table, cause: str, ages: AgeRange) -> bool:
    """Whether the law guarantees cases of ``cause`` at ``ages`` (the legal minimum, and its presumption)."""
    minimum = table.legal_minimum
    if minimum is None:
        return False
    if cause in minimum.causes and ages.start < minimum.months:
        return True
    return cause == "unknown" and minimum.presumed_months is not None and ages.start < minimum.presumed_months


def _below_minimum(table: Table, blocks: list[Region]) -> list[BelowMinimum]:
    minimum = table.legal_minimum
    if minimum is None:
        return []
    found: dict[tuple[str, str], BelowMinimum] = {}
    for block in blocks:
        rule = block.winner
        if rule is None or not in_legal_zone(table, block.cause, block.ages):
            continue
        problems = []
        charged = [cost for cost, payer in zip(COSTS, rule.pays, strict=True) if payer == "customer"]
        charges = f"charges the customer the {_and(charged)}" if charged else ""
        if not rule.covered:
            problems.append(("covered", "refuses cover (covered: false)" + (f" and {charges}" if charged else "")))
        elif charged:
            problems.append((f"pays.{charged[0]}", charges))
        if rule.covered:
            missing = [remedy for remedy in minimum.remedies if remedy not in rule.remedies]
            if missing:
                problems.append(("remedies", f"does not offer {', '.join(missing)}"))
            elif minimum.remedies:
                last_required = max(rule.remedies.index(remedy) for remedy in minimum.remedies)
                early = [remedy for remedy in rule.remedies[:last_required] if remedy not in minimum.remedies]
                if early:
                    problems.append(("remedies", f"offers {', '.join(early)} before {', '.join(minimum.remedies)}"))
        for problem, detail in problems:
            found.setdefault((rule.id, problem), BelowMinimum(rule, problem, block, detail))
    return list(found.values())


def _and(words: list[str]) -> str:
    """'parts', 'parts and labour', 'parts, labour and travel'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
