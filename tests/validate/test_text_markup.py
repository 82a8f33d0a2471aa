"""The text checks tell the truth: HTML in titles is an error, site_config.yml texts are checked
like content (file:line:col), reference-style links are seen, addresses must be usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit

from generator.cli import main
from generator.load.project import load_project
from generator.validate import run_checks

CONFIG = "site_config.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"


def located(root: Path, rel: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where ``needle`` starts in the file."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {rel}")


INIT_TITLE = 'title: {ca: "Servei postvenda", es: "Servicio posventa", en: "After-sales service"}'
"""The title line of site_config.yml as ``aftersales init`` writes it."""


def diagnostics(root: Path, code: str) -> list:
    return [d for d in run_checks(load_project(root)) if d.code == code]


@pytest.mark.parametrize(("old", "new", "needle", "code", "severity", "words"), [
    (INIT_TITLE, 'title: "Service <script>alert(1)</script>"', '"Service <script>',
     "text.html-in-title", "error", "title"),
    ('name: "Example Appliances Ltd."', 'name: "Example <img src=x onerror=alert(1)>"', '"Example <img',
     "text.html-in-title", "error", "company.name"),
    ('email: "service@example.com"', 'email: "x\\" onmouseover=\\"alert(1)"', '"x\\" onmouseover',
     "text.unsafe-link", "error", "company.email"),
    ('email: "service@example.com"', 'email: "service@example.com"\n  website: "javascript:alert(1)"',
     '"javascript:alert(1)"', "text.unsafe-link", "error", "company.website"),
    ('email: "service@example.com"', 'email: "service@example.com"\n  hours: {ca: "8-18 h", es: "8-18 h",'
     ' en: "<b>8 am</b> to 6 pm"}', '"<b>8 am', "text.raw-html", "warning", "company.hours.en"),
    (INIT_TITLE, INIT_TITLE + '\ndescription: "See [x](javascript:alert(1))"',
     '"See [x]', "text.unsafe-link", "error", "description"),
])
def test_site_config_texts_are_checked_like_content(new_project: Path, old, new, needle, code, severity,
                                                    words) -> None:
    edit(new_project, CONFIG, old, new)
    found = diagnostics(new_project, code)
    assert len(found) == 1, found
    diagnostic = found[0]
    assert (diagnostic.file, diagnostic.severity) == (CONFIG, severity)
    assert (diagnostic.line, diagnostic.column) == located(new_project, CONFIG, needle)
    assert diagnostic.message.startswith(words), diagnostic.message


def test_web_form_channel_must_be_a_web_address(new_project: Path) -> None:
    edit(new_project, CONFIG, 'email: "service@example.com"',
         'email: "service@example.com"\n  channels:\n    - kind: web_form\n      value: "www.example.com/form"\n'
         '    - kind: email\n      value: "service@example.com"')
    found = diagnostics(new_project, "text.unsafe-link")
    assert [(d.line, d.message.split(":")[0]) for d in found] == [
        (located(new_project, CONFIG, '"www.example.com')[0], "company.channels[0].value")], found


def test_a_reference_style_javascript_link_is_an_error_with_its_position(new_project: Path) -> None:
    """Case 3 of issue 26: '[f][ref]' with '[ref]: javascript:alert(1)' on its own line."""
    edit(new_project, GUIDE, 'en: "Water stays in the drum at the end of the programme."',
         'en: "See [f][ref].\\n\\n[ref]: javascript:alert(1)"')
    found = diagnostics(new_project, "text.unsafe-link")
    assert len(found) == 1, found
    assert found[0].file == GUIDE
    assert (found[0].line, found[0].column) == located(new_project, GUIDE, '"See [f][ref]')
    assert "javascript:" in found[0].message and found[0].item == "washing-machine-does-not-drain"


def test_check_command_refuses_a_title_with_html(new_project: Path, capsys) -> None:
    edit(new_project, GUIDE, 'en: "The washing machine does not drain"',
         "en: \"Filter <script>alert('X1')</script> drain\"")
    code = main(["check", "--project", str(new_project)])
    out = capsys.readouterr().out
    line, column = located(new_project, GUIDE, "\"Filter <script>")
    assert code == 1
    assert f"{GUIDE}:{line}:{column}: error text.html-in-title: title (en): a title cannot hold HTML tags" in out


def test_plain_texts_with_angle_brackets_are_not_reported(new_project: Path) -> None:
    edit(new_project, CONFIG, 'name: "Example Appliances Ltd."', 'name: "Example & Sons < Ltd >"')
    assert not [d for d in run_checks(load_project(new_project)) if d.code.startswith("text.")]
