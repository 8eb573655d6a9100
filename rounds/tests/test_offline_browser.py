"""Entry without a connection (issue 20, docs/offline.md), in Debian's Chromium.

The whole story on one persistent browser profile: the officer opens the form online, the line
drops, the figures are typed and kept on the device, the browser is closed and started again,
the line comes back, the draft is sent through the ordinary save and meets a colleague's save,
the officer chooses field by field and submits. Then the page's weight on a slow 3G line.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from accounts.testing import PASSWORD, make_user
from audit.models import AuditRecord
from rounds.models import DataValue, Report, ReportStatus
from rounds.sheet import Sheet, build_sheet
from rounds.testing import open_seed_round
from tonghop.testing import BROWSER_TEST, CHROMIUM, CHROMIUM_ARGS, login_in_browser

pytestmark = BROWSER_TEST

# Chrome DevTools' "Slow 3G" profile: 2 s latency, 50 kB/s down and up.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def sheet(cast) -> Sheet:
    """The round and the BDT sheet, loaded before Playwright's event loop starts."""
    round_ = open_seed_round(cast)
    round_.deadline = timezone.now() + dt.timedelta(days=7)
    round_.save()
    make_user("bdt2", "officer", cast.bdt)
    return build_sheet(round_.reports.select_related("round", "agency__unit").get(agency=cast.bdt))


def _profile(browser, folder, **options):
    """The officer's own browser, its profile (service worker, IndexedDB) kept in folder."""
    context = browser.browser_type.launch_persistent_context(
        str(folder), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, locale="vi-VN", **options
    )
    context.set_default_timeout(15_000)
    return context


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    page.wait_for_url(lambda url: "dang-nhap" not in url)


