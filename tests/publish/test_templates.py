"""Templates: shipped inside the package, overridable per project, and never an internal error.

A broken, unreadable or missing template or asset in the project's ``custom/`` folder (or in
the package) is one line naming the file, exit 2, before any portal is built (issue 19).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PortalView

from generator.cli import main
from generator.load.project import load_project
from generator.render.templates import (
    PACKAGE_TEMPLATES,
    check_templates,
    override_files,
    template_overrides,
    template_search_path,
)

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_templates_are_found_and_the_project_comes_first(new_project: Path) -> None:
    assert (PACKAGE_TEMPLATES / "pages" / "guide.md.j2").is_file()
    assert template_search_path(new_project) == [str(new_project / "custom"), str(PACKAGE_TEMPLATES)]
    check_templates(new_project)  # nothing to complain about


@pytest.mark.parametrize(("name", "content", "words"), [
    ("pages/guide.md.j2", "{% if m %}\n# unfinished\n", "template syntax error"),
    ("print/guide.html.j2", "{{ m.title }", "template syntax error"),
    ("pages/guide.md.j2", b"\xff\xfe# Guide", "not UTF-8"),
    ("assets/aftersales.css", b"body { color: \xe9 }", "not UTF-8"),
    ("overrides/partials/header.html", b"<header>\x92</header>", "not UTF-8"),
])
def test_a_broken_override_is_one_line_naming_it(new_project: Path, tmp_path: Path, capsys, name, content,
                                                 words) -> None:
    path = new_project / "custom" / name
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "site"
    code = main(["build", "--project", str(new_project), "--lang", "en", "--no-pdf", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and words in lines[0], err
    assert "internal error" not in err and not out.exists()


def test_an_unreadable_override_is_one_line_naming_it(new_project: Path, tmp_path: Path, capsys) -> None:
    path = new_project / "custom" / "pages" / "guide.md.j2"
    path.parent.mkdir(parents=True)
    path.symlink_to(tmp_path / "nowhere.j2")  # a dangling link: exists as a name, cannot be read
    code = main(["build", "--project", str(new_project), "--lang", "en", "--no-pdf", "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 2 and "guide.md.j2" in err and "cannot be read" in err, err


def test_serve_refuses_a_broken_override_the_same_way(new_project: Path, capsys) -> None:
    path = new_project / "custom" / "pages" / "index.md.j2"
    path.parent.mkdir(parents=True)
    path.write_text("{% for x in %}", encoding="utf-8")
    code = main(["serve", "--project", str(new_project), "--port", "0"])
    err = capsys.readouterr().err
    assert code == 2 and "index.md.j2" in err and "template syntax error" in err, err


@pytest.mark.slow
def test_the_wheel_carries_every_template(tmp_path: Path) -> None:
    """The packaging mapping: every file of templates/ is in the wheel as generator/templates/."""
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("aftersales-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"generator/templates/{path.relative_to(REPO / 'templates').as_posix()}"
               for path in (REPO / "templates").rglob("*") if path.is_file()}
    assert shipped and shipped <= names, sorted(shipped - names)
    assert {name for name in names if name.startswith("generator/scaffold/")}
    assert not {name for name in names if name.startswith(("templates/", "content/", "tests/"))}


def test_the_shipped_templates_beside_the_example_are_not_its_overrides() -> None:
    """The example knowledge base lives at the top of the repository, beside the shipped
    templates/: they are the tool's, not the example's overrides (serve keeps its shortcut)."""
    assert (REPO / "templates" / "pages" / "guide.md.j2").is_file()
    assert template_overrides(REPO) == ()
    assert override_files(REPO) == override_files(REPO / "content")  # the shipped ones only


def test_a_projects_own_folder_overrides_a_single_page(new_project: Path) -> None:
    (new_project / "templates" / "pages").mkdir(parents=True)  # not the overrides folder: ignored
    (new_project / "templates" / "pages" / "guide.md.j2").write_text("# Not used\n", encoding="utf-8")
    (new_project / "custom" / "pages").mkdir(parents=True)
    (new_project / "custom" / "pages" / "guide.md.j2").write_text("# {{ plain(model.title) }}\n\nOur own layout.\n",
                                                                  encoding="utf-8")
    pages = {page.path: page.markdown for page in PortalView(load_project(new_project).kb, "public", "en").render_all()}
    assert pages["guides/washing-machine-does-not-drain.md"] == "# The washing machine does not drain\n\nOur own layout.\n"
    assert "Our own layout" not in pages["warranty/legal-guarantee.md"]

