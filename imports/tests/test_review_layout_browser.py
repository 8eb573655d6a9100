"""The import review fits the screen: nothing of the figures table beyond a 1366 px viewport,
indicators picked and proposed by their Vietnamese names, and one card per figure at 390 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST

# Every element of the review table whose right edge lies beyond the viewport (or left of it).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const table = document.getElementById('figures-table');
  return [table, ...table.querySelectorAll('*')]
    .filter((el) => el.getClientRects().length)
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.right > width + 0.5 || box.left < -0.5)
    .map(([el, box]) => `${el.tagName}.${el.className} ${box.left}-${box.right}`);
}"""


@pytest.fixture
def seed_review(cast, seed) -> dict:
    """The seed report imported for the BDT officer: the review's address and the figures'
    proposed indicator names. Loaded before Playwright's event loop starts."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalogue.models import Indicator
    from imports import actions
    from imports.testing import text_to_docx
    from rounds.testing import open_seed_round

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    report = round_.reports.get(agency=cast.bdt)
    document = actions.import_document(
        report, cast.officer, SimpleUploadedFile("bao-cao.docx", text_to_docx(seed[0]))
    )
    contests = Indicator.objects.get(code="contests")
    return {
        "path": f"/nhap-bao-cao/van-ban/{document.pk}/",
        "contests": f"{contests.name} ({contests.unit})",
        "codes": {f["indicator"] for f in document.figures if f["indicator"]},
        "figures": len(document.figures),
    }


def test_review_fits_1366_and_names_indicators_in_vietnamese(
    live_server, seed_review, browser, tmp_path
):
    page = login_in_browser(browser, live_server, "bdt")
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + seed_review["path"])

    assert page.locator("#figures-table tbody tr").count() == seed_review["figures"]
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    # The first figure, "02 hội thi", is proposed for the contests by name, and the select shows it.
    row = page.locator("#row-0")
    select = row.locator("select[name^=cell_]")
    shown = select.evaluate("s => s.options[s.selectedIndex].text")
    assert shown == seed_review["contests"] == "Hội thi tìm hiểu pháp luật (hội thi)"
    assert f"Đề xuất: {seed_review['contests']}" in row.inner_text()
    assert "02 hội thi" in row.locator(".passage mark").inner_text()
    qualifier = row.locator("select[name^=qualifier_]")
    assert qualifier.evaluate("s => s.options[s.selectedIndex].text") == "chính xác"
    words = qualifier.evaluate("s => [...s.options].map(o => o.text)")
    assert {"chính xác", "khoảng", "trên"} <= set(words)
    text = page.locator("#figures-table").inner_text()
    assert not any(code in text for code in seed_review["codes"]), seed_review["codes"]
    page.screenshot(path=tmp_path / "review-1366.png", full_page=True)


def test_review_stacks_at_390(live_server, seed_review, browser, tmp_path):
    page = login_in_browser(browser, live_server, "bdt")
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + seed_review["path"])

    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator("#row-0").bounding_box()
    value = page.locator("#row-0 td.value").bounding_box()
    indicator = page.locator("#row-0 td.indicator").bounding_box()
    assert row and value and indicator
    assert value["y"] < indicator["y"]  # stacked, not side by side
    assert indicator["width"] > 300
    page.screenshot(path=tmp_path / "review-390.png", full_page=True)
