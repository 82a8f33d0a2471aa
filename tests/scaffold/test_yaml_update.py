"""Writing imported values into YAML files: only what differs is rewritten."""

from __future__ import annotations

import datetime as dt

from generator.scaffold.yaml_update import updated_text

TEXT = """\
# A comment that stays.
id: tele-operator
title: {ca: "Teleoperador/a", en: "Telephone operator"}  # flow style and quotes stay
document:
  version: "1.0"
  approved: 2026-10-01
skills:
  - Listening
  - Typing
"""


def test_equal_data_gives_the_same_bytes() -> None:
    # The safe reader leaves dates as text; ruamel reads a date: equal all the same.
    data = {"id": "tele-operator", "title": {"ca": "Teleoperador/a", "en": "Telephone operator"},
            "document": {"version": "1.0", "approved": "2026-10-01"}, "skills": ["Listening", "Typing"]}
    assert updated_text(TEXT, data) == TEXT


def test_only_changed_values_are_rewritten() -> None:
    data = {"id": "tele-operator", "title": {"ca": "Teleoperador/a", "en": "Phone operator"},
            "document": {"version": "1.1", "approved": dt.date(2027, 1, 5)}, "skills": ["Listening"]}
    # The end-of-line comment keeps its column, as an editor's alignment would.
    assert updated_text(TEXT, data) == TEXT.replace(
        '"Telephone operator"}  #', '"Phone operator"}      #').replace(
        'version: "1.0"', 'version: "1.1"').replace("2026-10-01", "2027-01-05").replace("  - Typing\n", "")
