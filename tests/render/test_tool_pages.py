"""The interactive pages: "Am I covered?" (every portal showing warranty rules) and the staff
"Repair or replace" calculator. Rendering only (no MkDocs): which portal has which page, the
embedded warranty table, escaping, settings. The browser side: tests/browser/test_tool_pages_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, PortalView

from generator.cli import main
from generator.i18n.labels import label
from generator.load.project import load_project
from generator.model.config import RepairOrReplace, SiteConfig
from generator.publish.mkdocs_config import mkdocs_config
from generator.render.tool_pages import COVERED_PAGE, REPAIR_PAGE
from generator.render.words import percent
from generator.text.safe_text import script_json
from generator.warranty import build_table, table_document

SCRIPT_RE = re.compile(r'<script type="application/json" id="(?P<id>[^"]+)">(?P<body>.*?)</script>', re.DOTALL)


def embedded(markdown: str) -> dict[str, str]:
    """id → raw text of every JSON script block of a page."""
    return {match["id"]: match["body"] for match in SCRIPT_RE.finditer(markdown)}


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def pages_of(kb, audience: str, lang: str) -> dict[str, str]:
    return {page.path: page.markdown for page in PortalView(kb, audience, lang).render_all()}


# --------------------------------------------------------------------------- settings


def test_repair_or_replace_settings_have_defaults_and_limits() -> None:
    defaults = RepairOrReplace()
    assert (defaults.hourly_rate, defaults.travel_cost, defaults.threshold, defaults.currency) == (45.0, 30.0, 0.5, "EUR")
    minimal = SiteConfig(title="T", company={"name": "C"})
    assert minimal.repair_or_replace == defaults
    for bad in ({"threshold": 0}, {"threshold": 1.5}, {"hourly_rate": -1}, {"currency": "euro"}, {"rate": 3}):
        with pytest.raises(ValueError):
            RepairOrReplace(**bad)


def test_the_example_sets_the_calculator_in_site_config(kb) -> None:
    assert kb.config.repair_or_replace.model_dump() == {"hourly_rate": 45, "travel_cost": 30, "threshold": 0.5,
                                                        "currency": "EUR"}


def test_thresholds_read_as_percentages_in_each_language() -> None:
    assert percent(0.5, "en") == "50%"
    assert percent(0.5, "ca") == "50\u00a0%"
    assert percent(0.125, "es") == "12,5\u00a0%"


# --------------------------------------------------------------------------- which portal has which page


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_public_portals_have_am_i_covered_and_no_calculator(kb, lang: str) -> None:
    renderer = PortalView(kb, "public", lang)
    pages = pages_of(kb, "public", lang)
    assert COVERED_PAGE in pages and REPAIR_PAGE not in pages
    assert renderer.scripts() == ["assets/portal.js", "assets/covered.js", "assets/request.js"]  # "Request a repair" has its own
    assert COVERED_PAGE in renderer.page_paths() and REPAIR_PAGE not in renderer.page_paths()
    assert renderer.navigation()[1] == {label("covered_tool", lang): COVERED_PAGE}  # right after the home page
    assert '<a href="covered.html">' in pages["index.md"]  # a top task of the home page
    for path, markdown in pages.items():
        if path.startswith("warranty/") and path != "warranty/index.md":
            assert "(../covered.md)" in markdown, path  # and from each rule


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_staff_portals_have_both_tools(kb, lang: str) -> None:
    renderer = PortalView(kb, "staff", lang)
    pages = pages_of(kb, "staff", lang)
    assert {COVERED_PAGE, REPAIR_PAGE} <= set(pages) <= renderer.page_paths()
    assert renderer.scripts() == ["assets/portal.js", "assets/covered.js", "assets/repair-or-replace.js", "assets/register.js"]
    assert "(repair-or-replace.md)" in pages["index.md"] and "(covered.md)" in pages["index.md"]
    ui = json.loads(embedded(pages[REPAIR_PAGE])["as-rr-ui"])
    assert (ui["hourly_rate"], ui["travel_cost"], ui["threshold"], ui["currency"], ui["lang"]) == (45, 30, 0.5, "EUR", lang)
    assert 'value="45' in pages[REPAIR_PAGE] and 'value="30' in pages[REPAIR_PAGE]
    staff_table = json.loads(embedded(pages[COVERED_PAGE])["as-warranty-table"])
    assert staff_table == json.loads(json.dumps(table_document(build_table(kb), "staff")))


def test_scripts_are_served_by_the_portal_itself(kb, tmp_path: Path) -> None:
    config = mkdocs_config(kb, "staff", "en", [], tmp_path / "docs", tmp_path / "site", "T", tmp_path / "o",
                           PortalView(kb, "staff", "en").scripts())
    assert config["extra_javascript"] == ["assets/portal.js", "assets/covered.js", "assets/repair-or-replace.js",
                                         "assets/register.js"]
    assert all(not re.match(r"^(https?:)?//", script) for script in config["extra_javascript"])
    for name in ("portal.js", "covered.js", "repair-or-replace.js", "register.js"):
        script = (REPO / "templates/assets" / name).read_text(encoding="utf-8")
        assert "innerHTML" not in script and "fetch(" not in script and "XMLHttpRequest" not in script
        assert "http://" not in script and "https://" not in script


# --------------------------------------------------------------------------- the embedded table


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_the_public_page_embeds_exactly_the_public_table(kb, lang: str) -> None:
    markdown = pages_of(kb, "public", lang)[COVERED_PAGE]
    blocks = embedded(markdown)
    assert json.loads(blocks["as-warranty-table"]) == json.loads(json.dumps(table_document(build_table(kb), "public")))
    ui = json.loads(blocks["as-covered-ui"])
    assert ui["lang"] == lang and ui["tel"] == "tel:900102030"
    assert set(ui["links"]) == {item.id for item in kb.of_type("warranty") if item.is_public}
    assert all(link == f"warranty/{rule_id}.html" for rule_id, link in ui["links"].items())
    for body in blocks.values():
        assert "<" not in body and ">" not in body and "&" not in body
    assert 'on' + 'click' not in markdown.lower() and "onsubmit" not in markdown.lower()
    # every cause of the table has customer wording, and every radio group a legend
    for cause in json.loads(blocks["as-warranty-table"])["inputs"]["cause"]:
        assert f'id="as-cause-{cause}"' in markdown and f'<label for="as-cause-{cause}">' in markdown
    assert markdown.count("<fieldset") == markdown.count("<legend>") == 4


def test_json_for_a_script_block_cannot_close_it() -> None:
    hostile = {"title": "</script><script>alert(1)</script><!-- & \u2028", "x": "</SCRIPT >"}
    text = str(script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == hostile


def hostile_project(root: Path) -> Path:
    """An init project with a hostile product title and a staff-only warranty rule."""
    assert main(["init", str(root)]) == 0
    product = root / "content/products/washing-machines.yml"
    text = product.read_text(encoding="utf-8")
    product.write_text(re.sub(r"(?m)^title: .*$", 'title: {ca: "Rentadores</script><script>alert(1)</script>",'
                              ' es: "Lavadoras", en: "Washing machines"}', text, count=1), encoding="utf-8")
    rule = root / "content/warranty/legal-guarantee.yml"
    staff = rule.read_text(encoding="utf-8").replace("id: legal-guarantee", "id: staff-goodwill", 1)
    staff = staff.replace("audience: public", "audience: staff", 1).replace("causes: [manufacturing_defect]",
                                                                            "causes: [wear]", 1)
    (root / "content/warranty/staff-goodwill.yml").write_text(staff, encoding="utf-8")
    return root


def test_a_hostile_title_stays_text_and_a_staff_rule_stops_the_public_evaluation(tmp_path: Path) -> None:
    kb = load_project(hostile_project(tmp_path / "kb")).kb
    assert {item.id for item in kb.of_type("warranty")} == {"legal-guarantee", "staff-goodwill"}
    public = pages_of(kb, "public", "ca")
    covered = public[COVERED_PAGE]
    assert "as-warranty-table" not in covered and "as-covered-form" not in covered  # complete is False: call us
    assert "Truqueu-nos" in covered
    assert not any("staff-goodwill" in markdown for markdown in public.values())
    staff = pages_of(kb, "staff", "ca")[COVERED_PAGE]
    assert "<script>alert" not in staff and "&lt;/script&gt;" in staff  # the product option, escaped
    table = embedded(staff)["as-warranty-table"]
    assert "</script" not in table.lower()
    assert json.loads(table)["labels"]["ca"]["product"]["washing-machines"].startswith("Rentadores</script>")
    assert "staff-goodwill" in json.loads(table)["labels"]["ca"]["rule"]


def test_a_portal_without_warranty_rules_has_no_covered_page(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert main(["init", str(root)]) == 0
    (root / "content/warranty/legal-guarantee.yml").unlink()
    kb = load_project(root).kb
    for audience in ("public", "staff"):
        renderer = PortalView(kb, audience, "en")
        assert COVERED_PAGE not in {page.path for page in renderer.render_all()}
        assert "assets/covered.js" not in renderer.scripts()
    assert "(covered.md)" not in pages_of(kb, "public", "en")["index.md"]
