"""The eight content types of an after-sales knowledge base, declared once.

One YAML file holds one item. Field names are the YAML keys; their docstrings become the
descriptions in the JSON Schema that editors use while you type.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.fields import (
    Audience,
    DepartmentRef,
    FaultCause,
    FormRef,
    GuideRef,
    IsoDate,
    Name,
    Payer,
    Phase,
    ProcedureRef,
    ProductRef,
    Remedy,
    RoleRef,
    ServiceCategory,
    Slug,
    StandardRef,
    StrictModel,
    Text,
    TrainingRef,
    Version,
    WarrantyRef,
    YesNoAny,
    repeated_entries,
    text_at_least,
)

Justification = text_at_least(20)
"""Why an exception is acceptable, per language, long enough for an auditor to read."""

# --------------------------------------------------------------------------- shared parts


class ChangeRecord(StrictModel):
    """One line of an item's revision history."""

    version: Version
    date: IsoDate
    summary: Text


class DocumentControl(StrictModel):
    """ISO 9001-style control data: who owns the document and when it must be looked at again."""

    owner: RoleRef = Field(description="Id of the role that owns and maintains this document.")
    version: Version = Field(description="Document version, e.g. 1.2.")
    approved: IsoDate = Field(description="Date the current version was approved (YYYY-MM-DD).")
    next_review: IsoDate = Field(description="Date by which the document must be reviewed (YYYY-MM-DD).")
    approved_by: str | None = Field(default=None, description="Name or post of the approver.")
    history: list[ChangeRecord] = Field(default_factory=list, description="Earlier versions, newest first.")


class BaseItem(StrictModel):
    """What every item has: a stable id, who may see it, a title and document control."""

    CONTROL_FIELDS: ClassVar[frozenset[str]] = frozenset({"document"})
    """Fields naming who looks after the item, not what it says: never shown publicly (a public
    item may name a staff role there) and no reason to review the item when their target changes."""

    id: Slug = Field(description="Stable identifier, unique in the whole knowledge base.")
    audience: Audience = "staff"
    title: Text
    summary: Text | None = Field(default=None, description="One or two sentences shown in lists and search results.")
    tags: list[Slug] = Field(default_factory=list)
    document: DocumentControl


# --------------------------------------------------------------------------- procedure


class Outcome(StrictModel):
    """One branch of a decision: when this is so, do that."""

    when: Text = Field(description="The condition, e.g. 'the complaint is justified'.")
    then: Text = Field(description="What happens, e.g. 'resolve it and inform the customer'.")
    next_step: Slug | None = Field(default=None, description="Id of the step of this procedure to continue with.")
    next_procedure: ProcedureRef | None = Field(default=None, description="Id of another procedure to continue with.")
    end: bool = Field(default=False, description="The case ends here: nothing more of this procedure is done (an"
                      " outcome naming neither next_step, next_procedure nor end goes on with the next step).")

    @model_validator(mode="after")
    def _one_way_on(self) -> Outcome:
        if self.end and (self.next_step or self.next_procedure):
            raise ValueError("an outcome that ends (end: true) names no next_step or next_procedure")
        return self


class Decision(StrictModel):
    """A question the person taking the step must answer, with its branches."""

    question: Text
    outcomes: list[Outcome] = Field(min_length=2)


class Step(StrictModel):
    """One thing one role does; it may fill forms and must meet standards."""

    id: Slug | None = Field(default=None, description="Optional id, so that decisions can point to this step.")
    action: Text = Field(description="What to do, in the imperative.")
    role: RoleRef = Field(description="Id of the role that does it.")
    department: DepartmentRef | None = Field(
        default=None, description="For steps in the 'departments' phase: the department involved."
    )
    forms: list[FormRef] = Field(default_factory=list, description="Ids of the forms filled in at this step.")
    standards: list[StandardRef] = Field(default_factory=list, description="Ids of the service standards this step must meet.")
    decision: Decision | None = None
    notes: Text | None = None
    before: Slug | None = Field(
        default=None,
        description="Id of a step of an earlier-listed phase that this step runs before, e.g. the warehouse reserves"
                    " the unit before the SAT installs it: it is numbered, listed and drawn there. Steps stay in their"
                    " audit phase; several steps before one step keep their listed order.")
    next_step: Slug | None = Field(
        default=None,
        description="A step without a decision: id of the step of this procedure to continue with after it (any"
                    " phase, forward or back), instead of the next step by number.")
    end: bool = Field(default=False, description="A step without a decision: the case ends after this step.")

    @model_validator(mode="after")
    def _one_way_on(self) -> Step:
        if self.decision is not None and (self.next_step or self.end):
            field = "next_step" if self.next_step else "end"
            raise ValueError(f"a step with a decision says where each outcome leads: move '{field}' to its outcomes")
        if self.end and self.next_step:
            raise ValueError("a step that ends the case (end: true) names no next_step: keep one of them")
        return self


