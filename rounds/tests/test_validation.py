"""Checks on submit: types and ranges, rules across indicators, outliers needing explanations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.testing import make_year
from catalogue.models import Indicator
from rounds import actions
from rounds.models import DataValue
from rounds.sheet import build_sheet
from rounds.testing import SEED_FIGURES, seed_draft
from rounds.validation import breakdown_above_total, check_value, is_outlier, parse_value

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43.000", 43000),
        ("43000", 43000),
        ("02", 2),
        ("12,5", Decimal("12.5")),
        (" 1.250.000 ", 1250000),
    ],
)
def test_parse_value_reads_vietnamese_numbers(text, value):
    assert parse_value(text) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "-3", "1,2,3", "hơn 500"])
def test_parse_value_refuses_with_a_vietnamese_message(text):
    with pytest.raises(ValueError, match="không phải là số hợp lệ"):
        parse_value(text)


def test_check_value_types_and_ranges(cast):
    count = Indicator.objects.get(code="contests")
    percent = Indicator.objects.get(code="communes_regular_propaganda_pct")
    assert (
        check_value(count, Decimal("2.5"))
        == "«Hội thi tìm hiểu pháp luật» là số đếm nên phải là số nguyên."
    )
    assert check_value(percent, Decimal(120)) == "Tỷ lệ phải từ 0 đến 100%."
    assert check_value(percent, Decimal("70.5")) is None


def test_attendance_below_events_blocks_submission(bdt_report, cast):
    figures = {**SEED_FIGURES, "contest_participants": (1, "exact")}
    report = actions.save_draft(
        bdt_report, cast.officer, seed_draft(bdt_report, figures), version=0
    )
    with pytest.raises(actions.SubmissionRefused) as refused:
        actions.submit_report(report, cast.officer, version=report.version)
    assert (
        "Người tham gia hội thi (1) không thể ít hơn hội thi tìm hiểu pháp luật (2)."
        in refused.value.details
    )


def test_localities_cannot_exceed_the_total(bdt_report, cast):
    sheet = build_sheet(bdt_report)
    son_dong = sheet.find("propaganda_sessions", cast.son_dong.pk)
    draft = seed_draft(bdt_report)
    draft.values[son_dong.key] = actions.CellInput(Decimal(200))
    report = actions.save_draft(bdt_report, cast.officer, draft, version=0)
    with pytest.raises(actions.SubmissionRefused) as refused:
        actions.submit_report(report, cast.officer, version=report.version)
    assert any("tổng các địa bàn (200) lớn hơn số chung (116)" in d for d in refused.value.details)


@pytest.mark.parametrize(
    ("total", "parts", "above"),
    [(116, 200, True), (116, 116, False), (116, None, False), (None, 5, False), (0, 1, True)],
)
def test_a_breakdown_is_above_its_total_only_when_its_sum_exceeds_it(total, parts, above):
    total = None if total is None else Decimal(total)
    parts = None if parts is None else Decimal(parts)
    assert breakdown_above_total(total, parts) is above


def _history(cast, code: str, values: list[int]) -> None:
    indicator = Indicator.objects.get(code=code)
    for year, value in zip(range(2023 - len(values), 2023), values, strict=True):
        DataValue.objects.create(
            indicator=indicator,
            agency=cast.bdt,
            place=cast.province,
            period=make_year(year),
            value=value,
        )


def test_outlier_against_last_year_needs_an_explanation(bdt_report, cast):
    _history(cast, "leaflets", [5000])
    report = actions.save_draft(bdt_report, cast.officer, seed_draft(bdt_report), version=0)
    with pytest.raises(actions.SubmissionRefused) as refused:
        actions.submit_report(report, cast.officer, version=report.version)
    (warning,) = refused.value.findings.warnings
    assert "Năm 2022: 5.000" in warning.message
    explained = actions.Draft(explanations={warning.code: "Năm 2023 in thêm tờ rơi song ngữ."})
    report = actions.save_draft(report, cast.officer, explained, version=report.version)
    report = actions.submit_report(report, cast.officer, version=report.version)
    assert report.status == "submitted"
    assert report.explanations == {warning.code: "Năm 2023 in thêm tờ rơi song ngữ."}


def test_modified_z_score_with_enough_history():
    past = [Decimal(v) for v in (100, 110, 95, 105)]
    assert is_outlier(Decimal(300), past)
    assert not is_outlier(Decimal(112), past)


def test_ratio_test_ignores_small_differences():
    assert not is_outlier(Decimal(4), [Decimal(1)])
    assert is_outlier(Decimal(40), [Decimal(10)])
    assert not is_outlier(Decimal(20), [Decimal(10)])
