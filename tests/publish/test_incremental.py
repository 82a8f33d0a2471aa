"""Incremental builds (slow): starting from the build cache gives the very files of a whole build.

Each case edits the knowledge base, builds with the cache (the command line's default) and builds
the same content again with ``--full`` into another folder, then compares the two outputs file by
file, byte by byte. The only bytes allowed to differ are build dates: ``sitemap.xml``'s
``<lastmod>`` (MkDocs writes the build day) and the gzip header of ``sitemap.xml.gz`` (its mtime is
that day); both are the same within one day, and are compared without them so a run across
midnight does not fail.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, edit_file

from generator.cli import main
from generator.publish.build_cache import CACHE_FOLDER

pytestmark = pytest.mark.slow

GUIDE = "content/guides/washing-machine-does-not-drain.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"


def build(project: Path, out: Path, *extra: str) -> int:
    return main(["build", "--project", str(project), "--out", str(out), "--no-pdf", *extra])


def _normalised(path: Path) -> bytes:
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(path.read_bytes())
    else:
        data = path.read_bytes()
    if path.name.startswith("sitemap.xml"):
        data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)
    return data


def differences(one: Path, other: Path) -> list[str]:
    """Files only in one output, or whose bytes differ (build dates aside): empty when identical."""
    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    mine, theirs = files(one), files(other)
    found = [f"only in the incremental build: {name}" for name in sorted(mine - theirs)]
    found += [f"missing from the incremental build: {name}" for name in sorted(theirs - mine)]
    found += [f"differs: {name}" for name in sorted(mine & theirs) if _normalised(one / name) != _normalised(other / name)]
    return found


def same_as_cold(project: Path, out: Path, tmp: Path, *extra: str) -> list[str]:
    """Build incrementally into ``out`` and whole into a fresh folder; the differences."""
    assert build(project, out, *extra) == 0
    cold = tmp / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    assert build(project, cold, "--full", *extra) == 0
    return differences(out, cold)


def _pages(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def test_every_kind_of_edit_gives_the_files_of_a_whole_build(new_project: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    lang = ("--lang", "ca")
    assert build(new_project, out, *lang) == 0
    assert (new_project / CACHE_FOLDER / "staff/ca/manifest.json").is_file()
    before = _pages(out / "staff/ca")

    # A guide's body text: only the pages showing it are rendered again.
    edit_file(new_project / GUIDE, "Netegeu el filtre de desguàs en un quart d'hora.",
              "Netegeu el filtre de desguàs en quinze minuts.")
    assert same_as_cold(new_project, out, tmp_path, *lang) == []
    after = _pages(out / "staff/ca")
    kept = [name for name in before if after.get(name) == before[name]]
    assert "roles/head-of-after-sales.html" in kept and "guides/washing-machine-does-not-drain.html" not in kept
    # The guide's summary: the guides' index shows it too.
    assert re.search(r"built staff/ca: \d+ pages, Markdown of every page \(washing-machine-does-not-drain changed"
                     r" what other pages show of it\), 2 pages rendered again", capsys.readouterr().out)

    # Each kind of item's own text (not its title): its pages, and whatever other pages show of it.
    for folder in ("procedures", "products", "roles", "forms", "training", "warranty", "standards", "guides"):
        edited = _edit_last_text(next((new_project / "content" / folder).glob("*.yml")))
        assert main(["check", "--project", str(new_project)]) == 0, edited
        capsys.readouterr()
        assert build(new_project, out, *lang) == 0
        said = capsys.readouterr().out
        assert same_as_cold(new_project, out, tmp_path, *lang) == [], edited
        if folder == "guides":  # a step's text shows on the guide's own pages only
            assert re.search(r"built staff/ca: \d+ pages, Markdown of 1 item\(s\), 1 pages rendered again", said)

    cases = [
        ("an item's title (navigation)", lambda: edit_file(
            new_project / GUIDE, 'title: {ca: "', 'title: {ca: "Aigua: ')),
        ("a standard cited by procedures", lambda: edit_file(
            new_project / STANDARD, "Responem cada consulta en 4 hores", "Responem totes les consultes en 4 hores")),
        ("a new item", lambda: (new_project / "content/roles/tele-operator-2.yml").write_text(
            (new_project / "content/roles/head-of-after-sales.yml").read_text(encoding="utf-8")
            .replace("id: head-of-after-sales", "id: tele-operator-2")
            .replace("Cap del servei postvenda", "Teleoperador 2"), encoding="utf-8")),
        ("a deleted item", lambda: (new_project / "content/roles/tele-operator-2.yml").unlink()),
        ("site_config.yml", lambda: edit_file(
            new_project / "site_config.yml", 'name: "Example Appliances Ltd."', 'name: "Example Appliances Inc."')),
        ("a page template override", lambda: _override(new_project, "pages/guide.md.j2", "\n\nOverridden guide.\n")),
        ("a theme override", lambda: _override(new_project, "overrides/main.html", "\n{# overridden #}\n")),
        ("nothing", lambda: None),
    ]
    for what, change in cases:
        change()
        assert main(["check", "--project", str(new_project)]) == 0, what
        assert same_as_cold(new_project, out, tmp_path, *lang) == [], what
    assert "cache ignored" not in capsys.readouterr().out


def _edit_last_text(path: Path) -> str:
    """The file's last Catalan text (not in a comment) gets a word in front: a body text, not a title."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = max(index for index, line in enumerate(lines) if 'ca: "' in line and not line.lstrip().startswith("#"))
    lines[number] = lines[number].replace('ca: "', 'ca: "Revisat. ', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"{path.name}: {lines[number].strip()[:60]}"


def _override(project: Path, name: str, extra: str) -> None:
    target = project / "custom" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((REPO / "templates" / name).read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_a_language_added(new_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(new_project, out) == 0
    edit_file(new_project / "site_config.yml", "languages: [ca, es, en]", "languages: [ca, es, en, fr]")
    assert same_as_cold(new_project, out, tmp_path) == []
    assert (out / "public/fr/index.html").is_file()


def test_the_example_body_edit(tmp_path: Path) -> None:
    """The shipped example (a copy): one guide's text changed, one language."""
    project = tmp_path / "example"
    project.mkdir()
    # As committed: other work in progress in the working tree may not check clean.
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True, check=False)
    if archive.returncode == 0:
        subprocess.run(["tar", "-x", "-C", str(project)], input=archive.stdout, check=True)
    else:
        shutil.copytree(REPO, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".aftersales", "tests", "bench", "*.egg-info", "node_modules", "build"))
    out = tmp_path / "site"
    assert build(project, out, "--lang", "es") == 0
    guide = next((project / "content/guides").glob("*.yml"))
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("summary: {ca: \"", "summary: {ca: \"Nou. ", 1).replace(
        "es: \"", "es: \"Nuevo. ", 1), encoding="utf-8")
    assert main(["check", "--project", str(project)]) == 0
    assert same_as_cold(project, out, tmp_path, "--lang", "es") == []


