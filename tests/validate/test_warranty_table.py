"""The warranty rules as a decision table: ``decide()`` under each hit policy, the exact input
space, the JSON description a browser evaluator mirrors, and the checks (gap, overlap, shadowed,
below the legal minimum, priority) on small knowledge bases made by ``aftersales init``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, PortalView, edit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics.diagnostic import Diagnostic
from generator.load.project import load_project
from generator.model.fields import FAULT_CAUSES
from generator.render.portal import page_path
from generator.validate import run_checks
from generator.warranty import (
    AgeRange,
    Table,
    TableRule,
    age_in_months,
    age_ranges,
    build_table,
    decide,
    decide_case,
    input_space,
    table_document,
)
from generator.warranty.analysis import analyse, regions
from generator.warranty.table import FACTS, horizon

CONFIG = "site_config.yml"
WARR = "content/warranty/legal-guarantee.yml"
PROD = "content/products/washing-machines.yml"
TODAY = dt.date.today()

# --------------------------------------------------------------------------- helpers


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> tuple[int, int]:
    """(line, column) of the first line containing ``needle``; a ``»`` marks the column."""
    offset = max(needle.find("»"), 0)
    needle = needle.replace("»", "")
    for number, line in enumerate(read(root, rel).splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + offset + 1
    raise AssertionError(f"{needle!r} not in {rel}")


def warranty_config(root: Path, block: str) -> None:
    """Replace the init project's ``warranty:`` block of site_config.yml by ``block``."""
    text = read(root, CONFIG)
    new, count = re.subn(r"(?ms)^warranty:\n.*?(?=^review_warning_days:)", block.strip("\n") + "\n", text)
    assert count == 1, "the warranty block of the init site_config.yml changed shape"
    write(root, CONFIG, new)


def rule_file(root: Path, rule_id: str, conditions: str, outcome: str = "", *, covered: bool = True,
              payer: str = "company", products: str = "[washing-machines]") -> str:
    """Write a complete, valid warranty rule; ``conditions`` and ``outcome`` are extra YAML lines."""
    remedies = "remedies: [repair, replace, price_reduction, refund]\n" if covered and "remedies:" not in outcome else ""
    rel = f"content/warranty/{rule_id}.yml"
    write(root, rel, (
        f"id: {rule_id}\n"
        "audience: public\n"
        f'title: {{ca: "Regla {rule_id}", es: "Regla {rule_id}", en: "Rule {rule_id}"}}\n'
        "document:\n"
        "  owner: head-of-after-sales\n"
        '  version: "1.0"\n'
        f"  approved: {(TODAY - dt.timedelta(days=10)).isoformat()}\n"
        f"  next_review: {(TODAY + dt.timedelta(days=300)).isoformat()}\n"
        f"products: {products}\n"
        + conditions.strip("\n") + "\n"
        f"covered: {'true' if covered else 'false'}\n"
        + remedies
        + f"pays: {{parts: {payer}, labour: {payer}, travel: {payer}}}\n"
        f"category: {'C' if covered else 'A'}\n"
        + outcome.strip("\n") + ("\n" if outcome.strip() else "")
    ))
    return rel


def add_product(root: Path, product_id: str) -> str:
    rel = f"content/products/{product_id}.yml"
    write(root, rel, read(root, PROD).replace("id: washing-machines\n", f"id: {product_id}\n", 1))
    return rel


def check(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root))


def warranty_findings(root: Path) -> list[Diagnostic]:
    return [d for d in check(root) if d.code.startswith("warranty.")]


