"""The content types: their folder under ``content/`` and their model."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.items import (
    BaseItem,
    Form,
    Guide,
    Procedure,
    Product,
    Role,
    Standard,
    TrainingModule,
    WarrantyRule,
)


@dataclass(frozen=True)
class ContentType:
    """One kind of item: where its files live and which model validates them."""

    name: str
    """Singular name used in references, diagnostics and ``aftersales new TYPE``."""
    folder: str
    """Folder under ``content/`` holding one YAML file per item."""
    model: type[BaseItem]
    label: str
    """Human name, for messages."""

    @property
    def default_audience(self) -> str:
        return self.model.model_fields["audience"].default


CONTENT_TYPES: tuple[ContentType, ...] = (
    ContentType("procedure", "procedures", Procedure, "procedure"),
    ContentType("standard", "standards", Standard, "service standard"),
    ContentType("role", "roles", Role, "role"),
    ContentType("warranty", "warranty", WarrantyRule, "warranty rule"),
    ContentType("guide", "guides", Guide, "self-repair guide"),
    ContentType("training", "training", TrainingModule, "training module"),
    ContentType("form", "forms", Form, "form"),
    ContentType("product", "products", Product, "product"),
)

TYPES_BY_NAME: dict[str, ContentType] = {ct.name: ct for ct in CONTENT_TYPES}
TYPES_BY_FOLDER: dict[str, ContentType] = {ct.folder: ct for ct in CONTENT_TYPES}
