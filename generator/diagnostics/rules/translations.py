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

I18N_MISSING_INTERFACE_TEXT = Rule(
    "i18n.missing-interface-text", "warning",
    "A language of the portal has no complete catalog of interface words.",
    "The portal's own words (headings, buttons, 'Am I covered?', the print views) would show in English"
    " to readers of that language, among texts in theirs.",
    example="""
        # site_config.yml (no catalog for German is shipped, and the knowledge base has none)
        languages: [ca, es, en, de]
    """,
    fix="Translate the interface words: copy the message template shipped with aftersales (its path is in"
        " the message) to locales/de/LC_MESSAGES/aftersales.po in the knowledge base and fill every msgstr"
        " (Poedit and Weblate read this format); or use one of the languages the tool ships (ca, es, en,"
        " gl, eu, fr, pt).",
    fixed="""
        # site_config.yml
        languages: [ca, es, en, gl]
    """,
)
I18N_CATALOG_INVALID = Rule(
    "i18n.catalog-invalid", "error", "A catalog of interface words cannot be read.",
    "Its words cannot be used; the portal would fall back to English without saying why.",
    example="""
        # locales/ca/LC_MESSAGES/aftersales.po
        msgctxt "home"
        msgid "Home"
    """,
    fix="Correct the file at the line named (here: the translation, msgstr, is missing); Poedit or"
        " `pybabel compile --statistics` show the same.",
    fixed="""
        # locales/ca/LC_MESSAGES/aftersales.po
        msgctxt "home"
        msgid "Home"
        msgstr "Inici"
    """,
)

RULES = [TEXT_MISSING_TRANSLATION, I18N_MISSING_INTERFACE_TEXT, I18N_CATALOG_INVALID]
