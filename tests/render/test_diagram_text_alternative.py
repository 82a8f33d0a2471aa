"""The diagram's text alternative reads as sentences: a step whose text ends with a full stop, a
question or an exclamation mark is not given a second stop by the joiner ("customer.. Other
departments" was read out by screen readers as it stood)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO

from generator.load.project import load_project
from generator.render.diagram import phase_lanes_svg
from generator.render.diagram_steps import sentence
from generator.render.portal import Portal

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("parts", "expected"), [
    (["1. Operator: Greet the customer."], "1. Operator: Greet the customer."),
    (["1. Operator: Greet the customer"], "1. Operator: Greet the customer."),
    (["1. A: Note it.", "2. B: Ask why?"], "1. A: Note it; 2. B: Ask why?"),
    (["1. A: Call now!"], "1. A: Call now!"),
    (["1. A: and so on…"], "1. A: and so on…"),
    (["1. A: Check it. "], "1. A: Check it."),
    (["No steps"], "No steps."),
])
def test_one_stop_per_sentence(parts, expected) -> None:
    assert sentence(parts) == expected


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_no_double_stop_in_any_procedure_description(lang) -> None:
    kb = load_project(REPO).kb
    portal = Portal.open(kb, "staff", lang)
    procedures = portal.items_of("procedure")
    assert procedures
    for item in procedures:
        for narrow in (False, True):
            svg = ET.fromstring(phase_lanes_svg(item.model, portal.text, portal.label, portal.title_of,
                                                kb.config.required_phases, narrow=narrow))
            desc = svg.find(f"{SVG}desc").text
            assert not re.search(r"[.?!]\.(?!\.)|\.;", desc), (item.id, desc)
            assert desc.endswith((".", "?", "!", "…"))