class PhaseSteps(StrictModel):
    """The steps of a procedure grouped by the four after-sales phases."""

    reception: list[Step] = Field(default_factory=list, description="Receive, discriminate, register and manage the contact.")
    sat: list[Step] = Field(default_factory=list, description="Technical assistance: diagnosis, warranty decision, repair.")
    departments: list[Step] = Field(default_factory=list, description="Warehouse, transport, sales, accounting...")
    follow_up: list[Step] = Field(default_factory=list, description="Satisfaction, weak points, nonconformities, returns.")


class Waiver(StrictModel):
    """A documented, approved and time-limited exception to a required phase or a coverage rule."""

    phase: Phase | None = Field(default=None, description="The required phase this procedure does without.")
    rule: Slug | None = Field(default=None, description="Or: the id of the coverage rule (site_config.yml) it does not meet.")
    justification: Justification = Field(
        description="Why the exception is acceptable, for auditors, per language (at least 20 characters each).")
    approved_by: Name = Field(
        description="Name or post of who approved the exception: one string, or one per language when it names a"
                    " post ({ca: ..., es: ..., en: ...}).")
    approved: IsoDate | None = Field(default=None, description="Date of the approval (YYYY-MM-DD).")
    expires: IsoDate = Field(description="Last day the exception holds (YYYY-MM-DD); check fails after it.")

    @model_validator(mode="after")
    def _one_target(self) -> Waiver:
        if (self.phase is None) == (self.rule is None):
            raise ValueError("a waiver names either a 'phase' or a 'rule', not both and not neither")
        if self.approved is not None and self.expires < self.approved:
            raise ValueError("'expires' is before 'approved'")
        return self

    @property
    def target(self) -> str:
        """``phase:sat`` or ``rule:reception-registers-contact``."""
        return f"phase:{self.phase}" if self.phase else f"rule:{self.rule}"


class Procedure(BaseItem):
    """How the department handles one kind of case, from the first contact to the follow-up."""

    audience: Audience = "staff"
    purpose: Text
    trigger: Text = Field(description="What starts the procedure, e.g. 'a customer reports a breakdown'.")
    category: ServiceCategory = Field(description="Service category: A paid, B contract, C free (warranty), D internal.")
    products: list[ProductRef] = Field(default_factory=list)
    warranty: list[WarrantyRef] = Field(default_factory=list, description="Warranty rules applied in this procedure.")
    guides: list[GuideRef] = Field(default_factory=list, description="Self-repair guides staff walk customers through.")
    related: list[ProcedureRef] = Field(default_factory=list)
    steps: PhaseSteps
    waivers: list[Waiver] = Field(
        default_factory=list, description="Approved, time-limited exceptions to required phases or coverage rules."
    )

    @model_validator(mode="after")
    def _one_waiver_per_target(self) -> Procedure:
        targets = [waiver.target for waiver in self.waivers]
        repeated = repeated_entries(targets)
        if repeated:
            raise ValueError(f"waivers: {', '.join(repeated)} is waived more than once; keep one waiver each")
        return self


# --------------------------------------------------------------------------- standard

TargetUnit = Literal[
    "minutes", "hours", "working_hours", "days", "working_days", "weeks", "months", "years",
    "percent", "hours_per_day", "days_per_week", "euros", "count",
]
Frequency = Literal["per_case", "daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"]


class Target(StrictModel):
    """A measurable target: a value, its unit and whether it is a maximum or a minimum."""

    value: float = Field(ge=0)
    unit: TargetUnit
    limit: Literal["at_most", "at_least", "exactly"] = "at_most"


