"""Turn pydantic's validation errors into diagnostics a staff member understands.

Pydantic reports ``loc`` tuples and its own wording; here each error gets a stable code, a plain
message ("expected a whole number, got text"), a "did you mean …?" hint for misspelt fields, and
the line and column where the value (or the misspelt key) was written.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic
from generator.model.fields import describe_kind

if TYPE_CHECKING:
    from generator.load.yaml_reader import YamlDocument

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}

_CODE_BY_TYPE = {
    "extra_forbidden": "schema.unknown-field",
    "missing": "schema.missing-field",
    "slug": "schema.invalid-id",
    "date_format": "schema.invalid-date",
    "date_value": "schema.invalid-date",
    "date_type": "schema.invalid-date",
    "unknown_language": "schema.unknown-language",
    "text_type": "schema.wrong-type",
    "empty_text": "schema.invalid-value",
    "text_too_short": "schema.invalid-value",
    "version_type": "schema.wrong-type",
    **{error_type: "schema.wrong-type" for error_type in _EXPECTED},
}


def format_loc(loc: tuple) -> str:
    """``('steps', 'sat', 0, 'role')`` → ``steps.sat[0].role``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def schema_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    source: YamlDocument,
    file: str,
    item_id: str | None,
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, positioned in the YAML source."""
    diagnostics = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        error_type = error["type"]
        code = _CODE_BY_TYPE.get(error_type, "schema.invalid-value")
        message = _message(error, error_type, loc, model)
        line, column = source.position_of(loc, key=error_type in ("extra_forbidden",))
        diagnostics.append(Diagnostic.at(file, (line, column), rule(code), message, item=item_id))
    return diagnostics


def _message(error: dict, error_type: str, loc: tuple, model: type[BaseModel]) -> str:
    where = format_loc(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if error_type == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        allowed = _fields_at(model, loc[:-1])
        renamed = getattr(_model_at(model, loc[:-1]), "RENAMED_FIELDS", {})
        hint = ""
        if name in renamed:
            hint = f"; it was renamed: write '{renamed[name]}' (see README)"
        elif allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean '{close[0]}'?"
            else:
                hint = "; the fields allowed here are: " + ", ".join(allowed)
        parent = format_loc(loc[:-1])
        place = "" if not loc[:-1] else f" in {parent}"
        return f"unknown field '{name}'{place}{hint}"
    if error_type == "missing":
        parent = loc[:-1]
        place = f" in {format_loc(parent)}" if parent else ""
        return f"the required field '{loc[-1]}' is missing{place}"
    if error_type in _EXPECTED:
        return f"{where}: expected {_EXPECTED[error_type]}, got {describe_kind(value)}"
    if error_type == "literal_error":
        shown = value if isinstance(value, (str, int, float)) else describe_kind(value)
        return f"{where}: '{shown}' is not allowed; use one of {ctx.get('expected', '')}"
    if error_type == "too_short":
        return f"{where}: needs at least {ctx.get('min_length')} entr{'y' if ctx.get('min_length') == 1 else 'ies'}"
    if error_type == "too_long":
        return f"{where}: has too many entries (at most {ctx.get('max_length')})"
    if error_type == "string_too_long":
        return f"{where}: is too long (at most {ctx.get('max_length')} characters)"
    if error_type == "string_too_short":
        return f"{where}: must not be empty"
    if error_type == "string_pattern_mismatch":
        return f"{where}: '{value}' does not have the expected form ({ctx.get('pattern')})"
    if error_type in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[error_type]
        limit = next(iter(ctx.values()), "?")
        return f"{where}: must be {bound} {limit}, got {value}"
    text = error.get("msg", "invalid value")
    text = text.removeprefix("Value error, ")
    return f"{where}: {text}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model`` (for "did you mean")."""
    found = _model_at(model, loc)
    return list(found.model_fields) if found is not None else []


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class found at ``loc`` inside ``model``, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _model_in(annotation: Any) -> Any:
    """The model class inside ``list[X] | None``-like annotations, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (list, Annotated, typing.Union, types.UnionType):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
