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
    from catalogue.models import Indicator
    from imports.testing import text_to_docx
    from rounds.testing import open_seed_round

    from .test_upload import read_upload

    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    report = round_.reports.get(agency=cast.bdt)
    document = read_upload(report, cast.officer, "bao-cao.docx", text_to_docx(seed[0]))
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


@pytest.fixture
def reading_pages(cast, bdt_report) -> dict:
    """A photo read by OCR, a corrupt file that could not be read and an upload still queued,
    for the BDT officer. Loaded before Playwright's event loop starts."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports import actions

    from .test_upload import read_upload
    from .test_upload_ocr import make_scanned

    round_ = bdt_report.round
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    scanned = make_scanned(bdt_report, cast.officer)
    low = next(i for i, f in enumerate(scanned.figures) if f["ocr_confidence"] < 80)
    failed = read_upload(bdt_report, cast.officer, "hong.docx", b"PK\x03\x04 not a zip")
    queued = actions.queue_import(
        bdt_report, cast.officer, SimpleUploadedFile("cho.txt", b"Phat hanh 12 to roi.")
    )
    return {
        "scanned": f"/nhap-bao-cao/van-ban/{scanned.pk}/",
        "low_row": f"#row-{low}",
        "failed": f"/nhap-bao-cao/van-ban/{failed.pk}/",
        "queued": f"/nhap-bao-cao/van-ban/{queued.pk}/",
    }


# The contrast of an element's text on its own background (WCAG's formula).
CONTRAST = """(el) => {
  const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let node = el, background = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const [a, b] = [lum(getComputedStyle(el).color), lum(background)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_scans_read_by_ocr_and_their_progress_fit_390(
    live_server, reading_pages, browser, tmp_path
):
    page = login_in_browser(browser, live_server, "bdt")
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + reading_pages["scanned"])
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "Văn bản được đọc bằng nhận dạng ký tự (OCR)" in page.inner_text("#ocr-banner")
    low = page.locator(reading_pages["low_row"])
    assert "OCR độ tin cậy 62%" in low.inner_text()
    assert "Độ tin cậy thấp: đối chiếu số này với bản quét." in low.inner_text()
    for selector in (".ocr-badge", ".ocr-check", "#ocr-banner p"):
        for element in page.locator(selector).all():
            assert element.evaluate(CONTRAST) >= 4.5, selector
    page.screenshot(path=tmp_path / "ocr-review-390.png", full_page=True)

    page.goto(live_server.url + reading_pages["queued"])
    assert "Đang chờ đọc tệp…" in page.inner_text("#job-status")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=tmp_path / "reading-queued-390.png", full_page=True)

    page.goto(live_server.url + reading_pages["failed"])
    assert "bị hỏng" in page.inner_text("#job-status [role=alert]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=tmp_path / "reading-failed-390.png", full_page=True)
    page.get_by_role("button", name="Thử lại").click()
    page.wait_for_load_state()
    assert "Đang chờ đọc tệp…" in page.inner_text("#job-status")
