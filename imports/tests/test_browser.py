"""The seed report as a .docx through the browser: upload, follow its reading, map a figure,
confirm, see the values.

Drives Debian's Chromium through Playwright; never downloads a browser. The upload is read by
django-tasks-db's worker in a thread beside the live server, while the page polls.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from imports.testing import text_to_docx
from tonghop.testing import BROWSER_TEST, login_in_browser, run_tasks_beside_live_server

pytestmark = BROWSER_TEST

EXTRA = "phát hành 43.000 tờ rơi. Tổng cộng có 1.200 đại biểu dự."
TRAININGS = "Lớp, hội nghị tập huấn"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def seed_upload(cast, seed) -> tuple[int, dict]:
    """The BDT report's id and the seed as a .docx with one figure no indicator names.

    Loaded before Playwright's event loop starts: the test body stays clear of the ORM, whose
    connection opened inside Playwright's greenlet nobody would close.
    """
    from rounds.testing import open_seed_round

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    text = seed[0].replace("phát hành 43.000 tờ rơi.", EXTRA)
    assert EXTRA in text
    docx = {"name": "bao-cao-bdt-2023.docx", "mimeType": DOCX_TYPE, "buffer": text_to_docx(text)}
    return round_.reports.get(agency=cast.bdt).pk, docx


def _row(page, figure: str):
    """The review row of the figure written `figure` (each row quotes its whole sentence)."""
    return page.locator("tr", has=page.locator(".passage mark", has_text=figure))


def _upload(page, live_server, report_pk: int, docx: dict) -> None:
    """Upload on the page, land on the document's progress, wait until it turns into the review."""
    page.goto(f"{live_server.url}/nhap-bao-cao/bao-cao/{report_pk}/")
    page.set_input_files("#id_file", files=[docx])
    page.click("#upload-submit")
    page.wait_for_url("**/nhap-bao-cao/van-ban/**")
    assert page.locator("#job-status").get_attribute("data-status") == "queued"
    run_tasks_beside_live_server()
    page.locator("#figures-table").wait_for()  # htmx's next poll brings the review


def test_officer_uploads_the_seed_maps_a_figure_and_sees_the_values_in_the_report(
    live_server,
    seed_upload,
    browser,
):
    report_pk, docx = seed_upload
    page = login_in_browser(browser, live_server, "bdt")
    csp_problems = []
    page.on(
        "console",
        lambda m: csp_problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    _upload(page, live_server, report_pk, docx)
    assert page.locator("#source-text mark").count() == 12
    assert page.locator("#fig-0").inner_text() == "02 hội thi"

    row = _row(page, "1.200 đại biểu")
    assert "Chưa nhận ra chỉ tiêu" in row.inner_text()
    row.locator("select[name^=cell_]").select_option(
        label="Lượt người dự hội nghị, buổi tuyên truyền (lượt người)"
    )
    row.locator("input[type=checkbox]").check()
    page.click("#confirm")
    page.wait_for_url(f"**/bao-cao/{report_pk}/")
    assert "Đã đưa 10 số liệu" in page.locator(".message").inner_text()
    values = page.locator("#values").inner_text()
    for shown in ("43.000", "1.200", "trên 540", "hơn 500"):  # the words the document wrote
        assert shown in values

    # The mapping is remembered: the same document maps the figure by itself next time.
    _upload(page, live_server, report_pk, docx)
    again = _row(page, "1.200 đại biểu").inner_text()
    assert "Đề xuất: Lượt người dự hội nghị, buổi tuyên truyền (lượt người)" in again
    assert not csp_problems, csp_problems


@pytest.fixture
def corrected_after_return(cast, seed) -> tuple[int, dict]:
    """The seed imported and submitted, returned, its trainings corrected 5 -> 4 by hand; and
    the agency's Word report again, its leaflets now 45.000. Loaded before Playwright starts."""

    from imports import actions as imports
    from imports.forms import ConfirmForm
    from rounds import actions
    from rounds.sheet import build_sheet
    from rounds.testing import open_seed_round

    from .test_upload import default_post, read_upload

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    report = round_.reports.get(agency=cast.bdt)
    first = read_upload(report, cast.officer, "bao-cao.docx", text_to_docx(seed[0]))
    form = ConfirmForm(first, build_sheet(report), data=default_post(first))
    assert form.is_valid(), form.errors
    report = imports.confirm_import(first, cast.officer, form.entries, version=report.version)
    report = actions.submit_report(report, cast.officer, version=report.version)
    report = actions.return_report(report, cast.coordinator, comment="Tập huấn là 4 lớp.")
    trainings = build_sheet(report).find("trainings").key
    draft = actions.Draft(values={trainings: actions.CellInput(Decimal(4))})
    actions.save_draft(report, cast.officer, draft, version=report.version)
    text = seed[0].replace("phát hành 43.000 tờ rơi", "phát hành 45.000 tờ rơi")
    docx = {"name": "bao-cao-sua.docx", "mimeType": DOCX_TYPE, "buffer": text_to_docx(text)}
    return report.pk, docx


def test_an_import_after_a_return_correction_keeps_it_unless_ticked(
    live_server, corrected_after_return, browser, tmp_path
):
    report_pk, docx = corrected_after_return
    page = login_in_browser(browser, live_server, "bdt")
    page.set_viewport_size({"width": 1366, "height": 900})
    _upload(page, live_server, report_pk, docx)
    trainings = _row(page, "4 hội nghị")
    assert "Đã sửa sau khi trả lại ngày" in trainings.inner_text()
    assert "giữ nguyên trừ khi chọn" in trainings.inner_text()
    assert not trainings.locator("input[type=checkbox]").is_checked()
    leaflets = _row(page, "45.000 tờ rơi")
    assert leaflets.locator("input[type=checkbox]").is_checked()
    assert "Trong báo cáo: 43.000" in leaflets.locator(".current").inner_text()
    summary = page.locator("#change-summary")
    assert summary.inner_text() == "Sẽ thay đổi 1 số liệu, giữ nguyên 1 số liệu đã sửa."
    page.screenshot(path=tmp_path / "import-review-1366.png", full_page=True)

    # Ticking the correction's row counts it as a change; unticking it keeps it again.
    trainings.locator("input[type=checkbox]").check()
    assert summary.inner_text() == "Sẽ thay đổi 2 số liệu."
    trainings.locator("input[type=checkbox]").uncheck()
    assert summary.inner_text() == "Sẽ thay đổi 1 số liệu, giữ nguyên 1 số liệu đã sửa."

    page.click("#confirm")
    page.wait_for_url(f"**/bao-cao/{report_pk}/")
    assert "Đã thay đổi 1 số liệu, giữ nguyên 1 số liệu đã sửa" in page.inner_text(".message")
    values = page.locator("#values")
    assert "45.000" in values.inner_text()
    trainings_row = values.locator("tr", has_text=TRAININGS).first
    assert trainings_row.locator("td").first.inner_text() == "4"
    history = page.inner_text("#history")
    assert "số liệu đã sửa được giữ nguyên" in history
    assert "Nhập từ văn bản bao-cao-sua.docx" in history
