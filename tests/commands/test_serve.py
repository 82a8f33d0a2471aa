"""``aftersales serve``: regenerates only what changed, and the live server follows edits."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import edit

from generator.cli import main
from generator.commands.serve import _regenerate


def _mtimes(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_regenerate_rewrites_only_pages_whose_text_changed(new_project: Path, tmp_path: Path) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "ca", src)
    before = _mtimes(src / "docs")
    time.sleep(0.01)
    form = new_project / "content/forms/repair-call-log.yml"
    form.write_text(form.read_text(encoding="utf-8").replace(
        "Registrar cada avís de reparació", "Anotar cada avís de reparació"), encoding="utf-8")
    assert _regenerate(new_project, "staff", "ca", src)
    after = _mtimes(src / "docs")
    changed = {page for page in before if before[page] != after[page]}
    assert changed == {"forms/repair-call-log.md"}
    assert "Anotar cada avís" in (src / "docs/forms/repair-call-log.md").read_text(encoding="utf-8")


PROC = "content/procedures/warranty-repair.yml"


def _rendered(monkeypatch) -> list[str]:
    """Record which pages the renderer produces (not only which files change)."""
    from generator.render import page_list

    seen: list[str] = []
    original = page_list.render_page

    def spy(portal, spec):
        page = original(portal, spec)
        seen.append(page.path)
        return page
    monkeypatch.setattr(page_list, "render_page", spy)
    return seen


def test_an_edit_other_pages_do_not_show_renders_only_the_items_own_page(
        new_project: Path, tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    seen = _rendered(monkeypatch)
    edit(new_project, "content/guides/washing-machine-does-not-drain.yml", "Open the small door at the bottom front.",
         "Open the small flap at the bottom front.")
    assert _regenerate(new_project, "staff", "en", src)
    assert seen == ["guides/washing-machine-does-not-drain.md"]
    assert "Open the small flap" in (src / "docs" / seen[0]).read_text(encoding="utf-8")


def test_a_procedure_edit_reaches_the_procedures_manual(new_project: Path, tmp_path: Path, monkeypatch) -> None:
    """The manual prints every procedure whole (purpose, trigger, steps): any edit of one shows there."""
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    seen = _rendered(monkeypatch)
    edit(new_project, PROC, "Repair a faulty product under warranty quickly", "Repair a faulty product fast")
    assert _regenerate(new_project, "staff", "en", src)
    assert "procedures/warranty-repair.md" in seen and "manual.md" in seen
    assert "Repair a faulty product fast" in (src / "docs/print/manual.html").read_text(encoding="utf-8")


def test_a_title_edit_reaches_every_page_that_shows_the_title(new_project: Path, tmp_path: Path) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    edit(new_project, PROC, 'en: "Warranty repair"', 'en: "Repair under guarantee"')
    assert _regenerate(new_project, "staff", "en", src)
    docs = src / "docs"
    for page in ("procedures/warranty-repair.md", "procedures/index.md", "index.md", "coverage.md",
                 "documents.md", "roles/head-of-after-sales.md", "forms/repair-call-log.md"):
        assert "Repair under guarantee" in (docs / page).read_text(encoding="utf-8"), page


def test_a_warranty_rule_edit_reaches_am_i_covered(new_project: Path, tmp_path: Path) -> None:
    """The "Am I covered?" page embeds every rule whole: any change to a rule must reach it."""
    src = tmp_path / "serve"
    assert _regenerate(new_project, "public", "en", src)
    page = src / "docs/covered.md"
    assert '"to_month":36' in page.read_text(encoding="utf-8")
    edit(new_project, "content/warranty/legal-guarantee.yml", "to_month: 36", "to_month: 48")
    assert _regenerate(new_project, "public", "en", src)
    assert '"to_month":48' in page.read_text(encoding="utf-8")


def test_own_templates_turn_the_shortcut_off(new_project: Path, tmp_path: Path) -> None:
    """A project's index template may show anything: with it, listings are always redone."""
    (new_project / "custom/pages").mkdir(parents=True)
    (new_project / "custom/pages/index.md.j2").write_text(
        "# {{ section_title }}\n\n{% for item in items %}- {{ link(item.id) }}"
        "{% if item.type == 'procedure' %}: {{ text(item.model.purpose) }}{% endif %}\n{% endfor %}\n", encoding="utf-8")
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    edit(new_project, PROC, "Repair a faulty product under warranty quickly", "Repair a faulty product fast")
    assert _regenerate(new_project, "staff", "en", src)
    assert "Repair a faulty product fast" in (src / "docs/procedures/index.md").read_text(encoding="utf-8")


