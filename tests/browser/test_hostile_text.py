"""Hostile text, end to end in a real browser (issue 26).

A payload goes into every text of the example (``tests/hostile_text.py``: every localized field
of every content type, every free string of ``site_config.yml``); every portal is built with
the real command line, the text checks switched off (``rules:``) to prove the second lock; then
every page of one public and one staff portal, print views included, is opened in Chromium:

- no dialog opens (every payload calls ``alert``);
- no page has more ``script``/``img``/``svg``/``iframe``/… elements than the same page of the
  clean example (the pieces a long diagram continues in on the printed manual's next pages,
  ``svg.as-lanes-more``, aside: their number follows the texts' length), no ``on*`` attribute, no
  ``javascript:``/``data:`` address;
- no request leaves 127.0.0.1;
- wherever a payload is shown, it is shown exactly as typed; an item's page shows its title so
  in its heading, its navigation entry and the browser tab.

The three cases of the issue's first paragraph have a test each.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import edit_file
from hostile_text import LONG_TITLE_FILE, make_hostile_copy, verbatim

from generator.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[2]
PORTALS = ("public/ca", "staff/ca")
ELEMENTS = ("script", "img", "svg", "iframe", "frame", "object", "embed", "video", "audio", "base", "form",
            "style", "link", "meta", "math", "template", "input", "button")

INSPECT = """() => {
  const counts = {};
  for (const tag of %s) counts[tag] = document.querySelectorAll(tag === "svg" ? "svg:not(.as-lanes-more)" : tag).length;
  const handlers = [], addresses = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) handlers.push(element.tagName + " " + name);
      if (["href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster"].includes(name)) {
        const value = attribute.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
        /* A printable's own pictures (a guide step's, the logo) are inline images: an <img> never runs script. */
        const inlinePicture = element.tagName === "IMG" && name === "src" && /^data:image\\/(png|jpeg|gif|webp|svg\\+xml);base64,/.test(value);
        if (/^(javascript|vbscript|data):/.test(value) && !inlinePicture) addresses.push(element.tagName + " " + name + "=" + attribute.value.slice(0, 80));
      }
    }
  }
  const body = document.body.cloneNode(true);
  for (const element of body.querySelectorAll("script, style, template, svg")) element.remove();
  const active = document.querySelector("a.md-nav__link--active");
  return {counts, handlers, addresses, text: body.textContent, title: document.title,
          h1: document.querySelector("h1") ? document.querySelector("h1").textContent : "",
          active: active ? active.textContent : ""};
}""" % list(ELEMENTS)


def normal(text: str) -> str:
    return " ".join(text.split())


def shown_as_typed(text: str) -> list[str]:
    """Each payload shown in ``text`` that is not exactly as typed (a prefix cut with '…' is fine)."""
    text = normal(text)
    wrong = []
    for found in re.finditer(r"«(\d+)»", text):
        expected = normal(verbatim(int(found.group(1))))
        shown = text[found.start():found.start() + len(expected)]
        if shown == expected:
            continue
        cut = text[found.start():].split("…", 1)[0]
        if "…" in text[found.start():] and expected.startswith(cut) and len(cut) < len(expected):
            continue
        wrong.append(f"expected {expected!r}, shown {text[found.start():found.start() + len(expected) + 20]!r}")
    return wrong


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile copy, built (every portal, no PDFs) with the text checks switched off."""
    root = tmp_path_factory.mktemp("hostile") / "kb"
    marks = make_hostile_copy(REPO, root)
    out = root / "site"
    assert main(["build", "--project", str(root), "--no-pdf", "--out", str(out)]) == 0
    return root, out, marks


def title_marks(marks) -> dict[str, int]:
    """Page path → payload number of its item's Catalan title."""
    found = {}
    for mark in marks:
        if mark.loc == ("title", "ca") and mark.file.startswith("content/"):
            folder, name = mark.file.removeprefix("content/").split("/")
            found[f"{folder}/{name.removesuffix('.yml')}.html"] = mark.number
    return found


