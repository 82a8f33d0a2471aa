"""The validated knowledge base: items with their files and positions, and the links between them.

Built once, completely, before anything renders (as Pelican builds its context before
writing), so every page and check can see who refers to whom.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from generator.model.fields import PHASES
from generator.model.refs import Loc, iter_references
from generator.model.texts import iter_texts

T = TypeVar("T")

if TYPE_CHECKING:
    from generator.load.measurements import Measurements
    from generator.load.yaml_reader import YamlDocument
    from generator.model import BaseItem, ContentType, Procedure, SiteConfig


@dataclass(eq=False)
class Item:
    """One validated content item, with its file and where each value was written."""

    content_type: ContentType
    model: BaseItem
    file: str
    """Path relative to the project folder, with forward slashes."""
    source: YamlDocument

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def type(self) -> str:
        return self.content_type.name

    @property
    def audience(self) -> str:
        return self.model.audience

    @property
    def is_public(self) -> bool:
        return self.model.audience == "public"

    def title(self, lang: str, default_lang: str) -> str:
        """The title in ``lang``, or in the default language when not translated."""
        texts = self.model.title
        return texts.get(lang) or texts.get(default_lang) or next(iter(texts.values()))

    @cached_property
    def references(self) -> list[tuple[Loc, str, str]]:
        """(location, target type, target id) of every reference (walked once per item)."""
        return list(iter_references(self.model))

    @cached_property
    def texts(self) -> list[tuple[Loc, dict[str, str]]]:
        """Every multilingual text of the item with its location (walked once, used by several checks)."""
        return list(iter_texts(self.model))

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        return self.source.position_of(loc, key=key)

    def remembered(self, key: Hashable, compute: Callable[[Item], T]) -> T:
        """``compute(self)``, worked out once per ``key`` for as long as this item lives.

        For results that depend only on the item and on ``key`` (per-item checks): ``serve``
        keeps the items of unchanged files between edits, so only edited items are checked again.
        """
        memo = self.__dict__.setdefault("_remembered", {})
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]


class Reference(NamedTuple):
    """``source`` names ``target_id`` (a ``target_type``) at ``loc`` inside its file.

    A tuple, not a frozen dataclass: a 1,000-item knowledge base holds ~36,000 of them, and
    frozen dataclasses are slow to create (bench/run.py, serve regeneration)."""

    source: Item
    loc: Loc
    target_type: str
    target_id: str


@dataclass
class KnowledgeBase:
    """All items of a project, with lookups by id and type and the reference graph both ways."""

    root: Path
    config: SiteConfig
    items: list[Item] = field(default_factory=list)
    compliance: Measurements | None = field(default=None, repr=False)
    """The measurements of site_config.yml ``compliance.data`` (good rows), when it names a file."""
    _by_id: dict[str, Item] = field(default_factory=dict, repr=False)
    _references: list[Reference] = field(default_factory=list, repr=False)
    _referrers: dict[str, list[Reference]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_items(cls, root: Path, config: SiteConfig, items: Iterable[Item]) -> KnowledgeBase:
        kb = cls(root=root, config=config, items=list(items))
        for item in kb.items:
            # The first item with an id wins; duplicates are reported by the id check.
            kb._by_id.setdefault(item.id, item)
        referrers: dict[str, list[Reference]] = defaultdict(list)
        for item in kb.items:
            for loc, target_type, target_id in item.references:
                ref = Reference(item, loc, target_type, target_id)
                kb._references.append(ref)
                referrers[target_id].append(ref)
        kb._referrers = dict(referrers)
        return kb

    def get(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def of_type(self, type_name: str) -> list[Item]:
        return [item for item in self.items if item.type == type_name]

    def procedures(self) -> list[Item]:
        return self.of_type("procedure")

    def public_items(self) -> list[Item]:
        return [item for item in self.items if item.is_public]

    def references(self) -> list[Reference]:
        """Every reference in the knowledge base, in file order."""
        return self._references

    def referrers_of(self, item_id: str) -> list[Reference]:
        """References that point at ``item_id`` (who cites this standard, which steps take this role)."""
        return self._referrers.get(item_id, [])

    @property
    def default_language(self) -> str:
        return self.config.languages[0]


def phase_steps(procedure: Procedure) -> Iterator[tuple[str, int, object]]:
    """Yield ``(phase, index, step)`` for every step of a procedure, grouped by phase (in phase
    order): for audits that look at a phase as a whole (coverage, a standard's phases). Where steps
    are shown or numbered, use :func:`run_order`: the order in which the work is done."""
    for phase in PHASES:
        for index, step in enumerate(getattr(procedure.steps, phase)):
            yield phase, index, step


def run_order(procedure: Procedure) -> list[tuple[str, int, object]]:
    """``(phase, index, step)`` of every step in the order the case runs.

    The phases in order, then each step with ``before`` moved to just before the step it names,
    which is in an earlier phase (the warehouse reserves the unit before the SAT installs it).
    Phases are taken earliest first, so a chain holds (a department's step before a SAT step that
    itself runs before a reception step); several steps before one step keep their listed order.
    A ``before`` that names no step of an earlier phase leaves its step where it is listed (check
    reports it: ``ref.unknown-step``, ``ref.step-order``). Every step is in the result once."""
    order = list(phase_steps(procedure))
    rank = {phase: position for position, phase in enumerate(PHASES)}
    first: dict[str, tuple[str, int, object]] = {}
    for entry in order:
        if entry[2].id is not None:
            first.setdefault(entry[2].id, entry)
    for phase in PHASES:
        for entry in [entry for entry in order if entry[0] == phase and entry[2].before is not None]:
            target = first.get(entry[2].before)
            if target is None or rank[target[0]] >= rank[phase]:
                continue
            order.remove(entry)
            order.insert(order.index(target), entry)
    return order


def group_runs(entries: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """``(phase, value)`` pairs in run order as consecutive runs of one phase: ``[(phase, [values])]``.

    A phase appears again each time the work comes back to it; a phase without steps appears once,
    empty, after the runs of the phases before it (so its gap is shown where it belongs)."""
    runs: list[tuple[str, list[T]]] = []
    for phase, value in entries:
        if runs and runs[-1][0] == phase:
            runs[-1][1].append(value)
        else:
            runs.append((phase, [value]))
    present = {phase for phase, _ in runs}
    for rank, phase in enumerate(PHASES):
        if phase not in present:
            earlier = [position for position, (other, _) in enumerate(runs) if PHASES.index(other) < rank]
            runs.insert(max(earlier) + 1 if earlier else 0, (phase, []))
    return runs


def step_numbers(procedure: Item) -> tuple[dict[tuple[str, int], int], dict[str, int]]:
    """Steps are numbered 1..n in the order the case runs (:func:`run_order`; page, diagram and
    checklist agree).

    Returns the number by ``(phase, index)`` and by step id (for steps that have one); worked
    out once per procedure, as every role page it involves asks again."""
    return procedure.remembered("step-numbers", lambda item: _number_steps(item.model))


def step_runs(procedure: Item) -> list[tuple[str, list[tuple[int, object]]]]:
    """The numbered steps as they are shown: ``[(phase, [(number, step), ...]), ...]``, one entry
    per consecutive run of a phase (:func:`group_runs`), worked out once per procedure."""
    return procedure.remembered("step-runs", lambda item: group_runs(
        (phase, (number, step)) for number, (phase, _, step) in enumerate(run_order(item.model), start=1)))


def _number_steps(procedure: Procedure) -> tuple[dict[tuple[str, int], int], dict[str, int]]:
    by_position: dict[tuple[str, int], int] = {}
    by_id: dict[str, int] = {}
    for number, (phase, index, step) in enumerate(run_order(procedure), start=1):
        by_position[(phase, index)] = number
        if step.id:
            by_id[step.id] = number
    return by_position, by_id
