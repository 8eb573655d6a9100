"""The seed report through the browser: enter, submit, return, fix, resubmit, accept, complete.

Drives Debian's Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.testing import totp_for
from rounds.sheet import Sheet, build_sheet
from rounds.tests.conftest import SEED_FIGURES, open_seed_round
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST


@pytest.fixture
def coordinator_otp(cast):
    return totp_for(cast.coordinator)


@pytest.fixture
def seed_sheet(cast) -> Sheet:
    """The round and the BDT sheet, loaded before Playwright's event loop starts.

    The ORM is kept out of the test body: Playwright runs it in a greenlet whose context would
    open a database connection of its own that nobody closes.
    """
    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    return build_sheet(round_.reports.select_related("round", "agency__unit").get(agency=cast.bdt))


def test_seed_report_round_trip(live_server, seed_sheet, browser, coordinator_otp):
    sheet = seed_sheet
    report, round_ = sheet.report, sheet.report.round
    figures = {**SEED_FIGURES, "trainings": (4, "exact")}

    officer = login_in_browser(browser, live_server, "bdt")
    officer.goto(f"{live_server.url}/dot-bao-cao/")
    officer.click("text=Nhập báo cáo")
    for code, (value, qualifier) in figures.items():
        suffix = sheet.find(code).field_suffix
        officer.fill(f"[name=v_{suffix}]", f"{value:,}".replace(",", "."))
        officer.select_option(f"[name=q_{suffix}]", qualifier)
    officer.get_by_label("1. Ưu điểm").fill("Công tác tuyên truyền được quan tâm, đổi mới.")
    officer.click("#save")
    officer.wait_for_selector("text=Đã lưu bản nháp.")
    assert officer.input_value(f"[name=v_{sheet.find('leaflets').field_suffix}]") == "43.000"
    officer.click("#submit")
    officer.wait_for_selector("text=Đã nộp báo cáo tới cơ quan thường trực.")

    coordinator = login_in_browser(browser, live_server, "dieuphoi", otp=coordinator_otp)
    coordinator.goto(f"{live_server.url}/dot-bao-cao/{round_.pk}/")
    coordinator.click("#completeness >> text=Ban Dân tộc")
    assert coordinator.inner_text("#values").count("trên 500") == 1
    coordinator.fill("#return-comment", "Bổ sung 01 hội nghị tập huấn tại thành phố Bắc Giang.")
    coordinator.click("#return")
    coordinator.wait_for_selector("text=Đã trả lại báo cáo")

    officer.goto(f"{live_server.url}/bao-cao/{report.pk}/soan/")
    assert "thành phố Bắc Giang" in officer.inner_text("#review-comment")
    officer.fill(f"[name=v_{sheet.find('trainings').field_suffix}]", "5")
    officer.click("#submit")
    officer.wait_for_selector("text=Đã nộp báo cáo tới cơ quan thường trực.")

    coordinator.reload()
    assert "Đã nộp" in coordinator.inner_text("#report-status")
    history = coordinator.inner_text("#history")
    assert "Lớp, hội nghị tập huấn" in history and "Trả lại" in history
    coordinator.click("#accept")
    coordinator.wait_for_selector("text=Đã tiếp nhận báo cáo.")

    coordinator.goto(f"{live_server.url}/dot-bao-cao/{round_.pk}/")
    row = coordinator.inner_text("#completeness tr:has-text('Ban Dân tộc')")
    assert "Đã tiếp nhận" in row and "Đúng hạn" in row
    assert "1/2" in coordinator.inner_text("#summary")


def test_a_figure_that_reads_two_ways_gets_both_readings_on_the_entry_form(
    live_server, seed_sheet, browser
):
    sheet = seed_sheet
    leaflets = f"[name=v_{sheet.find('leaflets').field_suffix}]"
    officer = login_in_browser(browser, live_server, "bdt")
    officer.goto(f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/")
    officer.fill(leaflets, "43,000")
    officer.click("#save")
    officer.wait_for_selector(
        "text=«43,000» có thể hiểu là 43 hoặc 43.000. Nếu là bốn mươi ba nghìn, hãy gõ 43.000; "
        "nếu là 43, hãy gõ 43."
    )
    assert officer.input_value(leaflets) == "43,000"  # kept for the officer to correct
    officer.fill(leaflets, "43.000")
    officer.click("#save")
    officer.wait_for_selector("text=Đã lưu bản nháp.")
    assert officer.input_value(leaflets) == "43.000"
