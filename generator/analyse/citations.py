"""Which procedure steps name an item: the role that takes a step, the standards and forms it cites.

Worked out once from the reference graph, typed, so that no page or check has to take a
reference's location apart by position (``loc[3] == "standards"``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from generator.load.knowledge_base import step_numbers

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.model.refs import Loc


class StepRef(NamedTuple):
    """Step ``number`` of ``procedure`` (``phase``, ``index``) names ``target`` in its ``field``."""

    procedure: Item
    phase: str
    index: int
    number: int
    field: str
    """The step's field: ``role``, ``standards``, ``forms``..."""
    target: str
    loc: Loc
    """Where in the procedure's file (for diagnostics)."""


def step_refs(kb: KnowledgeBase) -> dict[str, list[StepRef]]:
    """Per target id, every step reference to it, in knowledge-base order."""
    found: dict[str, list[StepRef]] = defaultdict(list)
    for ref in kb.references():
        source = ref.source
        if source.type != "procedure" or ref.loc[0] != "steps":
            continue
        _, phase, index, field, *_ = ref.loc
        number = step_numbers(source)[0].get((phase, index), index + 1)
        found[ref.target_id].append(StepRef(source, phase, index, number, field, ref.target_id, ref.loc))
    return dict(found)