def test_check_refuses_the_hostile_copy(tmp_path: Path) -> None:
    """Without the rules that switch them off, check refuses every title with HTML, with its place."""
    root = tmp_path / "kb"
    marks = make_hostile_copy(REPO, root, switch_checks_off=False)
    from generator.load.project import load_project
    from generator.validate import run_checks

    errors = [d for d in run_checks(load_project(root)) if d.severity == "error"]
    titles = {(d.file, d.line) for d in errors if d.code == "text.html-in-title"}
    wanted = {mark.file for mark in marks if mark.title}
    assert {file for file, _ in titles} == wanted
    assert all(line >= 1 for _, line in titles)
    assert any(d.code == "text.unsafe-link" and "javascript:" in d.message for d in errors)


def test_every_page_of_a_hostile_portal_stays_inert(hostile, example_site: Path, browser, serve_dir) -> None:
    root, out, marks = hostile
    base = serve_dir(out)
    clean = serve_dir(example_site)
    titles = title_marks(marks)
    site_title = next(mark.number for mark in marks if mark.file == "site_config.yml" and mark.loc == ("title", "ca"))
    context = browser.new_context()
    foreign: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    problems: list[str] = []
    visited = 0
    for portal in PORTALS:
        for path in sorted((out / portal).rglob("*.html")):
            rel = path.relative_to(out / portal).as_posix()
            where = f"{portal}/{rel}"
            page.goto(f"{clean}/{portal}/{rel}")
            expected = page.evaluate(INSPECT)
            page.goto(f"{base}/{portal}/{rel}")
            shown = page.evaluate(INSPECT)
            visited += 1
            for tag in ELEMENTS:
                if shown["counts"][tag] > expected["counts"][tag]:
                    problems.append(f"{where}: {shown['counts'][tag]} <{tag}> elements, the clean page has"
                                    f" {expected['counts'][tag]}")
            problems += [f"{where}: handler {h}" for h in shown["handlers"] if h not in expected["handlers"]]
            problems += [f"{where}: address {a}" for a in shown["addresses"]]
            problems += [f"{where}: {wrong}" for wrong in shown_as_typed(shown["text"])]
            problems += [f"{where} (tab): {wrong}" for wrong in shown_as_typed(shown["title"])]
            if not rel.startswith("print/"):
                if normal(verbatim(site_title)) not in normal(shown["title"]):
                    problems.append(f"{where}: the tab does not show the portal title as typed: {shown['title'][:200]!r}")
            number = titles.get(rel)
            if number is not None:
                typed = normal(verbatim(number))
                for place in ("h1", "active", "title"):
                    if typed not in normal(shown[place]):
                        problems.append(f"{where}: the {place} does not show the title as typed: {shown[place][:300]!r}")
    context.close()
    assert visited >= 150, visited
    assert not dialogs, dialogs[:20]
    assert not foreign, foreign[:20]
    assert not problems, "\n".join(problems[:40])


def test_the_long_title_is_shown_whole_on_its_page(hostile, browser, serve_dir) -> None:
    root, out, marks = hostile
    base = serve_dir(out)
    page = browser.new_page()
    rel = LONG_TITLE_FILE.removeprefix("content/").removesuffix(".yml") + ".html"
    page.goto(f"{base}/public/ca/{rel}")
    heading = page.locator("h1").first.text_content()
    assert len(heading) > 10_000 and heading.startswith("Long Long")
    page.close()


# ------------------------------------------------------------------ the three cases


def _example_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    for name in ("content", "data", "assets"):  # assets: the guides' pictures
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site_config.yml", root)
    return root


