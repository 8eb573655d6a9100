"""The dashboard, the compilation and the pivot pages: access, numbers, queries, exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import login_verified
from catalogue.models import Indicator
from datavalues.models import Qualifier
from rounds.models import ReportStatus
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(cast):
    """2022 and 2023 rounds: BDT accepted both years, the police's 2023 report submitted but not
    yet accepted (a preview with drafts counts it; a draft never sent would stay the police's)."""
    for year, bdt, police in ((2022, 100, 30), (2023, 540, 70)):
        round_ = make_round(cast, year, ["propaganda_attendance", "trainings"])
        accepted = make_report(round_, cast.bdt)
        draft = make_report(
            round_, cast.police, ReportStatus.SUBMITTED if year == 2023 else ReportStatus.ACCEPTED
        )
        make_value(
            "propaganda_attendance",
            cast.bdt,
            bdt,
            period=round_.period,
            report=accepted,
            qualifier=Qualifier.MORE_THAN,
        )
        make_value("propaganda_attendance", cast.police, police, period=round_.period, report=draft)
        make_value("trainings", cast.bdt, 5, period=round_.period, report=accepted)
        make_value(
            "trainings", cast.bdt, 2, period=round_.period, report=accepted, place=cast.son_dong
        )
    cast.round = round_
    return cast


def login(client, user):
    login_verified(client, user)


def test_compilation_counts_accepted_reports_and_shows_breakdowns(client, filled):
    login(client, filled.coordinator)
    page = client.get(reverse("analytics:compilation", args=[filled.round.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "trên 540" in text and "trên 130" in text  # this year and the previous one
    assert "Sơn Động" in text and "Chưa phân theo địa bàn" in text
    assert "Công an tỉnh: báo cáo đã nộp, chưa được tính." in text
    with_drafts = client.get(reverse("analytics:compilation", args=[filled.round.pk]) + "?nhap=1")
    assert "trên 610" in with_drafts.content.decode()


def test_officer_cannot_open_a_rounds_compilation(client, filled):
    login(client, filled.officer)
    assert client.get(reverse("analytics:compilation", args=[filled.round.pk])).status_code == 404


def test_officer_pivot_shows_only_own_agency_and_never_others_drafts(client, filled):
    login(client, filled.other_officer)
    attendance = Indicator.objects.get(code="propaganda_attendance").pk
    url = (
        reverse("analytics:pivot")
        + f"?chi-tieu={attendance}&hang=agency&cot=period&tu-nam=2022&den-nam=2023&nhap=1"
    )
    text = client.get(url).content.decode()
    assert "Ban Dân tộc" not in text.split("<table")[1]
    assert ">70<" in text  # the police officer's own draft
    login(client, filled.officer)
    text = client.get(url).content.decode()
    assert ">70<" not in text and "trên 540" in text


def test_viewer_sees_accepted_figures_only_even_when_asking_for_drafts(client, filled):
    login(client, filled.viewer)
    attendance = Indicator.objects.get(code="propaganda_attendance").pk
    url = reverse("analytics:pivot") + f"?chi-tieu={attendance}&tu-nam=2023&den-nam=2023&nhap=1"
    assert "trên 540" in client.get(url).content.decode()


def test_pivot_page_runs_a_fixed_number_of_queries(client, filled, django_assert_max_num_queries):
    login(client, filled.coordinator)
    ids = "&".join(f"chi-tieu={i}" for i in Indicator.objects.values_list("pk", flat=True))
    url = reverse("analytics:pivot") + f"?{ids}&hang=indicator&cot=place&tu-nam=2016&den-nam=2026"
    client.get(url)
    # 14, 3 more for the rates' parts (their periods, rules and one grouped query), and 2 for
    # the pickers (the rounds, the provinces).
    with django_assert_max_num_queries(20):  # and the notification bell
        assert client.get(url).status_code == 200


def test_exported_xlsx_holds_the_numbers_of_the_page(client, filled):
    login(client, filled.coordinator)
    attendance = Indicator.objects.get(code="propaganda_attendance").pk
    trainings = Indicator.objects.get(code="trainings").pk
    query = f"?chi-tieu={attendance}&chi-tieu={trainings}&tu-nam=2022&den-nam=2023"
    page = client.get(reverse("analytics:pivot") + query).content.decode()
    download = client.get(reverse("analytics:pivot") + query + "&dinh-dang=xlsx")
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("Chỉ tiêu", "Năm 2022", "Năm 2023")
    values = {row[0]: row[1:] for row in rows[1:]}
    assert values["Lượt người dự hội nghị, buổi tuyên truyền (lượt người)"] == (130, 540)
    assert values["Lớp, hội nghị tập huấn (lớp)"] == (5, 5)
    assert sheet.cell(3, 3).number_format == '"trên "#,##0'
    assert ">trên 540<" in page and ">5<" in page
    csv_text = client.get(reverse("analytics:pivot") + query + "&dinh-dang=csv").content.decode()
    assert "trên 540" in csv_text


def test_dashboard_shows_headlines_trend_and_completeness(client, filled):
    login(client, filled.viewer)
    page = client.get(reverse("analytics:dashboard") + "?nam=2023")
    text = page.content.decode()
    assert page.status_code == 200
    assert "trend-chart" in text and "Đã nộp 2/2" in text


def test_pages_need_a_login(client, filled):
    for url in (reverse("analytics:dashboard"), reverse("analytics:pivot")):
        assert client.get(url).status_code == 302


def test_compilation_flags_a_breakdown_above_its_total(client, filled):
    accepted = filled.round.reports.get(agency=filled.bdt)
    make_value(
        "trainings",
        filled.bdt,
        4,
        period=filled.round.period,
        report=accepted,
        place=filled.luc_ngan,
    )
    login(client, filled.coordinator)
    text = client.get(reverse("analytics:compilation", args=[filled.round.pk])).content.decode()
    assert "số liệu theo địa bàn của Ban Dân tộc (6) lớn hơn tổng số (5)." in text


def test_compilation_does_not_flag_a_breakdown_equal_to_its_total(client, filled):
    accepted = filled.round.reports.get(agency=filled.bdt)
    make_value(
        "trainings",
        filled.bdt,
        3,
        period=filled.round.period,
        report=accepted,
        place=filled.luc_ngan,
    )
    login(client, filled.coordinator)
    text = client.get(reverse("analytics:compilation", args=[filled.round.pk])).content.decode()
    assert "số liệu theo địa bàn của Ban Dân tộc" not in text