def problems(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(d.format_text() for d in diagnostics)


# --------------------------------------------------------------------------- decide(), by hand


def _row(rule_id: str, products: set[str], causes: set[str], start: int, end: int | None, *, priority: int | None,
         covered: bool = True, extension: bool | None = None) -> TableRule:
    payer = "company" if covered else "customer"
    return TableRule(rule_id, frozenset(products), frozenset(causes), start, end, (None, extension, None),
                     covered, "C" if covered else "A", ("repair", "replace") if covered else (), (payer,) * 3,
                     priority)


RULES = (
    _row("a-legal", {"wm"}, {"manufacturing_defect"}, 0, 36, priority=10),
    _row("b-extension", {"wm"}, {"manufacturing_defect"}, 24, 60, priority=20, extension=True),
    _row("c-paid", {"wm", "dw"}, set(FAULT_CAUSES), 0, None, priority=0, covered=False),
    _row("d-goodwill", {"dw"}, {"wear"}, 0, 12, priority=0),
)

# (product, age, cause, maintenance contract, extension) → winner under unique, first, priority
GRID = [
    (("wm", 12, "manufacturing_defect", False, False), (None, "a-legal", "a-legal")),
    (("wm", 30, "manufacturing_defect", False, True), (None, "b-extension", "b-extension")),
    (("wm", 30, "manufacturing_defect", False, False), (None, "a-legal", "a-legal")),
    (("wm", 36, "manufacturing_defect", False, False), ("c-paid", "c-paid", "c-paid")),  # to_month is excluded
    (("wm", 40, "manufacturing_defect", True, True), (None, "b-extension", "b-extension")),
    (("wm", 59.9, "manufacturing_defect", False, True), (None, "b-extension", "b-extension")),
    (("wm", 60, "manufacturing_defect", False, True), ("c-paid", "c-paid", "c-paid")),
    (("wm", 12, "wear", False, False), ("c-paid", "c-paid", "c-paid")),
    (("dw", 6, "wear", False, False), (None, "c-paid", None)),  # equal priorities: first falls back to the id
    (("dw", 12, "wear", False, False), ("c-paid", "c-paid", "c-paid")),
    (("dw", 0, "manufacturing_defect", True, False), ("c-paid", "c-paid", "c-paid")),
    (("fr", 6, "manufacturing_defect", False, False), (None, None, None)),  # a product no rule names
    (("wm", -1, "manufacturing_defect", False, False), (None, None, None)),
]


@pytest.mark.parametrize("policy_index, policy", list(enumerate(("unique", "first", "priority"))))
@pytest.mark.parametrize("case, expected", GRID)
def test_decide_on_a_grid_of_cases(case, expected, policy_index: int, policy: str) -> None:
    table = Table(RULES, policy, ("wm", "dw"))
    decision = decide(table, *case)
    assert (decision.rule.id if decision else None) == expected[policy_index]


def test_a_decision_carries_the_outcome_of_its_rule() -> None:
    decision = decide(Table(RULES, "priority", ("wm", "dw")), "wm", 12, "manufacturing_defect", False, False)
    assert decision.as_dict() == {"rule": "a-legal", "covered": True, "category": "C", "remedies": ["repair", "replace"],
                                  "pays": {"parts": "company", "labour": "company", "travel": "company"}}
    paid = decide(Table(RULES, "priority", ("wm", "dw")), "wm", 70, "misuse", True, False)
    assert (paid.covered, paid.pays["labour"]) == (False, "customer")


def test_the_age_ranges_are_cut_at_every_boundary() -> None:
    table = Table(RULES, "priority", ("wm", "dw"))
    assert age_ranges(table) == [AgeRange(0, 12), AgeRange(12, 24), AgeRange(24, 36), AgeRange(36, 60),
                                 AgeRange(60, None)]
    assert len(list(input_space(table))) == 2 * len(FAULT_CAUSES) * 8 * 5


@pytest.mark.parametrize("policy", ["unique", "first", "priority"])
def test_one_age_decides_its_whole_range(policy: str) -> None:
    """The analysis is exact: inside a range every age gets the same decision as its start."""
    table = Table(RULES, policy, ("wm", "dw"))
    for case in input_space(table):
        expected = decide_case(table, case)
        end = case.ages.end if case.ages.end is not None else case.ages.start + 120
        for age in (case.ages.start + 0.5, (case.ages.start + end) / 2, end - 0.01):
            decision = decide(table, case.product, age, case.cause, *case.facts)
            assert (decision and decision.rule.id) == (expected and expected.rule.id), (case, age)


@pytest.mark.parametrize("policy", ["unique", "first", "priority"])
def test_the_blocks_of_the_analysis_agree_with_decide(policy: str) -> None:
    table = Table(RULES, policy, ("wm", "dw"))
    blocks = regions(table)
    covered = 0
    for block in blocks:
        for product in block.products:
            facts_options = [[v] if v is not None else [False, True] for v in block.facts]
            for mc in facts_options[0]:
                for ce in facts_options[1]:
                    for rg in facts_options[2]:
                        decision = decide(table, product, block.ages.start, block.cause, mc, ce, rg)
                        assert (decision and decision.rule) is block.winner
                        covered += 1
    assert covered == len(list(input_space(table)))


# --------------------------------------------------------------------------- the JSON description


def mirror_decide(document: dict, product: str, age: float, cause: str, facts: dict[str, bool]) -> str | None:
    """What a small JavaScript evaluator does with table_document() alone (see decide's docstring)."""
    matching = [
        rule for rule in document["rules"]
        if product in rule["products"] and cause in rule["causes"] and rule["from_month"] <= age
        and (rule["to_month"] is None or age < rule["to_month"])
        and all(rule[name] in ("any", value) for name, value in facts.items())
    ]
    if not matching:
        return None
    if document["hit_policy"] == "unique":
        return matching[0]["id"] if len(matching) == 1 else None
    matching.sort(key=lambda rule: (rule["priority"] is None, -(rule["priority"] or 0), rule["id"]))
    if document["hit_policy"] == "first":
        return matching[0]["id"]
    top = [rule for rule in matching if rule["priority"] == matching[0]["priority"]]
    return top[0]["id"] if len(top) == 1 else None


@pytest.mark.parametrize("policy", ["unique", "first", "priority"])
def test_a_mirror_of_the_json_document_decides_like_decide(policy: str) -> None:
    table = Table(RULES, policy, ("wm", "dw"), public_products=frozenset({"wm", "dw"}))
    document = json.loads(json.dumps(table_document(table)))
    assert document["format"] == "aftersales-warranty-table" and document["complete"] is True
    assert document["inputs"]["age_months"]["boundaries"] == [0, 12, 24, 36, 60]
    for case in input_space(table):
        facts = dict(zip(document["inputs"]["facts"], case.facts, strict=True))
        decision = decide_case(table, case)
        assert mirror_decide(document, case.product, case.ages.start, case.cause, facts) == (
            decision.rule.id if decision else None), case


def test_the_example_document_has_labels_in_every_language_and_only_public_rules() -> None:
    table = build_table(load_project(REPO).kb)
    document = table_document(table)
    assert document["complete"] is True
    assert document["hit_policy"] == "priority"
    assert [rule["id"] for rule in document["rules"]][:2] == ["customer-damage", "repair-guarantee"]
    assert document["legal_minimum"] == {"months": 36, "causes": ["manufacturing_defect"],
                                         "remedies": ["repair", "replace"], "presumed_months": 24}
    for lang in ("ca", "es", "en"):
        labels = document["labels"][lang]
        assert set(labels["cause"]) == set(FAULT_CAUSES)
        assert set(labels["rule"]) == {rule["id"] for rule in document["rules"]}
    assert document["labels"]["es"]["rule"]["legal-guarantee"] == "Garantía legal de 3 años"
    assert document["labels"]["ca"]["payer"]["customer"] == "a càrrec vostre"


def test_a_staff_rule_makes_the_public_document_incomplete() -> None:
    staff = TableRule("e-internal", frozenset({"wm"}), frozenset({"wear"}), 0, None, (None, None, None), True, "C",
                      ("repair",), ("company",) * 3, 50, public=False)
    document = table_document(Table((*RULES, staff), "priority", ("wm", "dw")))
    assert document["complete"] is False
    assert "e-internal" not in {rule["id"] for rule in document["rules"]}


# --------------------------------------------------------------------------- the example


def test_the_example_table_passes_every_check() -> None:
    diagnostics = run_checks(load_project(REPO))
    assert not [d for d in diagnostics if d.code.startswith("warranty.")], problems(diagnostics)


@pytest.mark.parametrize(("case", "rule", "covered"), [
    (("fridges", 30, "manufacturing_defect", False, False, False), "legal-guarantee", True),
    (("fridges", 40, "manufacturing_defect", False, False, True), "eu-repair-extension", True),
    (("fridges", 40, "manufacturing_defect", False, True, True), "eu-repair-extension", True),
    (("fridges", 50, "manufacturing_defect", False, True, True), "commercial-extended-warranty", True),
    (("fridges", 40, "manufacturing_defect", True, False, False), "paid-service-outside-warranty", False),
    (("dishwashers", 12, "unknown", False, False, False), "legal-presumption", True),
    (("dishwashers", 30, "unknown", False, False, False), "paid-service-outside-warranty", False),
    (("washing-machines", 90, "wear", True, False, False), "maintenance-contract", True),
    (("water-heaters", 20, "wear", True, False, False), "maintenance-contract", True),  # boilers too (issue 27)
    (("water-heaters", 20, "wear", False, False, False), "wear-parts-exclusion", False),
    (("air-conditioners", 6, "misuse", True, True, True), "customer-damage", False),
    (("air-conditioners", 80, "faulty_repair", False, False, False), "repair-guarantee", True),
])
def test_the_example_decides_cases_as_its_texts_say(case, rule: str, covered: bool) -> None:
    decision = decide(build_table(load_project(REPO).kb), *case)
    assert decision is not None
    assert (decision.rule.id, decision.covered) == (rule, covered)
    assert set(decision.pays.values()) == ({"company"} if covered else {"customer"})


@pytest.mark.parametrize(("delivered", "rule"), [
    (None, "eu-repair-extension"),  # no date: every rule is in force (what check analyses)
    (dt.date(2026, 7, 31), "eu-repair-extension"),  # applies_from is included
    (dt.date(2026, 7, 30), "paid-service-outside-warranty"),  # sold earlier: the EU extension does not apply
])
def test_a_delivery_date_before_a_rules_applies_from_leaves_it_out(delivered, rule: str) -> None:
    table = build_table(load_project(REPO).kb)
    decision = decide(table, "fridges", 40, "manufacturing_defect", False, False, True, delivered=delivered)
    assert decision is not None and decision.rule.id == rule
    document = table_document(table)
    assert document["format_version"] == 2
    assert {row["id"]: row["applies_from"] for row in document["rules"]}["legal-guarantee"] == "2022-01-01"


@pytest.mark.parametrize(("delivered", "on", "months"), [
    ("2024-01-15", "2027-01-14", 35), ("2024-01-15", "2027-01-15", 36), ("2024-05-05", "2024-05-05", 0),
    ("2024-01-31", "2024-02-28", 0), ("2024-01-31", "2024-02-29", 1), ("2023-01-31", "2023-02-28", 1),
    ("2024-02-29", "2025-02-28", 12), ("2023-12-31", "2024-01-30", 0), ("2023-12-31", "2024-01-31", 1),
])
def test_the_age_in_whole_months_from_delivery(delivered: str, on: str, months: int) -> None:
    assert age_in_months(dt.date.fromisoformat(delivered), dt.date.fromisoformat(on)) == months


def test_an_age_before_delivery_is_refused() -> None:
    with pytest.raises(ValueError):
        age_in_months(dt.date(2026, 5, 2), dt.date(2026, 5, 1))


def test_every_case_of_the_example_is_decided_up_to_five_years() -> None:
    table = build_table(load_project(REPO).kb)
    assert table.boundaries[-1] == 60
    undecided = [case for case in input_space(table) if case.ages.start < 60 and decide_case(table, case) is None]
    assert undecided == []


def test_the_rule_page_shows_conditions_and_who_pays_in_the_portal_language() -> None:
    kb = load_project(REPO).kb
    page = PortalView(kb, "public", "es", with_pdf=False).render(page_path(kb.get("commercial-extended-warranty")))
    text = page.markdown
    assert "**Cuándo se aplica**" in text and "**Qué obtiene**" in text
    assert "de 36 meses a menos de 60" in text
    assert "Solo con la garantía ampliada" in text
    assert "Piezas: a nuestro cargo · Mano de obra: a nuestro cargo · Desplazamiento: a nuestro cargo" in text
    assert "priority" not in text.lower()
    english = PortalView(kb, "public", "en", with_pdf=False).render(page_path(kb.get("customer-damage"))).markdown
    assert "**Age of the appliance, from delivery:** any" in english
    assert "Parts: paid by you" in english


# --------------------------------------------------------------------------- the checks, on small projects


def test_a_gap_is_reported_once_per_product_family_with_an_example(new_project: Path) -> None:
    edit(new_project, WARR, "to_month: 36\n", "from_month: 12\nto_month: 36\n")
    dishwashers = add_product(new_project, "dishwashers")
    found = warranty_findings(new_project)
    assert [(d.code, d.file) for d in found] == [("warranty.gap", dishwashers), ("warranty.gap", PROD)], problems(found)
    washing = found[1]
    assert (washing.line, washing.column) == line_of(new_project, PROD, "id: »washing-machines")
    assert washing.item == "washing-machines"
    assert ("no warranty rule decides washing-machines for cause 'manufacturing_defect', less than 12 months old:"
            " 8 of its 16 combinations") in washing.message
    assert "up to 36 months" in washing.message
    assert "16 of its 16 combinations" in found[0].message


def test_a_gap_names_the_yes_no_facts_that_matter(new_project: Path) -> None:
    edit(new_project, WARR, "# maintenance_contract: any", "maintenance_contract: false")
    (gap,) = warranty_findings(new_project)
    assert gap.code == "warranty.gap"
    assert "less than 36 months old, with a maintenance contract:" in gap.message
    assert "commercial" not in gap.message  # facts no rule looks at are left out


def test_beyond_the_last_month_any_rule_names_no_rule_is_needed(new_project: Path) -> None:
    table = build_table(load_project(new_project).kb)
    assert decide(table, "washing-machines", 40, "manufacturing_defect", False, False) is None
    assert warranty_findings(new_project) == []


def test_rules_that_name_no_month_must_decide_every_age(new_project: Path) -> None:
    edit(new_project, WARR, "to_month: 36\n", "")
    edit(new_project, CONFIG, "  causes: [manufacturing_defect]  #", "  causes: [manufacturing_defect, wear]  #")
    edit(new_project, CONFIG, "  legal_minimum:", "  legal_minimum_off:")  # keep the gap alone
    warranty_config(new_project, "warranty:\n  hit_policy: unique\n  causes: [manufacturing_defect, wear]\n")
    (gap,) = warranty_findings(new_project)
    assert "cause 'wear', at any age" in gap.message and "(cause × yes/no facts × age range, at any age)" in gap.message


def test_each_overlapping_pair_is_reported_once(new_project: Path) -> None:
    second = rule_file(new_project, "second-rule", "causes: [manufacturing_defect]\nfrom_month: 24\nto_month: 48")
    third = rule_file(new_project, "third-rule", "causes: [manufacturing_defect, wear]\nfrom_month: 30")
    found = warranty_findings(new_project)
    overlaps = [d for d in found if d.code == "warranty.overlap"]
    assert len(overlaps) == 3, problems(found)
    pairs = {(d.file, re.search(r"rules '([\w-]+)' \(([^)]+)\) and '([\w-]+)'", d.message).groups()) for d in overlaps}
    assert pairs == {
        (second, ("legal-guarantee", WARR, "second-rule")),
        (third, ("legal-guarantee", WARR, "third-rule")),
        (third, ("second-rule", second, "third-rule")),
    }
    for diagnostic in overlaps:
        assert (diagnostic.line, diagnostic.column) == line_of(new_project, diagnostic.file, f"id: »{diagnostic.item}")
    legal_second = next(d for d in overlaps if d.file == second)
    # 24 to 36 months is two age ranges here (third-rule starts at 30): 2 × 8 yes/no combinations
    assert "washing-machines with cause 'manufacturing_defect', 24 to under 36 months old (16 combinations in all)" \
        in legal_second.message
    assert "hit policy 'unique' (site_config.yml:" in legal_second.message


def test_equal_priorities_overlap_under_the_priority_policy(new_project: Path) -> None:
    warranty_config(new_project, "warranty:\n  hit_policy: priority\n  causes: [manufacturing_defect]\n")
    edit(new_project, WARR, "# priority: 10  #", "priority: 10  #")
    second = rule_file(new_project, "second-rule", "causes: [manufacturing_defect]\nfrom_month: 24\nto_month: 48",
                       "priority: 10")
    (overlap,) = warranty_findings(new_project)
    assert (overlap.code, overlap.file) == ("warranty.overlap", second)
    assert "have the same priority (10) and both decide" in overlap.message
    edit(new_project, second, "priority: 10", "priority: 11")
    assert warranty_findings(new_project) == []


def test_a_shadowed_rule_names_the_rules_that_win_instead(new_project: Path) -> None:
    warranty_config(new_project, "warranty:\n  hit_policy: first\n  causes: [manufacturing_defect]\n")
    edit(new_project, WARR, "# priority: 10  #", "priority: 10  #")
    rule_file(new_project, "late-rule", "causes: [manufacturing_defect]\nfrom_month: 36", "priority: 30")
    hidden = rule_file(new_project, "hidden-rule", "causes: [manufacturing_defect]\nfrom_month: 12", "priority: 5")
    (shadowed,) = warranty_findings(new_project)
    assert (shadowed.code, shadowed.severity, shadowed.file) == ("warranty.shadowed", "warning", hidden)
    assert (shadowed.line, shadowed.column) == line_of(new_project, hidden, "priority: »5")
    assert "rule 'hidden-rule' (priority 5) never decides any case" in shadowed.message
    assert "'legal-guarantee' (priority 10, content/warranty/legal-guarantee.yml)" in shadowed.message
    assert "'late-rule' (priority 30, content/warranty/late-rule.yml) decide instead" in shadowed.message


def test_under_first_every_rule_needs_its_own_priority(new_project: Path) -> None:
    warranty_config(new_project, "warranty:\n  hit_policy: first\n  causes: [manufacturing_defect]\n")
    edit(new_project, WARR, "# priority: 10  #", "priority: 10  #")
    later = rule_file(new_project, "second-rule", "causes: [manufacturing_defect]\nfrom_month: 36", "priority: 10")
    (problem,) = warranty_findings(new_project)  # reported at the rule whose file comes later
    assert (problem.code, problem.file) == ("warranty.priority", later)
    assert (problem.line, problem.column) == line_of(new_project, later, "priority: »10")
    assert "priority 10 is also the priority of 'legal-guarantee' (content/warranty/legal-guarantee.yml)" \
        in problem.message


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ("covered: true\n", "covered: false\n", "covered: »false",
     "refuses cover (covered: false) and charges the customer the parts, labour and travel"),
    ("pays: {parts: company, labour: company, travel: company}",
     "pays: {parts: company, labour: customer, travel: customer}", "labour: »customer",
     "charges the customer the labour and travel"),
    ("remedies: [repair, replace, price_reduction, refund]", "remedies: [refund, repair, replace]", "remedies: »[",
     "offers refund before repair, replace"),
    ("remedies: [repair, replace, price_reduction, refund]", "remedies: [repair, refund]", "remedies: »[",
     "does not offer replace"),
])
def test_a_rule_below_the_legal_minimum(new_project: Path, old: str, new: str, at: str, message: str) -> None:
    edit(new_project, WARR, old, new)
    if "covered: false" in new:
        edit(new_project, WARR, "pays: {parts: company, labour: company, travel: company}",
             "pays: {parts: customer, labour: customer, travel: customer}")
    (below,) = warranty_findings(new_project)
    assert (below.code, below.file, below.item) == ("warranty.below-legal-minimum", WARR, "legal-guarantee")
    assert (below.line, below.column) == line_of(new_project, WARR, at)
    assert message in below.message
    config_line = line_of(new_project, CONFIG, "legal_minimum:")[0]
    assert f"the legal minimum (site_config.yml:{config_line}) is 36 months from delivery for manufacturing_defect" \
        in below.message


