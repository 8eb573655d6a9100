"""Figures in data tables written as "| label | unit | value | value ... |" rows (a .docx table
reads so): every value cell of a data table, with its row label and its column header.

The values of an earlier year's column ("Năm 2023 | Năm 2024") are figures the report states,
but for comparison: they are marked so, and no indicator is proposed for them."""

from __future__ import annotations

import re

from lib.vnnumbers import QUALIFIER_WORDS, SCALES, parse_number

from .units import UNITS

Cell = tuple[str, int, int]

UNIT_HEADER = re.compile(r"(?i)đơn vị|đvt")
ORDINAL_HEADER = re.compile(r"(?i)^(?:stt|tt|số tt|số thứ tự)$")
# A column header that says "the value" rather than whose value it is.
GENERIC_HEADER = re.compile(
    r"(?i)kết quả|số lượng|thực hiện|số liệu|tổng số|tổng cộng|^tổng$|giá trị"
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
VALUE = re.compile(
    r"(?i)^(?:(?P<more>"
    + "|".join(QUALIFIER_WORDS["more_than"])
    + r")\s+|(?P<about>"
    + "|".join(QUALIFIER_WORDS["about"])
    + r")\s+)?(?P<number>[\d.,]+)\s*(?P<percent>%)?$"
)
_UNIT_AT_START = re.compile(r"(?i)^(" + "|".join(re.escape(u) for u in UNITS) + r")(?!\w)")


def _cells(line: str, offset: int) -> list[Cell]:
    """Cells of a row with their spans in the document."""
    out, pos = [], 0
    for part in line.split("|")[1:-1]:
        start = pos + 1 + (len(part) - len(part.lstrip()))
        pos += 1 + len(part)
        out.append((part.strip(), offset + start, offset + start + len(part.strip())))
    return out


def cell_value(cell: str) -> tuple[float, str, bool] | None:
    """ "trên 500" -> (500, "more_than", False); "72,5%" -> (72.5, "exact", True)."""
    m = VALUE.match(cell.strip())
    number = parse_number(m.group("number")) if m else None
    if number is None:
        return None
    qualifier = "more_than" if m.group("more") else "about" if m.group("about") else "exact"
    return number, qualifier, bool(m.group("percent"))


def _rows(text: str, parts: list[tuple[int, int]]) -> list[list[list[Cell]]]:
    tables: list[list[list[Cell]]] = []
    for lo, hi in parts:
        pos = lo
        previous_was_row = False
        for line in text[lo:hi].split("\n"):
            stripped = line.strip()
            if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 4:
                if not previous_was_row:
                    tables.append([])
                tables[-1].append(_cells(line, pos))
                previous_was_row = True
            else:
                previous_was_row = False
            pos += len(line) + 1
    return tables


def _is_numbering(row: list[Cell]) -> bool:
    """A row that numbers the columns under the header: "| 1 | 2 | 3 |" or "| (1) | (2) |"."""
    marks = [c[0].strip("()") for c in row if c[0]]
    return len(marks) >= 2 and marks == [str(i) for i in range(1, len(marks) + 1)]


def _value_columns(
    header: list[str], data: list[list[Cell]], skip: set[int]
) -> tuple[list[int], set[int]]:
    """Columns whose filled cells are mostly figures, never a column of years; and of those
    headed by years, the earlier ones, whose values are given for comparison."""
    numeric = []
    for i in range(len(header)):
        filled = [r[i][0] for r in data if i < len(r) and r[i][0] and r[i][0] not in "-–x"]
        values = [cell_value(c) for c in filled]
        if i in skip or not filled or sum(v is not None for v in values) * 2 < len(filled):
            continue
        if all(v and YEAR.fullmatch(c) for v, c in zip(values, filled, strict=True)):
            continue
        numeric.append(i)
    years = [(int(YEAR.search(header[i]).group()), i) for i in numeric if YEAR.search(header[i])]
    latest = max(years)[1] if years else None
    return numeric, {i for _, i in years if i != latest}


def _unit(label: str, unit_cell: str, percent: bool) -> tuple[str, float]:
    """The unit of a row and the scale its values are written in ("triệu đồng" -> 1e6)."""
    if percent:
        return "%", 1
    scale = unit_cell.split()[0].lower() if unit_cell.split() else ""
    if scale in SCALES and unit_cell.lower().endswith("đồng"):
        return "đồng", SCALES[scale]
    if unit_cell:
        return unit_cell, 1
    m = _UNIT_AT_START.match(label)
    return (m.group(1) if m else (label.split() or [""])[0].lower()), 1


def _whose(header: str) -> str | None:
    """The agency or place a column is about; none for "Tổng số", "Kết quả năm 2023" ..."""
    return None if GENERIC_HEADER.search(header) or YEAR.search(header) else header


def table_figures(
    text: str, parts: list[tuple[int, int]]
) -> tuple[list[dict], list[tuple[int, int]]]:
    """Figures read from tables, as Figure keyword arguments, and the spans the tables cover."""
    found, spans = [], []
    for rows in _rows(text, parts):
        spans.append((rows[0][0][1] - 2, rows[-1][-1][2] + 2))
        header = [c[0] for c in rows[0]]
        if any(cell_value(h) for h in header) or len(rows) < 2:
            continue
        data = [r for r in rows[1:] if not _is_numbering(r)]
        unit_col = next((i for i, h in enumerate(header) if UNIT_HEADER.search(h)), None)
        skip = {i for i, h in enumerate(header) if ORDINAL_HEADER.match(h)} | {unit_col}
        columns, earlier = _value_columns(header, data, skip)
        label_col = next(
            (i for i in range(len(header)) if i not in skip and i not in columns), None
        )
        if label_col is None:
            continue
        for row in data:
            if label_col >= len(row) or not row[label_col][0]:
                continue
            label = row[label_col][0]
            unit_cell = row[unit_col][0] if unit_col is not None and unit_col < len(row) else ""
            for col in columns:
                read = cell_value(row[col][0]) if col < len(row) else None
                if read is None:
                    continue
                value, qualifier, percent = read
                unit, scale = _unit(label, unit_cell, percent)
                found.append(
                    {
                        "value": value * scale,
                        "qualifier": qualifier,
                        "unit": unit,
                        "what": label,
                        "quote": text[row[label_col][1] : row[col][2]],
                        "start": row[label_col][1],
                        "end": row[col][2],
                        "locality": _whose(header[col]),
                        "comparison": col in earlier,
                    }
                )
    return found, spans
