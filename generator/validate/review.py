"""Document control: review dates in order, overdue and upcoming reviews."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.analyse.documents import review_date_status
from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase


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
