from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lib.vnformat import (
    figure_text,
    format_date,
    format_document_number,
    format_money,
    format_number,
    format_percent,
    format_place_date,
    format_symbol_line,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (43000, None, "43.000"),
        (0, None, "0"),
        (999, None, "999"),
        (1234567, None, "1.234.567"),
        (-43000, None, "-43.000"),
        (1.5, None, "1,5"),
        (Decimal("43000.00"), None, "43.000"),
        (1234.5678, 2, "1.234,57"),
        (2.5, 0, "3"),
        (0.1 + 0.2, None, "0,3"),
        (7, 1, "7,0"),
    ],
)
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(33.2417, "33,24%"), (70, "70%"), (12.5, "12,5%"), (100.0, "100%"), (0.004, "0%")],
)
def test_percentages_trim_trailing_zeros(value, expected):
    assert format_percent(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_500_000_000, "1,5 tỷ đồng"),
        (250_000_000, "250 triệu đồng"),
        (12_345_000, "12,35 triệu đồng"),
        (43_000, "43.000 đồng"),
        (2_000_000_000, "2 tỷ đồng"),
    ],
)
def test_money_in_billions_and_millions(value, expected):
    assert format_money(value) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2023, 6, 29), "ngày 29 tháng 6 năm 2023"),
        (date(2023, 12, 15), "ngày 15 tháng 12 năm 2023"),
        (date(2023, 3, 1), "ngày 01 tháng 3 năm 2023"),
    ],
)
def test_only_small_days_and_first_two_months_are_zero_padded(when, expected):
    assert format_date(when) == expected


def test_blank_day_in_a_draft_leaves_room_to_write_it():
    text = format_date(year=2023, month=12)
    assert text.startswith("ngày ")
    assert text.endswith(" tháng 12 năm 2023")
    assert text.split("tháng")[0].strip() == "ngày"
    assert "   " in text


def test_place_and_date_line():
    assert (
        format_place_date("Bắc Giang", date(2024, 1, 5)) == "Bắc Giang, ngày 05 tháng 01 năm 2024"
    )


@pytest.mark.parametrize(
    ("number", "symbol", "year", "expected"),
    [
        (5, "BC-BDT", None, "05/BC-BDT"),
        ("5", "BC-BDT", None, "05/BC-BDT"),
        (123, "BC-UBND", None, "123/BC-UBND"),
        (3579, "LĐTBXH- PCTNXH", None, "3579/LĐTBXH-PCTNXH"),
        (6, "QĐ-UBND", 2024, "06/2024/QĐ-UBND"),
    ],
)
def test_document_numbers(number, symbol, year, expected):
    assert format_document_number(number, symbol, year) == expected


def test_symbol_line_with_and_without_number():
    assert format_symbol_line(5, "BC-BDT") == "Số: 05/BC-BDT"
    blank = format_symbol_line(None, "BC-BDT")
    assert blank.startswith("Số: ") and blank.endswith("/BC-BDT")
    assert blank.replace(" ", "") == "Số:/BC-BDT"


def test_a_figure_as_text_is_its_word_then_its_rounded_grouped_value():
    assert figure_text(Decimal(43000), word="hơn") == "hơn 43.000"
    assert figure_text(Decimal("23.05"), 1) == "23,1"  # half-up, not to even
    assert figure_text(Decimal("12.5"), 0, "khoảng") == "khoảng 13"
    assert figure_text(Decimal(840)) == "840"
