"""Data tables on a PDF page, rebuilt as "| a | b | c |" rows from the positions of the text.

A PDF has no tables, only text placed at positions: pypdfium2 reads a table row by row and
cell by cell ("1 Cơ sở ... cơ sở 138"), so the row's ordinal would pass for a figure and the
value would lose its label. pdfium already cuts the text into runs at wide gaps; a table is a
band of three or more runs followed by bands whose runs each fall in one of its columns (a
column spans its text so far: a centred header and the left-aligned labels under it are one).
Pages without such bands keep pdfium's own text, so prose pays only for the geometry.

A table drawn with rules (a Word or LibreOffice table, as a report's annex is) is read from its
rules first: each cell is the box between them, whatever the alignment of its text, an empty
cell stays a cell, and a label that wraps onto a second line stays in its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import NamedTuple

from .tables import ROW_NUMBER, TOTAL_ROW, cell_value

NUMBER = re.compile(r"[\d.,]+\s*%?")
SLACK = 4.0  # points a run may start left of its column or reach past it
MIN_COLUMNS = 3
INFINITE = float("inf")
RULE_WIDTH = 2.0  # points: a path thinner than this is a rule
SAME_LINE = 1.5  # points: rules closer than this are one (a border drawn twice)
MAX_PATHS = 5000  # path objects read per page: a table needs far fewer, a drawing can have more
MAX_RULED_ROWS = 120  # more horizontal rules than rows of text fit on a page: a drawing

Box = tuple[float, float, float, float]  # left, bottom, right, top


class Rules(NamedTuple):
    """The rules drawn on a page: horizontal (left, right, y) and vertical (x, bottom, top)."""

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]


def page_rules(page) -> Rules:
    """The thin lines of a pypdfium2 page, from its path objects."""
    import pypdfium2.raw as pdfium_c

    horizontal, vertical = [], []
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
    for path in islice(paths, MAX_PATHS):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= RULE_WIDTH and right - left > RULE_WIDTH:
            horizontal.append((left, right, (top + bottom) / 2))
        elif right - left <= RULE_WIDTH and top - bottom > RULE_WIDTH:
            vertical.append(((left + right) / 2, bottom, top))
    return Rules(horizontal, vertical)


def _merged(values: list[float]) -> list[float]:
    """Sorted positions, those within SAME_LINE of the one before dropped."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SAME_LINE:
            out.append(value)
    return out


def ruled_grids(rules: Rules) -> list[list[list[Box]]]:
    """The tables the rules draw, each as rows of cell boxes, top row first. A row is the band
    between two horizontal rules that vertical rules cross into cells; rows that share a rule
    are one table, when one of them has MIN_COLUMNS cells or more. A cell with no rule over it is merged with the cell above
    (a label spanning two rows): both rows get the box of the two."""
    grids: list[list[list[Box]]] = []
    ys = _merged([y for _, _, y in rules.horizontal])[::-1]
    if len(ys) > MAX_RULED_ROWS:
        return []
    for top, bottom in pairwise(ys):
        lines = [h for h in rules.horizontal if abs(h[2] - top) <= SAME_LINE]
        left, right = min(h[0] for h in lines), max(h[1] for h in lines)
        above = grids[-1][-1] if grids and abs(grids[-1][-1][0][1] - top) <= SAME_LINE else None
        if above:  # the rule under a merged cell stops short of the table's edges
            left, right = min(left, above[0][0]), max(right, above[-1][2])
        xs = _merged(
            [
                x
                for x, low, high in rules.vertical
                if low <= bottom + SAME_LINE
                and high >= top - SAME_LINE
                and left - SAME_LINE <= x <= right + SAME_LINE
            ]
        )
        if len(xs) < 3:  # two cells at least: a header's group row may have no more
            continue
        row = [(a, bottom, b, top) for a, b in pairwise(xs)]
        if above:
            _merge_down(above, row, lines)
            grids[-1].append(row)
        else:
            grids.append([row])
    return [g for g in grids if len(g) >= 2 and max(map(len, g)) >= MIN_COLUMNS]


