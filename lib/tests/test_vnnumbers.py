from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.vnformat import format_for_entry
from lib.vnnumbers import (
    number_to_words,
    parse_decimal,
    parse_number,
    parse_quantity,
    words_to_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43.000", "43000"),
        ("02", "2"),
        ("33,24", "33.24"),
        ("1.234.567", "1234567"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1,250", "1.25"),
        ("7", "7"),
    ],
)
def test_parse_number_reads_documents_exactly(text, value):
    assert parse_number(text) == Decimal(value)


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
        ("1,5 tỷ đồng", ("1500000000", "đồng")),
        ("8,3 tỷ đồng", ("8300000000", "đồng")),
        ("45 triệu đồng", ("45000000", "đồng")),
        ("45 triệu", ("45000000", "")),
        ("33,24%", ("33.24", "%")),
        ("43.000 tờ rơi", ("43000", "tờ")),
        ("mười hai tin bài", ("12", "tin")),
    ],
)
def test_parse_quantity_is_exact(text, expected):
    value, unit = parse_quantity(text)
    assert value == Decimal(expected[0])
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


@pytest.mark.parametrize("text", ["4.3000", "12,5,1", "-3", "abc", "", "1.2.3"])
def test_parse_decimal_refuses_what_is_not_a_typed_figure(text):
    with pytest.raises(ValueError, match="không phải là số hợp lệ"):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "43,000",
            "«43,000» có thể hiểu là 43 hoặc 43.000. Nếu là bốn mươi ba nghìn, hãy gõ 43.000; "
            "nếu là 43, hãy gõ 43.",
        ),
        (
            "1,250",
            "«1,250» có thể hiểu là 1,25 hoặc 1.250. Nếu là một nghìn hai trăm năm mươi, "
            "hãy gõ 1.250; nếu là 1,25, hãy gõ 1,25.",
        ),
        (
            "1.5",
            "«1.5» có thể hiểu là 1,5 hoặc 15, nhưng dấu chấm chỉ dùng để phân cách hàng nghìn "
            "theo nhóm ba chữ số. Số thập phân viết bằng dấu phẩy: nếu là 1,5, hãy gõ 1,5; "
            "nếu là mười lăm, hãy gõ 15.",
        ),
        (
            "1,250,000",
            "«1,250,000» dùng dấu phẩy để phân cách hàng nghìn. Theo cách viết của Việt Nam, "
            "hãy gõ 1.250.000.",
        ),
    ],
)
def test_parse_decimal_refuses_a_figure_that_reads_two_ways_showing_both(text, message):
    with pytest.raises(ValueError) as refused:
        parse_decimal(text)
    assert str(refused.value) == message


@pytest.mark.parametrize("text", ["43.000", "1.250", "1,25", "1.234,567", "1234,567", "12,5000"])
def test_parse_decimal_reads_unambiguous_figures(text):
    parse_decimal(text)


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_number_to_words_reads_back(value):
    words = number_to_words(value)
    if "không trăm" not in words:  # words_to_number does not read "không trăm" groups
        assert words_to_number(words) == value


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (43000, "bốn mươi ba nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (15, "mười lăm"),
        (105, "một trăm linh năm"),
        (2_000_500, "hai triệu năm trăm"),
    ],
)
def test_number_to_words_as_officials_read(value, words):
    assert number_to_words(value) == words


@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False))
def test_a_typed_figure_reads_back_from_its_entry_form(value):
    assert parse_decimal(format_for_entry(value)) == value
