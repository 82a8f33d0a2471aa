"""Document control: review dates in order, overdue and upcoming reviews."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase
    from generator.model.items import DocumentControl


ReviewDateStatus = Literal["overdue", "due_soon", "current", "dates_order"]


def review_date_status(control: DocumentControl, today: dt.date, warning_days: int) -> ReviewDateStatus:
    """Where a document stands against its review date (the check and the staff register agree)."""
    if control.next_review < control.approved:
        return "dates_order"
    if control.next_review < today:
        return "overdue"
    if control.next_review - today <= dt.timedelta(days=warning_days):
        return "due_soon"
    return "current"


def check_reviews(kb: KnowledgeBase, today: dt.date) -> list[Diagnostic]:
    diagnostics = []
    for item in kb.items:
        control = item.model.document
        line, column = item.position(("document", "next_review"))

        def report(code: str, message: str, item=item, line=line, column=column) -> None:
            diagnostics.append(Diagnostic(rule(code).severity, code, message, item.file, line, column, item.id))

        status = review_date_status(control, today, kb.config.review_warning_days)
        if status == "dates_order":
            report("review.dates-order",
                   f"document.next_review ({control.next_review}) is before document.approved ({control.approved})")
        elif status == "overdue":
            days = (today - control.next_review).days
            report("review.overdue",
                   f"the review was due on {control.next_review} ({days} day{'s' if days != 1 else ''} ago);"
                   f" the owner ({control.owner}) must review it and set a new date")
        elif status == "due_soon":
            days = (control.next_review - today).days
            report("review.due-soon", f"the review is due on {control.next_review}, in {days} day{'s' if days != 1 else ''}")
    return diagnostics
