"""Change review, only with a review.lock.json written by 'aftersales review'
(detected by generator/validate/changes.py; change.lock-invalid also by 'aftersales review')."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

CHANGE_SUSPECT = Rule(
    "change.suspect", "warning", "An item cites something that changed since the item was last reviewed.",
    "A procedure built on an old version of a standard (or a training module teaching an old procedure) may"
    " now be wrong; a person must check it and record the review with 'aftersales review ID'.",
    example="""
        # content/forms/repair-call-log.yml: the summary was edited after the last review
        summary: {ca: "Una línia per cada avís de reparació rebut.", es: "Una línea por cada aviso de reparación recibido.", en: "One line per call."}
        # content/procedures/warranty-repair.yml cites the form:
              forms: [repair-call-log]
    """,
    fix="Read the procedure against the changed form; correct it if needed, then record the review:"
        " aftersales review warranty-repair.",
)
CHANGE_UNRECORDED = Rule(
    "change.unrecorded", "info", "An item has no entry in review.lock.json yet.",
    "Change review can only warn about items it has recorded; a new item is recorded once reviewed.",
    example="""
        # content/forms/spare-form.yml: new since the last 'aftersales review --all'
        id: spare-form
    """,
    fix="Once the new item has been reviewed, record it: aftersales review spare-form.",
)
CHANGE_ORPHAN = Rule(
    "change.orphan", "info", "review.lock.json records an item that no longer exists.",
    "A stale entry clutters the lock file's diffs; 'aftersales review --prune' removes it.",
    example="""
        # review.lock.json (content/forms/spare-form.yml was deleted)
            "spare-form": {
              "depends_on": {},
    """,
    fix="Run aftersales review --prune to remove the entries of deleted items.",
)
CHANGE_LOCK_INVALID = Rule(
    "change.lock-invalid", "error", "review.lock.json is not valid JSON or not a review lock file.",
    "Change review cannot tell which items are suspect, so every change would go unreviewed;"
    " often a merge conflict left in the file.",
    example="""
        # review.lock.json
        <<<<<<< HEAD
            "head-of-after-sales": {
    """,
    fix="Resolve the merge conflict by hand (keep both sides' entries, remove the <<<<<<<, ======= and"
        " >>>>>>> lines), or delete the file and record every item again with aftersales review --all.",
)

RULES = [CHANGE_SUSPECT, CHANGE_UNRECORDED, CHANGE_ORPHAN, CHANGE_LOCK_INVALID]