class Measurement(StrictModel):
    """How compliance with a standard is measured (the quality indicator)."""

    indicator: Text = Field(description="What is counted, e.g. '% of calls answered within 4 h'.")
    method: Text = Field(description="Where the data comes from and how it is computed.")
    frequency: Frequency


class Standard(BaseItem):
    """A measurable service commitment."""

    CONTROL_FIELDS: ClassVar[frozenset[str]] = frozenset({"document", "owner"})

    audience: Audience = "staff"
    commitment: Text = Field(description="What the company commits to, in one sentence.")
    target: Target
    measurement: Measurement
    when_missed: Text = Field(description="What happens when the commitment is not met.")
    customer_claim: Text | None = Field(default=None, description="How a customer can claim when it is missed.")
    categories: list[ServiceCategory] = Field(default_factory=list)
    owner: RoleRef | None = Field(
        default=None,
        description="Id of the role responsible for meeting the standard (shown in the staff standards register);"
                    " default: the document's owner.",
    )
    applies_to: Literal["steps", "organisation"] = Field(
        default="steps",
        description="steps: procedure steps must cite it (check warns when none does); organisation: it binds the"
                    " whole organisation (staff profile, management commitment), no step needs to cite it.",
    )
    phases: list[Phase] = Field(
        default_factory=list,
        description="The phases whose steps may cite it (reception, sat, departments, follow_up); empty: any phase.",
    )
    resolution: StandardRef | None = Field(
        default=None,
        description="For a response time: id of the resolution standard it belongs with (e.g. complaint answered"
                    " in 24 h → complaint resolved within a month); check refuses a response longer than it.",
    )

    @model_validator(mode="after")
    def _phases_once(self) -> Standard:
        repeated = repeated_entries(list(self.phases))
        if repeated:
            raise ValueError(f"phases: {', '.join(repeated)} is listed more than once")
        return self

    @property
    def responsible(self) -> str:
        """The role answering for the standard: ``owner``, else the document's owner."""
        return self.owner or self.document.owner


# --------------------------------------------------------------------------- role


class Role(BaseItem):
    """A post in the department: what it does and what it takes."""

    audience: Audience = "staff"
    department: DepartmentRef
    reports_to: RoleRef | None = None
    education: Text
    experience: Text
    responsibilities: list[Text] = Field(min_length=1)
    skills: list[Text] = Field(default_factory=list)


# --------------------------------------------------------------------------- warranty rule

TABLE_FLAGS: tuple[str, ...] = ("maintenance_contract", "commercial_extension", "repaired_under_guarantee")
"""The yes/no facts of a case that a warranty rule may require: the decision table's yes/no inputs."""


class Payment(StrictModel):
    """Who pays each part of the bill of a case the rule decides."""

    parts: Payer = Field(description="Spare parts: company, customer or manufacturer.")
    labour: Payer = Field(description="The technician's working time: company, customer or manufacturer.")
    travel: Payer = Field(description="The technician's travel (call-out charge): company, customer or manufacturer.")


