"""References (detected by generator/validate/references.py): every id named resolves to an item of the
right type, public never cites staff, prerequisite and reporting chains have no loops."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

_BROKEN_LINK = "A broken link in a procedure is a broken instruction for the person following it."


def _unknown(target: str, label: str, example: str, fix: str, fixed: str) -> Rule:
    return Rule(f"ref.unknown-{target}", "error", f"A reference names a {label} that does not exist.", _BROKEN_LINK,
                example=example, fix=fix, fixed=fixed)


UNKNOWN_TARGET: dict[str, Rule] = {rule.code.removeprefix("ref.unknown-"): rule for rule in (
    _unknown("role", "role", """
        # content/procedures/warranty-repair.yml
          reception:
            - id: register-call
              # ...
              role: head-of-aftersales
    """, "Name the role by its exact id (the file name in content/roles/), or create the role.", """
        # content/procedures/warranty-repair.yml
          reception:
            - id: register-call
              # ...
              role: head-of-after-sales
    """),
    _unknown("form", "form", """
        # content/procedures/warranty-repair.yml
              forms: [repair-call-book]
    """, "Name the form by its exact id (the file name in content/forms/), or create the form.", """
        # content/procedures/warranty-repair.yml
              forms: [repair-call-log]
    """),
    _unknown("standard", "service standard", """
        # content/procedures/warranty-repair.yml
              standards: [answer-within-5-hours]
    """, "Name the standard by its exact id (the file name in content/standards/), or create it.", """
        # content/procedures/warranty-repair.yml
              standards: [answer-within-4-hours]
    """),
    _unknown("product", "product", """
        # content/warranty/legal-guarantee.yml
        products: [dish-washers]
    """, "Name the product family by its exact id (the file name in content/products/), or create it.", """
        # content/warranty/legal-guarantee.yml
        products: [washing-machines]
    """),
    _unknown("warranty", "warranty rule", """
        # content/procedures/warranty-repair.yml
        warranty: [commercial-guarantee]
    """, "Name the warranty rule by its exact id (the file name in content/warranty/), or create it.", """
        # content/procedures/warranty-repair.yml
        warranty: [legal-guarantee]
    """),
    _unknown("procedure", "procedure", """
        # content/training/after-sales-basics.yml
        procedures: [complaint-handling]
    """, "Name the procedure by its exact id (the file name in content/procedures/), or create it.", """
        # content/training/after-sales-basics.yml
        procedures: [warranty-repair]
    """),
    _unknown("training", "training module", """
        # content/training/after-sales-basics.yml
        prerequisites: [customer-care]
    """, "Name the module by its exact id (the file name in content/training/), or create it.", """
        # content/training/after-sales-basics.yml
        duration_minutes: 60
        lessons:
    """),
    _unknown("guide", "self-repair guide", """
        # content/procedures/warranty-repair.yml
        guides: [washing-machine-wont-drain]
    """, "Name the guide by its exact id (the file name in content/guides/), or create it.", """
        # content/procedures/warranty-repair.yml
        guides: [washing-machine-does-not-drain]
    """),
    _unknown("department", "department", """
        # content/roles/head-of-after-sales.yml (site_config.yml: departments: [after-sales, warehouse, ...])
        department: aftersales
    """, "Use one of the departments listed in site_config.yml, or add the department there.", """
        # content/roles/head-of-after-sales.yml
        department: after-sales
    """),
    _unknown("step", "step of this procedure", """
        # content/procedures/warranty-repair.yml
                  - when: {ca: "Sí", es: "Sí", en: "Yes"}
                    # ...
                    next_step: order-parts
        # ...
          departments:
            - id: order-part
    """, "Point next_step (an outcome's or a step's) or a step's before at the id of a step of the same procedure (give that step an"
         " 'id' if it has none).", """
        # content/procedures/warranty-repair.yml
                    next_step: order-part
    """),
)}
REF_PUBLIC_TO_STAFF = Rule(
    "ref.public-to-staff", "error", "A public item refers to a staff-only item.",
    "The public portal must never contain or link to staff-only content.",
    example="""
        # content/products/spare-parts-kits.yml
        id: spare-parts-kits
        audience: staff
        # content/guides/washing-machine-does-not-drain.yml
        id: washing-machine-does-not-drain
        audience: public
        # ...
        products: [washing-machines, spare-parts-kits]
    """,
    fix="Remove the reference from the public item, or make the item it names public (if customers may"
        " see it).",
    fixed="""
        # content/products/spare-parts-kits.yml
        id: spare-parts-kits
        audience: public
    """,
)
REF_CYCLE = Rule(
    "ref.cycle", "error", "References form a loop (prerequisites, reporting lines).",
    "A training module cannot be its own prerequisite; a role cannot report to itself.",
    example="""
        # content/roles/head-of-after-sales.yml
        id: head-of-after-sales
        # ...
        reports_to: head-of-after-sales
    """,
    fix="Break the loop: point reports_to (or prerequisites) at an item higher up the chain, or remove it.",
    fixed="""
        # content/roles/service-technician.yml
        id: service-technician
        # ...
        reports_to: head-of-after-sales
    """,
)

REF_STEP_ORDER = Rule(
    "ref.step-order", "error", "A step's 'before' names a step of its own phase or of a later one.",
    "'before' moves a step ahead of a step of an earlier phase (the warehouse reserves the unit before the SAT"
    " installs it). Within one phase the list already gives the order, and a later phase already comes after;"
    " the step stays where it is listed, so the number and the diagram would not say what the author meant.",
    example="""
        # content/procedures/warranty-repair.yml
          sat:
            - id: diagnose
              # ...
              before: order-part
              # ...
          departments:
            - id: order-part
    """,
    fix="Name a step of an earlier phase that this step really runs before; within one phase, move the step up"
        " the list instead. A step that runs after the one it names needs no 'before'.",
    fixed="""
        # content/procedures/warranty-repair.yml
          sat:
            - id: diagnose
              # ...
              role: head-of-after-sales
              decision:
    """,
)

RULES = [*UNKNOWN_TARGET.values(), REF_PUBLIC_TO_STAFF, REF_CYCLE, REF_STEP_ORDER]
