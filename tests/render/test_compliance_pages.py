"""The compliance pages: staff portals only, the drifting standard flagged, its p-chart drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, PortalView

from generator.cli import main
from generator.load.project import load_project
from generator.publish.search_index import indexed_pages
from generator.render.compliance_pages import COMPLIANCE_PAGE, standard_page

DRIFTING = "complaint-answer-24-hours"
MEASURED = {DRIFTING, "answer-within-4-hours", "technician-visit-2-days", "delivery-on-agreed-date",
            "satisfaction-call-7-days"}


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def pages_of(kb, audience: str, lang: str) -> dict[str, str]:
    return {page.path: page.markdown for page in PortalView(kb, audience, lang).render_all()}


def svgs(markdown: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", markdown, re.S)]


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_staff_portals_have_the_summary_and_a_page_per_measured_standard(kb, lang: str) -> None:
    renderer = PortalView(kb, "staff", lang)
    pages = pages_of(kb, "staff", lang)
    expected = {COMPLIANCE_PAGE, *(standard_page(standard) for standard in MEASURED)}
    assert expected <= set(pages) and expected <= renderer.page_paths()
    section = renderer.navigation()[-1]
    (entries,) = section.values()
    assert entries[0] == COMPLIANCE_PAGE
    assert next(iter(entries[1].values())) == standard_page(DRIFTING)  # flagged first
    assert "(compliance.md)" in pages["index.md"]  # the home page links to it


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_the_summary_flags_the_drifting_standard_first(kb, lang: str) -> None:
    summary = pages_of(kb, "staff", lang)[COMPLIANCE_PAGE]
    rows = [line for line in summary.splitlines() if line.startswith("| <span class=\"as-status")]
    assert len(rows) == len(MEASURED)
    assert f"({standard_page(DRIFTING)})" in rows[0] and "✗" in rows[0] and "as-out-of-control" in rows[0]
    assert "2026-10, 2026-11" in rows[0]
    # Deliveries promise every agreed date (goal 100 %) and miss a few each month: below goal, second.
    assert f"({standard_page('delivery-on-agreed-date')})" in rows[1] and "as-below-goal" in rows[1]
    assert all("✓" in row and "as-in-control" in row for row in rows[2:])
    # Staff read where the data comes from, not the project's file name (issue 29).
    assert "measurements.csv" not in summary and "site_config" not in summary
    assert {"ca": "mesures registrades", "es": "mediciones registradas", "en": "recorded measurements"}[lang] in summary


def test_the_drifting_standards_page_has_its_p_chart_with_the_points_out_of_control(kb) -> None:
    page = pages_of(kb, "staff", "en")[standard_page(DRIFTING)]
    assert '!!! failure "✗ Out of control"' in page
    chart, *others = svgs(page)
    assert chart.get("class") == "as-pchart" and chart.get("role") == "img"
    assert others == []  # complaints are recorded as met yes/no: no measured values, no histogram
    out = chart.findall(".//{http://www.w3.org/2000/svg}path[@class='as-ooc']")
    assert len(out) == 2
    flagged = re.findall(r'<tr class="as-flagged"><th scope="row">([^<]+)</th>', page)
    assert flagged == ["2026-10", "2026-11"]
    assert "above the upper control limit" in page
    assert "](../standards/complaint-answer-24-hours.md)" in page


def test_measured_values_get_a_histogram(kb) -> None:
    page = pages_of(kb, "staff", "ca")[standard_page("answer-within-4-hours")]
    charts = svgs(page)
    assert [chart.get("class") for chart in charts] == ["as-pchart", "as-histogram"]
    assert '!!! success "✓ En control"' in page


def test_a_measured_standards_page_links_its_compliance_page_in_staff_portals_only(kb) -> None:
    staff, public = pages_of(kb, "staff", "en"), pages_of(kb, "public", "en")
    for standard in kb.of_type("standard"):
        page = f"standards/{standard.id}.md"
        link = f"(../{standard_page(standard.id)})"
        assert (link in staff[page]) == (standard.id in MEASURED), standard.id
        if page in public:
            assert "compliance/" not in public[page]


def test_the_public_portal_has_no_compliance_page(kb) -> None:
    for lang in ("ca", "es", "en"):
        renderer = PortalView(kb, "public", lang)
        pages = pages_of(kb, "public", lang)
        assert not [path for path in pages if path.startswith("compliance")]
        assert not [path for path in renderer.page_paths() if path.startswith("compliance")]
        assert "compliance.md" not in str(renderer.navigation())
        assert "compliance.md" not in pages["index.md"]


def test_no_compliance_block_no_pages(new_project: Path) -> None:
    kb = load_project(new_project).kb
    renderer = PortalView(kb, "staff", "en")
    assert not [page for page in renderer.render_all() if page.path.startswith("compliance")]
    assert "compliance.md" not in str(renderer.navigation())


@pytest.mark.slow
def test_the_real_build_and_report_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["build", "--project", str(REPO), "--out", str(site), "--no-pdf", "--lang", "en"]) == 0
    summary = (site / "staff/en/compliance.html").read_text(encoding="utf-8")
    assert "Out of control" in summary and "compliance/complaint-answer-24-hours.html" in summary
    page = (site / "staff/en/compliance/complaint-answer-24-hours.html").read_text(encoding="utf-8")
    assert '<svg class="as-pchart"' in page and 'class="as-ooc"' in page
    assert not (site / "public/en/compliance.html").exists() and not (site / "public/en/compliance").exists()
    public_index = " ".join(f"{page.get('url')} {page.get('content')}" for page in indexed_pages(site / "public/en"))
    assert public_index and "p-chart" not in public_index and "compliance.html" not in public_index

    staff_only = tmp_path / "report-site"
    assert main(["report", "--project", str(REPO), "--out", str(staff_only), "--no-pdf"]) == 1  # the flag stays
    for lang in ("ca", "es", "en"):
        assert (staff_only / f"staff/{lang}/compliance/complaint-answer-24-hours.html").is_file()
    assert not (staff_only / "public").exists()
