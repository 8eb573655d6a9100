"""A plain table of figures, the one shape the pages, charts and spreadsheets all render."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from analytics.rollup import Figure
from lib.vnformat import format_number

Cell = Figure | Decimal | str | None


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    def numeric_columns(self) -> list[int]:
        return [
            n
            for n in range(1, len(self.header))
            if any(isinstance(row[n], Figure | Decimal) for row in self.rows)
        ]


def show(cell: Cell) -> str:
    """A cell as the page writes it: "trên 840", "43.000", "1,5"; empty for nothing."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format_number(cell)
    return str(cell)


def number(cell: Cell) -> Decimal | None:
    if isinstance(cell, Figure):
        return cell.value
    return cell if isinstance(cell, Decimal) else None
