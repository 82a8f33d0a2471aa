"""Register: customer texts of one language address the reader one way (usted or tú, vostè or vosaltres).

A guide that says "desenchufe" and the next that says "desenchufa" reads as two companies. Verb
forms are too ambiguous to judge (Catalan "preu", "peu" and "seu" end like "podeu"), so only words
that belong to one register and to nothing else count: pronouns, possessives and a few verb
forms. A text with none of them says nothing and is left alone. English has one "you": not checked.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.register import TEXT_REGISTER_MIXED
from generator.load.schema import format_loc

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase

REGISTER_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "usted": "usted ustedes",
        "tú": "tú tu tus te ti contigo vosotros vosotras os vuestro vuestra vuestros vuestras",
    },
    "ca": {
        "vostè": "vostè vostès",
        "vosaltres": "vosaltres vostre vostra vostres us vos heu sou podeu teniu voleu sabeu",
        "tu": "tu teu teva teus teves",
    },
    "gl": {
        "vostede": "vostede vostedes",
        "ti": "ti túa teus túas contigo vós vosoutros vosoutras",
    },
    "pt": {
        "você": "você vocês",
        "tu": "tu teu tua teus tuas contigo",
    },
    "fr": {
        "vous": "vous votre vos",
        "tu": "tu toi ton tes",
    },
    "eu": {
        "zu": "zu zuk zure zuri zuretzat",
        "hi": "hi hik hire hiri hiretzat",
    },
}
"""Per language, each way of addressing the reader and the words that only it uses (lower case,
accents kept: Spanish "te" is "you", "té" is tea)."""

REGISTERS: dict[str, dict[str, frozenset[str]]] = {
    lang: {register: frozenset(words.split()) for register, words in registers.items()}
    for lang, registers in REGISTER_WORDS.items()
}

_MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    lang: {word: tuple(register for register, words in registers.items() if word in words)
           for words in registers.values() for word in words}
    for lang, registers in REGISTERS.items()
}
"""Per language, each marker word → the registers it shows (looked up once per word of a text)."""

_WORD = re.compile(r"[^\W\d_]+(?:·[^\W\d_]+)*", re.UNICODE)


def registers_of(text: str, lang: str) -> dict[str, list[str]]:
    """The registers a text uses in ``lang``, each with the words that show it, in text order."""
    markers = _MARKERS.get(lang)
    if not markers:
        return {}
    found: dict[str, list[str]] = {}
    for written in _WORD.findall(text):
        word = written.lower()
        registers = markers.get(word)
        if registers is None or (len(written) > 1 and written.isupper()):
            continue  # not a marker, or a code or a model name ("los termos TE"), not a pronoun
        for register in registers:
            words = found.setdefault(register, [])
            if word not in words:
                words.append(word)
    return found


def item_registers(item: Item) -> list[tuple[tuple, dict[str, list[str]]]]:
    """(location with its language, registers used) of each of the item's texts that shows one,
    walked once for every language (remembered: ``serve`` keeps unchanged items)."""
    def compute(item: Item) -> list[tuple[tuple, dict[str, list[str]]]]:
        return [((*loc, lang), found) for loc, texts in item.texts for lang, text in texts.items()
                if text and lang in _MARKERS and (found := registers_of(text, lang))]

    return item.remembered("registers", compute)


def check_register(kb: KnowledgeBase) -> list[Diagnostic]:
    """One warning per item and language whose customer texts leave the language's usual register.

    The usual register is the one most customer texts of that language use (on a tie, the one met
    first in knowledge-base order); a text using two is reported whatever the others do."""
    diagnostics = []
    public = [(item, item_registers(item)) for item in kb.items if item.is_public]
    for lang in kb.config.languages:
        if lang not in REGISTERS:
            continue
        uses = [(item, loc, found) for item, texts in public for loc, found in texts if loc[-1] == lang]
        counts = Counter(register for _, _, found in uses if len(found) == 1 for register in found)
        usual, usual_count = counts.most_common(1)[0] if counts else (None, 0)
        reported: set[str] = set()
        for item, loc, found in uses:
            if item.id in reported or set(found) == {usual}:
                continue
            reported.add(item.id)
            shown = "; ".join(f"'{register}' ({', '.join(words[:3])})" for register, words in found.items())
            if len(found) > 1:
                message = f"{format_loc(loc)}: one text addresses the reader two ways: {shown}"
            else:
                message = (f"{format_loc(loc)}: addresses the reader as {shown}, while {usual_count} other customer"
                           f" texts in '{lang}' use '{usual}' ({', '.join(sorted(REGISTERS[lang][usual])[:2])})")
            diagnostics.append(Diagnostic.at(item, loc, TEXT_REGISTER_MIXED,
                                             message + "; keep one register per language"))
    return diagnostics
