"""Write new values into an item's YAML file as a person would: only the values that changed.

``aftersales import`` computes an item's new data (plain values, read with the project's safe
reader); here that data is merged into the file with ruamel.yaml's round-trip mode, which keeps
comments, key order, flow or block style and quoting. A value equal to what the file holds is
not touched, so an unchanged item's file comes out byte for byte the same. Only writing uses
ruamel.yaml: every file is read and validated by ``generator.load.yaml_reader``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

from generator.scaffold import render_skeleton


def _yaml():
    from ruamel.yaml import YAML  # only import pays for it

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long text
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout `aftersales new` and the example use
    return yaml


def updated_text(text: str, data: Mapping[str, Any]) -> str:
    """``text`` (a YAML mapping) with ``data`` merged in: changed values replaced, keys ``data``
    lacks removed, new keys added at the end; everything else as it was written."""
    yaml = _yaml()
    document = yaml.load(text)
    _merge(document, data)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def new_item_text(type_name: str, item_id: str, languages: list[str], refs: dict[str, str], schema_path: str,
                  data: Mapping[str, Any], today: dt.date | None = None) -> str:
    """A new item's file: the skeleton ``aftersales new`` writes (header, comments), with ``data``."""
    return updated_text(render_skeleton(type_name, item_id, languages, refs, schema_path, today), data)


def _merge(node: Any, new: Any) -> None:
    """Make the round-trip container ``node`` hold ``new``, touching only what differs."""
    if isinstance(node, dict):
        for key in [key for key in node if key not in new]:
            del node[key]
        for key, value in new.items():
            if key not in node:
                node[key] = value
            elif not _same(node[key], value):
                old = node[key]
                if (isinstance(old, dict) and isinstance(value, dict)) or (
                        isinstance(old, list) and isinstance(value, list)):
                    _merge(old, value)
                else:
                    node[key] = _styled(value, old)
        return
    for index, value in enumerate(new):
        if index >= len(node):
            node.append(value)
        elif not _same(node[index], value):
            old = node[index]
            if (isinstance(old, dict) and isinstance(value, dict)) or (isinstance(old, list) and isinstance(value, list)):
                _merge(old, value)
            else:
                node[index] = _styled(value, old)
    del node[len(new):]


def _same(old: Any, new: Any) -> bool:
    """Equal as YAML data: a date the safe reader left as text equals the date ruamel read."""
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[key], new[key]) for key in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dt.date) and isinstance(new, str):
        return old.isoformat() == new
    if isinstance(new, dt.date) and isinstance(old, str):
        return new.isoformat() == old
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, str) != isinstance(new, str):
        return False
    return old == new


def _styled(value: Any, old: Any) -> Any:
    """A new text written in the quoting of the one it replaces ("..." stays "...")."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(value, str) and isinstance(old, ScalarString) and "\n" not in value:
        return type(old)(value)
    return value
