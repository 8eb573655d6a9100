"""Calendar ranges of reporting periods and the cut-off windows of Decree 09/2019/NĐ-CP.

Provinces apply the decree's rule that a period's data run from the 15th of the month before it
to the 14th of its last month: a yearly report covers 15/12 of the previous year to 14/12.
"""

from __future__ import annotations

import calendar
import datetime as dt


def _months(kind: str, number: int) -> tuple[int, int]:
    """First and last month of a standard period."""
    if kind == "year":
        return 1, 12
    span = {"half": 6, "quarter": 3, "month": 1}.get(kind)
    if span is None:
        raise ValueError(f"unknown period kind {kind!r}")
    count = 12 // span
    if not 1 <= number <= count:
        raise ValueError(f"a {kind} is numbered 1 to {count}, not {number}")
    first = (number - 1) * span + 1
    return first, first + span - 1


def calendar_range(kind: str, year: int, number: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day of a standard period, e.g. quarter 2 of 2024 -> 1/4/2024 to 30/6/2024."""
    first, last = _months(kind, number)
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def reporting_window(kind: str, year: int, number: int = 0) -> tuple[dt.date, dt.date]:
    """The Decree 09/2019 data window: 15th of the month before to the 14th of the last month."""
    first, last = _months(kind, number)
    start = dt.date(year - 1, 12, 15) if first == 1 else dt.date(year, first - 1, 15)
    return start, dt.date(year, last, 14)
