"""Coverage and waivers (detected by generator/validate/coverage.py, with the coverage rules of
site_config.yml and the procedures' waivers)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

_WAIVER = """
        # site_config.yml
        coverage_rules:
          - id: follow-up-form
            message: {ca: "El seguiment s'ha de registrar en un formulari.", es: "El seguimiento se debe registrar en un formulario.", en: "The follow-up must be recorded on a form."}
            require: {phase: follow_up, fills_form: true}
        # content/procedures/warranty-repair.yml
        waivers:
          - rule: {rule}
            justification: {ca: "La trucada de satisfacció es registra al CRM, no en paper, fins al 2027.", es: "La llamada de satisfacción se registra en el CRM, no en papel, hasta 2027.", en: "The satisfaction call is logged in the CRM, not on paper, until 2027."}
            approved_by: Quality manager
            expires: {expires}
"""

COVERAGE_MISSING_PHASE = Rule(
    "coverage.missing-phase", "error", "A procedure has no step in a required phase.",
    "Every case must be received, handled by the SAT, passed through the other departments and followed up.",
    example="""
        # content/procedures/warranty-repair.yml
        steps:
          # ...
          follow_up: []
    """,
    fix="Add at least one step to the phase; if the procedure really has none, waive the phase (waivers:,"
        " with a justification, an approver and an expiry date).",
    fixed="""
        # content/procedures/warranty-repair.yml
          follow_up:
            - action: {ca: "Truca al client una setmana després per comprovar que està satisfet.", es: "Llama al cliente una semana después para comprobar que está satisfecho.", en: "Call the customer a week later to check that they are satisfied."}
              role: head-of-after-sales
    """,
)
COVERAGE_MISSING_DEPARTMENT = Rule(
    "coverage.missing-department", "error", "A step of the 'departments' phase does not name its department.",
    "Who must act is the whole point of that phase.",
    example="""
        # content/procedures/warranty-repair.yml
          departments:
            - id: order-part
              action: {ca: "Demana la peça de recanvi al magatzem.", es: "Pide la pieza de recambio al almacén.", en: "Ask the warehouse for the spare part."}
              role: head-of-after-sales
    """,
    fix="Add 'department:' with one of the departments of site_config.yml.",
    fixed="""
        # content/procedures/warranty-repair.yml
          departments:
            - id: order-part
              action: {ca: "Demana la peça de recanvi al magatzem.", es: "Pide la pieza de recambio al almacén.", en: "Ask the warehouse for the spare part."}
              role: head-of-after-sales
              department: warehouse
    """,
)
COVERAGE_DUPLICATE_STEP_ID = Rule(
    "coverage.duplicate-step-id", "error", "Two steps of one procedure have the same id.",
    "Decisions point to steps by id.",
    example="""
        # content/procedures/warranty-repair.yml
          reception:
            - id: register-call
            # ...
          sat:
            - id: register-call
    """,
    fix="Give each step of the procedure its own id (and update the next_step that should point to it).",
    fixed="""
        # content/procedures/warranty-repair.yml
          sat:
            - id: diagnose
    """,
)
COVERAGE_RULE_NOT_MET = Rule(
    "coverage.rule-not-met", "error", "A procedure does not meet a coverage rule of site_config.yml.",
    "House rules (register every contact on a form, measure satisfaction...) are how the quality"
    " manager keeps every procedure complete; each rule sets its own severity.",
    example="""
        # site_config.yml
        coverage_rules:
          - id: follow-up-form
            message: {ca: "El seguiment s'ha de registrar en un formulari.", es: "El seguimiento se debe registrar en un formulario.", en: "The follow-up must be recorded on a form."}
            require: {phase: follow_up, fills_form: true}
        # content/procedures/warranty-repair.yml
          follow_up:
            - action: {ca: "Truca al client una setmana després per comprovar que està satisfet.", es: "Llama al cliente una semana después para comprobar que está satisfecho.", en: "Call the customer a week later to check that they are satisfied."}
              role: head-of-after-sales
    """,
    fix="Add what the rule requires to the procedure (here a form filled in at the follow-up); if this"
        " procedure has a good reason not to, waive the rule with a justification and an expiry date.",
    fixed="""
        # content/procedures/warranty-repair.yml
          follow_up:
            - action: {en: "Call the customer a week later to check that they are satisfied."}
              role: head-of-after-sales
              forms: [repair-call-log]
    """,
)
COVERAGE_WAIVED = Rule(
    "coverage.waived", "info", "A required phase or a coverage rule is waived, with a waiver in force.",
    "Auditors see every exception, who approved it and until when.",
    example=_WAIVER.replace("{rule}", "follow-up-form").replace("{expires}", "2099-06-30"),
    fix="Nothing to fix while the waiver is justified; before it expires, add the missing steps or have it"
        " renewed.",
)
RULE_UNKNOWN_TARGET = Rule(
    "rule.unknown-target", "error",
    "A coverage rule names a role, form, standard, procedure or department that does not exist.",
    "A rule about something that does not exist can never be met, or never applies: usually a typo.",
    example="""
        # site_config.yml
        coverage_rules:
          - id: follow-up-form
            message: {ca: "El seguiment s'ha de registrar en un formulari.", es: "El seguimiento se debe registrar en un formulario.", en: "The follow-up must be recorded on a form."}
            require: {phase: reception, forms: [repair-call-book]}
    """,
    fix="Name an existing item by its exact id (or a department of site_config.yml).",
    fixed="""
        # site_config.yml
            require: {phase: reception, forms: [repair-call-log]}
    """,
)
WAIVER_EXPIRED = Rule(
    "waiver.expired", "error", "A waiver's expiry date has passed.",
    "An exception is approved for a time; after it, the procedure must be completed or the waiver renewed.",
    example=_WAIVER.replace("{rule}", "follow-up-form").replace("{expires}", "2020-01-31"),
    fix="Add the steps the waiver excused, or have the waiver approved again with a new expiry date.",
    fixed="""
        # content/procedures/warranty-repair.yml
            approved_by: Quality manager
            expires: 2099-12-31
    """,
)
WAIVER_EXPIRES_SOON = Rule(
    "waiver.expires-soon", "info", "A waiver expires soon.",
    "Plan the missing steps or the renewal before the check starts failing.",
    example=_WAIVER.replace("{rule}", "follow-up-form").replace("{expires}", "2025-04-10")
    + "        # (checked on 2025-03-31: the waiver ends in 10 days)\n",
    fix="Add the missing steps before the expiry date, or have the waiver renewed.",
)
WAIVER_UNNEEDED = Rule(
    "waiver.unneeded", "warning", "A waiver excuses something the procedure does not need excusing.",
    "A waiver left behind after the steps were added, or about a rule that does not apply, misleads auditors.",
    example="""
        # content/procedures/warranty-repair.yml (it has steps in the 'sat' phase)
        waivers:
          - phase: sat
            justification: {ca: "El diagnòstic es fa a casa del client, fora d'aquest procediment.", es: "El diagnóstico se hace en casa del cliente, fuera de este procedimiento.", en: "Diagnosis happens at the customer's home, outside this procedure."}
            approved_by: Head of after-sales
            expires: 2099-03-15
    """,
    fix="Remove the waiver.",
)
WAIVER_UNKNOWN_RULE = Rule(
    "waiver.unknown-rule", "error", "A waiver names a coverage rule that site_config.yml does not define.",
    "The waiver would excuse nothing; usually a typo in the rule id.",
    example=_WAIVER.replace("{rule}", "follow-up-forms").replace("{expires}", "2099-06-30"),
    fix="Write the id of the coverage rule exactly as in site_config.yml.",
    fixed="""
        # content/procedures/warranty-repair.yml
        waivers:
          - rule: follow-up-form
    """,
)

RULES = [COVERAGE_MISSING_PHASE, COVERAGE_MISSING_DEPARTMENT, COVERAGE_DUPLICATE_STEP_ID, COVERAGE_RULE_NOT_MET,
         COVERAGE_WAIVED, RULE_UNKNOWN_TARGET]
WAIVER_RULES = [WAIVER_EXPIRED, WAIVER_EXPIRES_SOON, WAIVER_UNNEEDED, WAIVER_UNKNOWN_RULE]
