"""Document control (detected by generator/validate/review.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

REVIEW_OVERDUE = Rule(
    "review.overdue", "warning", "The document is past its review date.", "Out-of-date procedures are followed anyway.",
    example="""
        # content/procedures/warranty-repair.yml
        document:
          owner: head-of-after-sales
          version: "1.0"
          approved: 2020-01-10
          next_review: 2021-01-10
    """,
    fix="The owner reviews the document, then records it: a new version, today's approval date and the next"
        " review date.",
    fixed="""
        # content/procedures/warranty-repair.yml
        document:
          owner: head-of-after-sales
          version: "1.0"
          approved: 2025-01-15
          next_review: 2099-01-15
    """,
)
REVIEW_DUE_SOON = Rule(
    "review.due-soon", "info", "The document's review date is near.", "Plan the review before it is overdue.",
    example="""
        # content/procedures/warranty-repair.yml (checked on 2025-03-31, review_warning_days: 30)
        document:
          # ...
          next_review: 2025-04-10
    """,
    fix="Plan the review with the owner; after it, set the new approval and next review dates.",
)
REVIEW_DATES_ORDER = Rule(
    "review.dates-order", "error", "The next review date is before the approval date.", "Usually a typo in one of the two dates.",
    example="""
        # content/procedures/warranty-repair.yml
        document:
          # ...
          approved: 2098-06-01
          next_review: 2098-05-01
    """,
    fix="Correct the date that is wrong: the next review comes after the approval.",
    fixed="""
        # content/procedures/warranty-repair.yml
        document:
          # ...
          approved: 2025-01-15
          next_review: 2099-01-15
    """,
)

RULES = [REVIEW_OVERDUE, REVIEW_DUE_SOON, REVIEW_DATES_ORDER]
