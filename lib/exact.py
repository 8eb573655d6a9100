"""Exact values back from the database, whatever number type its driver hands over."""

from __future__ import annotations

from decimal import Decimal
from typing import overload

# DataValue.value is DecimalField(max_digits=20, decimal_places=4).
STORED_PLACES = Decimal("0.0001")


@overload
def from_database(value: None) -> None: ...
@overload
def from_database(value: Decimal | float | int) -> Decimal: ...
def from_database(value: Decimal | float | int | None) -> Decimal | None:
    """A stored value, or a SUM()/MAX() of stored values, as the exact Decimal it stands for.

    PostgreSQL returns a Decimal. SQLite keeps decimals as REAL or INTEGER and its aggregates
    return a float: a REAL keeps 15 significant digits, so the shortest repr() of the float,
    quantized to the 4 places a value has, is exactly the number stored (or summed) for every
    value SQLite can hold; Decimal(float) would bring the binary noise along instead.
    """
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(STORED_PLACES)
    return Decimal(value)


def for_chart(value: Decimal | None) -> float | None:
    """The float a browser chart library plots: the one place a figure becomes a float."""
    return None if value is None else float(value)
