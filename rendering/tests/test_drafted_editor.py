"""The drafted-text editor speaks Vietnamese: placeholders shown, typed and checked by their names."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse

from accounts.testing import aware, login_verified, make_year, totp_for
from catalogue.models import Indicator, IndicatorGroup, ValueType
from rendering.drafting import (
    PlaceholderNames,
    TemplateError,
    check_template,
    placeholder_codes,
)
from rendering.models import DraftedText
from rounds.models import DataValue, Report, ReportStatus, Round, RoundIndicator, Section
from tonghop.testing import CHROMIUM, login_in_browser

CODES = ("contests", "propaganda_sessions", "fines_amount")


@pytest.fixture
def names(cast) -> PlaceholderNames:
    return PlaceholderNames.of(Indicator.objects.get(code=code) for code in CODES)


def test_names_are_read_from_the_meanings_and_the_indicator_names(names):
    assert names.by_code["reports_counted"] == "Số báo cáo đã tổng hợp"
    assert names.by_code["year"] == "Năm báo cáo"
    assert names.by_code["contests"] == "Số hội thi tìm hiểu pháp luật"
    assert names.by_code["contests.previous"] == "Số hội thi tìm hiểu pháp luật - năm trước"
    assert names.by_code["contests.change"] == "Số hội thi tìm hiểu pháp luật - so với năm trước"
    # Money is not counted: its name is its own.
    assert names.by_code["fines_amount"] == "Tiền xử phạt vi phạm hành chính"
    assert list(names.by_code) == placeholder_codes(CODES)
    spelled = list(names.by_code.values())
    assert len({n.casefold() for n in spelled}) == len(spelled)
    assert all(unicodedata.is_normalized("NFC", n) for n in spelled)


def test_names_alike_but_for_case_are_told_apart_by_their_codes(cast):
    group = IndicatorGroup.objects.first()
    twins = [
        Indicator(code=code, name=name, unit="cuộc", value_type=ValueType.COUNT, group=group)
        for code, name in (("a_talks", "Buổi nói chuyện"), ("b_talks", "buổi nói chuyện"))
    ]
    named = PlaceholderNames.of(twins).by_code
    assert named["a_talks"] == "Số buổi nói chuyện (a_talks)"
    assert named["b_talks.previous"] == "Số buổi nói chuyện - năm trước (b_talks.previous)"


def test_texts_go_both_ways_and_codes_typed_are_still_understood(names):
    stored = "Năm {{year}}, tổ chức {{contests}} hội thi ({{contests.change}}); {{unknown}}."
    shown = names.to_names(stored)
    assert shown == (
        "Năm {{Năm báo cáo}}, tổ chức {{Số hội thi tìm hiểu pháp luật}} hội thi "
        "({{Số hội thi tìm hiểu pháp luật - so với năm trước}}); {{unknown}}."
    )
    assert names.to_codes(shown) == stored
    # Typed on a keyboard that sends decomposed letters, with a stray space: the same name.
    typed = unicodedata.normalize("NFD", "{{ Số hội thi  tìm hiểu pháp luật }} và {{year}}")
    assert names.to_codes(typed) == "{{contests}} và {{year}}"


def test_an_unknown_name_is_named_with_the_closest_valid_one(names):
    allowed = set(names.codes)
    with pytest.raises(TemplateError) as error:
        check_template("Tổ chức {{So hoi thi tim hieu phap luat - nam truoc}} hội thi.", allowed)
    assert error.value.messages == [
        "Không có ô thay thế {{So hoi thi tim hieu phap luat - nam truoc}} trong số liệu của đợt "
        "báo cáo; có phải ý là {{Số hội thi tìm hiểu pháp luật - năm trước}}?"
    ]
    with pytest.raises(TemplateError) as error:
        check_template("Năm 2023 có {{Số cán bộ}}.", allowed)
    assert error.value.messages == [
        "Không có ô thay thế {{Số cán bộ}} trong số liệu của đợt báo cáo; xem danh sách ô thay "
        "thế.",
        "Không được gõ trực tiếp con số (“2023”): mọi con số phải lấy từ số liệu qua ô thay thế, "
        "ví dụ {{Năm báo cáo}} cho năm báo cáo.",
    ]


@pytest.fixture
def round_(cast):
    round_ = Round.objects.create(
        name="Báo cáo kết quả công tác phòng, chống mại dâm năm 2023",
        coordinator=cast.coordinating_agency,
        period=make_year(2023),
        deadline=aware(2023, 12, 15),
    )
    contests = Indicator.objects.get(code="contests")
    RoundIndicator.objects.create(round=round_, indicator=contests)
    Section.objects.create(round=round_, label="I", title="KẾT QUẢ", order=1)
    bdt = Report.objects.create(round=round_, agency=cast.bdt, status=ReportStatus.ACCEPTED)
    DataValue.objects.create(
        indicator=contests,
        agency=cast.bdt,
        place=cast.province,
        period=round_.period,
        value=2,
        report=bdt,
    )
    return round_


def test_editor_shows_names_and_stores_codes(client, cast, round_):
    # A wording saved before the editor spoke Vietnamese keeps working and shows the names.
    DraftedText.objects.create(round=round_, text="Đã có {{reports_counted}} báo cáo.")
    login_verified(client, cast.coordinator)
    url = reverse("rendering:drafted_texts", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "Đã có {{Số báo cáo đã tổng hợp}} báo cáo." in page
    assert "Đã có 1 báo cáo." in page  # the preview
    assert 'data-placeholder="{{Số hội thi tìm hiểu pháp luật - năm trước}}"' in page
    assert "{{contests" not in page and "{{reports_counted}}" not in page
    assert "rendering/drafted_editor.js" in page
    saved = client.post(
        url, {"section": "", "text": "Năm {{Năm báo cáo}}, {{Số hội thi tìm hiểu pháp luật}}."}
    )
    assert saved.status_code == 302
    assert DraftedText.objects.get(round=round_).text == "Năm {{year}}, {{contests}}."
    assert "Năm 2023, 2." in client.get(url).content.decode()


def test_editor_refuses_an_unknown_name_and_keeps_what_was_typed(client, cast, round_):
    login_verified(client, cast.coordinator)
    url = reverse("rendering:drafted_texts", args=[round_.pk])
    typed = "Tổ chức {{số hội thi tìm hiểu pháp luật}} hội thi."
    refused = client.post(url, {"section": "", "text": typed})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert (
        "Không có ô thay thế {{số hội thi tìm hiểu pháp luật}} trong số liệu của đợt báo cáo; "
        "có phải ý là {{Số hội thi tìm hiểu pháp luật}}?"
    ) in page
    assert typed in page
    assert not DraftedText.objects.exists()


@pytest.fixture
def editor_for_browser(cast, round_) -> tuple[Round, object]:
    """The round and the coordinator's TOTP, made before Playwright's loop."""
    return round_, totp_for(cast.coordinator)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_a_click_on_a_name_inserts_it_at_the_cursor(
    live_server, editor_for_browser, browser, tmp_path
):
    round_, otp = editor_for_browser
    page = login_in_browser(browser, live_server, "dieuphoi", otp=otp)
    page.goto(f"{live_server.url}{reverse('rendering:drafted_texts', args=[round_.pk])}")
    box = page.locator("#section-mo-dau textarea")
    box.fill("Tổ chức  hội thi.")
    box.evaluate("box => box.setSelectionRange(8, 8)")
    page.click("button[data-placeholder='{{Số hội thi tìm hiểu pháp luật}}']")
    assert box.input_value() == "Tổ chức {{Số hội thi tìm hiểu pháp luật}} hội thi."
    assert "Đã chèn" in page.inner_text("#placeholder-status")
    page.screenshot(path=tmp_path / "editor.png", full_page=True)
    page.click("#section-mo-dau button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu đoạn văn.")
    assert DraftedText.objects.get(round=round_).text == "Tổ chức {{contests}} hội thi."
