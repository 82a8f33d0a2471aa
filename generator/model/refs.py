"""Find every reference inside a validated item, from the ``Ref`` markers on its fields.

The models declare which fields point to which type (``RoleRef``, ``FormRef``...); this module
reads those declarations once per model class, so no check has to know field names.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from generator.model.fields import Ref

Loc = tuple[str | int, ...]

# A plan says how to find references inside one field value:
#   ("ref", target) | ("list", plan) | ("model", cls)
Plan = tuple


def _plan_for(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> Plan | None:
    for meta in metadata:
        if isinstance(meta, Ref):
            return ("ref", meta.target)
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _plan_for(base, extra)
    if origin in (typing.Union, types.UnionType):
        plans = [p for arg in get_args(annotation) if arg is not type(None) and (p := _plan_for(arg))]
        return plans[0] if plans else None
    if origin is list:
        inner = _plan_for(get_args(annotation)[0])
        return ("list", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation) if _field_plans(annotation) else None
    return None


@cache
def _field_plans(cls: type[BaseModel]) -> tuple[tuple[str, Plan], ...]:
    plans = []
    for name, info in cls.model_fields.items():
        plan = _plan_for(info.annotation, info.metadata)
        if plan:
            plans.append((name, plan))
    return tuple(plans)


def iter_references(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Yield ``(location, target type, target id)`` for every reference in ``model``."""
    for name, plan in _field_plans(type(model)):
        value = getattr(model, name)
        if value is not None:
            yield from _walk(value, plan, loc + (name,))


def _walk(value: Any, plan: Plan, loc: Loc) -> Iterator[tuple[Loc, str, str]]:
    kind = plan[0]
    if kind == "ref":
        yield loc, plan[1], value
    elif kind == "list":
        for index, element in enumerate(value):
            yield from _walk(element, plan[1], loc + (index,))
    elif kind == "model":
        yield from iter_references(value, loc)
