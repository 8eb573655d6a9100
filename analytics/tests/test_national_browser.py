"""The national page in Chromium at 1366 px, on the demo's 2025 chain."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.testing import PASSWORD
from rounds.models import Round
from tonghop.testing import BROWSER_TEST, login_in_browser

pytestmark = BROWSER_TEST


@pytest.fixture
def ministry_round(transactional_db) -> int:
    """The demo, loaded before Playwright's event loop starts; the ministry's 2025 round."""
    call_command("demo", stdout=io.StringIO())
    viewer = User.objects.get(username="lanhdao")
    viewer.set_password(PASSWORD)  # login_in_browser types the test password
    viewer.save()
    return Round.objects.get(coordinator__code="BYT").pk


def test_national_page_ranks_provinces_with_bars_and_opens_a_province(
    live_server, ministry_round, browser
):
    page = login_in_browser(browser, live_server, "lanhdao")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/tong-hop/?nam=2025")
    page.click("#national-link a")
    page.wait_for_url(lambda url: f"/dot/{ministry_round}/toan-quoc/" in url)
    first = page.locator("#ranking-propaganda_sessions tbody tr").first
    assert first.locator("th").inner_text() == "Bắc Ninh"
    box = first.locator(".bar").bounding_box()
    assert box is not None and box["width"] > 100
    assert "gộp từ tỉnh Bắc Giang, tỉnh Bắc Ninh" in page.inner_text("#series-table")
    page.click("#ranking-propaganda_sessions caption a")
    page.wait_for_url(lambda url: "chi-tieu=" in url)
    tree = page.inner_text("#drill-tree")
    assert "Ủy ban nhân dân phường Bắc Giang" in tree and "Công an tỉnh Bắc Ninh" in tree
    page.screenshot(path="/tmp/national-page.png", full_page=True)