def test_the_presumption_holds_a_fault_of_unknown_cause_to_the_minimum(new_project: Path) -> None:
    edit(new_project, CONFIG, "    # presumed_months: 24", "    presumed_months: 24")
    rule_file(new_project, "unknown-cause", "causes: [unknown]", covered=False, payer="customer")
    (below,) = warranty_findings(new_project)
    assert below.code == "warranty.below-legal-minimum" and below.item == "unknown-cause"
    assert "cause 'unknown', less than 24 months old" in below.message
    assert "a fault of unknown cause within 24 months counts as manufacturing_defect" in below.message
    edit(new_project, "content/warranty/unknown-cause.yml", "causes: [unknown]", "causes: [unknown]\nfrom_month: 24")
    found = warranty_findings(new_project)
    assert [d.code for d in found] == ["warranty.gap"]  # the first 2 years are now undecided for 'unknown'
    assert "cause 'unknown', less than 24 months old" in found[0].message


def test_a_rule_below_the_minimum_but_never_deciding_there_is_fine(new_project: Path) -> None:
    warranty_config(new_project, (
        "warranty:\n  hit_policy: priority\n  causes: [manufacturing_defect]\n"
        "  legal_minimum: {months: 36, causes: [manufacturing_defect], remedies: [repair, replace]}\n"))
    edit(new_project, WARR, "# priority: 10  #", "priority: 10  #")
    rule_file(new_project, "paid-repairs", "causes: [manufacturing_defect]", "priority: 0", covered=False,
              payer="customer")
    assert warranty_findings(new_project) == []