def _cached_page(project: Path) -> Path:
    return project / CACHE_FOLDER / "staff/ca/site/roles/head-of-after-sales.html"


@pytest.mark.parametrize("spoil", ["truncated", "edited", "foreign", "garbage"])
def test_a_bad_cache_is_ignored_with_one_line(new_project: Path, tmp_path: Path, capsys, spoil: str) -> None:
    out = tmp_path / "site"
    lang = ("--lang", "ca")
    assert build(new_project, out, *lang) == 0
    page = _cached_page(new_project)
    manifest = new_project / CACHE_FOLDER / "staff/ca/manifest.json"
    if spoil == "truncated":
        page.write_bytes(page.read_bytes()[:100])
    elif spoil == "edited":  # same size, other bytes
        data = page.read_bytes()
        page.write_bytes(data.replace(b"<html", b"<HTML", 1))
    elif spoil == "foreign":
        record = json.loads(manifest.read_text(encoding="utf-8"))
        record["tool"] = "aftersales 0.0.1"
        manifest.write_text(json.dumps(record), encoding="utf-8")
    else:
        manifest.write_bytes(manifest.read_bytes()[:50])
    capsys.readouterr()
    assert same_as_cold(new_project, out, tmp_path, *lang) == []
    lines = [line for line in capsys.readouterr().out.splitlines() if "cache ignored" in line]
    assert len(lines) == 1 and lines[0].startswith("cache ignored: "), lines


def test_the_next_build_never_writes_into_a_published_file(new_project: Path, tmp_path: Path) -> None:
    """The cache shares its files with the published site (hard links): an incremental build
    must replace the files it changes, never write into them."""
    first = tmp_path / "first"
    assert build(new_project, first, "--lang", "ca") == 0
    snapshot = {path: path.read_bytes() for path in first.rglob("*") if path.is_file()}
    edit_file(new_project / GUIDE, "Netegeu el filtre de desguàs en un quart d'hora.",
              "Netegeu el filtre de desguàs en quinze minuts.")
    assert same_as_cold(new_project, tmp_path / "second", tmp_path, "--lang", "ca") == []
    assert [path for path, data in snapshot.items() if path.read_bytes() != data] == []
    assert "quinze minuts" in (tmp_path / "second/staff/ca/guides/washing-machine-does-not-drain.html").read_text(
        encoding="utf-8")
