"""The seed report as a .docx through the browser: upload, map a figure, confirm, see the values.

Drives Debian's Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tonghop.testing import BROWSER_TEST, login_in_browser

from .builders import text_to_docx

pytestmark = BROWSER_TEST

EXTRA = "phát hành 43.000 tờ rơi. Tổng cộng có 1.200 đại biểu dự."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def seed_upload(cast, seed) -> tuple[int, dict]:
    """The BDT report's id and the seed as a .docx with one figure no indicator names.

    Loaded before Playwright's event loop starts: the test body stays clear of the ORM, whose
    connection opened inside Playwright's greenlet nobody would close.
    """
    from rounds.tests.conftest import open_seed_round

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    text = seed[0].replace("phát hành 43.000 tờ rơi.", EXTRA)
    assert EXTRA in text
    docx = {"name": "bao-cao-bdt-2023.docx", "mimeType": DOCX_TYPE, "buffer": text_to_docx(text)}
    return round_.reports.get(agency=cast.bdt).pk, docx


def _upload(page, live_server, report_pk: int, docx: dict) -> None:
    page.goto(f"{live_server.url}/nhap-bao-cao/bao-cao/{report_pk}/")
    page.set_input_files("#id_file", files=[docx])
    page.click("#upload-submit")
    page.wait_for_url("**/nhap-bao-cao/van-ban/**")


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

    row = page.locator("tr", has_text="1.200 đại biểu")
    assert "Chưa nhận ra chỉ tiêu" in row.inner_text()
    row.locator("select[name^=cell_]").select_option(
        label="Lượt người dự hội nghị, buổi tuyên truyền"
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
    again = page.locator("tr", has_text="1.200 đại biểu").inner_text()
    assert "Đề xuất: propaganda_attendance" in again
    assert not csp_problems, csp_problems
