"""Field types shared by every content model: ids, multilingual text, dates, references.

Everything that reads content (checks, pages, printables, JSON Schema) gets its meaning from
these declarations, so a rule about a field is written once, here.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic import BaseModel as _PydanticModel
from pydantic_core import PydanticCustomError

PHASES: tuple[str, ...] = ("reception", "sat", "departments", "follow_up")
"""The four phases every procedure is audited against, in service order."""

Phase = Literal["reception", "sat", "departments", "follow_up"]
Audience = Literal["public", "staff"]
AUDIENCES: tuple[str, ...] = ("public", "staff")
"""Who may see an item; each audience gets its own portals."""
ServiceCategory = Literal["A", "B", "C", "D"]
"""A paid service, B under a maintenance contract, C free (warranty), D internal admin."""

FaultCause = Literal["manufacturing_defect", "faulty_repair", "wear", "misuse", "customer_damage", "external", "unknown"]
"""The cause of a fault as the SAT finds it; ``unknown``: the SAT could not establish it."""
FAULT_CAUSES: tuple[str, ...] = get_args(FaultCause)
Remedy = Literal["repair", "replace", "price_reduction", "refund"]
"""What the customer gets for a covered fault (the "three guarantees" plus a price reduction)."""
Payer = Literal["company", "customer", "manufacturer"]
"""Who pays one part of the bill (parts, labour, travel) of a case a warranty rule decides."""
HitPolicy = Literal["unique", "first", "priority"]
"""How warranty rules combine when several match a case (the DMN hit policies, see README)."""


def _to_yes_no_any(value: Any) -> Any:
    """``true``, ``false`` or ``any``; ``yes``/``no`` stay text under YAML 1.2, so say so plainly."""
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "on", "off", "y", "n"):
        raise PydanticCustomError(
            "yes_no_any",
            "'{value}' is not allowed; write true, false or any (yes and no are read as text, not as true/false)",
            {"value": value},
        )
    return value


YesNoAny = Annotated[
    bool | Literal["any"],
    BeforeValidator(_to_yes_no_any, json_schema_input_type=bool | Literal["any"]),
]
"""A condition on a yes/no fact: ``true`` (only when it holds), ``false`` (only when not), ``any``."""


DEFAULT_LANGUAGE = "ca"
"""Used only when a model is validated outside a project (no configured languages)."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")



def repeated_entries(values: list[str]) -> list[str]:
    """Entries listed more than once, sorted: for the 'each … only once' validators."""
    return sorted({value for value in values if values.count(value) > 1})


class StrictModel(_PydanticModel):
    """Base of every content model: no type coercion, no unknown fields, frozen, finite numbers."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens"
            " (for example 'warranty-repair')",
            {"value": value},
        )
    return value


Slug = Annotated[str, Field(max_length=80, json_schema_extra={"pattern": SLUG_PATTERN}), AfterValidator(_check_slug)]
"""A stable identifier: lowercase ASCII letters, digits and single hyphens."""


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to an item of another content type (or a department)."""

    target: str


RoleRef = Annotated[Slug, Ref("role")]
FormRef = Annotated[Slug, Ref("form")]
StandardRef = Annotated[Slug, Ref("standard")]
ProductRef = Annotated[Slug, Ref("product")]
WarrantyRef = Annotated[Slug, Ref("warranty")]
ProcedureRef = Annotated[Slug, Ref("procedure")]
TrainingRef = Annotated[Slug, Ref("training")]
GuideRef = Annotated[Slug, Ref("guide")]
DepartmentRef = Annotated[Slug, Ref("department")]


def _languages(info: ValidationInfo) -> tuple[str, ...]:
    context = info.context or {}
    return tuple(context.get("languages") or (DEFAULT_LANGUAGE,))


def _to_text(value: Any, info: ValidationInfo) -> dict[str, str]:
    """Normalise a text field to ``{language: text}``; a plain string is the default language."""
    languages = _languages(info)
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("empty_text", "the text is empty")
        return {languages[0]: value}
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("empty_text", "no text is given in any language")
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in languages and not (info.context or {}).get("any_language"):
                raise PydanticCustomError(
                    "unknown_language",
                    "'{lang}' is not one of the languages of this portal ({languages})",
                    {"lang": lang, "languages": ", ".join(languages)},
                )
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_type", "the {lang} text must be text, not {kind}",
                    {"lang": lang, "kind": _kind(text)},
                )
            if not text.strip():
                raise PydanticCustomError("empty_text", "the {lang} text is empty", {"lang": lang})
            texts[lang] = text
        return texts
    raise PydanticCustomError(
        "text_type",
        "expected text, or one text per language such as {{ca: ..., es: ..., en: ...}}; got {kind}",
        {"kind": _kind(value)},
    )


