"""Figures in data tables written as "| label | unit | value |" rows (a .docx table reads so)."""

from __future__ import annotations

import re

from lib.vnnumbers import SCALES, parse_number

from .units import UNITS

UNIT_HEADER = re.compile(r"(?i)đơn vị|đvt")
ORDINAL_HEADER = re.compile(r"(?i)^(?:stt|tt|số tt|số thứ tự)$")
PREFERRED_HEADER = re.compile(r"(?i)kết quả|số lượng|thực hiện|số liệu|tổng số")
YEAR = re.compile(r"(?:19|20)\d\d")
_UNIT_AT_START = re.compile(r"(?i)^(" + "|".join(re.escape(u) for u in UNITS) + r")(?!\w)")


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """Cells of a row with their spans in the document."""
    out, pos = [], 0
    for part in line.split("|")[1:-1]:
        start = pos + 1 + (len(part) - len(part.lstrip()))
        pos += 1 + len(part)
        out.append((part.strip(), offset + start, offset + start + len(part.strip())))
    return out


def _value(cell: str) -> tuple[float, bool] | None:
    percent = cell.endswith("%")
    number = parse_number(cell.rstrip("% "))
    return (number, percent) if number is not None else None


def _rows(text: str, body: tuple[int, int]) -> list[list[list[tuple[str, int, int]]]]:
    tables: list[list[list[tuple[str, int, int]]]] = []
    pos = body[0]
    previous_was_row = False
    for line in text[body[0] : body[1]].split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 4:
            cells = _cells(line, pos)
            if not previous_was_row:
                tables.append([])
            tables[-1].append(cells)
            previous_was_row = True
        else:
            previous_was_row = False
        pos += len(line) + 1
    return tables


def _value_column(
    header: list[str], data: list[list[tuple[str, int, int]]], skip: set[int]
) -> int | None:
    numeric = [
        i
        for i in range(len(header))
        if i not in skip and sum(1 for r in data if i < len(r) and _value(r[i][0])) * 2 >= len(data)
    ]
    if not numeric:
        return None
    preferred = [i for i in numeric if PREFERRED_HEADER.search(header[i])]
    if preferred:
        return preferred[0]
    years = [(int(YEAR.search(header[i]).group()), i) for i in numeric if YEAR.search(header[i])]
    return max(years)[1] if years else numeric[0]


def table_figures(text: str, body: tuple[int, int]) -> tuple[list[dict], list[tuple[int, int]]]:
    """Figures read from tables, as Figure keyword arguments, and the spans the tables cover."""
    found, spans = [], []
    for rows in _rows(text, body):
        spans.append((rows[0][0][1] - 2, rows[-1][-1][2] + 2))
        header = [c[0] for c in rows[0]]
        if any(_value(h) for h in header) or len(rows) < 2:
            continue
        data = rows[1:]
        unit_col = next((i for i, h in enumerate(header) if UNIT_HEADER.search(h)), None)
        skip = {i for i, h in enumerate(header) if ORDINAL_HEADER.match(h)} | {unit_col}
        col = _value_column(header, data, skip)
        if col is None:
            continue
        label_col = next((i for i in range(len(header)) if i not in skip and i != col), None)
        if label_col is None:
            continue
        for row in data:
            if max(col, label_col) >= len(row) or not _value(row[col][0]):
                continue
            value, percent = _value(row[col][0])
            label = row[label_col][0]
            unit = (
                "%"
                if percent
                else (row[unit_col][0] if unit_col is not None and unit_col < len(row) else "")
            )
            scale = unit.split()[0].lower() if unit.split() else ""
            if scale in SCALES and unit.lower().endswith("đồng"):
                value, unit = value * SCALES[scale], "đồng"
            if not unit:
                m = _UNIT_AT_START.match(label)
                unit = m.group(1) if m else (label.split() or [""])[0].lower()
            found.append(
                {
                    "value": value,
                    "qualifier": "exact",
                    "unit": unit,
                    "what": label,
                    "quote": text[row[label_col][1] : row[col][2]],
                    "start": row[label_col][1],
                    "end": row[col][2],
                }
            )
    return found, spans