class WarrantyRule(BaseItem):
    """One row of the warranty decision table: when it applies, and what the customer gets.

    Conditions: ``products``, ``causes``, the age of the product at the fault (``from_month`` to
    ``to_month``) and three yes/no facts; all must hold. Outcome: ``covered``, ``category``,
    ``remedies`` and who ``pays``. How rules combine is the hit policy of site_config.yml.
    """

    RENAMED_FIELDS: ClassVar[dict[str, str]] = {"period_months": "to_month"}
    """Fields of earlier versions, for a precise hint instead of 'unknown field'."""

    audience: Audience = "public"
    # conditions
    products: list[ProductRef] = Field(min_length=1, description="Product families the rule is about.")
    causes: list[FaultCause] = Field(min_length=1, description="Causes of fault this rule is about.")
    from_month: int = Field(
        default=0, ge=0, le=600,
        description="Age of the product at the fault, in months from delivery, from which the rule applies (included).",
    )
    to_month: int | None = Field(
        default=None, ge=1, le=600,
        description="Age in months from which the rule no longer applies (excluded): 36 means 'less than 36 months"
                    " old'. Omit it for no end.",
    )
    maintenance_contract: YesNoAny = Field(
        default="any", description="true: only with a maintenance contract in force; false: only without; any: either.",
    )
    commercial_extension: YesNoAny = Field(
        default="any", description="true: only with the commercial extended guarantee; false: only without; any: either.",
    )
    repaired_under_guarantee: YesNoAny = Field(
        default="any",
        description="true: only when the product was repaired under the legal guarantee before (EU right to repair:"
                    " 12 more months); false: only when not; any: either.",
    )
    # outcome
    covered: bool = Field(description="Whether the fault is covered: repaired or otherwise put right under this rule.")
    category: ServiceCategory = Field(description="Service category the case runs under.")
    remedies: list[Remedy] = Field(default_factory=list, description="Remedies in the order they are offered.")
    pays: Payment = Field(description="Who pays the parts, the labour and the travel.")
    priority: int | None = Field(
        default=None, ge=-1000, le=1000,
        description="For the hit policies 'first' and 'priority' (site_config.yml): of the rules matching a case,"
                    " the one with the highest priority decides.",
    )
    # texts for the reader
    conditions: list[Text] = Field(default_factory=list, description="Further conditions, in words.")
    exclusions: list[Text] = Field(default_factory=list)
    applies_from: IsoDate | None = Field(default=None, description="For goods sold from this date (YYYY-MM-DD).")
    details: Text | None = Field(default=None, description="Further explanation for the customer.")
    legal_basis: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> WarrantyRule:
        if self.to_month is not None and self.to_month <= self.from_month:
            raise ValueError(f"to_month ({self.to_month}) must be after from_month ({self.from_month}):"
                             " the rule applies from from_month up to, not including, to_month")
        if self.covered and not self.remedies:
            raise ValueError("a rule that covers a fault must list its remedies (repair, replace, ...)")
        if len(set(self.remedies)) != len(self.remedies):
            raise ValueError("each remedy may be listed only once")
        return self

    def flag(self, name: str) -> bool | None:
        """The condition on yes/no fact ``name``: True, False, or None for 'any'."""
        value = getattr(self, name)
        return None if value == "any" else value


# --------------------------------------------------------------------------- self-repair guide


class GuideStep(StrictModel):
    action: Text
    caution: Text | None = None
    image: str | None = Field(default=None, description="Path of a picture inside the project's assets/ folder"
                              " (.png, .jpg, .gif, .webp or .svg).")
    image_alt: Text | None = Field(default=None, description="What the picture shows, in every language of the"
                                   " portal: read aloud to a reader who cannot see it (required with image).")


class Guide(BaseItem):
    """A self-repair guide a customer can follow at home."""

    audience: Audience = "public"
    products: list[ProductRef] = Field(min_length=1)
    symptom: Text = Field(description="What the customer sees, in their words.")
    difficulty: Literal["easy", "medium", "hard"]
    time_minutes: int = Field(gt=0, le=24 * 60)
    tools: list[Text] = Field(default_factory=list)
    parts: list[Text] = Field(default_factory=list)
    safety: list[Text] = Field(default_factory=list, description="Safety warnings shown before the steps.")
    steps: list[GuideStep] = Field(min_length=1)
    success_check: Text = Field(description="How to check that the repair worked.")
    stop_and_call: list[Text] = Field(min_length=1, description="When to stop and call the technical service.")
    warranty_effect: Text = Field(description="What doing this repair means for the warranty.")


# --------------------------------------------------------------------------- training module


class Lesson(StrictModel):
    title: Text
    body: Text


class Question(StrictModel):
    question: Text
    answer: Text


class TrainingModule(BaseItem):
    """A unit of training for new staff."""

    audience: Audience = "staff"
    roles: list[RoleRef] = Field(min_length=1, description="Roles this module is for.")
    objectives: list[Text] = Field(min_length=1)
    duration_minutes: int = Field(gt=0, le=100 * 60)
    prerequisites: list[TrainingRef] = Field(default_factory=list)
    lessons: list[Lesson] = Field(min_length=1)
    self_check: list[Question] = Field(default_factory=list)
    procedures: list[ProcedureRef] = Field(default_factory=list)
    standards: list[StandardRef] = Field(default_factory=list)


# --------------------------------------------------------------------------- form

FieldType = Literal["text", "long_text", "date", "time", "number", "checkbox", "signature", "choice", "table"]


class FormColumn(StrictModel):
    id: Slug
    label: Text
    type: Literal["text", "date", "time", "number", "checkbox", "signature"] = "text"


