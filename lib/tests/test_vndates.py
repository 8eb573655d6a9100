from __future__ import annotations

import datetime as dt

from lib.vndates import PartialDate, find_dates, parse_date


def test_full_dates_in_both_styles():
    assert parse_date("ngày 07/02/2023").to_date() == dt.date(2023, 2, 7)
    assert parse_date("ngày 28 tháng 9 năm 2021").to_date() == dt.date(2021, 9, 28)


def test_blank_day_in_a_draft_gives_a_partial_date():
    when = parse_date("Bắc Giang, ngày   tháng 12 năm 2023")
    assert when == PartialDate(2023, 12, None)
    assert when.to_date() is None


def test_find_dates_gives_spans_and_skips_impossible_dates():
    text = "trước ngày 20/12, từ 15/12/2023 đến 14/6/2024; tỷ lệ 10/10 huyện; 45/13/2023"
    found = [(text[s:e], d) for s, e, d in find_dates(text)]
    assert found[0] == ("ngày 20/12", PartialDate(None, 12, 20))
    assert [d.to_date() for _, d in found[1:]] == [dt.date(2023, 12, 15), dt.date(2024, 6, 14)]
