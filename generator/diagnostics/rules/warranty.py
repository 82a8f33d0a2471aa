"""The warranty table: the rules of content/warranty/ as one decision table, site_config.yml 'warranty:'
(detected by generator/validate/warranty.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

WARRANTY_GAP = Rule(
    "warranty.gap", "error", "Some cases of a product family are decided by no warranty rule.",
    "Staff and customers would get no answer for them; every product, cause and age up to the last month"
    " any rule or the legal minimum names must be decided, even if only as 'not covered'.",
    example="""
        # content/warranty/legal-guarantee.yml (the only rule for washing-machines)
        products: [washing-machines]
        causes: [manufacturing_defect]
        from_month: 12
        to_month: 36
        # content/products/washing-machines.yml: cases under 12 months old are decided by no rule
        id: washing-machines
    """,
    fix="Widen a rule to the undecided cases, or add a rule for them (covered: false is an answer too).",
    fixed="""
        # content/warranty/legal-guarantee.yml
        products: [washing-machines]
        causes: [manufacturing_defect]
        to_month: 48
    """,
)
WARRANTY_OVERLAP = Rule(
    "warranty.overlap", "error", "Two warranty rules both decide the same case and the hit policy cannot choose.",
    "Under 'unique' (or with equal priorities under 'priority') the answer would depend on which rule is read"
    " first: two people could tell a customer opposite things.",
    example="""
        # content/warranty/legal-guarantee.yml
        products: [washing-machines]
        causes: [manufacturing_defect]
        to_month: 36
        # content/warranty/repair-extension.yml
        id: repair-extension
        # ...
        products: [washing-machines]
        causes: [manufacturing_defect]
        from_month: 24
        to_month: 48
    """,
    fix="Make the rules' conditions exclusive (here: the extension from month 36), or choose hit_policy:"
        " priority in site_config.yml and give the rules different priorities.",
    fixed="""
        # content/warranty/repair-extension.yml
        from_month: 36
        to_month: 48
    """,
)
WARRANTY_SHADOWED = Rule(
    "warranty.shadowed", "warning", "A warranty rule never decides any case: rules of higher priority always do.",
    "A dead rule misleads whoever reads it, and usually means a priority or a condition is wrong.",
    example="""
        # site_config.yml
          hit_policy: priority
        # content/warranty/legal-guarantee.yml
        to_month: 36
        # ...
        priority: 10
        # content/warranty/repair-extension.yml
        from_month: 12
        to_month: 36
        # ...
        priority: 5
    """,
    fix="Give the rule the priority it needs to decide its cases, narrow the rule above it, or delete the"
        " dead rule.",
    fixed="""
        # content/warranty/repair-extension.yml
        priority: 20
    """,
)
WARRANTY_BELOW_LEGAL_MINIMUM = Rule(
    "warranty.below-legal-minimum", "error",
    "A warranty rule refuses, charges or delays remedies for a fault the law guarantees.",
    "The legal guarantee of site_config.yml cannot be limited by a rule: applying it would break the law and"
    " the customer's trust.",
    example="""
        # site_config.yml
          legal_minimum:
            months: 36
            causes: [manufacturing_defect]
        # content/warranty/legal-guarantee.yml
        to_month: 36
        # ...
        pays: {parts: customer, labour: company, travel: company}
    """,
    fix="Within the legal minimum the company (or the manufacturer) pays for parts, labour and travel and"
        " offers the legal remedies; charge the customer only outside it.",
    fixed="""
        # content/warranty/legal-guarantee.yml
        pays: {parts: manufacturer, labour: company, travel: company}
    """,
)
WARRANTY_PRIORITY = Rule(
    "warranty.priority", "error", "A warranty rule has no priority, or (hit policy 'first') shares one.",
    "Under the hit policies 'first' and 'priority' the priority says which rule decides; without it the"
    " order is a guess.",
    example="""
        # site_config.yml
          hit_policy: priority
        # content/warranty/legal-guarantee.yml: no 'priority:'
        id: legal-guarantee
    """,
    fix="Give every warranty rule 'priority: N' (of the rules matching a case, the highest decides);"
        " under 'first' each rule needs its own.",
    fixed="""
        # content/warranty/legal-guarantee.yml
        category: C
        priority: 10
    """,
)

RULES = [WARRANTY_GAP, WARRANTY_OVERLAP, WARRANTY_SHADOWED, WARRANTY_BELOW_LEGAL_MINIMUM, WARRANTY_PRIORITY]
