"""Walk a validated model guided by its field declarations, planned once per class.

The checks need two walks: every reference (fields marked ``Ref``) and every multilingual text
(``Text`` fields, marked by their JSON Schema, in items and in site_config.yml). Both go through :func:`walk` with a
different *leaf* test, so neither has to know field names.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

Loc = tuple[str | int, ...]
Leaf = Callable[[Any, tuple], object]
"""(annotation, metadata) → a tag for values to yield, or None."""


def _plan_for(annotation: Any, metadata: tuple, leaf: Leaf) -> tuple | None:
    tag = leaf(annotation, metadata)
    if tag is not None:
        return ("leaf", tag)
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _plan_for(base, tuple(extra), leaf)
    if origin in (typing.Union, types.UnionType):
        plans = [p for arg in get_args(annotation) if arg is not type(None) and (p := _plan_for(arg, (), leaf))]
        return plans[0] if plans else None
    if origin is list:
        inner = _plan_for(get_args(annotation)[0], (), leaf)
        return ("list", inner) if inner else None
    if origin is dict:  # e.g. site_config.yml's departments: {id: text}
        inner = _plan_for(get_args(annotation)[1], (), leaf)
        return ("dict", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation) if field_plans(annotation, leaf) else None
    return None


@cache
def field_plans(cls: type[BaseModel], leaf: Leaf) -> tuple[tuple[str, tuple], ...]:
    """(field name, plan) for the fields of ``cls`` that can hold a leaf."""
    plans = []
    for name, info in cls.model_fields.items():
        plan = _plan_for(info.annotation, tuple(info.metadata), leaf)
        if plan:
            plans.append((name, plan))
    return tuple(plans)


def walk(model: BaseModel, leaf: Leaf, loc: Loc = ()) -> Iterator[tuple[Loc, object, Any]]:
    """Yield ``(location, tag, value)`` for every leaf value inside ``model``, in field order."""
    for name, plan in field_plans(type(model), leaf):
        value = getattr(model, name)
        if value is not None:
            yield from _walk(value, plan, loc + (name,), leaf)


def _walk(value: Any, plan: tuple, loc: Loc, leaf: Leaf) -> Iterator[tuple[Loc, object, Any]]:
    kind = plan[0]
    if kind == "leaf":
        yield loc, plan[1], value
    elif kind == "list":
        for index, element in enumerate(value):
            yield from _walk(element, plan[1], loc + (index,), leaf)
    elif kind == "dict":
        for key, element in value.items():
            yield from _walk(element, plan[1], loc + (key,), leaf)
    else:
        yield from walk(value, leaf, loc)


def string_leaves(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in plain data (dicts, lists: YAML as read, or a model dumped), with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_leaves(item, (*loc, key))
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value):
            yield from string_leaves(item, (*loc, number))
