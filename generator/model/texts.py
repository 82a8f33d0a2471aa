"""Find every multilingual text inside a validated model (``Text`` fields: ``{language: text}``):
an item, or the settings of site_config.yml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.model.fields import is_text_field
from generator.model.walk import Loc, walk


def _text_leaf(annotation: Any, metadata: tuple) -> str | None:
    return "text" if is_text_field(annotation, metadata) else None


def iter_texts(model: BaseModel) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Yield ``(location, {language: text})`` for every text of ``model``, in field order."""
    for loc, _, value in walk(model, _text_leaf):
        yield loc, value
