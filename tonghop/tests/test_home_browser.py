"""Each role's home page in Chromium, at 1366 px and on a 390 px phone; the reminder clicked.

The screenshots land in pytest's temporary folder (home-<role>-<width>.png) to be looked at.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.testing import totp_for
from rounds import actions
from rounds.models import ReportStatus
from rounds.testing import (
    SEED_CODES,
    SEED_FIGURES,
    make_report,
    make_round,
    make_value,
    open_seed_round,
    submitted,
)
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
COMMENT = "Bổ sung 01 hội nghị tập huấn tại thành phố Bắc Giang."


@pytest.fixture
def home_world(cast):
    """BDT: a report returned, a draft, a late round; the police: a report waiting for review.

    Built before Playwright's event loop starts (see rounds/tests/test_browser.py).
    """
    now = timezone.now()
    seed = open_seed_round(cast)
    seed.deadline = now + dt.timedelta(days=3)
    seed.save()
    returned = submitted(seed.reports.get(agency=cast.bdt), cast.officer)
    actions.return_report(returned, cast.coordinator, comment=COMMENT)
    submitted(seed.reports.get(agency=cast.police), cast.other_officer)

    drafting = make_round(cast, 2024, ["contests", "trainings", "leaflets"])
    drafting.deadline = now + dt.timedelta(days=10)
    drafting.save()
    draft = make_report(drafting, cast.bdt, ReportStatus.DRAFT)
    for code in ("contests", "trainings"):
        make_value(code, cast.bdt, 2, period=drafting.period, report=draft)
    make_report(drafting, cast.police, ReportStatus.ACCEPTED)

    late = make_round(cast, 2022, ["contests"])
    late.deadline = now - dt.timedelta(days=2)
    late.save()
    make_report(late, cast.bdt, ReportStatus.NOT_STARTED)
    make_report(late, cast.police, ReportStatus.ACCEPTED)
    cast.officer.email = "bdt@tonghop.localhost"
    cast.officer.save()
    return {
        "seed": seed,
        "late": late,
        "otp": totp_for(cast.coordinator),
        "returned_pk": returned.pk,
        "seed_days": (timezone.localdate(seed.deadline) - timezone.localdate()).days,
    }


def _shoot(page, tmp_path, role: str, sideways: bool | None = False) -> None:
    """Screenshot at both widths; the page never scrolls sideways (unless sideways is None)."""
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(tmp_path / f"home-{role}-{name}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert sideways is None or overflow <= width, (
            f"{role} at {width} px scrolls sideways ({overflow} px)"
        )


def test_officer_home_lists_returned_draft_and_late_with_links(
    live_server, browser, home_world, tmp_path
):
    page = login_in_browser(browser, live_server, "bdt")
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/")
    returned = page.inner_text("#returned")
    assert COMMENT in returned
    assert f"Còn {home_world['seed_days']} ngày" in returned
    assert f"{len(SEED_FIGURES)}/{len(SEED_CODES)} chỉ tiêu đã nhập" in returned
    assert "Cơ quan thường trực trả lại ngày " + timezone.localdate().strftime("%d/%m/%Y") in (
        returned
    )
    assert "2/3 chỉ tiêu đã nhập" in page.inner_text("#drafts")
    assert "Quá hạn 2 ngày" in page.inner_text("#to-start")
    assert "Công an tỉnh" not in page.inner_text("main")
    _shoot(page, tmp_path, "officer")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("#returned >> text=Sửa và nộp lại")
    page.wait_for_url(f"**/bao-cao/{home_world['returned_pk']}/soan/")


def test_coordinator_home_reminds_late_agencies_in_one_click(
    live_server, browser, home_world, tmp_path
):
    page = login_in_browser(browser, live_server, "dieuphoi", otp=home_world["otp"])
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/")
    assert "Công an tỉnh" in page.inner_text("#waiting")
    late = page.inner_text("#late")
    assert "Ban Dân tộc" in late and "Quá hạn 2 ngày" in late
    assert home_world["late"].name in page.inner_text("#ready")
    _shoot(page, tmp_path, "coordinator")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("#late >> text=Gửi thư nhắc")
    page.wait_for_selector("text=Đã gửi thư nhắc tới 1 cơ quan, đơn vị chưa nộp.")
    assert page.url == f"{live_server.url}/"
    assert "Đã nhắc lần gần nhất lúc" in page.inner_text("#late")
    assert [m.to for m in mail.outbox] == [["bdt@tonghop.localhost"]]
    _shoot(page, tmp_path, "coordinator-reminded")


def test_leader_lands_on_the_dashboard(live_server, browser, home_world, tmp_path):
    page = login_in_browser(browser, live_server, "lanhdao")
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/tong-hop/")
    assert page.is_visible("h1")
    # The dashboard is analytics' page: screenshots only, its layout is tested there.
    _shoot(page, tmp_path, "leader", sideways=None)
