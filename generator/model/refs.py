"""Find every reference inside a validated item, from the ``Ref`` markers on its fields.

The models declare which fields point to which type (``RoleRef``, ``FormRef``...), so no check
has to know field names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.model.fields import Ref
from generator.model.walk import Loc, walk

__all__ = ["Loc", "iter_references"]


def _ref_leaf(annotation: Any, metadata: tuple) -> str | None:
    for meta in metadata:
        if isinstance(meta, Ref):
            return meta.target
    return None


def iter_references(model: BaseModel) -> Iterator[tuple[Loc, str, str]]:
    """Yield ``(location, target type, target id)`` for every reference in ``model``."""
    return walk(model, _ref_leaf)
