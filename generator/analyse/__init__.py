"""The analysis stage: what the loaded knowledge base adds up to, worked out once per run.

``analyse(kb)`` computes the coverage matrix, the warranty decision table, the compliance of
measured standards, the items whose cited items changed since their review, the translation
status and which procedure steps name which item. The validate stage turns these results into
diagnostics, and the render stage only reads them: no page computes an analysis of its own, and
a build computes each one once for all its portals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.analyse.citations import StepRef, step_refs
from generator.analyse.coverage import CoverageRow, coverage_matrix
from generator.analyse.translations import translation_status
from generator.compliance.control import StandardCompliance, assess
from generator.review.lock import LockRead, read_lock
from generator.review.status import ReviewStatus, review_status
from generator.warranty.table import Table, build_table

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class Analysis:
    """The results of the analysis stage for one knowledge base on one day."""

    today: dt.date
    """The day waivers and review dates are judged against (the build date)."""
    coverage: tuple[CoverageRow, ...]
    """One row per procedure, in knowledge-base order."""
    warranty_table: Table
    compliance: tuple[StandardCompliance, ...]
    """Every measured standard, flagged ones first; empty without measurements."""
    review_lock: LockRead
    """``review.lock.json`` as read (absent, usable, or its problems)."""
    review: ReviewStatus | None
    """Change review: suspect and unrecorded items, orphan entries; None without a usable lock."""
    suspects: dict[str, list[str]] | None
    """Per item needing review, the cited items that changed; None without a usable review lock."""
    translations: dict[str, dict[str, tuple[int, int]]]
    """Per content type and language: (items with every text in that language, items)."""
    step_refs: dict[str, list[StepRef]]
    """Per item id, the procedure steps that name it (as role, standard, form...)."""

    def steps_naming(self, item_id: str, field: str) -> list[StepRef]:
        """The steps whose ``field`` (``role``, ``standards``...) names ``item_id``."""
        return [ref for ref in self.step_refs.get(item_id, ()) if ref.field == field]


def analyse(kb: KnowledgeBase, today: dt.date | None = None) -> Analysis:
    today = today or dt.date.today()
    compliance: list[StandardCompliance] = []
    if kb.compliance is not None:
        standards = {item.id: item.model for item in kb.of_type("standard")}
        compliance = assess(kb.compliance.rows, standards, kb.config.compliance)
    lock = read_lock(kb.root)
    review = review_status(kb, lock.lock) if lock.lock is not None else None
    return Analysis(
        today=today,
        coverage=tuple(coverage_matrix(kb, today)),
        warranty_table=build_table(kb),
        compliance=tuple(compliance),
        review_lock=lock,
        review=review,
        suspects=None if review is None else {
            suspect.item.id: [change.dependency.id for change in suspect.changes] for suspect in review.suspects},
        translations=translation_status(kb),
        step_refs=step_refs(kb),
    )


__all__ = ["Analysis", "StepRef", "analyse"]
