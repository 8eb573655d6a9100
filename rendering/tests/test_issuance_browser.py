"""The issuance page in Chromium (a module of its own: the other tests read the demo province)."""

import pytest

from accounts.testing import totp_for
from agencies.models import Signer, UsualRecipient
from rounds.testing import make_report, make_round
from tonghop.testing import CHROMIUM, login_in_browser


@pytest.fixture
def round_for_browser(cast) -> tuple[int, object]:
    """A round of the cast's coordinating agency, which has a default signer; its TOTP."""
    agency = cast.coordinating_agency
    agency.drafting_unit = "PCTNXH"
    agency.save()
    Signer.objects.create(
        agency=agency, title="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", name="Nguyễn Văn Mẫu", is_default=True
    )
    Signer.objects.create(agency=agency, order=1, title="GIÁM ĐỐC", name="Trần Minh Họa")
    UsualRecipient.objects.create(agency=agency, name="UBND tỉnh")
    round_ = make_round(cast, 2023, ["leaflets"])
    make_report(round_, cast.bdt)
    return round_.pk, totp_for(cast.coordinator)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_the_coordinator_numbers_signs_and_issues_the_compiled_report(
    live_server, round_for_browser, browser, tmp_path
):
    round_id, otp = round_for_browser
    page = login_in_browser(browser, live_server, "dieuphoi", otp=otp)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/dot-bao-cao/{round_id}/")
    page.click("text=Số, ngày, người ký >> nth=0")
    assert page.input_value("#id_signer_name") == "Nguyễn Văn Mẫu"
    page.fill("#id_number", "125")
    page.fill("#id_issued_on", "2023-12-18")
    page.fill("#id_signer_title", "GIÁM ĐỐC")
    page.fill("#id_signer_name", "Trần Minh Họa")
    page.click("button[name=save]")
    page.wait_for_selector("text=Đã lưu.")
    preview = page.inner_text("#issuance-preview")
    assert "Số: 125/BC-LĐTBXH" in preview and "ngày 18 tháng 12 năm 2023" in preview
    assert "- UBND tỉnh;" in preview and "- Lưu: VT, PCTNXH." in preview
    page.screenshot(path=tmp_path / "issuance-1366.png", full_page=True)
    page.click("button[name=issue]")
    page.wait_for_selector("text=Đã ban hành văn bản.")
    assert page.is_disabled("#id_number") and page.locator("button[name=issue]").count() == 0
    page.screenshot(path=tmp_path / "issuance-issued-1366.png", full_page=True)