def _open_all(browser, base: str, paths: list[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """(dialogs, javascript: links, visible text per path) after opening each page."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    links, texts = [], {}
    for path in paths:
        page.goto(f"{base}/{path}")
        links += page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"
                                           ".filter(h => /^\\s*javascript:/i.test(h))")
        texts[path] = page.evaluate(
            "() => document.title + ' ' + [...document.querySelectorAll('.md-nav__link, .md-header__topic,"
            " .md-copyright, h1')].map(e => e.textContent).join(' ')")
    page.close()
    return dialogs, links, texts


def _build(root: Path, rules: str) -> Path:
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write(f"rules: {{{rules}}}\n")
    out = root / "site"
    assert main(["build", "--project", str(root), "--lang", "ca", "--no-pdf", "--out", str(out)]) == 0
    return out


GUIDE = "content/guides/washing-machine-does-not-drain.yml"


def test_case_1_a_guide_title_with_a_script(tmp_path: Path, browser, serve_dir, capsys) -> None:
    root = _example_copy(tmp_path)
    title = "Filtre <script>alert('X1')</script> desguàs"
    edit_file(root / GUIDE, "  ca: La rentadora no desguassa", "  ca: 'Filtre <script>alert(''X1'')</script> desguàs'")
    assert main(["check", "--project", str(root)]) == 1
    assert f"{GUIDE}:6:7: error text.html-in-title" in capsys.readouterr().out
    out = _build(root, "text.html-in-title: off")
    base = serve_dir(out)
    dialogs, links, texts = _open_all(browser, base, [
        "public/ca/index.html", "public/ca/guides/index.html", "public/ca/guides/washing-machine-does-not-drain.html",
        "public/ca/guides/fridge-door-seal.html", "staff/ca/guides/washing-machine-does-not-drain.html"])
    assert not dialogs
    assert not links
    for path in ("public/ca/guides/index.html", "public/ca/guides/washing-machine-does-not-drain.html"):
        assert title in texts[path], texts[path][:500]


def test_case_2_a_portal_title_and_a_company_name_with_markup(tmp_path: Path, browser, serve_dir, capsys) -> None:
    root = _example_copy(tmp_path)
    edit_file(root / "site_config.yml", "  ca: Servei postvenda Vallès", "  ca: 'Servei <script>alert(\"X2\")</script>'")
    edit_file(root / "site_config.yml", "  name: Electrodomèstics Vallès, S.A.",
          "  name: 'Vallès <img src=x onerror=alert(\"X3\")>'")
    assert main(["check", "--project", str(root)]) == 1
    out_text = capsys.readouterr().out
    assert "site_config.yml:5:7: error text.html-in-title: title.ca" in out_text
    assert "site_config.yml:14:9: error text.html-in-title: company.name" in out_text
    out = _build(root, "text.html-in-title: off")
    base = serve_dir(out)
    paths = ["public/ca/index.html", "public/ca/charter.html", "public/ca/guides/fridge-door-seal.html",
             "staff/ca/index.html", "staff/ca/coverage.html", "public/index.html"]
    dialogs, links, texts = _open_all(browser, base, paths)
    assert not dialogs
    for path in paths[:-1]:
        assert 'Servei <script>alert("X2")</script>' in texts[path], texts[path][:300]
        assert 'Vallès <img src=x onerror=alert("X3")>' in texts[path], texts[path][-300:]


def test_case_3_a_reference_style_javascript_link(tmp_path: Path, browser, serve_dir, capsys) -> None:
    root = _example_copy(tmp_path)
    edit_file(root / GUIDE, "  ca: Gairebé sempre", "  ca: |-\n    Vegeu [f][ref].\n\n    [ref]: javascript:alert(1)\n\n"
                                               "    Gairebé sempre")
    assert main(["check", "--project", str(root)]) == 1
    assert "error text.unsafe-link: summary (ca): links to 'javascript:' addresses are not allowed ([ref]:" \
        in capsys.readouterr().out
    out = _build(root, "text.unsafe-link: off")
    base = serve_dir(out)
    page = browser.new_page()
    page.goto(f"{base}/public/ca/guides/washing-machine-does-not-drain.html")
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.get_by_text("[ref]: javascript:alert(1)").count() == 1  # shown as typed
    page.close()