def _merge_down(above: list[Box], row: list[Box], rules_over: list[tuple[float, float, float]]):
    """Give a cell of `row` with no rule over its middle, and the cell above it, the box of both."""
    for i, (a, bottom, b, _) in enumerate(row):
        middle = (a + b) / 2
        if any(left <= middle <= right for left, right, _ in rules_over):
            continue
        j = next((j for j, box in enumerate(above) if box[0] <= middle <= box[2]), None)
        if j is not None:
            top = above[j][3]
            above[j] = (above[j][0], bottom, above[j][2], top)
            row[i] = (a, bottom, b, top)


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


def _distances(
    run: tuple[float, float, float, float], columns: list[tuple[float, float]]
) -> list[float] | None:
    """How far a run lies from each column: 0 for the one whose span it overlaps (and no other
    is possible then), else the gap to it. A run over two columns (a line of prose) has none."""
    over = [
        i
        for i, (left, right) in enumerate(columns)
        if run[0] < right + SLACK and run[2] > left - SLACK
    ]
    if len(over) > 1:
        return None
    if over:
        return [0.0 if i == over[0] else INFINITE for i in range(len(columns))]
    return [min(abs(run[0] - right), abs(left - run[2])) for left, right in columns]


def _in_order(distances: list[list[float]]) -> list[int] | None:
    """A column for each run, left to right, one run a column, at the least distance in all:
    a number right-aligned under a centred header may lie nearer the next column's header
    ("238" under "Tổng số" beside "Ban Dân tộc"), but the run after it is in that one."""
    runs, columns = len(distances), len(distances[0]) if distances else 0
    # least[i][j]: the least distance placing the first i runs in the first j columns
    least = [[0.0] * (columns + 1)] + [[INFINITE] * (columns + 1) for _ in range(runs)]
    for i in range(1, runs + 1):
        for j in range(1, columns + 1):
            least[i][j] = min(least[i][j - 1], least[i - 1][j - 1] + distances[i - 1][j - 1])
    if least[runs][columns] == INFINITE:
        return None
    placed, j = [], columns
    for i in range(runs, 0, -1):
        while least[i][j] == least[i][j - 1]:
            j -= 1
        placed.append(j - 1)
        j -= 1
    return placed[::-1]


def _placed(band: _Band, columns: list[tuple[float, float]]) -> dict[int, tuple] | None:
    """The band's runs by column, the columns widened to hold them; None when the band is
    no row of the table."""
    distances = [_distances(run, columns) for run in band.runs]
    if any(d is None for d in distances):
        return None
    order = _in_order([d for d in distances if d is not None])
    if order is None:
        return None
    placed = dict(zip(order, band.runs, strict=True))
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


class _Placed(NamedTuple):
    """A table's rows of cell texts and the bands it takes (indexes, inclusive)."""

    first: int
    last: int
    rows: list[list[str]]


def _words_in(textpage, box: Box) -> str:
    return " ".join(textpage.get_text_bounded(*box).split())


def _ruled(textpage, bands: list[_Band], grid: list[list[Box]]) -> _Placed | None:
    """A ruled table's cells, each read inside its rules; None when no text line falls in it."""
    top, bottom = grid[0][0][3], grid[-1][0][1]
    inside = [i for i, b in enumerate(bands) if bottom <= (b.top + b.bottom) / 2 <= top]
    if not inside:
        return None
    columns = _merged([x for row in grid for box in row for x in (box[0], box[2])])
    rows = []
    for row in grid:
        texts = [_words_in(textpage, box) for box in row]
        header = not any(cell_value(t) for t in texts)  # a group header heads each column under it
        spans = [
            sum(box[0] + SAME_LINE < x < box[2] - SAME_LINE for x in columns) + 1 for box in row
        ]
        rows.append(
            [t for t, n in zip(texts, spans, strict=True) for _ in range(n if header else 1)]
        )
    return _Placed(inside[0], inside[-1], rows)


