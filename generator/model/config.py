"""The schema of ``site_config.yml``: portal identity, languages and audit settings."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.model.fields import (
    FAULT_CAUSES,
    PHASES,
    FaultCause,
    HitPolicy,
    Phase,
    Remedy,
    ServiceCategory,
    Slug,
    StrictModel,
    Text,
    describe_kind,
    repeated_entries,
)

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]

DEFAULT_DEPARTMENTS: dict[str, dict[str, str]] = {
    "after-sales": {"ca": "Servei postvenda", "es": "Servicio posventa", "en": "After-sales service"},
    "sat": {"ca": "Servei d'assistència tècnica (SAT)", "es": "Servicio de asistencia técnica (SAT)", "en": "Technical assistance service (SAT)"},
    "warehouse": {"ca": "Magatzem", "es": "Almacén", "en": "Warehouse"},
    "transport": {"ca": "Transport", "es": "Transporte", "en": "Transport"},
    "sales": {"ca": "Comercial", "es": "Comercial", "en": "Sales"},
    "accounting": {"ca": "Comptabilitat", "es": "Contabilidad", "en": "Accounting"},
    "quality": {"ca": "Qualitat", "es": "Calidad", "en": "Quality"},
}

Severity = Literal["error", "warning", "info", "off"]


class ContactChannel(StrictModel):
    """One way customers reach the service: phone, e-mail, web form, post, a visit, chat."""

    kind: Literal["phone", "email", "web_form", "mail", "visit", "chat"]
    value: str = Field(min_length=1, description="The number, address or web address.")
    label: Text | None = Field(default=None, description="What the channel is for, e.g. 'Breakdowns and repairs'.")
    hours: Text | None = None
    free: bool = Field(default=False, description="Free of charge for the customer (a 900 number).")


class Company(StrictModel):
    """Who customers are dealing with, and how they reach the service."""

    name: str = Field(min_length=1, description="The company's legal name, the same in every language.")
    phone: str | None = None
    phone_is_free: bool = Field(default=False, description="Whether the phone number is free of charge for the caller.")
    email: str | None = None
    address: Text | None = None
    hours: Text | None = Field(default=None, description="Opening hours of the service.")
    website: str | None = None
    channels: list[ContactChannel] = Field(default_factory=list, description="Every contact channel, in the order shown.")


class RuleScope(StrictModel):
    """Which procedures a coverage rule is about; every condition given must hold, none means all."""

    categories: list[ServiceCategory] = Field(default_factory=list, description="Procedures of these service categories.")
    tags: list[Slug] = Field(default_factory=list, description="Procedures carrying at least one of these tags.")
    procedures: list[Slug] = Field(default_factory=list, description="These procedures, by id.")


class StepRequirement(StrictModel):
    """At least one step must match every condition given here."""

    phase: Phase | None = Field(default=None, description="The step is in this phase (any phase when omitted).")
    roles: list[Slug] = Field(default_factory=list, description="The step is taken by one of these roles.")
    departments: list[Slug] = Field(default_factory=list, description="The step involves one of these departments.")
    fills_form: bool = Field(default=False, description="The step fills in at least one form.")
    forms: list[Slug] = Field(default_factory=list, description="The step fills in one of these forms.")
    form_tags: list[Slug] = Field(default_factory=list, description="The step fills in a form with one of these tags.")
    cites_standard: bool = Field(default=False, description="The step must meet at least one service standard.")
    standards: list[Slug] = Field(default_factory=list, description="The step must meet one of these standards.")
    standard_tags: list[Slug] = Field(default_factory=list, description="The step must meet a standard with one of these tags.")
    has_decision: bool = Field(default=False, description="The step asks a decision with branches.")


class CoverageRule(StrictModel):
    """A house rule every procedure in scope must meet, beyond 'each required phase has a step'."""

    id: Slug
    title: Text | None = Field(
        default=None,
        description="A short name per language, the rule's column header in the coverage matrix (the id when omitted).",
    )
    message: Text = Field(description="What is required, per language, shown on the coverage matrix and when a"
                                      " procedure does not meet it.")
    severity: Literal["error", "warning", "info"] = "error"
    applies_to: RuleScope = Field(default_factory=RuleScope)
    require: StepRequirement


class LegalMinimum(StrictModel):
    """What the law guarantees whatever the warranty rules say; check holds every rule to it."""

    months: int = Field(ge=1, le=600, description="Legal guarantee period from delivery, in months (36 in Spain for goods sold from 2022).")
    causes: list[FaultCause] = Field(min_length=1, description="Causes of fault the legal guarantee covers (manufacturing_defect).")
    remedies: list[Remedy] = Field(
        default_factory=list,
        description="Remedies the customer must be offered first, before any other (repair, replace).",
    )
    presumed_months: int | None = Field(
        default=None, ge=1, le=600,
        description="A fault of unknown cause within this many months is presumed to be one of 'causes' (24 in Spain).",
    )
    basis: Text | None = Field(default=None, description="The law it comes from, named in check's messages.")

    @model_validator(mode="after")
    def _presumption_within_period(self) -> LegalMinimum:
        if self.presumed_months is not None and self.presumed_months > self.months:
            raise ValueError(f"presumed_months ({self.presumed_months}) cannot be longer than months ({self.months})")
        if len(set(self.remedies)) != len(self.remedies) or len(set(self.causes)) != len(self.causes):
            raise ValueError("each cause and each remedy may be listed only once")
        return self


class WarrantyTable(StrictModel):
    """How the warranty rules of content/warranty/ combine into one decision table, and the legal floor."""

    hit_policy: HitPolicy = Field(
        default="unique",
        description="unique: at most one rule may match any case; first: rules by priority, highest first, each with"
                    " its own priority; priority: the matching rule with the highest priority wins.",
    )
    causes: list[FaultCause] = Field(
        default_factory=lambda: list(FAULT_CAUSES),
        min_length=1,
        description="Causes of fault the rules must decide for every product family and age (default: all).",
    )
    legal_minimum: LegalMinimum | None = Field(default=None, description="The legal guarantee no rule may fall below.")

    @field_validator("causes")
    @classmethod
    def _no_repeated_causes(cls, value: list[str]) -> list[str]:
        repeated = repeated_entries(value)
        if repeated:
            raise ValueError(f"each cause may be listed only once ({', '.join(repeated)} is repeated)")
        return value


class RepairOrReplace(StrictModel):
    """The warehouse rule behind the staff "Repair or replace" calculator.

    "The decision to replace the part depends on its cost plus the hours of work needed to
    replace it": repair when parts + hours × hourly rate + travel is at most ``threshold`` ×
    the cost of replacing, otherwise replace.
    """

    hourly_rate: float = Field(default=45.0, ge=0, le=10_000, description="Cost of one hour of a technician's work.")
    travel_cost: float = Field(default=30.0, ge=0, le=10_000,
                               description="Usual cost of the technician's travel (the calculator's default, editable).")
    threshold: float = Field(default=0.5, gt=0, le=1,
                             description="Repair when the repair costs at most this share of replacing (0.5 = 50 %).")
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$", description="ISO 4217 code the amounts are in.")


class Compliance(StrictModel):
    """Measured compliance with the standards (the "control" of PDCA): the data and the goals.

    With ``data``, ``check`` validates the measurements file and the staff portals get the
    compliance pages (p-charts); ``aftersales report`` uses the goals for any data file.
    """

    data: str | None = Field(
        default=None, min_length=1, max_length=500,
        description="The measurements CSV file, relative to the project folder (e.g. data/measurements.csv).",
    )
    goal: float = Field(default=0.95, gt=0, le=1,
                        description="Share of cases that must meet each standard (0.95 = 95 %).")
    goals: dict[Slug, Annotated[float, Field(gt=0, le=1)]] = Field(
        default_factory=dict, description="A goal of its own per standard id, e.g. {satisfaction-call-7-days: 0.9}.",
    )


# --------------------------------------------------------------------------- search

SYNONYM_MAX_LENGTH = 80
"""The longest synonym: a word or a short phrase ("hoja de reclamaciones"), never a sentence."""

_GROUP_EXAMPLE = "[nevera, frigorífico]"


def _synonym_group_given(value: Any) -> Any:
    """A group must be a list; a bare word is the usual slip (``es: [nevera, frigorífico]``, one level short)."""
    if isinstance(value, list):
        return value
    # Reported as schema.wrong-type with this message: generator/load/schema.py keeps the message of the
    # error type 'text_type' (the type the Text fields use for the same kind of slip).
    raise PydanticCustomError(
        "text_type",
        "expected a group of words that mean the same, as a list in brackets such as " + _GROUP_EXAMPLE
        + "; got {kind}. Each language has a list of groups: es: [[nevera, frigorífico], [repuesto, recambio]]",
        {"kind": f"text ('{value}')" if isinstance(value, str) else describe_kind(value)},
    )


def _synonym_groups_given(value: Any) -> Any:
    if isinstance(value, list):
        return value
    raise PydanticCustomError(
        "text_type",
        "expected a list of groups, one group per line such as '- " + _GROUP_EXAMPLE + "'; got {kind}",
        {"kind": describe_kind(value)},
    )


def _synonyms_given(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "text_type",
        "expected a mapping of language code to groups, such as 'es: [" + _GROUP_EXAMPLE + ", [repuesto, recambio]]';"
        " got {kind}",
        {"kind": describe_kind(value)},
    )


SynonymEntry = Annotated[str, Field(max_length=SYNONYM_MAX_LENGTH)]
"""A word or a short phrase a customer or a colleague would type."""

_GROUP_SCHEMA = Annotated[list[SynonymEntry], Field(min_length=2)]
"""A group as editors see it in the JSON Schema; ``check`` holds the same rule (search.empty-group)."""

SynonymGroup = Annotated[
    list[SynonymEntry],
    BeforeValidator(_synonym_group_given, json_schema_input_type=_GROUP_SCHEMA),
]
"""Words or phrases that mean the same in one language; ``check`` wants two that differ (search.empty-group)."""

SynonymGroups = Annotated[
    list[SynonymGroup],
    BeforeValidator(_synonym_groups_given, json_schema_input_type=list[_GROUP_SCHEMA]),
]
"""One language's synonym groups, in the order written."""


