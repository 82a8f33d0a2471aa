"""Document control: where each document stands against its review date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
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
