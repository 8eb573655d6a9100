"""The seed report through the browser: enter, submit, return, fix, resubmit, accept, complete.

Drives Debian's Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.testing import totp_for
from rounds.sheet import Sheet, build_sheet
from rounds.testing import SEED_FIGURES, open_seed_round
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
    officer.click("summary:has-text('II. Đánh giá chung')")  # a folded part of the outline
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


@pytest.fixture
def two_officers(seed_sheet, cast) -> Sheet:
    from accounts.testing import make_user

    make_user("bdt2", "officer", cast.bdt)
    return seed_sheet


def test_two_pages_saving_the_same_report_choose_field_by_field(
    live_server, two_officers, browser, tmp_path
):
    """The second save shows the other person's values beside the typed ones; the officer
    takes the stored leaflets and keeps their own narrative, and nothing typed is lost."""
    sheet = two_officers
    url = f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/"
    field = {code: f"[name=v_{sheet.find(code).field_suffix}]" for code in SEED_FIGURES}
    first = login_in_browser(browser, live_server, "bdt")
    second = login_in_browser(browser, live_server, "bdt2")
    second.set_viewport_size({"width": 1366, "height": 900})
    for page in (first, second):
        page.goto(url)

    first.fill(field["leaflets"], "43.000")
    first.fill(field["trainings"], "5")
    first.click("summary:has-text('II. Đánh giá chung')")  # a folded part of the outline
    first.get_by_label("1. Ưu điểm").fill("Tuyên truyền được đổi mới.")
    first.click("#save")
    first.wait_for_selector("text=Đã lưu bản nháp.")

    second.fill(field["leaflets"], "45.000")
    second.fill(field["media_news"], "12")
    second.click("summary:has-text('II. Đánh giá chung')")  # a folded part of the outline
    second.get_by_label("1. Ưu điểm").fill("Phối hợp chặt chẽ với các huyện.")
    second.click("#save")
    second.wait_for_selector("#problem")
    assert "vừa được người khác lưu" in second.inner_text("#problem")
    leaflets_name = field["leaflets"][6:-1]
    conflict = second.locator(f"#conflict-{leaflets_name}")
    assert "43.000" in conflict.locator(".stored-value").inner_text()
    assert "Tuyên truyền được đổi mới." in second.inner_text(".stored-text")
    # What was typed stays; what only the other person changed is on the page.
    assert second.input_value(field["leaflets"]) == "45.000"
    assert second.input_value(field["media_news"]) == "12"
    assert second.get_by_label("1. Ưu điểm").input_value() == "Phối hợp chặt chẽ với các huyện."
    assert second.input_value(field["trainings"]) == "5"
    second.screenshot(path=tmp_path / "conflict-1366.png", full_page=True)

    conflict.get_by_label("Lấy số đã lưu").check()
    second.get_by_label("Giữ nội dung của tôi").check()
    second.click("#save")
    second.wait_for_selector("text=Đã lưu bản nháp.")
    assert second.input_value(field["leaflets"]) == "43.000"
    assert second.input_value(field["media_news"]) == "12"
    assert second.input_value(field["trainings"]) == "5"
    assert second.get_by_label("1. Ưu điểm").input_value() == "Phối hợp chặt chẽ với các huyện."

    first.reload()
    assert first.input_value(field["media_news"]) == "12"
    assert first.get_by_label("1. Ưu điểm").input_value() == "Phối hợp chặt chẽ với các huyện."


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
