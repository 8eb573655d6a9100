"""Numbers read from a URL's query string: one parser per type, ASCII digits only, bounded.

An empty or missing parameter is None (a form's "Tất cả" sends an empty value); anything else
that is not what the page expects raises BadParameter, whose message the page shows with a 400
(tonghop.middleware.BadParameterMiddleware). The bounds keep every value inside what the
database and the calendar can hold: "²" passes str.isdigit(), 99999999999999999999 overflows
a 64-bit key, year 0 has no date.
"""

from __future__ import annotations

from collections.abc import Iterable

YEAR_MIN, YEAR_MAX = 1900, 2100
ID_MAX = 2**63 - 1  # the largest 64-bit signed database key
OFFSET_MAX = 10_000_000  # rows to skip in the data API: far beyond any province's data


class BadParameter(ValueError):
    """A query parameter the page cannot use; the message is for the user, in Vietnamese."""


def _whole_number(name: str, value: str, low: int, high: int, what: str) -> int:
    # isascii() first: isdigit() alone accepts "²" and other digits int() refuses or reads.
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(high))):
        raise BadParameter(f"Tham số “{name}” phải là {what}.")
    number = int(value)
    if not low <= number <= high:
        raise BadParameter(f"Tham số “{name}” phải là {what}.")
    return number


def year(name: str, value: str | None) -> int | None:
    """A year from 1900 to 2100."""
    if not value:
        return None
    return _whole_number(name, value, YEAR_MIN, YEAR_MAX, f"một năm từ {YEAR_MIN} đến {YEAR_MAX}")


def identifier(name: str, value: str | None) -> int | None:
    """A database id: a positive whole number that fits a 64-bit key."""
    if not value:
        return None
    return _whole_number(name, value, 1, ID_MAX, "mã số (một số nguyên dương)")


def identifiers(name: str, values: Iterable[str]) -> tuple[int, ...]:
    """Every id of a repeated parameter (a multiple choice), empty values left out."""
    return tuple(n for n in (identifier(name, v) for v in values) if n is not None)
