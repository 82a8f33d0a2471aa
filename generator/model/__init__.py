"""Types and schemas of the knowledge base, in one place; everything else reads them."""

from generator.model.config import SiteConfig
from generator.model.fields import PHASES, Ref
from generator.model.items import (
    BaseItem,
    Form,
    Guide,
    Procedure,
    Product,
    Role,
    Standard,
    Step,
    TrainingModule,
    WarrantyRule,
)
from generator.model.registry import (
    CONTENT_TYPES,
    TYPES_BY_FOLDER,
    TYPES_BY_NAME,
    ContentType,
)

__all__ = [
    "CONTENT_TYPES",
    "PHASES",
    "TYPES_BY_FOLDER",
    "TYPES_BY_NAME",
    "BaseItem",
    "ContentType",
    "Form",
    "Guide",
    "Procedure",
    "Product",
    "Ref",
    "Role",
    "SiteConfig",
    "Standard",
    "Step",
    "TrainingModule",
    "WarrantyRule",
]
