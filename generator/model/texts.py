"""Find every multilingual text inside a validated item (``Text`` fields: ``{language: text}``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_origin

from pydantic import BaseModel

from generator.model.walk import Loc, walk


def _text_leaf(annotation: Any, metadata: tuple) -> str | None:
    # Texts are the only mappings in item models.
    return "text" if annotation is dict or get_origin(annotation) is dict else None


def iter_texts(model: BaseModel) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Yield ``(location, {language: text})`` for every text of ``model``, in field order."""
    for loc, _, value in walk(model, _text_leaf):
        yield loc, value
