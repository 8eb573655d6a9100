"""The pivot in Chromium: opens on the latest round, indicators found by typing and ticked, the
view saved under a name and its link opened by another reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.testing import totp_for
from datavalues.models import Qualifier
from rounds.models import ReportStatus
from rounds.testing import make_report, make_round, make_value
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WAIT = 30_000  # generous: the machine is shared


@pytest.fixture
def filled(cast):
    """The 2023 round: the BDT accepted; the police's report accepted too (the viewer reads it)."""
    round_ = make_round(cast, 2023, ["propaganda_attendance", "propaganda_sessions"])
    bdt = make_report(round_, cast.bdt)
    police = make_report(round_, cast.police, ReportStatus.ACCEPTED)
    period = round_.period
    make_value(
        "propaganda_attendance", cast.bdt, 43000, period=period, report=bdt,
        qualifier=Qualifier.MORE_THAN,
    )  # fmt: skip
    make_value("propaganda_attendance", cast.police, 1200, period=period, report=police)
    make_value("propaganda_sessions", cast.bdt, 120, period=period, report=bdt)
    make_value("trainings", cast.bdt, 7, period=period, report=bdt)
    return cast


def test_search_tick_save_and_open_the_link(live_server, filled, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = login_in_browser(
        browser, live_server, filled.coordinator.username, totp_for(filled.coordinator)
    )
    page.set_default_timeout(WAIT)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/tong-hop/bang/")
    # The default: the round's indicators by agency, drawn one chart per unit.
    table = page.inner_text("table.figures-table")
    assert "trên 43.000" in table and "1.200" in table and "Ban Dân tộc" in table
    page.wait_for_selector("#pivot-2[data-ready='1']")
    page.screenshot(path=str(SCREENSHOTS / "pivot-default.png"), full_page=True)

    search = page.locator("input[data-filter='#indicator-list']")
    search.fill("tap huan")  # typed without accents
    visible = page.locator("#indicator-list label[data-filter-item]:visible")
    names = visible.all_inner_texts()
    assert names and all("tập huấn" in n.lower() for n in names)
    page.screenshot(path=str(SCREENSHOTS / "pivot-search.png"))
    page.get_by_label("Lớp, hội nghị tập huấn (lớp)", exact=False).first.check()
    search.fill("")
    page.click("#pivot-form button[type=submit]")
    page.wait_for_selector("#pivot-3[data-ready='1']")
    assert "Lớp, hội nghị tập huấn" in page.inner_text("table.figures-table")

    page.fill("#save-view input[name=name]", "Tuyên truyền và tập huấn 2023")
    page.click("#save-view button[type=submit]")
    page.wait_for_url(lambda url: "da-luu" in url)
    assert "Đã lưu bảng «Tuyên truyền và tập huấn 2023»" in page.inner_text("main")
    link = page.input_value("#saved-views .share-link")
    page.screenshot(path=str(SCREENSHOTS / "pivot-saved.png"), full_page=True)
    page.goto(link)
    coordinator_table = page.inner_text("table.figures-table")

    reader = login_in_browser(browser, live_server, filled.other_officer.username)
    reader.set_default_timeout(WAIT)
    reader.goto(link)
    reader.wait_for_selector("table.figures-table")
    shown = reader.inner_text("table.figures-table")
    reader.screenshot(path=str(SCREENSHOTS / "pivot-shared.png"), full_page=True)
    # Same rows and columns chosen; the police officer reads the police's figures only.
    assert "1.200" in shown and "43.000" not in shown and "Ban Dân tộc" not in shown
    assert "43.000" in coordinator_table
    checked = reader.locator("input[name=chi-tieu]:checked").count()
    assert checked == 3
