"""Skeletons for new items and new knowledge bases, rendered from the ``*.yml.j2`` templates here.

Texts are written in every project language the skeleton has a translation for, so a new
project passes ``check`` without translation warnings.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from generator.model.registry import TYPES_BY_NAME

EXAMPLE_IDS: dict[str, str] = {
    "role": "head-of-after-sales",
    "form": "repair-call-log",
    "standard": "answer-within-4-hours",
    "product": "washing-machines",
    "warranty": "legal-guarantee",
    "guide": "washing-machine-does-not-drain",
    "training": "after-sales-basics",
    "procedure": "warranty-repair",
}
"""Ids of the example items ``aftersales init`` writes; skeletons refer to each other by them."""

SCHEMA_FOLDER = "schemas"

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,  # YAML, not HTML: every text goes through quote() below
)


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _text_renderer(languages: list[str]):
    def t(en: str, **others: str) -> str:
        available = {"en": en, **others}
        texts = {lang: available[lang] for lang in languages if lang in available}
        if not texts:
            texts = {languages[0]: en}
        if list(texts) == [languages[0]]:
            return quote(texts[languages[0]])
        return "{" + ", ".join(f"{lang}: {quote(text)}" for lang, text in texts.items()) + "}"

    return t


def render_skeleton(
    type_name: str,
    item_id: str,
    languages: list[str],
    refs: dict[str, str],
    schema_path: str,
    today: dt.date | None = None,
) -> str:
    """The YAML text of a valid, commented item of ``type_name``."""
    today = today or dt.date.today()
    content_type = TYPES_BY_NAME[type_name]
    template = _ENV.get_template(f"{type_name}.yml.j2")
    return template.render(
        id=item_id,
        label=content_type.label,
        audience=content_type.default_audience,
        languages=languages,
        ref={**EXAMPLE_IDS, **refs},
        first_of_type=type_name not in refs,  # e.g. a project's first warranty rule is the legal guarantee
        schema_path=schema_path,
        today=today.isoformat(),
        next_review=today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat(),
        t=_text_renderer(languages),
    )


DEFAULT_TITLE = {"en": "After-sales service", "ca": "Servei postvenda", "es": "Servicio posventa",
                 "gl": "Servizo posvenda", "eu": "Salmenta osteko zerbitzua", "fr": "Service après-vente",
                 "pt": "Serviço pós-venda"}
"""The portal's title when ``aftersales init`` is given none, in the languages the tool ships."""


def render_site_config(title: str | None, languages: list[str]) -> str:
    """``site_config.yml`` of a new knowledge base, every text per language: the title given (the
    portal's name, the same in each language until translated) or :data:`DEFAULT_TITLE`."""
    t = _text_renderer(languages)
    if title is None:
        others = {lang: text for lang, text in DEFAULT_TITLE.items() if lang != "en"}
        written = t(DEFAULT_TITLE["en"], **others)
    else:
        written = "{" + ", ".join(f"{lang}: {quote(title)}" for lang in languages) + "}"
    return _ENV.get_template("site_config.yml.j2").render(
        title=written, languages=languages, schema_path=f"{SCHEMA_FOLDER}/site_config.schema.json", t=t,
    )
