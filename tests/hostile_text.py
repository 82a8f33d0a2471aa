"""A hostile copy of the example knowledge base: a payload in every text an author can write.

Used by ``tests/browser/test_hostile_text.py``. Every localized text of every content item and
every string of ``site_config.yml`` that the model accepts free text in gets a numbered payload:

    «N» <script>…</script> <img onerror> "><svg onload> {{ 7*7 }} {% … %} </script><!-- … «/N»

(``VERBATIM``: must be shown exactly as written wherever the field is shown), followed, outside
titles, by Markdown links and pictures to ``javascript:``/``data:``/remote addresses and a
reference-style ``javascript:`` definition (``LINK_TRAPS``: must never become a link, a picture
or a request). One guide's title is 10 kB long. ``MARKERS`` maps each payload number to the
file and field it was put in.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.model import TYPES_BY_FOLDER, SiteConfig
from generator.model.walk import string_leaves

VERBATIM = (' <script>alert("T{n}")</script> <img src=x onerror=alert("I{n}")> "><svg onload=alert("S{n}")>'
            " {{{{ 7*7 }}}} {{% if 1 %}}J{{% endif %}} </script><!-- & &amp; [b] \u202e\u200b«/{n}»")
"""The part shown exactly as typed (``{n}``: the payload number)."""

LINK_TRAPS = (" [l](javascript:alert('L{n}')) ![i](data:text/html,<b>x</b>) ![r](https://evil.example/{n}.png)"
              " [f][ref{n}]\n\n[ref{n}]: javascript:alert('R{n}')\n")
"""Markdown that must never become a link, a picture or a request (not in titles: one line)."""

LONG_TITLE_FILE = "content/guides/washing-machine-does-not-drain.yml"
LONG_TITLE = "Long " * 2000
"""10 kB of title, before the payload."""

NOT_TEXT = frozenset({"id", "image", "logo", "data", "currency", "kind", "audience"})
"""Keys whose strings are addresses, paths or codes, not texts: left as they are."""


def marker(n: int) -> str:
    return f"«{n}»"


def verbatim(n: int) -> str:
    return marker(n) + VERBATIM.format(n=n)


@dataclass(frozen=True)
class Marked:
    number: int
    file: str
    loc: tuple
    title: bool
    """An item's title (or the portal's): shown in the navigation, the tab and the heading."""


def make_hostile_copy(example: Path, root: Path, switch_checks_off: bool = True) -> list[Marked]:
    """Copy the example knowledge base to ``root`` with a payload in every text; returns the markers.

    With ``switch_checks_off``, ``site_config.yml`` switches the text checks off (``rules:``), so
    that ``build`` proceeds and the escaping alone (the second lock) keeps the portal inert."""
    shutil.copytree(example / "content", root / "content")
    for extra in ("data", "assets"):
        if (example / extra).is_dir():
            shutil.copytree(example / extra, root / extra)
    marks: list[Marked] = []
    config = yaml.safe_load((example / "site_config.yml").read_text(encoding="utf-8"))
    languages = config.get("languages", ["ca", "es", "en"])
    context = {"languages": languages}
    _poison(config, "site_config.yml", marks, lambda data: SiteConfig.model_validate(data, context=context))
    if switch_checks_off:
        config["rules"] = {**config.get("rules", {}), "text.html-in-title": "off", "text.unsafe-link": "off",
                           "text.raw-html": "off", "text.inline-image": "off", "text.reference-link": "off"}
    _dump(root / "site_config.yml", config)
    for path in sorted((root / "content").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        model = TYPES_BY_FOLDER[path.parent.name].model
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if rel == LONG_TITLE_FILE:
            data["title"] = {lang: LONG_TITLE + text for lang, text in data["title"].items()}
        _poison(data, rel, marks, lambda data, model=model: model.model_validate(data, context=context))
        _dump(path, data)
    return marks


def _poison(data: dict, file: str, marks: list[Marked], validate) -> None:
    """Append a payload to every string leaf the model still accepts with it."""
    for loc, text in list(string_leaves(data)):
        if any(part in NOT_TEXT for part in loc if isinstance(part, str)):
            continue
        number = len(marks) + 1
        title = loc[:1] == ("title",) or loc == ("company", "name")
        payload = verbatim(number) + ("" if title else LINK_TRAPS.format(n=number))
        _set(data, loc, text + payload)
        try:
            validate(data)
        except ValidationError:
            _set(data, loc, text)  # an id, a date, a number written as text: not a free text
            continue
        marks.append(Marked(number, file, loc, title))


def _set(data, loc: tuple, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