def _controlled(page) -> None:
    """Wait for the service worker, then load the page again through it (so it is kept)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_a_report_filled_offline_survives_a_restart_and_syncs_through_the_comparison(
    live_server, sheet, browser, tmp_path
):
    url = f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/"
    field = {
        code: f"[name=v_{sheet.find(code).field_suffix}]"
        for code in (
            "leaflets",
            "trainings",
            "media_news",
            "propaganda_sessions",
            "propaganda_attendance",
        )
    }
    profile = tmp_path / "profile"

    officer = _profile(browser, profile, viewport=PHONE)
    page = officer.new_page()
    _log_in(page, live_server, "bdt")
    page.goto(url)
    _controlled(page)

    officer.set_offline(True)
    page.fill(field["leaflets"], "43,000")
    page.wait_for_selector("text=«43,000» có thể hiểu theo hai cách")
    page.fill(field["leaflets"], "43.000")
    page.fill(field["trainings"], "5")
    page.fill(field["propaganda_sessions"], "20")
    page.fill(field["propaganda_attendance"], "10")
    page.wait_for_selector("#offline-findings >> text=không thể ít hơn")
    page.fill(field["propaganda_attendance"], "540")
    page.click("summary:has-text('II. Đánh giá chung')")  # a folded part of the outline
    page.get_by_label("1. Ưu điểm").fill("Tuyên truyền được đổi mới.")
    page.wait_for_selector("#offline-status:has-text('Đang ngoại tuyến — đã lưu trên máy,')")
    assert page.is_disabled("#submit")
    assert "chưa gửi lên máy chủ" in page.inner_text("#submit-blocked")
    page.click("#save")  # offline, the save button keeps the draft on the device
    page.wait_for_selector("#offline-status:has-text('Đang ngoại tuyến — đã lưu trên máy,')")
    page.screenshot(path=tmp_path / "offline-phone.png", full_page=True)
    stored = page.evaluate(
        "idb.openDB('tonghop-offline').then(db => db.getAll('drafts'))"
        ".then(rows => rows.map(row => JSON.stringify(Object.keys(row))))"
    )
    assert len(stored) == 1 and "43.000" not in str(stored)  # only ciphertext on the device
    officer.close()  # the browser is closed; the session cookie goes with it

    officer = _profile(browser, profile, viewport=PHONE)
    officer.set_offline(True)
    page = officer.new_page()
    page.goto(url)  # from the service worker's copy
    page.wait_for_selector("#offline-status:has-text('chưa gửi lên máy chủ')")
    assert page.input_value(field["leaflets"]) == "43.000"
    assert page.input_value(field["trainings"]) == "5"
    assert page.get_by_label("1. Ưu điểm").input_value() == "Tuyên truyền được đổi mới."
    page.fill(field["media_news"], "12")
    page.wait_for_selector("#offline-status:has-text('Đang ngoại tuyến — đã lưu trên máy,')")

    # Meanwhile a colleague saves the same report online: the leaflets differently.
    colleague = login_in_browser(browser, live_server, "bdt2")
    colleague.goto(url)
    colleague.fill(field["leaflets"], "45.000")
    colleague.fill(field["trainings"], "5")
    colleague.click("#save")
    colleague.wait_for_selector("text=Đã lưu bản nháp.")

    officer.set_offline(False)  # back online, but the session ended with the browser
    page.wait_for_selector("#offline-status:has-text('Phiên đăng nhập đã hết')")
    _log_in(page, live_server, "bdt")
    page.goto(url)
    page.wait_for_selector("#problem")
    assert "người khác đã lưu" in page.inner_text("#offline-status")
    leaflets = page.locator(f"#conflict-{field['leaflets'][6:-1]}")
    assert "45.000" in leaflets.locator(".stored-value").inner_text()
    assert page.input_value(field["leaflets"]) == "43.000"
    assert page.input_value(field["media_news"]) == "12"
    assert page.is_disabled("#submit")
    page.screenshot(path=tmp_path / "conflict-phone.png", full_page=True)
    leaflets.get_by_label("Giữ số của tôi").check()
    page.click("#save")
    page.wait_for_selector("#offline-status:has-text('Đã gửi các thay đổi')")
    assert page.input_value(field["leaflets"]) == "43.000"
    assert page.is_enabled("#submit")
    page.click("#submit")
    page.wait_for_selector("text=Đã nộp báo cáo tới cơ quan thường trực.")
    assert page.evaluate("idb.openDB('tonghop-offline').then(db => db.count('drafts'))") == 0
    officer.close()

    report = Report.objects.get(pk=sheet.report.pk)
    assert report.status == ReportStatus.SUBMITTED
    totals = {
        code: DataValue.objects.get(
            report=report, indicator=sheet.find(code).indicator, place=sheet.find(code).place
        ).value
        for code in field
    }
    assert totals == {
        "leaflets": 43000,
        "trainings": 5,
        "media_news": 12,
        "propaganda_sessions": 20,
        "propaganda_attendance": 540,
    }
    assert DataValue.objects.filter(report=report).count() == len(field)
    # The audit trail: each value once per save that changed it. The officer's trainings equal
    # the colleague's (5), so the officer's save recorded the four others, once each.
    records = AuditRecord.objects.filter(scope=f"rounds.report:{report.pk}", action="value")
    by_officer = [r.object_id for r in records.filter(actor__username="bdt")]
    assert len(by_officer) == len(set(by_officer)) == len(field) - 1
    leaflets_value = DataValue.objects.get(report=report, indicator__code="leaflets")
    trail = records.filter(object_id=str(leaflets_value.pk)).order_by("pk")
    assert [(r.actor.username, r.new) for r in trail] == [("bdt2", "45.000"), ("bdt", "43.000")]


def test_logging_out_with_unsent_drafts_asks_first_and_then_clears_the_device(
    live_server, sheet, browser, tmp_path
):
    url = f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/"
    officer = _profile(browser, tmp_path / "profile")
    page = officer.new_page()
    _log_in(page, live_server, "bdt")
    page.goto(url)
    _controlled(page)
    officer.set_offline(True)
    page.fill(f"[name=v_{sheet.find('trainings').field_suffix}]", "5")
    page.wait_for_selector("#offline-status:has-text('đã lưu trên máy')")
    # The line comes back but drops again while the draft is being sent.
    officer.route("**/soan/", lambda route: route.abort())
    officer.set_offline(False)
    page.wait_for_selector("#offline-status:has-text('Chưa gửi được vì mất kết nối')")
    page.click("header >> text=Đăng xuất")
    page.wait_for_selector("#unsent-drafts:has-text('Ban Dân tộc')")
    assert page.inner_text("#logout-confirm") == "Vẫn đăng xuất và xóa số liệu chưa gửi"
    page.click("#logout-confirm")
    page.wait_for_url(lambda u: "dang-xuat" not in u)
    assert page.evaluate("idb.openDB('tonghop-offline').then(db => db.count('drafts'))") == 0
    assert page.evaluate("idb.openDB('tonghop-offline').then(db => db.count('keys'))") == 0
    assert not page.evaluate("caches.has('tonghop-pages')")
    officer.close()
    assert not DataValue.objects.filter(report=sheet.report).exists()


def _load(page, url) -> tuple[int, float]:
    """Bytes over the wire and seconds until the load event, for one navigation."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    cdp.on("Network.requestServedFromCache", lambda event: received.append(0))
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    elapsed = time.perf_counter() - started
    cdp.detach()
    return int(sum(received)), elapsed


def test_entry_page_weight_on_slow_3g(live_server, sheet, browser):
    url = f"{live_server.url}/bao-cao/{sheet.report.pk}/soan/"
    # The HTTP cache alone (no service worker): what every visit costs on such a line.
    context = browser.new_context(locale="vi-VN", service_workers="block")
    page = context.new_page()
    _log_in(page, live_server, "bdt")
    first_bytes, first_time = _load(page, url)
    repeat_bytes, repeat_time = _load(page, url)
    print(
        f"\nentry page on slow 3G: first load {first_bytes:,} B in {first_time:.1f} s; "
        f"repeat load {repeat_bytes:,} B in {repeat_time:.1f} s"
    )
    assert 0 < repeat_bytes < first_bytes
    context.close()
