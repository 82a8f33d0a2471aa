"""The public portal's ways to a person: "Contact us" (every channel of site_config.yml) and
"Request a repair" (a short form that opens the customer's e-mail, or the company's web form,
with the product, model and symptom filled in; ``assets/request.js``). Nothing is sent by the
page: no server, no tracking, no third-party script.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.render.page_spec import PageSpec
from generator.text.contact_links import REQUEST_FIELDS

if TYPE_CHECKING:
    from generator.render.portal import PageScope, Portal

CONTACT_PAGE = "contact.md"
REQUEST_PAGE = "request.md"
REQUEST_SCRIPT = "assets/request.js"


def has_request(portal: Portal) -> bool:
    """A public portal whose company has an e-mail address or a web form gets the request page."""
    return portal.audience == "public" and portal.request_address({}) is not None


def contact(portal: Portal) -> Iterator[PageSpec]:
    if portal.audience == "public":
        yield PageSpec(CONTACT_PAGE, portal.label("contact"), render_contact)


def request(portal: Portal) -> Iterator[PageSpec]:
    if has_request(portal):
        yield PageSpec(REQUEST_PAGE, portal.label("request.title"), render_request, scripts=(REQUEST_SCRIPT,))


def render_contact(scope: PageScope) -> str:
    return scope.render("pages/contact.md.j2", request_page=has_request(scope.portal))


def render_request(scope: PageScope) -> str:
    portal = scope.portal
    form = portal.request_form()
    products = [(product.id, scope.text(product.model.title), [model.code for model in product.model.models])
                for product in portal.items_of("product")]
    return scope.render("pages/request.md.j2", products=products, web_form=form, fields=REQUEST_FIELDS,
                        empty_address=portal.request_address({}))
