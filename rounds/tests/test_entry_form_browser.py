"""The entry form by the report's outline in Debian's Chromium, on a phone and on a desktop:
parts that open and close, progress that follows the typing, a figure checked before it is saved,
a save bar that stays in view, nothing wider than the screen.

Screenshots go to TONGHOP_SCREENSHOTS (a temporary folder by default) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rounds.sheet import Sheet, build_sheet
from rounds.testing import open_full_round
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
WAIT = 30_000  # the machine is shared; generous waits, never shorter steps


@pytest.fixture
def sheet(cast) -> Sheet:
    """BDT's sheet of a round asking for every indicator, loaded before Playwright starts."""
    round_ = open_full_round(cast)
    return build_sheet(round_.reports.select_related("round", "agency__unit").get(agency=cast.bdt))


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_the_sectioned_form_on_a_phone_and_a_desktop(live_server, sheet, browser, screen, tmp_path):
    shots = Path(os.environ.get("TONGHOP_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    field = {
        code: f"[name=v_{sheet.find(code).field_suffix}]"
        for code in ("trainings", "contests", "leaflets", "violations_found")
    }
    total = len(sheet.cells)
    page = login_in_browser(browser, live_server, "bdt")
    page.set_default_timeout(WAIT)
    page.set_viewport_size(VIEWPORTS[screen])
    page.goto(f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/")
    page.screenshot(path=shots / f"entry-{screen}-top.png")

    # The outline's four parts; the first open, the others folded.
    parts = page.locator("#entry-parts > details.entry-part")
    assert parts.count() == 4
    assert parts.nth(0).get_attribute("open") is not None
    second = parts.nth(1)
    strengths = page.get_by_label("1. Ưu điểm")
    assert not strengths.is_visible()
    second.locator("summary").click()
    strengths.wait_for(state="visible")
    second.locator("summary").click()
    strengths.wait_for(state="hidden")
    assert page.is_visible("#import-document")  # the Word/PDF import above the form

    # Progress follows the typing, overall and in the part.
    progress = page.locator(".entry-progress label")
    assert progress.inner_text() == f"0/{total} chỉ tiêu đã nhập"
    first_count = parts.nth(0).locator("[data-count]")
    first_total = first_count.inner_text().split("/")[1]
    page.fill(field["trainings"], "5")
    page.fill(field["leaflets"], "43.000")
    assert progress.inner_text() == f"2/{total} chỉ tiêu đã nhập"
    assert first_count.inner_text() == f"2/{first_total}"
    page.get_by_label("Nội dung: 2. Công tác tuyên truyền").fill("Đã tổ chức tập huấn.")
    assert first_count.inner_text() == f"3/{first_total}"
    assert progress.inner_text() == f"2/{total} chỉ tiêu đã nhập"  # a text is not a figure

    # A bad figure is named beside it before anything is saved.
    page.fill(field["contests"], "2,5")
    check = page.locator(f"#check-{field['contests'][6:-1]}")
    check.wait_for(state="visible")
    assert "là số đếm nên phải là số nguyên" in check.inner_text()
    assert page.get_attribute(field["contests"], "aria-invalid") == "true"
    page.fill(field["contests"], "2")
    check.wait_for(state="hidden")

    # Halfway down a long form the save bar is still at the bottom of the screen.
    for index in range(1, 4):
        parts.nth(index).locator("summary").click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    bar = page.locator("#save-bar").bounding_box()
    height = VIEWPORTS[screen]["height"]
    assert bar is not None and abs(bar["y"] + bar["height"] - height) <= 1
    assert page.is_visible("#save") and page.is_visible("#submit")
    assert _overflow(page) <= 0
    page.screenshot(path=shots / f"entry-{screen}-middle.png")
    page.screenshot(path=shots / f"entry-{screen}-full.png", full_page=True)

    page.click("#save")
    page.wait_for_selector("text=Đã lưu bản nháp.")
    assert progress.inner_text() == f"3/{total} chỉ tiêu đã nhập"
    # The parts the officer had open are open again after the save.
    assert page.locator("#entry-parts > details.entry-part[open]").count() == 4
    assert _overflow(page) <= 0
    page.context.close()
