"""The warranty rules as one decision table, and how a case is decided.

A **case** is what a customer (or the SAT) knows about a fault: the product family, the age of
the product at the fault in months from delivery, the cause of the fault and three yes/no facts
(:data:`FACTS`: a maintenance contract in force, the commercial extended guarantee, a repair
under the legal guarantee before). Each warranty rule is a **row**: conditions on those inputs
and an outcome (covered or not, service category, remedies in order, who pays parts, labour and
travel). The hit policy of ``site_config.yml`` says which row decides when several match.

Everything here is pure and JSON-shaped: :func:`table_document` describes the whole table so
that a small JavaScript evaluator can mirror :func:`decide` exactly (the "Am I covered?" page).

The **input space** is finite: ages are cut at every month any rule or the legal minimum names,
and inside one :class:`AgeRange` every rule either applies to every age or to none, so deciding
one age per range decides them all (:func:`input_space`, :func:`decide_case`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.i18n.labels import label
from generator.model.fields import FAULT_CAUSES
from generator.model.items import TABLE_FLAGS

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase
    from generator.model.config import LegalMinimum
    from generator.model.items import WarrantyRule

FACTS: tuple[str, ...] = TABLE_FLAGS
"""The yes/no inputs of a case, in this order wherever facts are given as a tuple."""

COSTS: tuple[str, ...] = ("parts", "labour", "travel")
"""The parts of the bill a rule says who pays."""

FORMAT = "aftersales-warranty-table"
FORMAT_VERSION = 2
"""2: rules carry ``applies_from`` (an evaluator of version 1 would ignore the purchase date)."""


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, eq=False)
class TableRule:
    """One row of the table: a warranty rule's conditions and outcome, as plain values."""

    id: str
    products: frozenset[str]
    causes: frozenset[str]
    from_month: int
    to_month: int | None
    """Excluded; None: no end."""
    facts: tuple[bool | None, ...]
    """Per :data:`FACTS`: True (only when it holds), False (only when not), None (either)."""
    covered: bool
    category: str
    remedies: tuple[str, ...]
    pays: tuple[str, ...]
    """Per :data:`COSTS`: company, customer or manufacturer."""
    priority: int | None
    public: bool = True
    title: Mapping[str, str] = field(default_factory=dict)
    applies_from: dt.date | None = None
    """Only for goods delivered (sold) on or after this day, when a case gives its delivery date."""

    @classmethod
    def from_model(cls, rule: WarrantyRule) -> TableRule:
        return cls(
            id=rule.id, products=frozenset(rule.products), causes=frozenset(rule.causes),
            from_month=rule.from_month, to_month=rule.to_month,
            facts=tuple(rule.flag(name) for name in FACTS),
            covered=rule.covered, category=rule.category, remedies=tuple(rule.remedies),
            pays=tuple(getattr(rule.pays, cost) for cost in COSTS), priority=rule.priority,
            public=rule.audience == "public", title=dict(rule.title), applies_from=rule.applies_from,
        )

    def applies_at(self, age_months: float) -> bool:
        return self.from_month <= age_months and (self.to_month is None or age_months < self.to_month)

    def accepts(self, facts: Sequence[bool | None]) -> bool:
        """Whether the rule's yes/no conditions hold for ``facts`` (None there: not asked, so only 'any' holds)."""
        return all(want is None or have == want for want, have in zip(self.facts, facts, strict=True))

    def sold_by(self, delivered: dt.date | None) -> bool:
        """Whether goods delivered on ``delivered`` fall under the rule (None: date not given, so yes)."""
        return delivered is None or self.applies_from is None or self.applies_from <= delivered

    def matches(self, product: str, cause: str, age_months: float, facts: Sequence[bool],
                delivered: dt.date | None = None) -> bool:
        return (product in self.products and cause in self.causes and self.applies_at(age_months)
                and self.accepts(facts) and self.sold_by(delivered))

    def payer(self, cost: str) -> str:
        return self.pays[COSTS.index(cost)]

    def as_dict(self) -> dict:
        """The row as JSON: what :func:`table_document` lists and a JavaScript evaluator reads."""
        return {
            "id": self.id,
            "products": sorted(self.products),
            "causes": [cause for cause in FAULT_CAUSES if cause in self.causes],
            "from_month": self.from_month,
            "to_month": self.to_month,
            **{name: "any" if want is None else want for name, want in zip(FACTS, self.facts, strict=True)},
            "covered": self.covered,
            "category": self.category,
            "remedies": list(self.remedies),
            "pays": dict(zip(COSTS, self.pays, strict=True)),
            "priority": self.priority,
            "applies_from": None if self.applies_from is None else self.applies_from.isoformat(),
        }


