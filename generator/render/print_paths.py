"""Which items have a printable (checklist, blank form, customer copy of a guide) and where it lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item

PRINT_TEMPLATES = {"procedure": "print/checklist.html.j2", "form": "print/form.html.j2", "guide": "print/guide.html.j2"}
"""Which items have a printable, and from which template."""


def print_path(item: Item, suffix: str = ".html") -> str:
    """Where an item's printable lives inside a portal, e.g. ``print/procedures/warranty-repair.pdf``."""
    return f"print/{item.content_type.folder}/{item.id}{suffix}"


def has_printable(item: Item) -> bool:
    return item.type in PRINT_TEMPLATES
