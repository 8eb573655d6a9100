from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.vnnumbers import parse_decimal, parse_number, parse_quantity, words_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43.000", 43000),
        ("02", 2),
        ("33,24", 33.24),
        ("1.234.567", 1234567),
        ("1,5", 1.5),
        ("7", 7),
    ],
)
def test_parse_number_reads_vietnamese_separators(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "12/10", "1.2.3", "--"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hai", 2),
        ("mười", 10),
        ("mười hai", 12),
        ("hai mươi lăm", 25),
        ("một trăm linh năm", 105),
        ("ba trăm hai mươi", 320),
        ("hai nghìn năm trăm", 2500),
        ("ba trăm mười hai triệu", 312_000_000),
    ],
)
def test_words_to_number(text, value):
    assert words_to_number(text) == value


def test_words_to_number_rejects_other_words():
    assert words_to_number("hai bên") is None
    assert words_to_number("lăm") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,5 tỷ đồng", (1_500_000_000, "đồng")),
        ("45 triệu đồng", (45_000_000, "đồng")),
        ("45 triệu", (45_000_000, "")),
        ("33,24%", (33.24, "%")),
        ("43.000 tờ rơi", (43000, "tờ")),
        ("mười hai tin bài", (12, "tin")),
    ],
)
def test_parse_quantity(text, expected):
    value, unit = parse_quantity(text)
    assert value == pytest.approx(expected[0])
    assert unit == expected[1]


@given(st.text())
def test_number_parsers_never_raise(text):
    parse_number(text)
    words_to_number(text)
    parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43.000", "43000"),
        ("43000", "43000"),
        ("12,5", "12.5"),
        ("187.500.000", "187500000"),
        (" 1\u00a0200 ", "1200"),
    ],
)
def test_parse_decimal_reads_figures_exactly(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.5", "4.3000", "12,5,1", "-3", "abc", ""])
def test_parse_decimal_refuses_what_is_not_a_typed_figure(text):
    assert parse_decimal(text) is None
