"""Languages (detected by generator/validate/translations.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

TEXT_MISSING_TRANSLATION = Rule(
    "text.missing-translation", "warning", "A text is missing in one of the portal's languages.",
    "Readers of that language would see the default language instead.",
    example="""
        # content/forms/repair-call-log.yml (site_config.yml: languages: [ca, es, en])
        summary: {ca: "Una línia per cada avís de reparació rebut.", es: "Una línea por cada aviso de reparación recibido."}
    """,
    fix="Add the text in the missing language, or switch the check to info in site_config.yml (rules:"
        " text.missing-translation: info) while translations are under way.",
    fixed="""
        # content/forms/repair-call-log.yml
        summary: {ca: "Una línia per cada avís de reparació rebut.", es: "Una línea por cada aviso de reparación recibido.", en: "One line per repair call received."}
    """,
)

RULES = [TEXT_MISSING_TRANSLATION]