# --------------------------------------------------------------------------- reading the fields


@pytest.mark.parametrize(("old", "new", "message"), [
    ("to_month: 36", "period_months: 36", "unknown field 'period_months'; it was renamed: write 'to_month'"),
    ("# maintenance_contract: any", "maintenance_contract: yes",
     "maintenance_contract: 'yes' is not allowed; write true, false or any"),
    ("to_month: 36", "from_month: 36\nto_month: 36", "to_month (36) must be after from_month (36)"),
    ("pays: {parts: company,", "pays: {parts: shop,", "'shop' is not allowed"),
])
def test_bad_fields_are_plain_errors_and_silence_the_table(new_project: Path, old: str, new: str, message: str) -> None:
    edit(new_project, WARR, old, new)
    diagnostics = check(new_project)
    assert [d.code for d in diagnostics if d.severity == "error"][:1] in (["schema.unknown-field"],
                                                                          ["schema.invalid-value"])
    assert any(message in d.message for d in diagnostics), problems(diagnostics)
    assert not [d for d in diagnostics if d.code.startswith("warranty.")]  # no findings about a half-read table


def test_a_project_without_warranty_rules_has_no_table_to_check(new_project: Path) -> None:
    (new_project / WARR).unlink()
    edit(new_project, "content/procedures/warranty-repair.yml", "warranty: [legal-guarantee]\n", "")
    assert warranty_findings(new_project) == []


