"""Comparisons like for like, rates from their parts and the coverage of incomplete totals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse

from accounts.testing import login_verified, make_agency
from analytics.compilation import compile_round
from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from rendering.builders import compiled_report
from rendering.spec import Bullet, Paragraph
from rounds.completeness import target_results
from rounds.models import ReportStatus, Target
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db

INDICATORS = [
    "propaganda_sessions",
    "trainings",
    "establishments_inspected",
    "establishments_total",
    "establishments_inspected_pct",
]
# Sessions by agency and year; the health department has not started its 2023 report.
SESSIONS = {2022: {"BDT": 100, "CAT": 30, "SYT": 50}, 2023: {"BDT": 120, "CAT": 36}}
# 2023 inspections by agency: (inspected, establishments, the agency's own rate).
RATES_2023 = {"BDT": (30, 120, "25"), "CAT": (45, 80, "56.25")}


def _percent(value: Decimal, places: str = "0.1") -> str:
    """Half-up, Vietnamese comma: the way the test expects the page to print it."""
    return str(value.quantize(Decimal(places), rounding=ROUND_HALF_UP)).replace(".", ",")


@pytest.fixture
def rounds(cast):
    health = make_agency("SYT", "Sở Y tế", cast.province)
    agencies = {"BDT": cast.bdt, "CAT": cast.police, "SYT": health}
    made = {}
    for year in (2022, 2023):
        round_ = make_round(cast, year, INDICATORS)
        for code, agency in agencies.items():
            started = year == 2022 or code != "SYT"
            report = make_report(
                round_, agency, ReportStatus.ACCEPTED if started else ReportStatus.NOT_STARTED
            )
            if code in SESSIONS[year]:
                make_value(
                    "propaganda_sessions",
                    agency,
                    SESSIONS[year][code],
                    period=round_.period,
                    report=report,
                )
        made[year] = round_
    # Trainings: the police in 2022, the Ethnic Affairs Committee in 2023; no common base.
    make_value(
        "trainings",
        cast.police,
        4,
        period=made[2022].period,
        report=_report(made, 2022, cast.police),
    )
    make_value(
        "trainings", cast.bdt, 5, period=made[2023].period, report=_report(made, 2023, cast.bdt)
    )
    for code, (inspected, total, own) in RATES_2023.items():
        agency = agencies[code]
        report, period = _report(made, 2023, agency), made[2023].period
        make_value("establishments_inspected", agency, inspected, period=period, report=report)
        make_value("establishments_total", agency, total, period=period, report=report)
        make_value("establishments_inspected_pct", agency, own, period=period, report=report)
    cast.rounds = made
    return cast


def _report(made, year, agency):
    return made[year].reports.get(agency=agency)


def _line(compilation, code):
    return next(line for line in compilation.lines if line.indicator.code == code)


def test_change_counts_only_the_agencies_that_reported_both_years(rounds):
    compilation = compile_round(rounds.rounds[2023])
    sessions = _line(compilation, "propaganda_sessions")
    both = SESSIONS[2022].keys() & SESSIONS[2023].keys()
    now = sum(SESSIONS[2023][c] for c in both)
    before = sum(SESSIONS[2022][c] for c in both)
    compared = sessions.comparison
    assert (compared.current.value, compared.previous.value) == (now, before) == (156, 130)
    assert (compared.agencies_compared, compared.agencies_current, compared.agencies_previous) == (
        2,
        2,
        3,
    )
    assert compared.change_pct == Decimal(now - before) * 100 / before
    # The totals themselves stay whole: all that was counted each year.
    assert sessions.total.value == sum(SESSIONS[2023].values())
    assert sessions.previous.value == sum(SESSIONS[2022].values())
    assert str(compilation.coverage) == "2/3 cơ quan, đơn vị"


def test_compilation_page_states_the_like_for_like_change_and_the_coverage(client, rounds):
    login_verified(client, rounds.coordinator)
    text = client.get(reverse("analytics:compilation", args=[rounds.rounds[2023].pk])).content
    text = text.decode()
    expected = _percent(Decimal(156 - 130) * 100 / 130)
    assert expected == "20,0"
    assert (
        f"tính trên 2 cơ quan, đơn vị có số liệu cả hai kỳ: tăng {expected}% so với năm 2022"
    ) in text
    assert "Kỳ này (2/3 cơ quan, đơn vị)" in text and "Kỳ trước (3/3 cơ quan, đơn vị)" in text
    raw = _percent(Decimal(156 - 180) * 100 / 180)  # what the whole totals would have said
    assert f"giảm {raw}%" not in text


def test_no_change_is_printed_without_a_common_base(rounds):
    compilation = compile_round(rounds.rounds[2023])
    trainings = _line(compilation, "trainings")
    assert trainings.comparison.agencies_compared == 0
    assert trainings.comparison.change_pct is None
    row = next(r for r in compilation.summary_table().rows if r[0] == trainings.indicator.name)
    assert row[5] == "chưa so sánh được với năm 2022"
    prose = " ".join(
        b.text for b in compiled_report(rounds.rounds[2023]).body if isinstance(b, Paragraph)
    )
    assert "lớp, hội nghị tập huấn (" not in prose.lower()


def test_province_rate_comes_from_its_parts_over_the_agencies_that_gave_both(client, rounds):
    compilation = compile_round(rounds.rounds[2023])
    line = _line(compilation, "establishments_inspected_pct")
    expected = (
        Decimal(sum(i for i, _, _ in RATES_2023.values()))
        * 100
        / sum(t for _, t, _ in RATES_2023.values())
    )
    assert line.total.value == expected == Decimal("37.5")
    assert line.rate.agencies == 2
    assert line.total_note() == "tính trên 2 cơ quan, đơn vị có đủ tử số và mẫu số"
    login_verified(client, rounds.coordinator)
    text = client.get(reverse("analytics:compilation", args=[rounds.rounds[2023].pk])).content
    text = text.decode()
    assert ">37,5<" in text and "tính trên 2 cơ quan, đơn vị có đủ tử số và mẫu số" in text
    summary, by_agency = text.split("Chi tiết theo cơ quan, đơn vị")[:2]
    # The police's own 56,25% (the highest) is its own, in the by-agency table only, shown
    # with the rate's one decimal, rounded half-up.
    assert ">56,3<" not in summary and ">56,3<" in by_agency


def test_targets_are_weighed_against_the_computed_rate(rounds):
    round_ = rounds.rounds[2023]
    Target.objects.create(
        plan=_plan(round_),
        indicator=Indicator.objects.get(code="establishments_inspected_pct"),
        value=40,
    )
    blocks = compiled_report(round_).body
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph | Bullet))
    # 37,5% computed; the highest agency rate (56,25%) would have passed the target.
    assert (
        "37,5% (tính trên 2 cơ quan, đơn vị có đủ tử số và mẫu số), chỉ tiêu ít nhất 40%, chưa đạt"
        in (text)
    )


def _plan(round_):
    plan = LegalDocument.objects.create(
        kind=DocumentKind.KE_HOACH, number="21", symbol="KH-BCĐ", issuer=round_.coordinator
    )
    round_.plan = plan
    round_.save()
    return plan


def test_a_rate_without_parts_is_shown_by_agency_only(client, cast):
    round_ = make_round(cast, 2023, ["communes_regular_propaganda_pct"])
    report = make_report(round_, cast.bdt)
    make_value(
        "communes_regular_propaganda_pct", cast.bdt, "72.5", period=round_.period, report=report
    )
    line = _line(compile_round(round_), "communes_regular_propaganda_pct")
    assert line.total is None and line.total_note() == "chưa đủ số liệu để tính tỷ lệ chung"
    login_verified(client, cast.coordinator)
    text = client.get(reverse("analytics:compilation", args=[round_.pk])).content.decode()
    summary, by_agency = text.split("Chi tiết theo cơ quan, đơn vị")[:2]
    assert "chưa đủ số liệu để tính tỷ lệ chung" in summary and "72,5" not in summary
    assert ">72,5<" in by_agency


def test_dashboard_compares_like_for_like_with_coverage_and_a_steady_chart(client, rounds):
    login_verified(client, rounds.coordinator)
    page = client.get(reverse("analytics:dashboard") + "?nam=2023")
    text = page.content.decode()
    assert "Tính trên 2 cơ quan, đơn vị có số liệu cả hai năm: tăng 20,0% so với năm 2022" in text
    assert "số liệu của 2/3 cơ quan, đơn vị" in text
    series = [s for chart in page.context["charts"] for s in chart["data"]["series"]]
    sessions = next(s for s in series if s["name"].startswith("Hội nghị, buổi tuyên truyền"))
    # The chart keeps to the two agencies of both years: 130 then 156, no fall to draw.
    assert sessions["name"].endswith("(2 cơ quan, đơn vị)")
    assert sessions["data"][-2:] == [130, 156]


def test_round_page_targets_use_the_computed_rate(rounds):
    round_ = rounds.rounds[2023]
    indicator = Indicator.objects.get(code="establishments_inspected_pct")
    Target.objects.create(plan=_plan(round_), indicator=indicator, value=40)
    (result,) = target_results(round_)
    assert (result.actual, result.achieved) == (Decimal("37.5"), False)


def test_the_pivot_computes_a_province_rate_from_its_parts_and_shows_agencies_own(rounds):
    from analytics.pivot import PivotChoice, pivot_table
    from rounds.access import ValueScope

    rate = Indicator.objects.get(code="establishments_inspected_pct")
    base = {"chi-tieu": [str(rate.pk)], "tu-nam": ["2023"], "den-nam": ["2023"]}
    by_year = pivot_table(
        PivotChoice.from_query(QueryDict(urlencode(base, True)), 2023), ValueScope()
    )
    inspected = sum(i for i, _, _ in RATES_2023.values())
    total = sum(t for _, t, _ in RATES_2023.values())
    expected = Decimal(inspected) * 100 / total  # 75 of 200: never the police's own 56,25
    assert by_year.shown_rows()[0][1:] == [_percent(expected)]
    by_agency = {**base, "hang": ["agency"], "cot": ["period"]}
    table = pivot_table(
        PivotChoice.from_query(QueryDict(urlencode(by_agency, True)), 2023), ValueScope()
    )
    own = {row[0]: row[1] for row in table.shown_rows()}
    assert own == {"Ban Dân tộc": "25,0", "Công an tỉnh": _percent(Decimal("56.25"))}
