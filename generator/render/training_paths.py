"""Training in an order a newcomer can follow: the training index lists the modules each after its
prerequisites, and every role with training gets a "Start here" path (on its page, and linked from
the training index).

A role's path is the modules that name the role in their ``roles``, with every prerequisite they
need (and the prerequisites of those) even when it names other roles only: a quality manager
starts with "After-sales basics" because "Managing after-sales service quality" builds on it.
Only the modules of the portal count (a staff module is not on a public page).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import Portal


def prerequisites_first(modules: list[Item]) -> list[Item]:
    """Training modules in an order a newcomer can follow: each after its prerequisites (those of
    this portal), otherwise in the order given (by title). A cycle, which check reports, keeps the
    given order for the modules in it."""
    ids = {module.id for module in modules}
    done: set[str] = set()
    out: list[Item] = []
    waiting = list(modules)
    while waiting:
        ready = next((module for module in waiting
                      if all(need in done or need not in ids for need in module.model.prerequisites)), waiting[0])
        waiting.remove(ready)
        done.add(ready.id)
        out.append(ready)
    return out


@dataclass(frozen=True)
class PathStep:
    """One module of a role's path: ``for_role`` False when only a prerequisite pulled it in, and
    then ``needed_by``, the later modules of the path that build on it directly."""

    number: int
    item: Item
    for_role: bool
    needed_by: tuple[Item, ...]


def training_path(portal: Portal, role_id: str) -> list[PathStep]:
    """The role's training in the order to take it, numbered from 1 (empty: no module names it)."""
    modules = {item.id: item for item in portal.items_of("training")}
    for_role = {module_id for module_id, module in modules.items() if role_id in module.model.roles}
    needed: set[str] = set()
    waiting = list(for_role)
    while waiting:  # the prerequisites of the role's modules, and theirs, as far as they go
        module_id = waiting.pop()
        if module_id in modules and module_id not in needed:
            needed.add(module_id)
            waiting.extend(modules[module_id].model.prerequisites)
    ordered = prerequisites_first(portal.sorted_by_title(modules[module_id] for module_id in needed))
    return [PathStep(number, item, item.id in for_role,
                     () if item.id in for_role else tuple(later for later in ordered
                                                          if item.id in later.model.prerequisites))
            for number, item in enumerate(ordered, start=1)]


def role_paths(portal: Portal) -> list[tuple[Item, list[PathStep]]]:
    """Every role of the portal with training, by title, and its path (for the training index)."""
    paths = ((role, training_path(portal, role.id)) for role in portal.sorted_by_title(portal.items_of("role")))
    return [(role, path) for role, path in paths if path]


def total_minutes(path: Iterable[PathStep]) -> int:
    return sum(step.item.model.duration_minutes for step in path)


def duration(minutes: int) -> str:
    """120 → '2 h', 90 → '1 h 30 min', 45 → '45 min' (the symbols read the same in every language
    of the tool; no-break spaces keep a figure with its unit)."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours}\u00a0h"] if hours else []) + ([f"{rest}\u00a0min"] if rest or not hours else [])
    return " ".join(parts)
