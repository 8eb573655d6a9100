"""The pivot page and the dashboard in Chromium: the table, the chart, the choice in the URL."""

from __future__ import annotations

import pytest

from accounts.testing import totp_for
from catalogue.models import Indicator
from datavalues.models import Qualifier
from rounds.testing import make_report, make_round, make_value
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST


@pytest.fixture
def attendance(cast) -> int:
    """The data, loaded before Playwright's event loop starts; the indicator's id."""
    round_ = make_round(cast, 2023, ["propaganda_attendance"])
    report = make_report(round_, cast.bdt)
    make_value(
        "propaganda_attendance",
        cast.bdt,
        43000,
        period=round_.period,
        report=report,
        qualifier=Qualifier.MORE_THAN,
    )
    return Indicator.objects.get(code="propaganda_attendance").pk


@pytest.fixture
def page(live_server, cast, attendance, browser):
    tab = login_in_browser(
        browser, live_server, cast.coordinator.username, totp_for(cast.coordinator)
    )
    tab.live_server_url = live_server.url
    tab.attendance = attendance
    return tab


def test_pivot_page_draws_table_and_chart_and_keeps_the_choice_in_the_url(page):
    attendance = page.attendance
    page.goto(f"{page.live_server_url}/tong-hop/bang/?tu-nam=2023&den-nam=2023")
    page.check(f"input[name=chi-tieu][value='{attendance}']")
    page.click("#pivot-form button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_selector("#pivot-1[data-ready='1']")
    assert "trên 43.000" in page.inner_text("table.figures-table")
    assert f"chi-tieu={attendance}" in page.url
    page.goto(page.url)  # a shared link shows the same table
    assert "trên 43.000" in page.inner_text("table.figures-table")
    assert page.locator("#pivot-1 canvas").count() == 1


def test_dashboard_draws_the_trend_chart(page):
    page.goto(f"{page.live_server_url}/tong-hop/?nam=2023")
    page.wait_for_selector("#trend-1[data-ready='1']")
    assert "43.000" in page.inner_text(".headlines")
