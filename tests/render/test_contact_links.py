"""Repair-request addresses: what the customer's mail program or the company's web form receives."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from generator.text.contact_links import mailto_address, request_body, web_form_address

TRICKY = "Fa soroll & vibra? 50 % #E21\nDesprés s'atura: «ça va»"


def test_a_mailto_carries_subject_and_body_percent_encoded_as_rfc_6068_asks() -> None:
    body = request_body({"product": "Rentadores", "model": "", "symptom": TRICKY},
                        {"product": "Aparell", "model": "Model", "symptom": "Què li passa"})
    address = mailto_address("postvenda@example.com", "Sol·licitud de reparació — Vallès", body)
    assert address.startswith("mailto:postvenda@example.com?subject=")
    assert "+" not in address and " " not in address and "\n" not in address
    query = address.split("?", 1)[1]
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert set(fields) == {"subject", "body"}  # the & of the symptom did not start a field
    assert unquote(fields["subject"]) == "Sol·licitud de reparació — Vallès"
    assert unquote(fields["body"]) == ("Aparell: Rentadores\r\nQuè li passa: Fa soroll & vibra? 50 % #E21\r\n"
                                       "Després s'atura: «ça va»\r\n\r\n")
    assert "%0D%0A" in fields["body"]  # line breaks as CRLF, as mail programs expect


def test_a_web_form_gets_the_same_fields_as_query_parameters_keeping_its_own() -> None:
    address = web_form_address("https://www.example.com/postvenda/avis?lang=ca#form",
                               {"product": "Rentadores", "model": "RV-8140", "symptom": TRICKY, "guide": ""})
    parts = urlsplit(address)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == ("https", "www.example.com", "/postvenda/avis", "form")
    assert "+" not in parts.query
    assert parse_qs(parts.query) == {"lang": ["ca"], "product": ["Rentadores"], "model": ["RV-8140"], "symptom": [TRICKY]}
