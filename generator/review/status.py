"""Compare the knowledge base with the lock file: which items need a person's look again.

An item is *suspect* when something it cites changed since it was last reviewed, or when it
cites something it did not cite then. Its own edits do not make it suspect (whoever edits it
looks at it); they make the items citing it suspect in turn. A citation that was removed is
no concern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.review.fingerprint import Dependency, dependencies, fingerprint, resolve
from generator.review.lock import Entry, Lock

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase


@dataclass(frozen=True)
class Change:
    """A dependency that changed (``recorded`` is its fingerprint at the last review) or is new (None)."""

    dependency: Dependency
    recorded: str | None
    current: str


@dataclass(frozen=True)
class Suspect:
    item: Item
    reviewed: str
    changes: list[Change]


@dataclass(frozen=True)
class Orphan:
    """A lock entry whose item no longer exists; ``line`` and ``column`` in the lock file."""

    id: str
    reviewed: str
    line: int
    column: int


@dataclass(frozen=True)
class ReviewStatus:
    suspects: list[Suspect]
    unrecorded: list[Item]
    orphans: list[Orphan]

    @property
    def clean(self) -> bool:
        return not self.suspects


def review_status(kb: KnowledgeBase, lock: Lock, existing_ids: Iterable[str] = ()) -> ReviewStatus:
    """Suspect and unrecorded items (by file), and entries of items that are gone (by id).

    ``existing_ids`` are ids declared by files that failed to load: their entries are not
    orphans, only out of reach until the file is fixed."""
    suspects: list[Suspect] = []
    unrecorded: list[Item] = []
    for item in reviewable_items(kb):
        entry = lock.entries.get(item.id)
        if entry is None:
            unrecorded.append(item)
            continue
        changes = changed_dependencies(kb, item, entry)
        if changes:
            suspects.append(Suspect(item, entry.reviewed, changes))
    known = {item.id for item in kb.items} | set(existing_ids)
    orphans = [Orphan(item_id, entry.reviewed, *lock.position_of(item_id))
               for item_id, entry in sorted(lock.entries.items()) if item_id not in known]
    return ReviewStatus(suspects, unrecorded, orphans)


def reviewable_items(kb: KnowledgeBase) -> list[Item]:
    """Items that loaded, one per id (a duplicate id is an error of its own), by file."""
    return sorted((item for item in kb.items if kb.get(item.id) is item), key=lambda item: item.file)


def changed_dependencies(kb: KnowledgeBase, item: Item, entry: Entry) -> list[Change]:
    changes = []
    for dependency in dependencies(item):
        target = resolve(kb, dependency)
        if target is None:
            continue
        current = fingerprint(target)
        recorded = entry.depends_on.get(dependency.id)
        if recorded != current:
            changes.append(Change(dependency, recorded, current))
    return changes


def record(kb: KnowledgeBase, item: Item, today: dt.date) -> Entry:
    """The entry saying: ``item`` was reviewed ``today`` against what it cites now."""
    depends_on = {}
    for dependency in dependencies(item):
        target = resolve(kb, dependency)
        if target is not None:
            depends_on[dependency.id] = fingerprint(target)
    return Entry(fingerprint(item), today.isoformat(), dict(sorted(depends_on.items())))
