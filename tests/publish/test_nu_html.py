"""The Nu HTML checker (a current vnu.jar, from the ``vnu-jar`` npm package that ``.ci/run``
installs) finds no error of ours on one page of every kind, in both audiences.

What is left out is not ours: Material's hidden toggles (``<input type="checkbox"
autocomplete="off">`` in the theme's base template) and the paged-media CSS of the print views
(``string-set``, ``string()``), which the checker's CSS level does not know."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.slow

NOT_OURS = (
    "Attribute “autocomplete” is only allowed when the input type is",  # Material's md-toggle checkboxes
    "CSS: “string-set”",  # paged media (WeasyPrint), print views
    "“string(",
)


def _vnu() -> list[str]:
    jar = os.environ.get("AFTERSALES_VNU_JAR", "")
    java = shutil.which("java")
    if not (jar and Path(jar).is_file() and java):
        message = "the Nu HTML checker is missing (.ci/run installs it: java and AFTERSALES_VNU_JAR)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", jar]


def one_page_of_every_kind(site: Path) -> list[Path]:
    """Every page at the portal's root and in print/ (each is a kind of its own: home, lists,
    coverage, charter, manual…) and the first page of every folder below it (an item page of each type, a print view of each
    kind, the compliance pages)."""
    pages = sorted(site.glob("*.html")) + sorted(site.glob("print/*.html"))  # print/: the charter, the manual
    for folder in sorted({page.parent for page in site.rglob("*.html")} - {site, site / "print"}):
        if "search" not in folder.relative_to(site).parts:
            pages.append(min(folder.glob("*.html")))
    return pages


def test_no_nu_html_errors_of_ours_on_any_kind_of_page(tmp_path: Path) -> None:
    command = _vnu()
    root = tmp_path / "kb"
    assert main(["init", str(root)]) == 0
    assert main(["build", "--project", str(root), "--lang", "en", "--no-pdf"]) == 0
    pages = [page for audience in ("public", "staff") for page in one_page_of_every_kind(root / "site" / audience / "en")]
    assert len(pages) > 20
    proc = subprocess.run([*command, "--errors-only", "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(proc.stderr or proc.stdout)
    ours = [f"{message.get('url', '').rsplit('/site/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
            for message in report["messages"]
            if message.get("type") == "error" and not any(part in message["message"] for part in NOT_OURS)]
    assert not ours, "\n".join(ours[:20])