def test_a_new_product_family_needs_warranty_rules(new_project: Path, capsys) -> None:
    from generator.cli import main

    assert main(["new", "product", "dishwashers", "--project", str(new_project)]) == 0
    assert "add it to the products of your warranty rules" in capsys.readouterr().out
    (gap,) = warranty_findings(new_project)
    assert (gap.code, gap.file) == ("warranty.gap", "content/products/dishwashers.yml")
    edit(new_project, WARR, "products: [washing-machines]", "products: [washing-machines, dishwashers]")
    assert warranty_findings(new_project) == []


def test_a_staff_only_product_no_rule_names_needs_none(new_project: Path) -> None:
    rel = add_product(new_project, "spare-parts-kits")
    edit(new_project, rel, "audience: public", "audience: staff")
    assert warranty_findings(new_project) == []


def test_the_init_project_is_a_complete_table(new_project: Path) -> None:
    table = build_table(load_project(new_project).kb)
    assert table.hit_policy == "unique"
    assert [(r.start, r.end) for r in age_ranges(table)] == [(0, 36), (36, None)]
    assert warranty_findings(new_project) == []


# --------------------------------------------------------------------------- exactness on random tables

_PRODUCTS = ("p1", "p2", "p3")
_CAUSES = ("manufacturing_defect", "wear", "unknown")


