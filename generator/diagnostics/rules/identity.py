"""Identity (detected by generator/validate/identity.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

ID_DUPLICATE = Rule(
    "id.duplicate", "error", "Two items have the same id (ignoring case).",
    "References and page addresses would be ambiguous.",
    example="""
        # content/training/washing-machine-does-not-drain.yml (the guide has this id already)
        id: washing-machine-does-not-drain
    """,
    fix="Give one of the two items an id of its own, and rename its file to match.",
    fixed="""
        # content/training/drain-basics.yml
        id: drain-basics
    """,
)
ID_FILE_NAME = Rule(
    "id.file-name", "warning", "The file name differs from the item's id.",
    "People look for an item by its file; keep <id>.yml.",
    example="""
        # content/forms/call-log.yml
        id: repair-call-log
    """,
    fix="Rename the file after the id (content/forms/repair-call-log.yml), or change the id and every"
        " reference to it. When the id itself is not valid (schema.invalid-id), fix the id first: the"
        " message then does not ask to rename the file after it.",
    fixed="""
        # content/forms/repair-call-log.yml
        id: repair-call-log
    """,
)

RULES = [ID_DUPLICATE, ID_FILE_NAME]
