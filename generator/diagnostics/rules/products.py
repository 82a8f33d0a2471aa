"""Product families: their error codes are unique and point to guides for the family, their
icon exists (detected by generator/validate/products.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

PRODUCT_DUPLICATE_ERROR_CODE = Rule(
    "product.duplicate-error-code", "error",
    "A product family lists one error code twice (ignoring case, spaces and separators: 'E21' and 'e-21').",
    "A customer searching for the code on the display would find two meanings and two things to do.",
    example="""
        # content/products/washing-machines.yml
        error_codes:
          - code: E21
            meaning: {ca: "L'aigua no desguassa.", es: "El agua no desagua.", en: "The water does not drain."}
            customer_action: {ca: "Netegeu el filtre de desguàs.", es: "Limpie el filtro de desagüe.", en: "Clean the drain filter."}
            guide: washing-machine-does-not-drain
          - code: e-21
    """,
    fix="Keep one entry per code: merge the two, or correct the code of the second one as the display shows it.",
    fixed="""
        # content/products/washing-machines.yml
        error_codes:
          - code: E21
            meaning: {ca: "L'aigua no desguassa.", es: "El agua no desagua.", en: "The water does not drain."}
            customer_action: {ca: "Netegeu el filtre de desguàs.", es: "Limpie el filtro de desagüe.", en: "Clean the drain filter."}
            guide: washing-machine-does-not-drain
          - code: E24
    """,
)
PRODUCT_ERROR_CODE_GUIDE_ELSEWHERE = Rule(
    "product.error-code-guide-elsewhere", "warning",
    "An error code points to a guide that is not for this product family (the guide's products do not list it).",
    "The customer would follow the steps for another appliance; often the wrong guide id was copied.",
    example="""
        # content/products/dishwashers.yml
        error_codes:
          - code: E24
            # ...
            guide: washing-machine-does-not-drain
    """,
    fix="Point the code to a guide for this family, or add the family to the guide's products if its steps"
        " really apply to it.",
    fixed="""
        # content/guides/washing-machine-does-not-drain.yml
        products: [washing-machines, dishwashers]
    """,
)

PRODUCT_UNKNOWN_ICON = Rule(
    "product.unknown-icon", "warning",
    "A product family names an icon that the Material theme's icon set does not have.",
    "Its card on the public home would show the default icon instead; usually a typo or an icon of another set.",
    example="""
        # content/products/washing-machines.yml
        icon: material/washer
    """,
    fix="Name an icon of the theme's set as set/name (material/washing-machine, fontawesome/solid/fire); the"
        " theme's icon search lists them.",
    fixed="""
        # content/products/washing-machines.yml
        icon: material/washing-machine
    """,
)

RULES = [PRODUCT_DUPLICATE_ERROR_CODE, PRODUCT_ERROR_CODE_GUIDE_ELSEWHERE, PRODUCT_UNKNOWN_ICON]