def rank(rule: TableRule) -> tuple:
    """Sort key of the hit policies 'first' and 'priority': highest priority first, no priority last, then id."""
    return (rule.priority is None, -(rule.priority or 0), rule.id)


def precedence(matching: Sequence[TableRule], hit_policy: str) -> tuple[TableRule | None, tuple[TableRule, ...]]:
    """The rule that decides among the rules matching one case, or None and the rules tied for it.

    ``unique``: the only match (several: tied, no decision). ``first``: the first in :func:`rank`
    order. ``priority``: the highest priority (several sharing it: tied, no decision).
    """
    if not matching:
        return None, ()
    if hit_policy == "unique":
        return (matching[0], ()) if len(matching) == 1 else (None, tuple(matching))
    ordered = sorted(matching, key=rank)
    if hit_policy == "first":
        return ordered[0], ()
    top = tuple(rule for rule in ordered if rule.priority == ordered[0].priority)
    return (top[0], ()) if len(top) == 1 else (None, top)


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True, eq=False)
class Table:
    """Every warranty rule of a knowledge base, how they combine, and what must be decided."""

    rules: tuple[TableRule, ...]
    hit_policy: str = "unique"
    products: tuple[str, ...] = ()
    """The product families cases are about: every public one, and any other a rule names."""
    causes: tuple[str, ...] = FAULT_CAUSES
    """Causes the rules must decide for every product and age (site_config.yml, plus the legal minimum's)."""
    legal_minimum: LegalMinimum | None = None
    languages: tuple[str, ...] = ("en",)
    project_root: Path | None = None
    """Where the knowledge base's own message catalogs are (its words for the labels)."""
    product_titles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    public_products: frozenset[str] = frozenset()

    @cached_property
    def boundaries(self) -> tuple[int, ...]:
        """Every month at which some rule, or the legal minimum, starts or stops applying (0 included)."""
        months = {0}
        for rule in self.rules:
            months.add(rule.from_month)
            if rule.to_month is not None:
                months.add(rule.to_month)
        if self.legal_minimum is not None:
            months.add(self.legal_minimum.months)
            if self.legal_minimum.presumed_months is not None:
                months.add(self.legal_minimum.presumed_months)
        return tuple(sorted(months))

    def rule(self, rule_id: str) -> TableRule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def in_order(self) -> list[TableRule]:
        """The rows as the hit policy reads them: by priority for 'first' and 'priority', by id for 'unique'."""
        if self.hit_policy == "unique":
            return sorted(self.rules, key=lambda rule: rule.id)
        return sorted(self.rules, key=rank)


def build_table(kb: KnowledgeBase) -> Table:
    """The decision table of a loaded knowledge base (rules that failed validation are not in it)."""
    settings = kb.config.warranty
    causes = list(settings.causes)
    minimum = settings.legal_minimum
    if minimum is not None:
        # What the law guarantees must always be decided, whatever the list of causes says.
        causes += minimum.causes
        if minimum.presumed_months is not None:
            causes.append("unknown")
    rules = tuple(TableRule.from_model(item.model) for item in kb.of_type("warranty"))
    named = {product for rule in rules for product in rule.products}
    # Customers' product families (public ones) must all be decided; a staff-only product only
    # when some rule names it (a public rule never may).
    products = [item for item in kb.of_type("product") if item.is_public or item.id in named]
    return Table(
        rules=rules,
        hit_policy=settings.hit_policy,
        products=tuple(item.id for item in products),
        causes=tuple(cause for cause in FAULT_CAUSES if cause in causes),
        legal_minimum=minimum,
        languages=tuple(kb.config.languages),
        project_root=kb.root,
        product_titles={item.id: dict(item.model.title) for item in products},
        public_products=frozenset(item.id for item in products if item.is_public),
    )


# --------------------------------------------------------------------------- deciding a case


@dataclass(frozen=True, eq=False)
class Decision:
    """The outcome of one case: the rule that decides it and what the customer gets."""

    rule: TableRule

    @property
    def covered(self) -> bool:
        return self.rule.covered

    @property
    def category(self) -> str:
        return self.rule.category

    @property
    def remedies(self) -> tuple[str, ...]:
        return self.rule.remedies

    @property
    def pays(self) -> dict[str, str]:
        return dict(zip(COSTS, self.rule.pays, strict=True))

    def as_dict(self) -> dict:
        return {"rule": self.rule.id, "covered": self.covered, "category": self.category,
                "remedies": list(self.remedies), "pays": self.pays}