class FormField(StrictModel):
    """One field of a printable form."""

    id: Slug
    label: Text
    type: FieldType
    required: bool = False
    unit: str | None = Field(default=None, description="Unit printed after a number box, e.g. 'h' or 'EUR'.")
    choices: list[Text] = Field(default_factory=list, description="For 'choice' fields: the options to tick.")
    columns: list[FormColumn] = Field(default_factory=list, description="For 'table' fields: the columns.")
    rows: int = Field(default=10, ge=1, le=60, description="For 'table' fields: empty rows to print.")

    @model_validator(mode="after")
    def _shape_matches_type(self) -> FormField:
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError("a 'choice' field needs at least two choices")
        if self.type == "table" and not self.columns:
            raise ValueError("a 'table' field needs its columns")
        if self.type not in ("choice",) and self.choices:
            raise ValueError("only 'choice' fields have choices")
        if self.type != "table" and self.columns:
            raise ValueError("only 'table' fields have columns")
        return self


class Form(BaseItem):
    """A printable form, checklist or log."""

    audience: Audience = "staff"
    purpose: Text
    kind: Literal["form", "checklist", "log"] = "form"
    fields: list[FormField] = Field(min_length=1)


# --------------------------------------------------------------------------- product


class ProductModel(StrictModel):
    code: str = Field(min_length=1, max_length=40)
    name: Text | None = None
    since: IsoDate | None = None


ERROR_CODE_PATTERN = r"^[A-Za-z0-9]+(?:[ .:/-][A-Za-z0-9]+)*$"
_ERROR_CODE_RE = re.compile(ERROR_CODE_PATTERN)
_CODE_SEPARATORS = re.compile(r"[^A-Za-z0-9]")


def error_code_key(code: str) -> str:
    """The code as customers type it and search finds it: lower case, no separators ('E-21' → 'e21').

    Two codes of a family with the same key are one code (product.duplicate-error-code); pages use it
    for the code's anchor and as the spelling a search for 'e21' finds."""
    return _CODE_SEPARATORS.sub("", code).lower()


def _check_error_code(value: str) -> str:
    if not _ERROR_CODE_RE.match(value):
        raise PydanticCustomError(
            "error_code",
            "'{value}' is not an error code as a display shows it: use letters and digits, with single spaces,"
            " hyphens, dots, colons or slashes between them (for example 'E21' or 'F-05')",
            {"value": value},
        )
    return value


ErrorCodeText = Annotated[str, Field(min_length=1, max_length=12, json_schema_extra={"pattern": ERROR_CODE_PATTERN}),
                          AfterValidator(_check_error_code)]


class ErrorCode(StrictModel):
    """A code the appliance shows on its display, what it means and what the customer may do."""

    code: ErrorCodeText = Field(description="The code as the display shows it, e.g. E21 or F-05 (1 to 12 characters).")
    meaning: Text = Field(description="What the code means, in the customer's words.")
    customer_action: Text = Field(description="What the customer may safely do (unplug, wait, clean the filter...).")
    guide: GuideRef | None = Field(default=None, description="Id of the self-repair guide to follow for this code.")
    call_us: bool = Field(default=False, description="true: the customer calls the technical service instead of"
                          " acting (gas, electricity, water pressure...).")
    safety: Text | None = Field(default=None, description="A safety note shown with the code.")

    @model_validator(mode="after")
    def _guide_or_call(self) -> ErrorCode:
        if self.call_us and self.guide is not None:
            raise ValueError("a code with 'call_us: true' names no guide: the customer calls instead of following one")
        return self

    @property
    def key(self) -> str:
        """See :func:`error_code_key`."""
        return error_code_key(self.code)


class Product(BaseItem):
    """A product family of the catalogue, with its models."""

    audience: Audience = "public"
    description: Text
    models: list[ProductModel] = Field(default_factory=list)
    spare_parts_years: int = Field(default=10, ge=0, le=50, description="Years spare parts are kept available.")
    error_codes: list[ErrorCode] = Field(default_factory=list, description="Codes the family's displays show,"
                                         " each with its meaning and what the customer may do.")
    icon: str | None = Field(default=None, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)+$",
                             description="The family's icon on the public home: an icon of the Material theme's"
                             " set, e.g. 'material/washing-machine' (default 'material/tools').")
