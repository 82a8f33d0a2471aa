"""'What's new' (staff): every document change, newest first and by month, and its Atom feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import PortalView, edit, nav_paths

from generator.cli import main
from generator.i18n.formats import month_year
from generator.load.project import load_project
from generator.publish.mkdocs_config import mkdocs_config
from generator.render.whats_new import FEED, WHATS_NEW_PAGE, atom_feed

PROC = "content/procedures/warranty-repair.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "<script>alert(1)</script> ]]> & \"quoted\" 'single'"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\Z")

PROC_DOCUMENT = """\
  version: "2.0"
  approved: 2026-03-10
  next_review: 2027-03-10
  approved_by: Anna Soler
  history:
    - version: "1.1"
      date: 2026-02-20
      summary: {ca: "S'afegeix la verificació.", es: "Se añade la verificación.", en: "Added the manager's check."}
    - version: "1.0"
      date: 2026-02-01
      summary: {ca: "Primera versió.", es: "Primera versión.", en: "First version."}
"""


def with_history(root: Path, hostile: bool = False) -> Path:
    """The init project's procedure at 2.0 with two earlier versions; its guide with one earlier
    version (a hostile summary when asked)."""
    text = (root / PROC).read_text(encoding="utf-8")
    text = re.sub(r'(?m)^  version: "1.0"\n  approved: \S+\n  next_review: \S+\n', lambda _: PROC_DOCUMENT, text, count=1)
    (root / PROC).write_text(text, encoding="utf-8")
    summary = HOSTILE.replace("\\", "\\\\").replace('"', '\\"') if hostile else "Clearer steps."
    guide = (root / GUIDE).read_text(encoding="utf-8")
    guide = re.sub(r"(?m)^(  next_review: \S+\n)", lambda match: match.group(1) + (
        '  history:\n    - version: "0.9"\n      date: 2025-12-15\n'
        f'      summary: {{en: "{summary}", ca: "{summary}", es: "{summary}"}}\n'), guide, count=1)
    (root / GUIDE).write_text(guide, encoding="utf-8")
    return root


def rows(page: str) -> list[tuple[str, str, str, str, str]]:
    """(date, link, version, what changed, approved by) of every row, in page order."""
    return re.findall(r'<tr><td><time datetime="([\d-]+)">[^<]+</time></td><th scope="row"><a href="([^"]+)">[^<]+</a>'
                      r"</th><td>([^<]+)</td><td>(.*?)</td><td>(.*?)</td></tr>", page)


def test_changes_are_listed_newest_first_by_month_with_links(new_project: Path) -> None:
    kb = load_project(with_history(new_project)).kb
    view = PortalView(kb, "staff", "en")
    page = view.render(WHATS_NEW_PAGE).markdown
    found = rows(page)
    assert len(found) == len(kb.items) + 3  # every current version, and three earlier ones
    dates = [row[0] for row in found]
    assert dates == sorted(dates, reverse=True)
    # Month headings in order, each over its own rows.
    months = re.findall(r"(?m)^## (.+) \{ #(\d{4}-\d\d) \}$", page)
    assert [key for _, key in months] == sorted({date[:7] for date in dates}, reverse=True)
    for (name, key), section in zip(months, re.split(r"(?m)^## .+$", page)[1:], strict=True):
        assert name == month_year(dt.date.fromisoformat(key + "-01"), "en")
        assert {row[0][:7] for row in rows(section)} == {key}
    procedure = [row for row in found if row[1] == "procedures/warranty-repair.html"]
    assert procedure == [
        ("2026-03-10", "procedures/warranty-repair.html", "2.0", "<em>Current version</em>", "Anna Soler"),
        ("2026-02-20", "procedures/warranty-repair.html", "1.1", "Added the manager's check.", "—"),
        ("2026-02-01", "procedures/warranty-repair.html", "1.0", "First version.", "—"),
    ]
    assert "March 2026" in page and "February 2026" in page and "December 2025" in page
    paths = view.page_paths()
    assert all(row[1].removesuffix(".html") + ".md" in paths for row in found)
    assert "[Follow the changes in a feed reader (Atom)](changes.xml)" in page.replace("&#40;", "(").replace("&#41;", ")")


def test_a_history_line_for_the_current_version_is_not_listed_twice(new_project: Path) -> None:
    edit(new_project, PROC, '  next_review: 2027', '  approved_by: Anna Soler\n  history:\n    - version: "1.0"\n'
         '      date: 2026-01-05\n      summary: {en: "First issue.", ca: "Primera.", es: "Primera."}\n  next_review: 2027')
    page = PortalView(load_project(new_project).kb, "staff", "en").render(WHATS_NEW_PAGE).markdown
    procedure = [row for row in rows(page) if row[1] == "procedures/warranty-repair.html"]
    assert procedure == [("2026-01-05", "procedures/warranty-repair.html", "1.0", "First issue.", "Anna Soler")]


def test_month_names_are_in_the_portal_language(new_project: Path) -> None:
    kb = load_project(with_history(new_project)).kb
    assert "## Març del 2026 { #2026-03 }" in PortalView(kb, "staff", "ca").render(WHATS_NEW_PAGE).markdown
    assert "## Marzo de 2026 { #2026-03 }" in PortalView(kb, "staff", "es").render(WHATS_NEW_PAGE).markdown


def test_staff_portals_only_next_to_the_document_register(new_project: Path) -> None:
    kb = load_project(new_project).kb
    public = PortalView(kb, "public", "en")
    assert WHATS_NEW_PAGE not in public.page_paths()
    assert not [download for spec in public.specs for download in spec.downloads if download.path == FEED]
    staff = PortalView(kb, "staff", "en")
    menu = nav_paths(staff.navigation())
    assert menu[menu.index("documents.md") + 1] == WHATS_NEW_PAGE
    assert [download.path for spec in staff.specs for download in spec.downloads if download.feed_title] == [FEED]
    assert "](whats-new.md)" in staff.render("index.md").markdown


def feed_of(root: Path, lang: str = "en") -> tuple[str, ET.Element]:
    view = PortalView(load_project(root).kb, "staff", lang)
    text = atom_feed(view.portal)
    return text, ET.fromstring(text)


def test_the_feed_is_atom_with_one_entry_per_change(new_project: Path) -> None:
    text, feed = feed_of(with_history(new_project))
    assert feed.tag == f"{ATOM}feed"
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')
    entries = feed.findall(f"{ATOM}entry")
    kb = load_project(new_project).kb
    assert len(entries) == len(kb.items) + 3
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(entry_id.startswith("urn:uuid:") for entry_id in ids)
    for tag in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{tag}")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == kb.config.company.name
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert all(RFC3339.match(value) for value in [*updated, feed.findtext(f"{ATOM}updated")])
    assert feed.findtext(f"{ATOM}updated") == max(updated) == updated[0]  # newest change, not the build time
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": FEED, "alternate": "whats-new.html"}  # no published address: relative
    pages = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "procedures/warranty-repair.html" in pages
    first = entries[0]
    assert re.fullmatch(r".+ — Version \S+", first.findtext(f"{ATOM}title"))
    assert first.find(f"{ATOM}summary").get("type") == "text"
    # The same knowledge base gives the same file (no build time inside).
    assert feed_of(new_project)[0] == text


def test_a_hostile_summary_stays_text_in_the_feed_and_the_page(new_project: Path) -> None:
    with_history(new_project, hostile=True)
    text, feed = feed_of(new_project)
    summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.findall(f"{ATOM}entry")]
    assert HOSTILE in summaries
    assert "<script>" not in text and "]]>" not in text
    page = PortalView(load_project(new_project).kb, "staff", "en").render(WHATS_NEW_PAGE).markdown
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_with_a_published_address_the_feed_links_are_absolute(new_project: Path) -> None:
    config = new_project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "url: https://help.example.com/kb/\n", encoding="utf-8")
    _, feed = feed_of(new_project)
    base = "https://help.example.com/kb/staff/en/"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": base + FEED, "alternate": base + "whats-new.html"}
    assert all(entry.find(f"{ATOM}link").get("href").startswith(base) for entry in feed.findall(f"{ATOM}entry"))


@pytest.mark.slow
def test_the_built_staff_portal_has_the_page_and_the_feed(new_project: Path, tmp_path: Path) -> None:
    with_history(new_project, hostile=True)
    out = tmp_path / "site"
    assert main(["build", "--project", str(new_project), "--out", str(out), "--no-pdf", "--lang", "en"]) == 0
    staff = out / "staff" / "en"
    feed = ET.parse(staff / FEED).getroot()
    assert feed.tag == f"{ATOM}feed"
    for entry in feed.findall(f"{ATOM}entry"):
        assert (staff / entry.find(f"{ATOM}link").get("href")).is_file()
    home = (staff / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" href="changes.xml" title="What&#(39|x27);s new">',
                     home)
    guide = (staff / "guides" / "washing-machine-does-not-drain.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" href="../changes.xml"' in guide
    page = (staff / "whats-new.html").read_text(encoding="utf-8")
    assert 'href="changes.xml"' in page and "<script>alert(1)" not in page
    public = out / "public" / "en"
    assert not (public / FEED).exists() and not (public / "whats-new.html").exists()
    assert "application/atom+xml" not in (public / "index.html").read_text(encoding="utf-8")


def test_the_feed_title_reaches_the_theme_escaped(new_project: Path, tmp_path: Path) -> None:
    """main.html prints the feed's title in an attribute as it comes: it must come escaped."""
    kb = load_project(new_project).kb
    config = mkdocs_config(kb, "staff", "en", [], tmp_path / "docs", tmp_path / "site", "T", tmp_path / "o",
                           (), [(FEED, 'News" onload="x()<b>')])
    assert config["extra"]["feeds"] == [{"href": FEED, "title": "News&quot; onload=&quot;x()&lt;b&gt;"}]
    assert "feeds" not in mkdocs_config(kb, "public", "en", [], tmp_path / "docs", tmp_path / "site", "T",
                                        tmp_path / "o")["extra"]
