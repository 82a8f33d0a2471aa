"""Schema: every field of every type is declared in generator/model (detected by generator/load/schema.py
and generator/load/project.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

SCHEMA_NOT_MAPPING = Rule(
    "schema.not-mapping", "error", "The file does not hold a mapping of fields.",
    "An item is a set of 'field: value' lines.",
    example="""
        # content/forms/broken-form.yml
        - just
        - a list
    """,
    fix="Write the item as 'field: value' lines, starting with its id (aftersales new form ID writes a"
        " starting point).",
    fixed="""
        # content/forms/broken-form.yml
        id: broken-form
        audience: staff
    """,
)
SCHEMA_UNKNOWN_FIELD = Rule(
    "schema.unknown-field", "error", "A field that this content type does not have.",
    "A misspelt field would be silently ignored.",
    example="""
        # content/procedures/warranty-repair.yml
        purpos: {ca: "Reparar ràpidament un producte avariat en garantia i mantenir informat el client.", es: "Reparar rápidamente un producto averiado en garantía y mantener informado al cliente.", en: "Repair a faulty product under warranty quickly and keep the customer informed."}
    """,
    fix="Correct the field name (the message suggests the closest one), or remove the field.",
    fixed="""
        # content/procedures/warranty-repair.yml
        purpose: {ca: "Reparar ràpidament un producte avariat en garantia i mantenir informat el client.", es: "Reparar rápidamente un producto averiado en garantía y mantener informado al cliente.", en: "Repair a faulty product under warranty quickly and keep the customer informed."}
    """,
)
SCHEMA_MISSING_FIELD = Rule(
    "schema.missing-field", "error", "A required field is missing.",
    "Pages, checklists and checks need it.",
    example="""
        # content/procedures/warranty-repair.yml: no 'trigger', the event that starts the procedure
        id: warranty-repair
        # ...
        purpose: {ca: "Reparar ràpidament un producte avariat en garantia i mantenir informat el client.", es: "Reparar rápidamente un producto averiado en garantía y mantener informado al cliente.", en: "Repair a faulty product under warranty quickly and keep the customer informed."}
        category: C
    """,
    fix="Add the field the message names (the file made by aftersales new shows every required field).",
    fixed="""
        # content/procedures/warranty-repair.yml
        trigger: {ca: "Un client comunica una avaria.", es: "Un cliente comunica una avería.", en: "A customer reports a breakdown."}
        category: C
    """,
)
SCHEMA_WRONG_TYPE = Rule(
    "schema.wrong-type", "error", "A value has the wrong type (text, number, list...).",
    "The portal would show or compute nonsense.",
    example="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: "twenty"
    """,
    fix="Write the value in the type the field expects; numbers without quotes or units.",
    fixed="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: 25
    """,
)
SCHEMA_INVALID_VALUE = Rule(
    "schema.invalid-value", "error", "A value is not one of those allowed, or out of range.",
    "Only known values can be rendered and audited.",
    example="""
        # content/guides/washing-machine-does-not-drain.yml
        difficulty: trivial
    """,
    fix="Use one of the values the message lists (here easy, medium or hard).",
    fixed="""
        # content/guides/washing-machine-does-not-drain.yml
        difficulty: hard
    """,
)
SCHEMA_INVALID_ID = Rule(
    "schema.invalid-id", "error", "An id is not a lowercase slug.",
    "Ids become page addresses and references; they must be stable and simple.",
    example="""
        # content/procedures/warranty-repair.yml
          sat:
            - id: Diagnose_Step
    """,
    fix="Write ids in lowercase letters, digits and hyphens (and update whatever refers to them).",
    fixed="""
        # content/procedures/warranty-repair.yml
          sat:
            - id: diagnose-step
    """,
)
SCHEMA_INVALID_DATE = Rule(
    "schema.invalid-date", "error", "A date is not a real YYYY-MM-DD date.",
    "Document control depends on correct dates.",
    example="""
        # content/procedures/warranty-repair.yml
        document:
          # ...
          approved: 2026-02-30
    """,
    fix="Write a date that exists, as YYYY-MM-DD.",
    fixed="""
        # content/procedures/warranty-repair.yml
        document:
          # ...
          approved: 2024-02-29
    """,
)
SCHEMA_UNKNOWN_LANGUAGE = Rule(
    "schema.unknown-language", "error", "A text is given in a language the portal does not have.",
    "It would never be shown; usually a typo such as 'cat' for 'ca'.",
    example="""
        # content/forms/repair-call-log.yml (site_config.yml: languages: [ca, es, en])
        title: {cat: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair call log"}
    """,
    fix="Use the language codes of site_config.yml's 'languages', or add the language there.",
    fixed="""
        # content/forms/repair-call-log.yml
        title: {ca: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair call log"}
    """,
)

RULES = [SCHEMA_NOT_MAPPING, SCHEMA_UNKNOWN_FIELD, SCHEMA_MISSING_FIELD, SCHEMA_WRONG_TYPE, SCHEMA_INVALID_VALUE,
         SCHEMA_INVALID_ID, SCHEMA_INVALID_DATE, SCHEMA_UNKNOWN_LANGUAGE]