def test_regenerate_keeps_the_last_good_pages_on_errors(new_project: Path, tmp_path: Path, capsys) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "ca", src)
    before = _mtimes(src / "docs")
    role = new_project / "content/roles/head-of-after-sales.yml"
    role.write_text(role.read_text(encoding="utf-8") + "reports_to: nobody\n", encoding="utf-8")
    assert not _regenerate(new_project, "staff", "ca", src)
    assert "ref.unknown-role" in capsys.readouterr().err
    assert _mtimes(src / "docs") == before


def test_regenerate_removes_pages_of_deleted_items(new_project: Path, tmp_path: Path) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "public", "ca", src)
    assert (src / "docs/guides/washing-machine-does-not-drain.md").exists()
    (new_project / "content/guides/washing-machine-does-not-drain.yml").unlink()
    assert _regenerate(new_project, "public", "ca", src)
    assert not (src / "docs/guides/washing-machine-does-not-drain.md").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_live_server_serves_on_localhost_and_follows_edits(new_project: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--project", str(new_project),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/forms/repair-call-log.html"
    try:
        deadline = time.monotonic() + 30
        page = ""
        while time.monotonic() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.3)
        assert "Llibre de registre d" in page
        # The preview has its search index (MkDocs' server runs our hook after each build).
        entry = json.loads(_get(f"http://127.0.0.1:{port}/searchindex/index.json"))
        assert entry["pages"] > 5
        form = new_project / "content/forms/repair-call-log.yml"
        form.write_text(form.read_text(encoding="utf-8").replace(
            "Registrar cada avís de reparació", "Anotar sense falta cada avís"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "Anotar sense falta" not in page:
            time.sleep(0.5)
            page = _get(url)
        assert "Anotar sense falta" in page
        # Paths that climb out of the site are refused.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /../../../../etc/passwd HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        assert b"root:" not in reply and not reply.startswith(b"HTTP/1.0 200")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_renamed_role_updates_the_pages_that_name_it_and_nothing_else(new_project: Path, tmp_path: Path) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    before = _mtimes(src / "docs")
    time.sleep(0.01)
    role = new_project / "content/roles/head-of-after-sales.yml"
    role.write_text(role.read_text(encoding="utf-8").replace('en: "Head of after-sales"', 'en: "Service director"'),
                    encoding="utf-8")
    assert _regenerate(new_project, "staff", "en", src)
    after = _mtimes(src / "docs")
    changed = {page for page in before if before[page] != after[page]}
    assert "roles/head-of-after-sales.md" in changed and "procedures/warranty-repair.md" in changed
    assert "Service director" in (src / "docs/procedures/warranty-repair.md").read_text(encoding="utf-8")
    # Every changed page shows the role's name: its own page, the pages naming it, lists.
    for page in changed:
        assert "Service director" in (src / "docs" / page).read_text(encoding="utf-8"), page


def test_a_new_item_gets_its_page_and_appears_in_its_index(new_project: Path, tmp_path: Path) -> None:
    src = tmp_path / "serve"
    assert _regenerate(new_project, "staff", "en", src)
    assert main(["new", "role", "warehouse-clerk", "--project", str(new_project)]) == 0
    assert _regenerate(new_project, "staff", "en", src)
    assert (src / "docs/roles/warehouse-clerk.md").is_file()
    assert "warehouse-clerk.md" in (src / "docs/roles/index.md").read_text(encoding="utf-8")
