"""The staff document register: every document by next review date, with owner and status."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import PortalView

from generator.i18n.formats import long_date
from generator.load.project import load_project

PROC = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"


def set_review(root: Path, rel: str, next_review: dt.date, approved: dt.date) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  approved: )\S+", rf"\g<1>{approved.isoformat()}", text, count=1)
    text = re.sub(r"(?m)^(  next_review: )\S+", rf"\g<1>{next_review.isoformat()}", text, count=1)
    path.write_text(text, encoding="utf-8")


def register(root: Path, lang: str = "en") -> str:
    return PortalView(load_project(root).kb, "staff", lang).render("documents.md").markdown


def test_register_orders_by_review_date_and_flags_overdue_and_due_soon(new_project: Path) -> None:
    today = dt.date.today()
    set_review(new_project, PROC, today - dt.timedelta(days=3), today - dt.timedelta(days=400))
    set_review(new_project, FORM, today + dt.timedelta(days=5), today - dt.timedelta(days=100))
    page = register(new_project)
    rows = re.findall(r'<tr class="as-status-(\w+)"><td data-sort="([\d-]+)"><time datetime="\2">([^<]+)</time></td>'
                      r'<td data-sort="\d">([^<]+)</td><th scope="row"><a href="([^"]+)"', page)  # status sorts by urgency
    assert len(rows) == len(load_project(new_project).kb.items)
    assert [row[1] for row in rows] == sorted(row[1] for row in rows)
    overdue = today - dt.timedelta(days=3)
    assert rows[0] == ("overdue", overdue.isoformat(), long_date(overdue, "en"), "review overdue",
                       "procedures/warranty-repair.html")
    assert rows[1][0] == "due_soon" and rows[1][4] == "forms/repair-call-log.html"
    assert {row[0] for row in rows[2:]} == {"current"}
    assert "review overdue: 1" in page and "review due soon: 1" in page
    assert f'Status as of <time datetime="{today.isoformat()}">{long_date(today, "en")}</time>' in page


def test_dates_are_written_as_each_language_writes_them(new_project: Path) -> None:
    set_review(new_project, PROC, dt.date(2026, 10, 20), dt.date(2027, 10, 20))
    expected = {"ca": "20 d’octubre del 2027", "es": "20 de octubre de 2027", "en": "October 20, 2027"}
    for lang, words in expected.items():
        assert f'<time datetime="2027-10-20">{words}</time>' in register(new_project, lang)


def test_register_links_the_owner_role_and_is_staff_only(new_project: Path) -> None:
    page = register(new_project, "ca")
    assert '<a href="roles/head-of-after-sales.html">' in page
    kb = load_project(new_project).kb
    staff = PortalView(kb, "staff", "ca")
    assert "documents.md" in {page.path for page in staff.render_all()}
    assert {"Registre de documents": "documents.md"} in staff.navigation()
    public = PortalView(kb, "public", "ca")
    assert "documents.md" not in {page.path for page in public.render_all()}


def test_register_shows_items_needing_change_review(new_project: Path) -> None:
    from generator.cli import main

    assert "Change review" not in register(new_project)  # no review.lock.json: change review not in use
    assert main(["review", "--all", "--project", str(new_project)]) == 0
    page = register(new_project)
    assert "needs review: 0" in page and "needs review</strong>" not in page
    standard = new_project / "content/standards/answer-within-4-hours.yml"
    text = standard.read_text(encoding="utf-8")
    standard.write_text(text.replace("value: 4", "value: 2", 1), encoding="utf-8")
    page = register(new_project)
    row = next(line for line in page.splitlines() if 'href="procedures/warranty-repair.html"' in line)
    assert "<strong>needs review</strong>: " in row
    assert "needs review: 2" in page  # the procedure and the training module citing the standard