def _unruled(textpage, bands: list[_Band], lo: int, hi: int) -> list[_Placed]:
    """The tables of bands lo..hi (exclusive) found from the positions of their text alone."""

    def numeric(run: Box) -> bool:
        return bool(NUMBER.fullmatch(textpage.get_text_bounded(*run).strip()))

    def cell(runs: list[Box]) -> str:
        return " ".join(_words_in(textpage, r) for r in runs).strip()

    placed = []
    for table in _tables(bands[lo:hi], numeric):
        width = len(table.columns)
        rows = [[cell(row.get(c, [])) for c in range(width)] for row in table.rows]
        placed.append(_Placed(lo + table.first, lo + table.last, rows))
    return placed


SEPARATOR = " | "


def rejoined_rows(text: str) -> str:
    """Rows written in the text with " | " between their cells (a report that types its tables
    so) that the page's width wrapped, each on one line again: a line with fewer separators than
    the row above, joined with the lines under it that bring it to as many; a line with none
    between two rows alike, the end of the last cell of the row above. Rows with a pipe at an
    end (the ones found here, a web page's) are whole already and end a typed table."""
    if SEPARATOR not in text:
        return text
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    width = 0  # the separators of the last typed row, 0 outside a typed table
    i = 0
    while i < len(lines):
        line, i = lines[i], i + 1
        count = _typed(line)
        total_row = bool(TOTAL_ROW.match(line.split(SEPARATOR)[0]))
        if width and count and count < width and not total_row:
            parts, total = [line], count
            while total < width and i + len(parts) - 1 < len(lines):
                following = lines[i + len(parts) - 1]
                more = _typed(following)
                if more is None or not following or ROW_NUMBER.match(following.split(SEPARATOR)[0]):
                    break  # a row of its own
                parts.append(following)
                total += more
            if total == width and len(parts) > 1:
                line, count, i = " ".join(parts), total, i + len(parts) - 1
        elif width and count == 0 and out and i < len(lines) and _typed(lines[i]) == width:
            out[-1] = f"{out[-1]} {line}"  # the tail of the row above's last cell
            continue
        out.append(line)
        if not count:
            width = 0
        elif count >= 2 and not (total_row and count < width):  # a total row is short
            width = count
    return "\n".join(out)


def _typed(line: str) -> int | None:
    """The separators of a line typed without a pipe at either end; None for a row with one."""
    return None if line.startswith("|") or line.endswith("|") else line.count(SEPARATOR)


def page_text(textpage, rules: Rules | None = None) -> str:
    """The page's text, with every data table found on it written as pipe-separated rows:
    those its rules draw, then those its text lines up in columns between them (and the rows
    typed with " | " put back on one line each)."""
    return rejoined_rows(_page_text(textpage, rules))


def _page_text(textpage, rules: Rules | None) -> str:
    count = textpage.count_rects()
    if count < 2 * MIN_COLUMNS:
        return textpage.get_text_bounded()
    bands = _bands([textpage.get_rect(i) for i in range(count)])
    grids = ruled_grids(rules) if rules else []
    ruled = sorted(t for grid in grids if (t := _ruled(textpage, bands, grid)) is not None)
    tables, lo = [], 0
    for table in ruled:
        tables += [*_unruled(textpage, bands, lo, table.first), table]
        lo = table.last + 1
    tables += _unruled(textpage, bands, lo, len(bands))
    if not tables:
        return textpage.get_text_bounded()

    def between(upper: int, lower: int) -> str:
        """Text from band `upper` down to band `lower` (exclusive indexes; -1/len = page edge)."""
        if upper + 1 >= lower:
            return ""
        top = (bands[upper].bottom + bands[upper + 1].top) / 2 if upper >= 0 else None
        bottom = (bands[lower - 1].bottom + bands[lower].top) / 2 if lower < len(bands) else None
        return textpage.get_text_bounded(top=top, bottom=bottom)

    parts, previous = [], -1
    for table in tables:
        parts += [between(previous, table.first), ""]  # blank lines keep rows from joining prose
        parts += ["| " + " | ".join(cells) + " |" for cells in table.rows]
        parts.append("")
        previous = table.last
    parts.append(between(previous, len(bands)))
    return "\n".join(parts)
