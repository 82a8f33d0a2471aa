"""Fingerprints of items' meaningful content, and the items each item depends on."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, NamedTuple

from generator.model.registry import TYPES_BY_NAME

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.model.walk import Loc

PREFIX = "sha256:"
DIGITS = 16
"""Hex digits kept: 64 bits tell apart the versions of one item, and stay readable in a diff."""


def fingerprint(item: Item) -> str:
    """``sha256:`` + 16 hex digits of the item's content, document control left out.

    Document control (version, approval and review dates, history) is excluded so that
    re-approving a document does not make the items citing it suspect. Fields left at their
    default are excluded too, so an aftersales upgrade that adds an optional field does not
    change every fingerprint (and writing a default out in full does not either).
    Worked out once per item: ``serve`` keeps unchanged items between edits.
    """
    return item.remembered("review-fingerprint", _fingerprint)


def _fingerprint(item: Item) -> str:
    data = item.model.model_dump(mode="json", exclude={"document"}, exclude_defaults=True)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGITS]


class Dependency(NamedTuple):
    """``id`` (a ``type``) is cited by the item at ``loc``, its first citation."""

    id: str
    type: str
    loc: Loc


def dependencies(item: Item) -> list[Dependency]:
    """Items this item cites, once each, in file order; its own id and departments left out.

    Document control (and a standard's responsible role) is left out here too: a new owner role
    does not change what a procedure says. Departments are settings of ``site_config.yml``, not items with content.
    """
    return item.remembered("review-dependencies", _dependencies)


def _dependencies(item: Item) -> list[Dependency]:
    seen: dict[str, Dependency] = {}
    for loc, target_type, target_id in item.references:
        if loc[0] in item.model.CONTROL_FIELDS or target_type not in TYPES_BY_NAME or target_id == item.id:
            continue
        seen.setdefault(target_id, Dependency(target_id, target_type, loc))
    return list(seen.values())


def resolve(kb: KnowledgeBase, dependency: Dependency) -> Item | None:
    """The item a dependency names, or None when there is none of that type (a broken reference,
    reported by the reference checks; nothing to compare)."""
    target = kb.get(dependency.id)
    return target if target is not None and target.type == dependency.type else None
