"""Document control: review dates in order, overdue and upcoming reviews."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.analyse.documents import review_date_status
from generator.diagnostics.diagnostic import Diagnostic, Rule
from generator.diagnostics.rules.documents import (
    REVIEW_DATES_ORDER,
    REVIEW_DUE_SOON,
    REVIEW_OVERDUE,
)

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase


def check_reviews(kb: KnowledgeBase, today: dt.date) -> list[Diagnostic]:
    diagnostics = []
    for item in kb.items:
        control = item.model.document

        def report(rule: Rule, message: str, item=item) -> None:
            diagnostics.append(Diagnostic.at(item, ("document", "next_review"), rule, message))

        status = review_date_status(control, today, kb.config.review_warning_days)
        if status == "dates_order":
            report(REVIEW_DATES_ORDER,
                   f"document.next_review ({control.next_review}) is before document.approved ({control.approved})")
        elif status == "overdue":
            days = (today - control.next_review).days
            report(REVIEW_OVERDUE,
                   f"the review was due on {control.next_review} ({days} day{'s' if days != 1 else ''} ago);"
                   f" the owner ({control.owner}) must review it and set a new date")
        elif status == "due_soon":
            days = (control.next_review - today).days
            report(REVIEW_DUE_SOON, f"the review is due on {control.next_review}, in {days} day{'s' if days != 1 else ''}")
    return diagnostics
