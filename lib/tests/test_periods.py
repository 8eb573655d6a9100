import datetime as dt

import pytest

from lib.periods import calendar_range, reporting_window


def test_yearly_report_covers_15_december_to_14_december():
    assert reporting_window("year", 2023) == (dt.date(2022, 12, 15), dt.date(2023, 12, 14))


def test_six_monthly_windows():
    assert reporting_window("half", 2024, 1) == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    assert reporting_window("half", 2024, 2) == (dt.date(2024, 6, 15), dt.date(2024, 12, 14))


def test_quarterly_window_starts_on_15th_of_the_month_before():
    assert reporting_window("quarter", 2024, 1) == (dt.date(2023, 12, 15), dt.date(2024, 3, 14))
    assert reporting_window("quarter", 2024, 3) == (dt.date(2024, 6, 15), dt.date(2024, 9, 14))


def test_monthly_window():
    assert reporting_window("month", 2024, 1) == (dt.date(2023, 12, 15), dt.date(2024, 1, 14))
    assert reporting_window("month", 2024, 7) == (dt.date(2024, 6, 15), dt.date(2024, 7, 14))


def test_calendar_ranges_end_on_the_last_day_of_the_month():
    assert calendar_range("year", 2023) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert calendar_range("quarter", 2024, 1) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert calendar_range("month", 2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert calendar_range("half", 2023, 2) == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))


@pytest.mark.parametrize(
    ("kind", "number"), [("quarter", 5), ("month", 0), ("half", 3), ("week", 1)]
)
def test_out_of_range_periods_are_refused(kind, number):
    with pytest.raises(ValueError):
        reporting_window(kind, 2024, number)