TEXT_SCHEMA_MARK = "x-aftersales-text"
"""Marks a text's JSON Schema; ``aftersales schema`` puts the project's languages in its place."""


def text_json_schema(languages: tuple[str, ...] | list[str] | None = None, min_length: int = 1) -> dict:
    """What ``check`` accepts as a text: a non-blank string, or an object of non-blank strings keyed
    by the project's languages only (any two-letter code when the languages are not known), each
    at least ``min_length`` characters long."""
    line = {"type": "string", "minLength": max(1, int(min_length)), "pattern": r"\S"}
    by_language: dict = {"type": "object", "minProperties": 1, "additionalProperties": False}
    if languages:
        by_language["properties"] = {lang: dict(line) for lang in languages}
    else:
        by_language |= {"propertyNames": {"pattern": "^[a-z]{2}$"}, "additionalProperties": dict(line)}
    return {"anyOf": [line, by_language]}


Text = Annotated[dict[str, str], BeforeValidator(_to_text, json_schema_input_type=str | dict[str, str]),
                 WithJsonSchema({**text_json_schema(), TEXT_SCHEMA_MARK: 1})]
"""Text in one or more languages; a plain string means the portal's default language.

The JSON Schema mark holds the shortest text allowed: ``aftersales schema`` writes the project's
languages and that length in its place (generator/commands/schema.py)."""


def _to_name(value: Any, info: ValidationInfo) -> dict[str, str]:
    """Like a text, but a plain string is the same in every language (a person's or a company's name)."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("empty_text", "the text is empty")
        return {lang: value for lang in _languages(info)}
    return _to_text(value, info)


Name = Annotated[dict[str, str], BeforeValidator(_to_name, json_schema_input_type=str | dict[str, str]),
                 WithJsonSchema({**text_json_schema(), TEXT_SCHEMA_MARK: 1})]
"""A name shown as written in every language (a person, a company), or one per language when it is
translated ("head of after-sales"): ``{ca: ..., es: ..., en: ...}``; a text like any other for the
pages and the missing-translation report, where a plain string is never missing a language."""


def text_at_least(characters: int) -> Any:
    """A :data:`Text` whose every language has at least ``characters`` characters (a justification
    an auditor can read, not "ok"); the JSON Schema says the same."""

    def long_enough(value: dict[str, str]) -> dict[str, str]:
        for lang, text in value.items():
            if len(text) < characters:
                raise PydanticCustomError(
                    "text_too_short",
                    "the {lang} text is too short ({length} characters): write at least {minimum}",
                    {"lang": lang, "length": len(text), "minimum": characters},
                )
        return value

    return Annotated[dict[str, str], BeforeValidator(_to_text, json_schema_input_type=str | dict[str, str]),
                     AfterValidator(long_enough),
                     WithJsonSchema({**text_json_schema(min_length=characters), TEXT_SCHEMA_MARK: characters})]


def is_text_field(annotation: Any, metadata: tuple) -> bool:
    """Whether a field's (annotation, metadata) declare a text (:data:`Text`, :data:`Name`...):
    a mapping whose JSON Schema carries the text mark."""
    if not (annotation is dict or get_origin(annotation) is dict):
        return False
    return any(isinstance(entry, WithJsonSchema) and isinstance(entry.json_schema, dict)
               and TEXT_SCHEMA_MARK in entry.json_schema for entry in metadata)


def _to_date(value: Any) -> _dt.date:
    """Read ``YYYY-MM-DD``; the YAML reader leaves dates as text so a bad one is a clear error."""
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date written as YYYY-MM-DD, got {kind}", {"kind": _kind(value)})
    match = _DATE_RE.match(value.strip())
    if not match:
        raise PydanticCustomError("date_format", "'{value}' is not a date: write it as YYYY-MM-DD", {"value": value})
    try:
        return _dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise PydanticCustomError("date_value", "'{value}' is not a real date ({reason})", {"value": value, "reason": str(exc)}) from None


IsoDate = Annotated[_dt.date, BeforeValidator(_to_date, json_schema_input_type=str),
                    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
"""A real date written ``YYYY-MM-DD`` (in JSON Schema: ``format: date`` and the pattern)."""


def _to_version(value: Any) -> str:
    """Accept ``version: 2`` and ``version: 1.10`` unquoted, keeping what was written."""
    if isinstance(value, bool):
        raise PydanticCustomError("version_type", "a version is a number such as 1.2, not true or false")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return getattr(value, "source", None) or repr(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise PydanticCustomError("version_type", "expected a version such as 1.2, got {kind}", {"kind": _kind(value)})


Version = Annotated[str, BeforeValidator(_to_version, json_schema_input_type=str | int | float)]


def _kind(value: Any) -> str:
    """How a staff member would name the type of a YAML value."""
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


describe_kind = _kind
