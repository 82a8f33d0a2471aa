"""Register: one way of addressing customers per language (detected by generator/validate/register.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

TEXT_REGISTER_MIXED = Rule(
    "text.register-mixed", "warning",
    "A customer text addresses the reader differently from the other customer texts of its language"
    " (tú among usted, vosaltres among vostè), or two ways at once.",
    "Customers read the guides, the warranty and the charter as one voice; a guide that says 'desenchufa'"
    " after one that says 'desenchufe' reads as careless. Only words that belong to one register count"
    " (usted/tú/os/vuestro, vostè/vosaltres/us/vostre/podeu, vous/tu…): a text without them is not judged.",
    example="""
        # content/guides/washing-machine-does-not-drain.yml
        summary: {ca: "Netegeu el filtre de desguàs en un quart d'hora.", es: "Limpie usted el filtro de desagüe; si no sale agua, llama a tu instalador.", en: "Clean the drain filter in a quarter of an hour."}
    """,
    fix="Write every customer text of a language in the same register (README, 'Writing guide': usted in"
        " Spanish, vostè in Catalan), or switch the check off in site_config.yml (rules: text.register-mixed:"
        " off) if the portal addresses different readers on purpose.",
    fixed="""
        # content/guides/washing-machine-does-not-drain.yml
        summary: {ca: "Netegeu el filtre de desguàs en un quart d'hora.", es: "Limpie usted el filtro de desagüe; si no sale agua, llame a su instalador.", en: "Clean the drain filter in a quarter of an hour."}
    """,
)

RULES = [TEXT_REGISTER_MIXED]
