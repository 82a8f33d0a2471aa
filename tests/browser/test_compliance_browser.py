"""The compliance pages in a real browser: accessible charts, no violation, nothing too wide for a phone."""

from __future__ import annotations

import pytest
from conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ["compliance.html", "compliance/complaint-answer-24-hours.html", "compliance/answer-within-4-hours.html",
         "compliance/technician-visit-2-days.html"]


def test_no_serious_or_critical_accessibility_violation(browser, site_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for lang in ("ca", "en"):
        for path in PAGES:
            page.goto(f"{site_url}/staff/{lang}/{path}")
            problems += serious_violations(page, f"staff/{lang}/{path}")
    context.close()
    assert not problems, "\n".join(problems)


def test_the_charts_are_named_images(browser, site_url, screenshots) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/staff/en/compliance/answer-within-4-hours.html")
    chart = page.get_by_role("img", name="p-chart: Questions answered within 4 hours")
    histogram = page.get_by_role("img", name="Histogram of the measured values: Questions answered within 4 hours")
    assert chart.is_visible() and histogram.is_visible()
    assert chart.bounding_box()["width"] > 500
    page.goto(f"{site_url}/staff/en/compliance/complaint-answer-24-hours.html")
    page.screenshot(path=screenshots / "compliance-out-of-control.png", full_page=True)
    context.close()


def test_phone_pages_do_not_scroll_sideways(browser, site_url, screenshots) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    for path in PAGES[:2]:
        page.goto(f"{site_url}/staff/ca/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=screenshots / "phone-compliance.png", full_page=True)
    context.close()
