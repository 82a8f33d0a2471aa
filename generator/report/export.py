"""The knowledge base as one JSON document, for other tools (a help desk, a chatbot).

A pure function of what ``check`` already computed: the items, the reference graph the
knowledge base built while loading, the diagnostics and the coverage matrix. Nothing here
re-derives references or re-runs checks, so the export and the portal can never disagree.

The document is deterministic: items sorted by (type, id), references in the order the model
declares its fields, so two exports of the same content differ only in ``exported_at``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from generator import __version__
from generator.load.schema import format_loc
from generator.model.registry import CONTENT_TYPES

if TYPE_CHECKING:
    from generator.analyse.coverage import CoverageRow
    from generator.diagnostics.diagnostic import Diagnostic
    from generator.load.knowledge_base import Item, KnowledgeBase

FORMAT = "aftersales-export"
FORMAT_VERSION = 1
"""Raise when a consumer would misread the new shape (a field renamed or removed), not when one is added."""

SEVERITIES = ("error", "warning", "info")


def build_export(
    kb: KnowledgeBase,
    diagnostics: list[Diagnostic],
    coverage: list[CoverageRow],
    *,
    exported_at: str,
) -> dict:
    """The whole export document; ``exported_at`` is passed in so this stays pure and testable."""
    items = sorted(kb.items, key=lambda item: (item.type, item.id, item.file))
    type_counts = Counter(item.type for item in kb.items)
    severity_counts = Counter(d.severity for d in diagnostics)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": {"name": "aftersales", "version": __version__},
        "exported_at": exported_at,
        "site": {**kb.config.model_dump(mode="json"), "default_language": kb.default_language},
        "counts": {
            "items": {ct.name: type_counts.get(ct.name, 0) for ct in sorted(CONTENT_TYPES, key=lambda ct: ct.name)},
            "diagnostics": {severity: severity_counts.get(severity, 0) for severity in SEVERITIES},
        },
        "items": [_item(kb, item) for item in items],
        "coverage": [row.as_dict() for row in sorted(coverage, key=lambda row: (row.procedure, row.file))],
        "diagnostics": [d.as_dict() for d in diagnostics],
    }


def _item(kb: KnowledgeBase, item: Item) -> dict:
    return {
        "id": item.id,
        "type": item.type,
        "file": item.file,
        "audience": item.audience,
        "data": item.model.model_dump(mode="json", exclude_none=True),
        "references": [
            {"target_id": target_id, "target_type": target_type, "field": format_loc(loc)}
            for loc, target_type, target_id in item.references
        ],
        "referenced_by": _referenced_by(kb, item),
    }


def _referenced_by(kb: KnowledgeBase, item: Item) -> list[dict]:
    """Incoming references that really resolve to this item, so the two directions agree.

    ``kb.referrers_of`` is keyed by id only: a reference naming this id as another type (an
    error ``check`` reports, unless a rule switched it off) or a duplicate id that lost to the
    first item with it must not appear here."""
    if kb.get(item.id) is not item:
        return []
    refs = [ref for ref in kb.referrers_of(item.id) if ref.target_type == item.type]
    # Stable sort: by source, then in the order the source declares its fields.
    refs.sort(key=lambda ref: (ref.source.type, ref.source.id))
    return [{"source_id": ref.source.id, "source_type": ref.source.type, "field": format_loc(ref.loc)}
            for ref in refs]