class Search(StrictModel):
    """What the portals' search knows beyond the pages' own words.

    ``check`` reports a language that is not in ``languages`` (search.unknown-language), a group
    without two different entries or with an empty one (search.empty-group) and a word in two
    groups of one language (search.duplicate-synonym)."""

    synonyms: Annotated[
        dict[str, SynonymGroups],
        BeforeValidator(_synonyms_given, json_schema_input_type=dict[LanguageCode, list[_GROUP_SCHEMA]]),
    ] = Field(
        default_factory=dict,
        description="Per language code, groups of words or short phrases that mean the same (a search for one"
                    " finds the others), e.g. es: [[nevera, frigorífico, frigo], [repuesto, recambio]].",
    )


# --------------------------------------------------------------------------- the brand

COLOUR_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
_COLOUR_RE = re.compile(COLOUR_PATTERN)
WHITE = "#ffffff"
NEAR_BLACK = "#212121"
"""The header text when ``brand.header_text`` is not given: whichever contrasts more with the primary."""
WCAG_AA_TEXT = 4.5
"""The contrast WCAG 2.x level AA needs for normal-size text (success criterion 1.4.3)."""


def _colour_given(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError(
            "colour_empty",
            "no colour is given; in YAML a '#' starts a comment, so write the colour in quotes: \"#1a5fb4\"",
        )
    return value


def _check_colour(value: str) -> str:
    """``#rrggbb`` or ``#rgb`` (any case), kept as lowercase ``#rrggbb``."""
    if not _COLOUR_RE.match(value):
        raise PydanticCustomError(
            "colour",
            "'{value}' is not a colour: write it as #rrggbb or #rgb in hexadecimal, in quotes (e.g. \"#1a5fb4\")",
            {"value": value},
        )
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


Colour = Annotated[
    str,
    BeforeValidator(_colour_given, json_schema_input_type=str),
    Field(json_schema_extra={"pattern": COLOUR_PATTERN}),
    AfterValidator(_check_colour),
]
"""A colour as the brand book gives it: ``#rrggbb`` or ``#rgb``; read as lowercase ``#rrggbb``."""


def _channel(value: int) -> float:
    """One sRGB channel (0-255) linearised as WCAG 2.x defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb`` (or ``#rgb``): 0 for black, 1 for white."""
    rgb = _check_colour(colour)
    r, g, b = (int(rgb[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background: str) -> str:
    """White or near-black, whichever contrasts more with ``background``."""
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(NEAR_BLACK, background) else NEAR_BLACK


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0-1) of ``other`` mixed in, as ``#rrggbb``."""
    a, b = _check_colour(colour), _check_colour(other)
    channels = (round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share) for i in (1, 3, 5))
    return "#" + "".join(f"{value:02x}" for value in channels)


class Brand(StrictModel):
    """The company's look: colours of the portals' header and links, logo, favicon, a stylesheet of its own.

    Applied to every portal and to the printables (logo and colour in their header); ``check``
    refuses a header text colour below WCAG AA contrast on ``primary`` (brand.low-contrast)."""

    primary: Colour = Field(description='Colour of the header, the printables\' header and links, e.g. "#1a5fb4".')
    accent: Colour = Field(description='Colour of hovered links, buttons and other things to click, e.g. "#c64600".')
    header_text: Colour | None = Field(
        default=None,
        description="Colour of the text on the header (default: white or near-black, whichever contrasts more"
                    " with primary); must reach 4.5:1 against primary.",
    )
    logo: str | None = Field(default=None, min_length=1,
                             description="Logo image, a path inside the project's assets/ folder.")
    favicon: str | None = Field(default=None, min_length=1,
                                description="Browser tab icon, a path inside assets/ (.png or .svg; default: the logo).")
    stylesheet: str | None = Field(
        default=None, min_length=1,
        description="A CSS file of your own, a path inside assets/ (e.g. brand.css for assets/brand.css),"
                    " copied into every portal and loaded after the portal's own styles.",
    )

    @field_validator("header_text", mode="before")
    @classmethod
    def _header_text_given(cls, value: Any) -> Any:
        return _colour_given(value)

    @property
    def header_colour(self) -> str:
        """The text colour on the header: ``header_text``, or the more readable of white and near-black."""
        return self.header_text or readable_on(self.primary)


class SiteConfig(StrictModel):
    """Settings of one knowledge base; the first language is the default one."""

    title: Text
    description: Text | None = None
    url: str | None = Field(default=None, description="Public address of the portal, printed on checklists.")
    logo: str | None = Field(default=None, description="Logo image, a path inside the project's assets/ folder"
                                                        " (the same as brand.logo; write one of them).")
    brand: Brand | None = Field(
        default=None,
        description="The company's colours, logo, favicon and stylesheet for every portal and printable (see README, Brand).",
    )
    company: Company
    languages: list[LanguageCode] = Field(default_factory=lambda: ["ca", "es", "en"], min_length=1)
    required_phases: list[Phase] = Field(
        default_factory=lambda: list(PHASES),
        description="Phases every procedure must cover; remove one only with a documented reason.",
    )
    departments: dict[Slug, Text] = Field(
        default_factory=lambda: {key: dict(value) for key, value in DEFAULT_DEPARTMENTS.items()},
        description="Departments that procedure steps and roles may name, with their names per language.",
    )
    disclaimer: Text | None = Field(
        default=None, description="Shown on warranty pages, e.g. 'These rules are examples, not legal advice.'"
    )
    review_warning_days: int = Field(
        default=30, ge=0, le=3650, description="Warn this many days before a document's review date."
    )
    rules: dict[str, Severity] = Field(
        default_factory=dict, description="Per check code: raise or lower its severity, or switch it off."
    )
    coverage_rules: list[CoverageRule] = Field(
        default_factory=list, description="House rules every procedure in scope must meet (see README, Coverage rules)."
    )
    warranty: WarrantyTable = Field(
        default_factory=WarrantyTable,
        description="The warranty rules as a decision table: hit policy, causes to decide, legal minimum (see README).",
    )
    repair_or_replace: RepairOrReplace = Field(
        default_factory=RepairOrReplace,
        description="Hourly rate, travel cost and threshold of the staff 'Repair or replace' calculator.",
    )
    compliance: Compliance = Field(
        default_factory=Compliance,
        description="Measured compliance with the standards: the measurements file and the goals (see README).",
    )
    search: Search = Field(
        default_factory=Search,
        description="The portals' search: synonyms per language (see README, Search).",
    )

    @field_validator("coverage_rules")
    @classmethod
    def _unique_rule_ids(cls, value: list[CoverageRule]) -> list[CoverageRule]:
        ids = [rule.id for rule in value]
        repeated = repeated_entries(ids)
        if repeated:
            raise ValueError(f"each coverage rule needs its own id ({', '.join(repeated)} is repeated)")
        return value

    @field_validator("languages", "required_phases")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = repeated_entries(value)
        if repeated:
            raise ValueError(f"each entry may be listed only once ({', '.join(repeated)} is repeated)")
        return value

    _logo_data_uri: str | None = PrivateAttr(default=None)
    """The logo file as a ``data:`` address, read by the loader: printables carry it inline."""

    @model_validator(mode="after")
    def _one_logo(self) -> SiteConfig:
        if self.logo is not None and self.brand is not None and self.brand.logo is not None:
            raise ValueError("the logo is given twice, as logo and as brand.logo: keep brand.logo only")
        return self

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def logo_file(self) -> str | None:
        """The logo (``brand.logo``, or ``logo`` as written before there was a brand), inside assets/."""
        return self.brand.logo if self.brand is not None and self.brand.logo else self.logo

    @property
    def logo_data_uri(self) -> str | None:
        """The logo as a ``data:`` address (set when the project is loaded), for the printables' header."""
        return self._logo_data_uri

    def search_synonyms(self, lang: str) -> list[tuple[str, ...]]:
        """The synonym groups of ``lang`` from ``search.synonyms``, as written and in their order.

        Each group is a tuple of words or short phrases that mean the same; none for a language
        without synonyms. The entries are not folded, split or stripped: the search index spells
        them its own way. A project that passes ``check`` has groups of at least two different
        entries (search.empty-group), only for its own languages (search.unknown-language).
        """
        return [tuple(group) for group in self.search.synonyms.get(lang, ())]

    @property
    def favicon_file(self) -> str | None:
        """The browser tab icon inside assets/: ``brand.favicon``, else the logo."""
        return self.brand.favicon if self.brand is not None and self.brand.favicon else self.logo_file
