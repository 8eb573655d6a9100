"""Data tables on a PDF page, rebuilt as "| a | b | c |" rows from the positions of the text.

A PDF has no tables, only text placed at positions: pypdfium2 reads a table row by row and
cell by cell ("1 Cơ sở ... cơ sở 138"), so the row's ordinal would pass for a figure and the
value would lose its label. pdfium already cuts the text into runs at wide gaps; a table is a
band of three or more runs followed by bands whose runs each fall in one of its columns (a
column spans its text so far: a centred header and the left-aligned labels under it are one).
Pages without such bands keep pdfium's own text, so prose pays only for the geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBER = re.compile(r"[\d.,]+\s*%?")
SLACK = 4.0  # points a run may start left of its column or reach past it
MIN_COLUMNS = 3


@dataclass
class _Band:
    """Text runs sharing one baseline: (left, bottom, right, top) each."""

    runs: list[tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(r[3] for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r[1] for r in self.runs)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class _Table:
    columns: list[tuple[float, float]]  # (left, right) of each column's text so far
    first: int  # band indexes, inclusive
    last: int = 0
    rows: list[dict[int, list[tuple[float, float, float, float]]]] = field(default_factory=list)


def _bands(rects: list[tuple[float, float, float, float]]) -> list[_Band]:
    bands: list[_Band] = []
    for rect in sorted(rects, key=lambda r: (-r[3], r[0])):
        middle = (rect[1] + rect[3]) / 2
        if bands and bands[-1].bottom <= middle <= bands[-1].top:
            bands[-1].runs.append(rect)
        else:
            bands.append(_Band([rect]))
    for band in bands:
        band.runs.sort()
    return bands


def _column_of(
    run: tuple[float, float, float, float], columns: list[tuple[float, float]]
) -> int | None:
    """The column a run sits in: the one whose span it overlaps, or, overlapping none, the
    nearer of the two it lies between ("Tổng" left-aligned under a centred "Nội dung"). A
    run over two columns (a line of prose) has none."""
    over = [
        i
        for i, (left, right) in enumerate(columns)
        if run[0] < right + SLACK and run[2] > left - SLACK
    ]
    if over:
        return over[0] if len(over) == 1 else None
    distance = [min(abs(run[0] - right), abs(left - run[2])) for left, right in columns]
    return distance.index(min(distance))


def _placed(band: _Band, columns: list[tuple[float, float]]) -> dict[int, tuple] | None:
    """The band's runs by column, the columns widened to hold them; None when the band is
    no row of the table."""
    placed: dict[int, tuple] = {}
    for run in band.runs:
        column = _column_of(run, columns)
        if column is None or column in placed:
            return None
        placed[column] = run
    for column, run in placed.items():
        left, right = columns[column]
        columns[column] = (min(left, run[0]), max(right, run[2]))
    return placed


def _tables(bands: list[_Band], numeric=lambda run: False) -> list[_Table]:
    """The tables among the bands; `numeric` tells whether a run's text is a number."""
    tables: list[_Table] = []
    i = 0
    while i < len(bands):
        if len(bands[i].runs) < MIN_COLUMNS:
            i += 1
            continue
        table = _Table(columns=[(r[0], r[2]) for r in bands[i].runs], first=i)
        table.rows.append({c: [r] for c, r in enumerate(bands[i].runs)})
        j = i + 1
        while j < len(bands):
            placed = _placed(bands[j], table.columns)
            gap = bands[j - 1].bottom - bands[j].top
            if placed is None:
                break
            # A line close under the last, with nothing in the first column, goes on with the
            # row's cells: a wrapped label, or a header over two lines ("Số cơ sở / kiểm tra");
            # a line of numbers is a row of its own ("| | Tổng cộng | 412 |").
            wrapped = gap < 0.8 * bands[j].height and (
                len(placed) < 2 or (0 not in placed and not any(map(numeric, placed.values())))
            )
            if wrapped:
                for c, r in placed.items():
                    table.rows[-1].setdefault(c, []).append(r)
            elif len(placed) >= 2:
                table.rows.append({c: [r] for c, r in placed.items()})
            else:
                break
            j += 1
        if len(table.rows) >= 2:
            table.last = j - 1
            tables.append(table)
            i = j
        else:
            i += 1
    return tables


def page_text(textpage) -> str:
    """The page's text, with every data table found on it written as pipe-separated rows."""
    count = textpage.count_rects()
    if count < 2 * MIN_COLUMNS:
        return textpage.get_text_bounded()
    bands = _bands([textpage.get_rect(i) for i in range(count)])
    tables = _tables(
        bands, lambda run: bool(NUMBER.fullmatch(textpage.get_text_bounded(*run).strip()))
    )
    if not tables:
        return textpage.get_text_bounded()

    def between(upper: int, lower: int) -> str:
        """Text from band `upper` down to band `lower` (exclusive indexes; -1/len = page edge)."""
        if upper + 1 >= lower:
            return ""
        top = (bands[upper].bottom + bands[upper + 1].top) / 2 if upper >= 0 else None
        bottom = (bands[lower - 1].bottom + bands[lower].top) / 2 if lower < len(bands) else None
        return textpage.get_text_bounded(top=top, bottom=bottom)

    def cell(runs: list[tuple[float, float, float, float]]) -> str:
        return " ".join(" ".join(textpage.get_text_bounded(*r).split()) for r in runs).strip()

    parts, previous = [], -1
    for table in tables:
        parts += [between(previous, table.first), ""]  # blank lines keep rows from joining prose
        width = len(table.columns)
        for row in table.rows:
            cells = [cell(row.get(c, [])) for c in range(width)]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
        previous = table.last
    parts.append(between(previous, len(bands)))
    return "\n".join(parts)
