"""The national page on the demo's 2025 chain, its figures checked against plain sums of rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse

from accounts.models import User
from accounts.testing import login_verified
from analytics.national import national
from places.models import AdministrativeUnit, Era, Level
from rounds.access import value_scope
from rounds.models import DataValue, ReportStatus, Round
from tonghop.testing import demo_loaded


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def ministry_round() -> Round:
    return Round.objects.select_related("coordinator__unit", "period").get(coordinator__code="BYT")


def own_totals(round_: Round, statuses: set[str]) -> dict[tuple[str, str], Decimal]:
    """(indicator code, province name) -> the sum of the reports' own rows, read plainly."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    rows = DataValue.objects.filter(
        report__round=round_,
        report__status__in=statuses,
        category__isnull=True,
        place_id=F("agency__unit_id"),
    ).values_list("indicator__code", "place__name", "value")
    for code, province, value in rows:
        sums[code, province] += value
    return sums


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "drafts", "statuses"),
    [
        ("quantri", True, {ReportStatus.ACCEPTED, ReportStatus.SUBMITTED}),
        ("lanhdao", False, {ReportStatus.ACCEPTED}),
        ("boyte", False, {ReportStatus.ACCEPTED}),
    ],
)
def test_province_ranking_and_national_total_equal_plain_sums(demo_db, username, drafts, statuses):
    round_ = ministry_round()
    page = national(round_, value_scope(User.objects.get(username=username), drafts))
    expected = own_totals(round_, statuses)
    for ranking in page.rankings:
        code = ranking.indicator.code
        shown = {b.province.name: b.figure.value for b in ranking.bars if b.figure}
        assert shown == {p: v for (c, p), v in expected.items() if c == code}
        total = sum(shown.values(), Decimal(0))
        assert (ranking.total.value if ranking.total else Decimal(0)) == total
        values = [b.figure.value for b in ranking.bars if b.figure]
        assert values == sorted(values, reverse=True)
    sessions = next(r for r in page.rankings if r.indicator.code == "propaganda_sessions")
    assert sessions.bars[0].width == Decimal(100)
    assert len(sessions.bars) == 3  # every province asked, with or without a figure


@pytest.mark.django_db
def test_series_sums_the_former_provinces_onto_the_new_one(demo_db):
    round_ = ministry_round()
    admin = User.objects.get(username="quantri")
    sessions = round_.round_indicators.get(indicator__code="propaganda_sessions").indicator_id
    page = national(round_, value_scope(admin, True), sessions)
    series = {row.province.name: row for row in page.series.provinces}
    assert page.series.years == [2023, 2025]
    assert page.series.merged_years == [2023]
    before = own_totals(
        Round.objects.get(coordinator__code="BLĐTBXH"),
        {ReportStatus.ACCEPTED, ReportStatus.SUBMITTED},
    )
    now = own_totals(round_, {ReportStatus.ACCEPTED, ReportStatus.SUBMITTED})
    bac_ninh = series["Bắc Ninh"]
    assert bac_ninh.by_year[2023].value == (
        before["propaganda_sessions", "Bắc Giang"] + before["propaganda_sessions", "Bắc Ninh"]
    )
    assert bac_ninh.by_year[2025].value == now["propaganda_sessions", "Bắc Ninh"]
    assert bac_ninh.note == "gộp từ tỉnh Bắc Giang, tỉnh Bắc Ninh"
    assert series["Lạng Sơn"].by_year[2023].value == before["propaganda_sessions", "Lạng Sơn"]
    assert series["Lạng Sơn"].note == ""
    assert bac_ninh.cells == [bac_ninh.by_year[2023], bac_ninh.by_year[2025]]


@pytest.mark.django_db
def test_progress_per_level_counts_the_reports(demo_db):
    round_ = ministry_round()
    page = national(round_, value_scope(User.objects.get(username="lanhdao")))
    rows = {(p.level, p.coordinator): p for p in page.progress}
    ministry = rows["Bộ", "Bộ Y tế"]
    province = rows["Tỉnh", "Sở Y tế tỉnh Bắc Ninh"]
    for row, asked in ((ministry, round_), (province, round_.children.get())):
        reports = list(asked.reports.all())
        assert row.expected == len(reports)
        assert row.accepted == sum(r.status == ReportStatus.ACCEPTED for r in reports)
        assert row.on_time == sum(r.filed_at is not None and not r.is_late() for r in reports)
    assert (ministry.accepted, ministry.expected) == (2, 3)
    assert (province.accepted, province.expected) == (6, 6)


@pytest.mark.django_db
def test_drill_down_opens_a_province_to_its_agencies_and_communes_as_far_as_the_reader_sees(
    demo_db,
):
    round_ = ministry_round()
    sessions = round_.round_indicators.get(indicator__code="propaganda_sessions").indicator_id
    admin = national(round_, value_scope(User.objects.get(username="quantri"), True), sessions)
    assert admin.drill.hidden == 0
    bac_ninh = next(n for n in admin.drill.provinces if n.value.agency.code == "SYT-BN")
    entries = DataValue.objects.filter(
        report__round=round_.children.get(),
        indicator_id=sessions,
        report__status=ReportStatus.ACCEPTED,
    )
    assert {c.value.pk for c in bac_ninh.children} == set(entries.values_list("pk", flat=True))
    assert sum(c.value.value for c in bac_ninh.children) == bac_ninh.value.value
    assert {c.value.place.level for c in bac_ninh.children} == {Level.PROVINCE, Level.COMMUNE}
    assert admin.drill.total.value == sum(n.value.value for n in admin.drill.provinces)
    # Leadership reads accepted reports only: Thái Nguyên's submitted one is counted as hidden.
    viewer = national(round_, value_scope(User.objects.get(username="lanhdao")), sessions)
    assert viewer.drill.hidden == 1
    assert {n.value.agency.code for n in viewer.drill.provinces} == {"SYT-BN", "SYT-LS"}


@pytest.mark.django_db
def test_the_page_shows_provinces_in_vietnamese_and_links_from_the_dashboard(client, demo_db):
    round_ = ministry_round()
    login_verified(client, User.objects.get(username="lanhdao"))
    url = reverse("analytics:national", args=[round_.pk])
    html = client.get(url).content.decode()
    assert "So sánh các tỉnh, thành phố" in html
    assert "gộp từ tỉnh Bắc Giang, tỉnh Bắc Ninh" in html
    assert "Tiến độ báo cáo theo cấp" in html and "Sở Y tế tỉnh Bắc Ninh" in html
    assert "Và 1 số liệu của tỉnh, thành phố bạn không có quyền xem." in html
    dashboard = client.get(reverse("analytics:dashboard") + "?nam=2025").content.decode()
    assert url in dashboard


@pytest.mark.django_db
def test_a_province_round_has_no_national_page_and_an_officer_none_at_all(client, demo_db):
    login_verified(client, User.objects.get(username="lanhdao"))
    province = Round.objects.get(coordinator__code="SYT-BN")
    assert client.get(reverse("analytics:national", args=[province.pk])).status_code == 404
    client.logout()
    login_verified(client, User.objects.get(username="bdt"))
    url = reverse("analytics:national", args=[ministry_round().pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_country_of_2025_is_the_ministrys_unit(demo_db):
    assert ministry_round().coordinator.unit == AdministrativeUnit.country(Era.FROM_2025)
