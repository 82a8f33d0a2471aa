"""Find every multilingual text inside a validated item, from the field declarations.

Texts are the only mappings in item models (``Text`` = ``{language: text}``); the walk is
planned once per model class so the checks do not inspect every value of every item.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def _kind(annotation: Any) -> tuple[str, Any] | None:
    """('text'|'model', cls) or ('list', inner kind) for annotations that can hold texts."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds = [kind for arg in get_args(annotation) if arg is not type(None) and (kind := _kind(arg))]
        return kinds[0] if kinds else None
    if origin is dict or annotation is dict:
        return ("text", None)
    if origin is list:
        inner = _kind(get_args(annotation)[0])
        return ("list", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation) if _plan(annotation) else None
    return None


@cache
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, tuple], ...]:
    return tuple((name, kind) for name, info in cls.model_fields.items() if (kind := _kind(info.annotation)))


def iter_texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Yield ``(location, {language: text})`` for every text of ``model``, in field order."""
    for name, kind in _plan(type(model)):
        value = getattr(model, name)
        if value is not None:
            yield from _walk(value, kind, loc + (name,))


def _walk(value: Any, kind: tuple, loc: Loc) -> Iterator[tuple[Loc, dict[str, str]]]:
    tag = kind[0]
    if tag == "text":
        yield loc, value
    elif tag == "model":
        yield from iter_texts(value, loc)
    else:
        inner = kind[1]
        for index, element in enumerate(value):
            yield from _walk(element, inner, loc + (index,))
