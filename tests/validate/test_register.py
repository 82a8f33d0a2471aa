"""text.register-mixed: which words show how a text addresses its reader, and what is left alone."""

from __future__ import annotations

import pytest

from generator.validate.register import registers_of


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Puede revisarlo usted mismo en unos 40 minutos.", "es", {"usted": ["usted"]}),
    ("Si no sale agua, llama a tu instalador; te ayudará.", "es", {"tú": ["tu", "te"]}),
    ("Los termos eléctricos TE son de acumulación.", "es", {}),  # a model code, not "te"
    ("Limpie el filtro de desagüe.", "es", {}),  # a verb form says nothing: not judged
    ("Ho podeu revisar vosaltres; us trucarem.", "ca", {"vosaltres": ["podeu", "vosaltres", "us"]}),
    ("Si vostè ho prefereix, el truquem.", "ca", {"vostè": ["vostè"]}),
    ("El preu inclou el peu i el seu suport.", "ca", {}),  # words that end like "podeu" are not verbs
    ("You can check it yourself.", "en", {}),  # English has one "you"
    ("Si vous préférez, appelez-nous ; ton appareil…", "fr", {"vous": ["vous"], "tu": ["ton"]}),
])
def test_only_words_of_one_register_count(text, lang, expected) -> None:
    assert registers_of(text, lang) == expected
