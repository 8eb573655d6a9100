from __future__ import annotations

import pytest

from lib import params
from lib.params import BadParameter


@pytest.mark.parametrize(("value", "expected"), [("1900", 1900), ("2023", 2023), ("2100", 2100)])
def test_year_reads_a_year_within_the_bounds(value, expected):
    assert params.year("nam", value) == expected


@pytest.mark.parametrize("value", [None, ""])
def test_an_empty_or_missing_parameter_is_none(value):
    assert params.year("nam", value) is None
    assert params.identifier("co-quan", value) is None


@pytest.mark.parametrize(
    "value", ["²", "١٢", "２０２３", "0", "1", "1899", "2101", "10000", "-2023", " 2023", "2023.0"]
)
def test_year_refuses_what_is_not_a_year_from_1900_to_2100(value):
    with pytest.raises(BadParameter, match=r"Tham số “nam” phải là một năm từ 1900 đến 2100\."):
        params.year("nam", value)


def test_identifier_reads_up_to_the_largest_64_bit_key():
    assert params.identifier("chi-tieu", "9223372036854775807") == 2**63 - 1


@pytest.mark.parametrize(
    "value", ["0", "9223372036854775808", "99999999999999999999", "1e3", "²", "-1", "12a"]
)
def test_identifier_refuses_what_no_database_key_can_be(value):
    with pytest.raises(BadParameter, match="Tham số “chi-tieu” phải là mã số"):
        params.identifier("chi-tieu", value)


def test_identifiers_reads_a_multiple_choice_and_skips_empty_values():
    assert params.identifiers("co-quan", ["3", "", "12"]) == (3, 12)
    with pytest.raises(BadParameter):
        params.identifiers("co-quan", ["3", "²"])
