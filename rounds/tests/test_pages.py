"""The rounds pages: opening a round, the officer's sheet, the htmx check, the report page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditRecord
from catalogue.models import Indicator
from rounds import actions
from rounds.models import Round
from rounds.outline import DEFAULT_OUTLINE
from rounds.sheet import build_sheet
from rounds.testing import open_seed_round, seed_draft

pytestmark = pytest.mark.django_db


def _open_form(cast, **overrides) -> dict:
    leaflets = Indicator.objects.get(code="leaflets")
    data = {
        "name": "Báo cáo 6 tháng đầu năm 2024",
        "period_kind": "half",
        "year": "2024",
        "number": "1",
        "deadline": "2024-06-10T17:00",
        "agencies": [cast.bdt.pk, cast.police.pk],
        "indicators": [leaflets.pk],
        "by_locality": [leaflets.pk],
        "outline": DEFAULT_OUTLINE,
    }
    return {**data, **overrides}


def test_coordinator_opens_a_round_from_the_form(client, cast):
    login_verified(client, cast.coordinator)
    response = client.post(reverse("rounds:round_open"), _open_form(cast))
    round_ = Round.objects.get()
    assert response["Location"] == reverse("rounds:round_detail", args=[round_.pk])
    assert str(round_.period) == "6 tháng đầu năm 2024"
    assert round_.round_indicators.get().by_locality
    assert round_.reports.count() == 2


def test_bad_outline_and_period_number_get_vietnamese_errors(client, cast):
    login_verified(client, cast.coordinator)
    data = _open_form(cast, outline="Kết quả\n", number="3")
    page = client.post(reverse("rounds:round_open"), data).content.decode()
    assert "phải bắt đầu bằng số La Mã" in page
    assert "Số thứ tự của kỳ phải từ 1 đến 2." in page
    assert not Round.objects.exists()


def test_officer_list_runs_a_fixed_number_of_queries(
    client, bdt_report, cast, django_assert_num_queries
):
    open_seed_round(cast)  # a second round for the same agency
    client.force_login(cast.officer)
    client.get(reverse("rounds:round_list"))
    # session, user, the user's agency (page header), the reports with round and period
    with django_assert_num_queries(5):  # with the notification bell
        page = client.get(reverse("rounds:round_list"))
    assert "Nhập báo cáo" in page.content.decode()


def test_invalid_number_keeps_the_input_and_stores_nothing(client, bdt_report, cast):
    client.force_login(cast.officer)
    suffix = build_sheet(bdt_report).find("leaflets").field_suffix
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    response = client.post(url, {"version": 0, "action": "save", f"v_{suffix}": "bốn mươi"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "không phải là số hợp lệ" in page and 'value="bốn mươi"' in page
    assert not AuditRecord.objects.filter(action="value").exists()


def test_submit_with_unexplained_problem_keeps_the_draft(client, bdt_report, cast):
    client.force_login(cast.officer)
    sheet = build_sheet(bdt_report)
    contests, participants = sheet.find("contests"), sheet.find("contest_participants")
    data = {
        "version": 0,
        "action": "submit",
        f"v_{contests.field_suffix}": "2",
        f"v_{participants.field_suffix}": "1",
    }
    response = client.post(reverse("rounds:report_edit", args=[bdt_report.pk]), data)
    assert response.status_code == 400
    assert "không thể ít hơn" in response.content.decode()
    bdt_report.refresh_from_db()
    assert (bdt_report.status, bdt_report.version) == ("draft", 1)


def test_htmx_check_reports_without_saving(client, bdt_report, cast):
    client.force_login(cast.officer)
    sheet = build_sheet(bdt_report)
    data = {f"v_{sheet.find('trainings').field_suffix}": "3"}
    data[f"v_{sheet.find('contests').field_suffix}"] = "4"
    data[f"v_{sheet.find('contest_participants').field_suffix}"] = "2"
    response = client.post(
        reverse("rounds:report_check", args=[bdt_report.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert "Người tham gia hội thi (2) không thể ít hơn" in response.content.decode()
    bdt_report.refresh_from_db()
    assert bdt_report.version == 0


def test_report_page_shows_values_and_history(client, bdt_report, cast):
    actions.save_draft(bdt_report, cast.officer, seed_draft(bdt_report), version=0)
    client.force_login(cast.officer)
    page = client.get(reverse("rounds:report_detail", args=[bdt_report.pk])).content.decode()
    assert "trên 540" in page and "43.000" in page
    assert "Lịch sử thay đổi" in page and "Đang soạn" in page


def test_a_figure_that_reads_two_ways_is_refused_with_both_readings(client, bdt_report, cast):
    client.force_login(cast.officer)
    suffix = build_sheet(bdt_report).find("leaflets").field_suffix
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    response = client.post(url, {"version": 0, "action": "save", f"v_{suffix}": "43,000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "«43,000» có thể hiểu là 43 hoặc 43.000. Nếu là bốn mươi ba nghìn, hãy gõ 43.000; "
        "nếu là 43, hãy gõ 43." in page
    )
    assert 'value="43,000"' in page
    assert not AuditRecord.objects.filter(action="value").exists()
