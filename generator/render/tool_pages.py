"""The interactive pages: 'Am I covered?' (every portal with warranty rules) and the staff
'Repair or replace' calculator.

Both embed what their script needs as JSON in the page (no request is ever made); the scripts
set ``textContent`` only, so nothing from content becomes HTML in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.render.page_spec import PageSpec
from generator.render.portal import page_path, script_address
from generator.render.words import percent
from generator.text.safe_text import script_json, tel_uri
from generator.warranty.table import FACTS, table_document

if TYPE_CHECKING:
    from generator.render.portal import PageScope, Portal

COVERED_PAGE = "covered.md"
"""'Am I covered?': the warranty decision table, evaluated in the reader's browser (assets/covered.js)."""
REPAIR_PAGE = "repair-or-replace.md"
"""Staff 'Repair or replace' calculator (assets/repair-or-replace.js)."""

COVERED_WORDS = [
    "result", "result.covered", "result.not_covered", "result.undecided", "result.undecided_body",
    "result.age", "result.age_one", "result.rule", "result.sat_confirms", "result.contact",
    "result.other_channels", "when_it_applies", "remedies", "who_pays", "products_concerned", "causes",
    "age", "age.any", "age.under", "age.between", "age.from", "applies_from", "free_call", "phone",
    "covered_incomplete", "error.product", "error.date", "error.future", "error.cause", "category",
    "result.why", "result.ended", "result.cause_not_covered", "result.next", "result.paid", "result.paid_basis",
    "result.proof_after", "result.proof_unknown",
    *(f"fact.{name}.{value}" for name in FACTS for value in ("true", "false")),
]
"""The interface words covered.js shows."""

REPAIR_WORDS = ["rr.parts", "rr.hours", "rr.rate", "rr.travel", "rr.replacement", "rr.labour", "rr.repair_cost",
                "rr.limit", "rr.share", "rr.repair", "rr.replace", "rr.why_repair", "rr.why_replace",
                "rr.error_number", "rr.error_replacement", "rr.error_negative", "rr.error_ambiguous", "rr.error_hours",
                "rr.error_implausible", "rr.read_as", "result"]
"""The interface words repair-or-replace.js shows."""


def covered(portal: Portal) -> Iterator[PageSpec]:
    """Every portal that shows warranty rules."""
    if portal.covered_page:
        yield PageSpec(COVERED_PAGE, portal.label("covered_tool"), render_covered,
                       scripts=("assets/covered.js",))


def repair_or_replace(portal: Portal) -> Iterator[PageSpec]:
    if portal.audience == "staff":
        yield PageSpec(REPAIR_PAGE, portal.label("repair_tool"), render_repair_or_replace,
                       scripts=("assets/repair-or-replace.js",))


def render_covered(scope: PageScope) -> str:
    """'Am I covered?': a form, the table as JSON (this audience's rules only) and the texts covered.js shows.

    The evaluation runs in the browser (assets/covered.js mirrors ``decide``). A public table that
    leaves out staff rules (``complete`` False) is not embedded: the page tells the reader to call.
    """
    portal = scope.portal
    document = table_document(portal.analysis.warranty_table, portal.audience)
    labels = document["labels"][portal.lang]
    used_facts = [name for name in FACTS if any(rule[name] != "any" for rule in document["rules"])]
    links = {rule["id"]: script_address(scope.href(page_path(portal.visible[rule["id"]])))
             for rule in document["rules"] if rule["id"] in portal.visible}
    company = portal.kb.config.company
    ui = {
        "lang": portal.lang,
        "text": {key: portal.label(key) for key in COVERED_WORDS},
        "links": links,
        "phone": company.phone,
        "tel": tel_uri(company.phone) if company.phone else None,
        "phone_is_free": company.phone_is_free,
        "show_category": portal.audience == "staff",
        "price_basis": price_basis(portal),
    }
    return scope.render(
        "pages/covered.md.j2",
        document=document,
        document_json=script_json(document) if document["complete"] else None,
        ui_json=script_json(ui),
        products=sorted(((product, labels["product"][product]) for product in document["inputs"]["product"]),
                        key=lambda pair: pair[1].casefold()),
        causes=document["inputs"]["cause"],
        facts=used_facts,
    )


def price_basis(portal: Portal) -> dict[str, str]:
    """What a paid repair is charged on (the hourly rate and the usual travel of site_config.yml's
    repair_or_replace), as the portal's language writes amounts: for 'not covered, what next'."""
    settings = portal.kb.config.repair_or_replace
    return {"rate": money(settings.hourly_rate, settings.currency, portal.lang),
            "travel": money(settings.travel_cost, settings.currency, portal.lang)}


def money(amount: float, currency: str, lang: str) -> str:
    """45 EUR as '45 €' (ca, es, ...) or '€45' (en); other currencies by their code."""
    figure = f"{amount:g}" if lang == "en" else f"{amount:g}".replace(".", ",")
    if currency != "EUR":
        return f"{figure} {currency}"
    return f"€{figure}" if lang == "en" else f"{figure}\u00a0€"


def render_repair_or_replace(scope: PageScope) -> str:
    """The staff calculator: the warehouse rule with the rate, travel and threshold of site_config.yml."""
    lang = scope.lang
    settings = scope.portal.kb.config.repair_or_replace
    ui = {"lang": lang, "text": {key: scope.label(key) for key in REPAIR_WORDS}, **settings.model_dump(mode="json")}
    return scope.render("pages/repair_or_replace.md.j2", settings=settings, ui_json=script_json(ui),
                        threshold=percent(settings.threshold, lang), number=lambda value: typed_number(value, lang))


def typed_number(value: float, lang: str) -> str:
    """A default amount as staff of ``lang`` type it (45, 30, 12,5 in ca/es; 12.5 in en): the
    calculator reads it back with its language's decimal mark."""
    written = f"{value:g}"
    return written if lang == "en" else written.replace(".", ",")