def decide(table: Table, product: str, age_months: float, cause: str, maintenance_contract: bool,
           commercial_extension: bool, repaired_under_guarantee: bool = False,
           delivered: dt.date | None = None) -> Decision | None:
    """Decide one case: the rule that wins under the table's hit policy, with its outcome.

    A rule matches when ``product`` is one of its products, ``cause`` one of its causes,
    ``from_month <= age_months < to_month`` (no ``to_month``: no upper end), each yes/no fact
    equals the rule's condition or the condition is 'any', and — only when ``delivered`` is
    given — the rule has no ``applies_from`` or ``applies_from <= delivered`` (ISO dates compare
    as strings). Of the matching rules:

    - ``unique``: the only one decides; when several match, none does (an overlap);
    - ``first``: the one with the highest priority decides (no priority counts as lowest; equal
      priorities, an error of the table, fall back to the rule id);
    - ``priority``: the one with the highest priority decides; when several share it, none does.

    None: no rule decides the case (a gap or an overlap, which ``aftersales check`` reports).
    ``check`` analyses the table without a delivery date, i.e. for goods sold once every rule
    is in force; for older goods a rule with a later ``applies_from`` simply does not match.
    """
    facts = (maintenance_contract, commercial_extension, repaired_under_guarantee)
    matching = [rule for rule in table.rules if rule.matches(product, cause, age_months, facts, delivered)]
    winner, _ = precedence(matching, table.hit_policy)
    return Decision(winner) if winner is not None else None


def age_in_months(delivered: dt.date, on: dt.date) -> int:
    """Whole months from ``delivered`` to ``on``: the age ``decide`` takes (ValueError if ``on`` is earlier).

    A month is complete on the same day of a later month, or on that month's last day when it is
    shorter (31 January → 28 February is one month). The "Am I covered?" page computes it alike.
    """
    if on < delivered:
        raise ValueError(f"{on} is before the delivery date {delivered}")
    months = (on.year - delivered.year) * 12 + on.month - delivered.month
    if months > 0 and _add_months(delivered, months) > on:
        months -= 1
    return months


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --------------------------------------------------------------------------- the input space


@dataclass(frozen=True, order=True)
class AgeRange:
    """Ages ``start <= age < end`` in months from delivery (``end`` None: no end)."""

    start: int
    end: int | None

    def __contains__(self, age_months: float) -> bool:
        return self.start <= age_months and (self.end is None or age_months < self.end)

    def describe(self) -> str:
        """'less than 36 months old', '36 to under 48 months old', '60 months old or more'."""
        if self.end is None:
            return "at any age" if self.start == 0 else f"{self.start} months old or more"
        if self.start == 0:
            return f"less than {self.end} months old"
        return f"{self.start} to under {self.end} months old"

    def as_dict(self) -> dict:
        return {"from_month": self.start, "to_month": self.end}


def boundaries(table: Table) -> list[int]:
    """Every month at which some rule, or the legal minimum, starts or stops applying (0 included)."""
    return list(table.boundaries)


def age_ranges(table: Table) -> list[AgeRange]:
    """Ages cut at every boundary: within one range, each rule applies to all ages or to none."""
    cuts = boundaries(table)
    return [AgeRange(start, end) for start, end in zip(cuts, [*cuts[1:], None], strict=True)]


def horizon(table: Table) -> int | None:
    """The age up to which every case must be decided: the last boundary named; None: every age.

    Beyond the last month any rule or the legal minimum names, a case no rule decides is simply
    not covered. When rules name no month at all (they all apply from delivery, without end),
    every age must be decided.
    """
    last = table.boundaries[-1]
    return last if last > 0 else None


def must_decide(table: Table, ages: AgeRange) -> bool:
    """Whether cases in ``ages`` belong to the part of the input space every rule set must decide."""
    limit = horizon(table)
    return limit is None or ages.start < limit


@dataclass(frozen=True)
class InputCase:
    """One combination of the input space: a product, a cause, one value per fact, an age range."""

    product: str
    cause: str
    facts: tuple[bool, ...]
    ages: AgeRange

    def describe(self) -> str:
        return describe_case(self.product, self.cause, self.facts, self.ages)


