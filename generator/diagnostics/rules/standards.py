"""Service standards: measurable, consistent, met by some step, public ones kept public
(detected by generator/validate/standards.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

_RESOLVE = """
        # content/standards/answer-within-4-hours.yml
        target:
          value: 4
          unit: hours
        # ...
        resolution: resolve-case
        # content/standards/resolve-case.yml
        target:
          value: {value}
          unit: {unit}
"""

STANDARD_TARGET_NOT_POSITIVE = Rule(
    "standard.target-not-positive", "error", "A standard's target value is 0.",
    "A target of nothing cannot be measured or missed; count what is done right instead (at least 100 %).",
    example="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 0
          unit: hours
    """,
    fix="Give a target greater than 0; for 'no complaints unanswered' measure the share answered (value: 100,"
        " unit: percent, limit: at_least).",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 0.5
          unit: hours
    """,
)
STANDARD_TARGET_OUT_OF_RANGE = Rule(
    "standard.target-out-of-range", "error",
    "A standard's target is beyond what its unit allows (over 100 %, 24 hours a day, 7 days a week).",
    "A promise no one can keep is misread by customers and makes every measurement a failure.",
    example="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 120
          unit: percent
    """,
    fix="Keep the value within its unit (at most 100 percent, 24 hours_per_day, 7 days_per_week), or use"
        " another unit.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 100
          unit: percent
    """,
)
STANDARD_RESPONSE_EXCEEDS_RESOLUTION = Rule(
    "standard.response-exceeds-resolution", "error",
    "A response time is longer than the resolution time it belongs with.",
    "Answering a complaint after it must be resolved contradicts the charter; one of the two targets is wrong.",
    example=_RESOLVE.replace("{value}", "2").replace("{unit}", "hours"),
    fix="Correct one of the two targets so that the response comes first, or link the response to the"
        " right resolution standard.",
    fixed="""
        # content/standards/resolve-case.yml
        target:
          value: 1
          unit: days
    """,
)
STANDARD_RESOLUTION_NOT_TIME = Rule(
    "standard.resolution-not-time", "error",
    "A standard's 'resolution' links targets that are not both times.",
    "Only a response time and a resolution time can be compared; the link is usually made to the wrong standard.",
    example=_RESOLVE.replace("{value}", "95").replace("{unit}", "percent"),
    fix="Link 'resolution' to the standard whose target is the time to resolve the case, or remove it.",
    fixed="""
        # content/standards/resolve-case.yml
        target:
          value: 1
          unit: months
    """,
)
STANDARD_UNITS_NOT_COMPARABLE = Rule(
    "standard.units-not-comparable", "warning",
    "A response time and its resolution mix working time and calendar time.",
    "Working days do not convert into calendar days without a timetable, so the check cannot tell whether the"
    " response comes before the resolution; give both in the same kind of unit.",
    example=_RESOLVE.replace("{value}", "2").replace("{unit}", "working_days"),
    fix="Give both targets in working time (working_hours, working_days) or both in calendar time.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 4
          unit: working_hours
    """,
)
STANDARD_UNCITED = Rule(
    "standard.uncited", "warning", "No procedure step cites the standard.",
    "A standard no step must meet is a promise no one is asked to keep; organisation-wide standards say"
    " 'applies_to: organisation'.",
    example="""
        # content/standards/answer-within-4-hours.yml (no step has standards: [answer-within-4-hours])
        id: answer-within-4-hours
    """,
    fix="Cite the standard in the steps that must meet it (standards: [answer-within-4-hours]), or mark it"
        " 'applies_to: organisation' if it binds everyone.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        applies_to: organisation
    """,
)
STANDARD_WRONG_PHASE = Rule(
    "standard.wrong-phase", "warning", "A step cites a standard that does not apply to the step's phase.",
    "A standard declares the phases it is about ('phases'); a citation elsewhere is usually the wrong standard"
    " or a step in the wrong phase.",
    example="""
        # content/standards/answer-within-4-hours.yml
        phases: [follow_up]
        # content/procedures/warranty-repair.yml
          reception:
            - id: register-call
              # ...
              standards: [answer-within-4-hours]
    """,
    fix="Cite the standard in a step of its phases, or add the step's phase to the standard's 'phases'.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        phases: [follow_up, reception]
    """,
)
STANDARD_PUBLIC_CITES_STAFF = Rule(
    "standard.public-cites-staff", "error",
    "A public standard names a staff-only item in its customer texts or links to its page or resolution.",
    "Customers read the charter; they cannot open staff pages and must not see internal names.",
    example="""
        # content/standards/answer-within-4-hours.yml (the repair call log is a staff-only form)
        audience: public
        # ...
        summary: {ca: "Cada consulta d'un client té resposta en 4 hores.", es: "Cada consulta de un cliente tiene respuesta en 4 horas.", en: "Every question in the repair call log gets an answer within 4 hours."}
    """,
    fix="Word the customer texts in the customer's terms, without internal names or links to staff pages.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        summary: {ca: "Cada consulta d'un client té resposta en 4 hores.", es: "Cada consulta de un cliente tiene respuesta en 4 horas.", en: "Every question you send us gets an answer within 4 hours."}
    """,
)
STANDARD_NO_CLAIM = Rule(
    "standard.no-claim", "warning", "A public standard does not say how a customer can claim.",
    "A commitment in the charter is only worth something if customers know what to do when it is missed.",
    example="""
        # content/standards/answer-within-4-hours.yml: public, without 'customer_claim:'
        id: answer-within-4-hours
        audience: public
    """,
    fix="Add customer_claim: what the customer can do, and whom to call, when the commitment is not kept.",
    fixed="""
        # content/standards/answer-within-4-hours.yml
        customer_claim: {ca: "Si passades 4 hores no teniu resposta, truqueu-nos i us passarem amb el cap del servei.", es: "Si pasadas 4 horas no tiene respuesta, llámenos y le pasaremos con el jefe del servicio.", en: "If you have had no answer after 4 hours, call us and we will put you through to the head of the service."}
    """,
)

COMPLIANCE_GOAL_BELOW_TARGET = Rule(
    "compliance.goal-below-target", "warning",
    "A standard promises a share (100 % of invoices the same day) but its compliance goal is lower.",
    "The goal is the share of cases that must meet the standard: a p-chart and 'aftersales report' then"
    " call a month on track in which the promise was broken for one case in twenty, while customers and"
    " auditors read the promise.",
    example="""
        # content/standards/answer-within-4-hours.yml
        target:
          value: 100
          unit: percent
          limit: at_least
        # site_config.yml
        compliance:
          goals:
            answer-within-4-hours: 0.9
    """,
    fix="Give the standard a goal as high as its promise under compliance.goals, or promise the share you"
        " measure against (e.g. value: 90).",
    fixed="""
        # site_config.yml
        compliance:
          goals:
            answer-within-4-hours: 1.0
    """,
)

RULES = [STANDARD_TARGET_NOT_POSITIVE, STANDARD_TARGET_OUT_OF_RANGE, STANDARD_RESPONSE_EXCEEDS_RESOLUTION,
         STANDARD_RESOLUTION_NOT_TIME, STANDARD_UNITS_NOT_COMPARABLE, STANDARD_UNCITED, STANDARD_WRONG_PHASE,
         STANDARD_PUBLIC_CITES_STAFF, STANDARD_NO_CLAIM, COMPLIANCE_GOAL_BELOW_TARGET]
