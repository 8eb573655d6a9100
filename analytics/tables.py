"""A plain table of figures, the one shape the pages, charts and spreadsheets all render."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from datavalues.figures import Figure
from datavalues.models import written_word
from lib.vnformat import figure_text

FigureCell = Figure | Decimal | str | None


@dataclass
class FigureTable:
    title: str
    header: list[str]
    rows: list[list[FigureCell]] = field(default_factory=list)
    # The decimals each row's figures show (its indicator's), or each column's when the
    # columns are the indicators; None shows the figure as it is.
    row_decimals: list[int | None] = field(default_factory=list)
    column_decimals: list[int | None] = field(default_factory=list)
    # The unit of measure of each row, or of each column when the columns are the indicators,
    # or of the whole table (one indicator): what the charts group by.
    row_units: list[str] = field(default_factory=list)
    column_units: list[str] = field(default_factory=list)
    unit: str = ""

    def numeric_columns(self) -> list[int]:
        return [
            n
            for n in range(1, len(self.header))
            if any(isinstance(row[n], Figure | Decimal) for row in self.rows)
        ]

    def decimals(self, row: int, column: int) -> int | None:
        if row < len(self.row_decimals) and self.row_decimals[row] is not None:
            return self.row_decimals[row]
        return self.column_decimals[column] if column < len(self.column_decimals) else None

    def shown_rows(self) -> list[list[str]]:
        """Every cell as the page writes it, with its indicator's decimals."""
        return [
            [show(cell, self.decimals(r, c)) for c, cell in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]


def show(cell: FigureCell, decimals: int | None = None) -> str:
    """A cell as the page writes it: "trên 840", "43.000", "23,1"; empty for nothing.

    Rounding happens here, once, half-up to the indicator's decimals.
    """
    if cell is None:
        return ""
    if isinstance(cell, Figure):
        return figure_text(cell.value, decimals, written_word(cell.qualifier, cell.word))
    if isinstance(cell, Decimal):
        return figure_text(cell, decimals)
    return str(cell)


def number(cell: FigureCell) -> Decimal | None:
    if isinstance(cell, Figure):
        return cell.value
    return cell if isinstance(cell, Decimal) else None