def input_space(table: Table) -> Iterator[InputCase]:
    """Every product × cause × yes/no facts × age range: the whole, finite input space."""
    ranges = age_ranges(table)
    for product in table.products:
        for cause in FAULT_CAUSES:
            for facts in itertools.product((False, True), repeat=len(FACTS)):
                for ages in ranges:
                    yield InputCase(product, cause, facts, ages)


def decide_case(table: Table, case: InputCase) -> Decision | None:
    """:func:`decide` for every age of ``case.ages`` at once (they are all decided alike)."""
    return decide(table, case.product, case.ages.start, case.cause, *case.facts)


# --------------------------------------------------------------------------- words


_CAUSE_WORDS = {  # for check's messages (English, like every diagnostic; the portals' words are in i18n)
    "manufacturing_defect": "manufacturing defect", "faulty_repair": "faulty repair", "wear": "wear",
    "misuse": "misuse", "customer_damage": "damage by the customer", "external": "external cause",
    "unknown": "unknown cause",
}

_FACT_WORDS = {  # (False, True, either), for check's messages
    "maintenance_contract": ("without a maintenance contract", "with a maintenance contract",
                             "with or without a maintenance contract"),
    "commercial_extension": ("without the commercial extension", "with the commercial extension",
                             "with or without the commercial extension"),
    "repaired_under_guarantee": ("not repaired under the legal guarantee before",
                                 "repaired under the legal guarantee before",
                                 "whether or not repaired under the legal guarantee before"),
}


def describe_fact(name: str, value: bool | None) -> str:
    """'with a maintenance contract', 'without …', 'with or without …' (None)."""
    return _FACT_WORDS[name][2 if value is None else int(value)]


def describe_case(product: str, cause: str, facts: Sequence[bool | None], ages: AgeRange) -> str:
    """A case in plain English, for check's messages."""
    parts = [f"{product}, {_CAUSE_WORDS[cause]}, {ages.describe()}"]
    parts += [describe_fact(name, value) for name, value in zip(FACTS, facts, strict=True)]
    return ", ".join(parts)


# --------------------------------------------------------------------------- the JSON description


def table_document(table: Table, audience: str = "public") -> dict:
    """The table as one JSON-ready document: rules in evaluation order, inputs, legal minimum, labels.

    Only rules and products the ``audience`` may see are included; ``complete`` is False when a
    staff-only rule was left out (decisions from the document could then differ from
    :func:`decide`, so a public page must refuse to evaluate it).
    """
    rules = [rule for rule in table.in_order() if audience == "staff" or rule.public]
    products = [p for p in table.products if audience == "staff" or p in table.public_products]
    minimum = table.legal_minimum
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "hit_policy": table.hit_policy,
        "complete": len(rules) == len(table.rules),
        "inputs": {
            "product": products,
            "cause": list(FAULT_CAUSES),
            "facts": list(FACTS),
            "age_months": {
                "boundaries": boundaries(table),
                "decided_until": horizon(table),
            },
        },
        "must_decide": {"causes": list(table.causes)},
        "rules": [rule.as_dict() for rule in rules],
        "legal_minimum": None if minimum is None else minimum.model_dump(mode="json", exclude={"basis"}),
        "languages": list(table.languages),
        "labels": {lang: _labels(table, lang, rules, products) for lang in table.languages},
    }


def _labels(table: Table, lang: str, rules: list[TableRule], products: list[str]) -> dict:
    default = table.languages[0]

    def say(key: str) -> str:
        return label(key, lang, table.project_root)

    def text(value: Mapping[str, str]) -> str:
        return value.get(lang) or value.get(default) or next(iter(value.values()), "")

    return {
        "cause": {cause: say(f"cause.{cause}") for cause in FAULT_CAUSES},
        "remedy": {remedy: say(f"remedy.{remedy}") for remedy in ("repair", "replace", "price_reduction", "refund")},
        "cost": {cost: say(f"cost.{cost}") for cost in COSTS},
        "payer": {payer: say(f"payer.{payer}") for payer in ("company", "customer", "manufacturer")},
        "category": {category: say(f"category.{category}") for category in "ABCD"},
        "fact": {name: say(f"fact.{name}") for name in FACTS},
        "product": {product: text(table.product_titles.get(product, {})) or product for product in products},
        "rule": {rule.id: text(rule.title) or rule.id for rule in rules},
    }
