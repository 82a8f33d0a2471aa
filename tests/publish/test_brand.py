"""The company's brand in the portals and printables: Material's colours, logo, favicon, own stylesheet.

The unit tests read ``mkdocs.yml`` as :func:`mkdocs_config` makes it; the slow ones build an
``aftersales init`` project with a brand (a PNG logo drawn here) and look at what a reader gets;
the browser one runs axe-core on the branded portal, as tests/browser/test_people.py does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import serious_violations

from generator.cli import main
from generator.load.project import load_project
from generator.model.config import WCAG_AA_TEXT, WHITE, Brand, contrast_ratio
from generator.publish.mkdocs_config import (
    BRAND_STYLESHEET,
    brand_stylesheet,
    link_colour,
    mkdocs_config,
)

PRIMARY = "#1a5fb4"
ACCENT = "#c64600"
BRAND = f'brand:\n  primary: "{PRIMARY}"\n  accent: "{ACCENT}"\n  logo: logo.png\n  favicon: icons/tab.png\n' \
        "  stylesheet: brand.css\n"
OWN_CSS = ".md-header__title { letter-spacing: .02em; }  /* brand-own-stylesheet */\n"


def draw_png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(image).ellipse((2, 2, size[0] - 3, size[1] - 3), fill=colour)
    image.save(path, "PNG")


def brand_project(root: Path) -> Path:
    with open(root / "site_config.yml", "a", encoding="utf-8") as config:
        config.write(BRAND)
    draw_png(root / "assets/logo.png", (96, 48), (198, 70, 0))
    draw_png(root / "assets/icons/tab.png", (32, 32), (26, 95, 180))
    (root / "assets/brand.css").write_text(OWN_CSS, encoding="utf-8")
    return root


def portal_config(root: Path) -> dict:
    kb = load_project(root).kb
    return mkdocs_config(kb, "public", "en", [], root / "docs", root / "site", "T", root / "overrides")


# --------------------------------------------------------------------------- mkdocs.yml and the stylesheet


def test_without_a_brand_the_portal_keeps_indigo(new_project: Path) -> None:
    config = portal_config(new_project)
    assert config["theme"]["palette"] == {"scheme": "default", "primary": "indigo", "accent": "indigo"}
    assert config["extra_css"] == ["assets/aftersales.css"]
    assert "logo" not in config["theme"] and "favicon" not in config["theme"]


def test_the_old_logo_is_logo_and_favicon(new_project: Path) -> None:
    draw_png(new_project / "assets/logo.png", (20, 20), (0, 0, 0))
    with open(new_project / "site_config.yml", "a", encoding="utf-8") as config:
        config.write("logo: logo.png\n")
    theme = portal_config(new_project)["theme"]
    assert (theme["logo"], theme["favicon"]) == ("assets/logo.png", "assets/logo.png")
    assert theme["palette"]["primary"] == "indigo"


def test_a_brand_sets_custom_colours_logo_favicon_and_the_stylesheets_in_order(new_project: Path) -> None:
    config = portal_config(brand_project(new_project))
    theme = config["theme"]
    assert theme["palette"] == {"scheme": "default", "primary": "custom", "accent": "custom"}
    assert (theme["logo"], theme["favicon"]) == ("assets/logo.png", "assets/icons/tab.png")
    assert config["extra_css"] == ["assets/aftersales.css", BRAND_STYLESHEET, "assets/brand.css"]


def test_the_brand_stylesheet_sets_materials_colour_variables() -> None:
    css = brand_stylesheet(Brand(primary=PRIMARY, accent=ACCENT))
    for name, value in [("--md-primary-fg-color", PRIMARY), ("--md-primary-bg-color", WHITE),
                        ("--md-accent-fg-color", ACCENT), ("--md-accent-fg-color--transparent", f"{ACCENT}1a"),
                        ("--md-typeset-a-color", PRIMARY)]:
        assert f"  {name}: {value};" in css
    assert re.search(r"--md-primary-fg-color--light: #[0-9a-f]{6};", css)
    assert re.search(r"--md-primary-fg-color--dark: #[0-9a-f]{6};", css)
    assert "url(" not in css and "@import" not in css  # nothing to fetch


def test_links_on_white_stay_readable_under_a_light_primary() -> None:
    assert link_colour(PRIMARY) == PRIMARY
    darker = link_colour("#ffdd00")
    assert darker != "#ffdd00" and contrast_ratio(darker, WHITE) >= WCAG_AA_TEXT
    css = brand_stylesheet(Brand(primary="#ffdd00", accent="#ffdd00"))
    assert "--md-primary-bg-color: #212121;" in css and f"--md-typeset-a-color: {darker};" in css


# --------------------------------------------------------------------------- a built branded portal


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("brand") / "kb"
    assert main(["init", str(root)]) == 0
    brand_project(root)
    assert main(["build", "--project", str(root), "--lang", "en"]) == 0
    return root / "site"


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "staff"])
def test_the_portal_carries_the_brand(built: Path, audience: str) -> None:
    portal = built / audience / "en"
    assert PRIMARY in (portal / BRAND_STYLESHEET).read_text(encoding="utf-8")
    assert (portal / "assets/brand.css").read_text(encoding="utf-8") == OWN_CSS
    assert (portal / "assets/logo.png").read_bytes() == (built.parent / "assets/logo.png").read_bytes()
    assert (portal / "assets/icons/tab.png").is_file()
    html = (portal / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="custom"' in html and 'data-md-color-accent="custom"' in html
    header = html[html.index('<header class="md-header'):html.index("</header>")]
    assert '<img src="assets/logo.png"' in header
    assert '<link rel="icon" href="assets/icons/tab.png">' in html
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sheets[-3:] == ["assets/aftersales.css", BRAND_STYLESHEET, "assets/brand.css"], sheets


@pytest.mark.slow
def test_every_printable_has_the_logo_and_colour_in_its_header_and_its_pdf_renders(built: Path) -> None:
    prints = sorted((built / "staff/en/print").rglob("*.html"))
    assert len(prints) >= 3  # a checklist, a form and a guide
    for view in prints:
        html = view.read_text(encoding="utf-8")
        header = re.search(r'<div class="brand-header"><img class="brand-logo" src="data:image/png;base64,'
                           r'[A-Za-z0-9+/=]+" alt=""><div class="company">Example Appliances Ltd\.</div></div>', html)
        assert header, view
        assert f"background: {PRIMARY}; color: {WHITE};" in html
        assert "assets/logo.png" not in html  # inline: the PDF fetches nothing
        pdf = view.with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF") and b"/Subtype /Image" in pdf.read_bytes(), pdf
    if shutil.which("pdftotext"):
        checklist = built / "staff/en/print/procedures/warranty-repair.pdf"
        text = subprocess.run(["pdftotext", str(checklist), "-"], capture_output=True, text=True, check=True).stdout
        assert "EXAMPLE APPLIANCES LTD." in text and "Warranty repair" in text


@pytest.mark.slow
@pytest.mark.browser
def test_the_branded_portal_shows_its_colours_and_axe_still_passes(built: Path, browser, serve_dir,
                                                                  screenshots: Path) -> None:
    url = serve_dir(built)
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for audience, path in [("public", "index.html"), ("public", "guides/washing-machine-does-not-drain.html"),
                           ("staff", "index.html"), ("staff", "procedures/warranty-repair.html")]:
        page.goto(f"{url}/{audience}/en/{path}")
        header = page.locator("header.md-header")
        assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(26, 95, 180)"
        assert header.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
        assert page.locator("header.md-header img").evaluate("e => e.complete && e.naturalWidth") == 96
        problems += serious_violations(page, f"{audience}/en/{path}")
    page.screenshot(path=str(screenshots / "brand-procedure.png"))
    page.goto(f"{url}/staff/en/print/procedures/warranty-repair.html")
    assert page.locator(".brand-header img").evaluate("e => e.complete && e.naturalWidth") == 96
    context.close()
    assert not problems, "\n".join(problems)
