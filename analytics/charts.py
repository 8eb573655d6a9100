"""Charts of the pages: one chart per unit of measure, and only the categories that hold data.

A chart never puts two units on one axis (sessions beside attendance would flatten one of
them), and a year without any figure is left out rather than drawn as an empty gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analytics.tables import FigureTable, number
from lib.exact import for_chart


@dataclass(frozen=True)
class Series:
    name: str
    data: list[Decimal | None]


@dataclass(frozen=True)
class Chart:
    unit: str
    categories: list[str]
    series: list[Series]

    def as_json(self) -> dict:
        """What charts.js reads: numbers as JSON numbers, gaps as null."""
        return {
            "unit": self.unit,
            "categories": self.categories,
            "series": [
                {"name": s.name, "data": [None if v is None else for_chart(v) for v in s.data]}
                for s in self.series
            ],
        }


def chart(unit: str, categories: list[str], series: list[Series]) -> Chart | None:
    """A chart of the categories and series that hold a figure; None when none does."""
    kept = [n for n in range(len(categories)) if any(s.data[n] is not None for s in series)]
    shown = [Series(s.name, [s.data[n] for n in kept]) for s in series]
    shown = [s for s in shown if any(v is not None for v in s.data)]
    if not shown:
        return None
    return Chart(unit, [categories[n] for n in kept], shown)


def table_charts(table: FigureTable) -> list[Chart]:
    """A table's charts: one per unit of its rows (or of its columns, when the columns are the
    indicators), each row a series across the columns."""
    categories = table.header[1:]
    rows = [(str(row[0]), [number(c) for c in row[1:]]) for row in table.rows]
    charts: list[Chart | None] = []
    if table.column_units:
        for unit in dict.fromkeys(table.column_units):
            columns = [n for n, u in enumerate(table.column_units) if u == unit]
            series = [Series(name, [data[n] for n in columns]) for name, data in rows]
            charts.append(chart(unit, [categories[n] for n in columns], series))
    else:
        units = table.row_units or [table.unit] * len(rows)
        for unit in dict.fromkeys(units):
            series = [
                Series(name, data) for (name, data), u in zip(rows, units, strict=True) if u == unit
            ]
            charts.append(chart(unit, categories, series))
    return [c for c in charts if c is not None]