@st.composite
def random_tables(draw) -> Table:
    rules = []
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        start = draw(st.sampled_from((0, 0, 6, 12, 24)))
        end = draw(st.sampled_from((None, 6, 12, 24, 36, 48)))
        if end is not None and end <= start:
            end = None
        covered = draw(st.booleans())
        rules.append(TableRule(
            f"r{index}", frozenset(draw(st.sets(st.sampled_from(_PRODUCTS), min_size=1))),
            frozenset(draw(st.sets(st.sampled_from(_CAUSES), min_size=1))), start, end,
            tuple(draw(st.sampled_from((None, None, True, False))) for _ in FACTS), covered,
            "C" if covered else "A", ("repair", "replace") if covered else (),
            (draw(st.sampled_from(("company", "customer"))),) * 3, draw(st.sampled_from((None, 0, 1, 2, 3)))))
    return Table(tuple(rules), draw(st.sampled_from(("unique", "first", "priority"))), _PRODUCTS,
                 causes=_CAUSES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=random_tables())
def test_the_analysis_agrees_with_deciding_every_case(table: Table) -> None:
    found = analyse(table)
    limit = horizon(table)
    undecided: dict[str, int] = {}
    tied_pairs: set[tuple[str, str]] = set()
    winners: set[str] = set()
    tied_rules: set[str] = set()
    for case in input_space(table):
        matching = [rule for rule in table.rules
                    if rule.matches(case.product, case.cause, case.ages.start, case.facts)]
        decision = decide_case(table, case)
        if decision is not None:
            winners.add(decision.rule.id)
        elif len(matching) > 1:
            top = matching if table.hit_policy == "unique" else [
                rule for rule in matching if rule.priority == max((r.priority for r in matching),
                                                                   key=lambda p: -1 if p is None else p)]
            ids = sorted(rule.id for rule in top)
            tied_rules.update(ids)
            tied_pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
        elif not matching and case.cause in table.causes and (limit is None or case.ages.start < limit):
            undecided[case.product] = undecided.get(case.product, 0) + 1
    assert {gap.product: gap.count for gap in found.gaps} == undecided
    assert {(o.first.id, o.second.id) for o in found.overlaps} == tied_pairs
    if table.hit_policy == "unique":
        assert found.shadowed == []
    else:
        never = {rule.id for rule in table.rules if rule.priority is not None and rule.id not in winners
                 and rule.id not in tied_rules
                 and any(rule.matches(c.product, c.cause, c.ages.start, c.facts) for c in input_space(table))}
        assert {s.rule.id for s in found.shadowed} == never
