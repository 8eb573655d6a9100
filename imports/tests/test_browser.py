"""The seed report as a .docx through the browser: upload, map a figure, confirm, see the values.

Drives Debian's Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from catalogue.models import IndicatorSynonym
from datavalues.models import DataValue
from rounds.tests.test_browser import CHROMIUM, _login, browser  # noqa: F401 (fixture)

from .builders import text_to_docx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]

EXTRA = "phát hành 43.000 tờ rơi. Tổng cộng có 1.200 đại biểu dự."


def test_officer_uploads_the_seed_maps_a_figure_and_sees_the_values_in_the_report(
    browser,  # noqa: F811
    live_server,
    fast_passwords,
    cast,
    seed,
    settings,
):
    from rounds.tests.conftest import open_seed_round

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    report = round_.reports.get(agency=cast.bdt)
    text = seed[0].replace("phát hành 43.000 tờ rơi.", EXTRA)
    assert EXTRA in text

    page = _login(browser, live_server, "bdt")
    csp_problems = []
    page.on(
        "console",
        lambda m: csp_problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/nhap-bao-cao/bao-cao/{report.pk}/")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "bao-cao-bdt-2023.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                "buffer": text_to_docx(text),
            }
        ],
    )
    page.click("#upload-submit")
    page.wait_for_url("**/nhap-bao-cao/van-ban/**")
    assert page.locator("#source-text mark").count() == 12
    assert page.locator("#fig-0").inner_text() == "02 hội thi"

    row = page.locator("tr", has_text="1.200 đại biểu")
    assert "Chưa nhận ra chỉ tiêu" in row.inner_text()
    row.locator("select[name^=cell_]").select_option(
        label="Lượt người dự hội nghị, buổi tuyên truyền"
    )
    row.locator("input[type=checkbox]").check()
    page.click("#confirm")
    page.wait_for_url(f"**/bao-cao/{report.pk}/")
    assert "Đã đưa 10 số liệu" in page.locator(".message").inner_text()
    values = page.locator("#values").inner_text()
    for shown in ("43.000", "1.200", "trên 540", "trên 500"):
        assert shown in values
    assert not csp_problems, csp_problems

    attendance = DataValue.objects.get(indicator__code="propaganda_attendance", agency=cast.bdt)
    assert attendance.value == 1200 and attendance.source == "imported"
    assert attendance.source_quote == "1.200 đại biểu"
    assert DataValue.objects.get(indicator__code="trainings", agency=cast.bdt).value == 5
    assert IndicatorSynonym.objects.filter(
        indicator__code="propaganda_attendance", phrase="đại biểu dự"
    ).exists()
