"""Figures in data tables written as "| label | unit | value | value ... |" rows (a .docx table
reads so): every value cell of a data table, with its row label and its column header.

The values of an earlier year's column ("Năm 2023 | Năm 2024") are figures the report states,
but for comparison: they are marked so, and no indicator is proposed for them."""

from __future__ import annotations

import re
from decimal import Decimal

from lib.vnnumbers import QUALIFIER_WORDS, SCALES, parse_number, scaled

from .units import UNIT_AT_START

Cell = tuple[str, int, int]

UNIT_HEADER = re.compile(r"(?i)đơn vị tính|^đvt$")
# "Đơn vị" heads either the units or the agencies; its cells tell which.
AMBIGUOUS_UNIT_HEADER = re.compile(r"(?i)^đơn vị$")
# "Đơn vị tính: triệu đồng" above a table; "Kinh phí (triệu đồng)", "Tỷ lệ (%)" in a header.
CAPTION_UNIT = re.compile(r"(?i)\b(?:đơn vị tính|đvt)\s*:\s*(?P<unit>[^():;|]+?)\s*\)?\s*$")
HEADER_UNIT = re.compile(r"\((?P<unit>[^()]{1,30})\)\s*$")
RATE_HEADER = re.compile(r"(?i)^tỷ lệ\b")
PLAN_HEADER = re.compile(r"(?i)kế hoạch|chỉ tiêu")
NOT_PERIOD_HEADER = re.compile(r"(?i)so sánh|tăng|giảm|kế hoạch|chỉ tiêu|tỷ lệ|%|\d\s*/\s*\d")
# The label column names agencies or places: the value's noun is then in the column's header.
AGENCY_HEADER = re.compile(
    r"(?i)^(?:tên\s+)?(?:đơn vị|cơ quan|địa phương|địa bàn|khu vực|vùng|miền|tỉnh|huyện|quận"
    r"|xã|phường)(?:,\s*(?:thành phố|thị xã|thị trấn|phường|xã))*$"
)
# The row that adds the others up is no place: "Tổng cộng", "Toàn tỉnh".
TOTAL_ROW = re.compile(r"(?i)^(?:tổng cộng|tổng số|tổng|cộng|toàn tỉnh|toàn quốc)$")
COUNT_PREFIX = re.compile(r"(?i)^(?:tổng\s+)?(?:số lượng|số)\s+")
# "STT", also as a PDF wraps a narrow cell: "ST T".
ORDINAL_HEADER = re.compile(r"(?i)^(?:s\s?t\s?t|tt|số tt|số thứ tự)$")
# A column header that says "the value" rather than whose value it is.
GENERIC_HEADER = re.compile(
    r"(?i)kết quả|số lượng|thực hiện|số liệu|tổng số|tổng cộng|^tổng$|giá trị|kế hoạch|chỉ tiêu"
    r"|tỷ lệ|kinh phí|so sánh|ghi chú"
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
VALUE = re.compile(
    r"(?i)^(?:(?P<more>"
    + "|".join(QUALIFIER_WORDS["more_than"])
    + r")\s+|(?P<about>"
    + "|".join(QUALIFIER_WORDS["about"])
    + r")\s+)?(?P<number>[\d.,]+)\s*(?P<percent>%)?$"
)


def _cells(line: str, offset: int, web: bool = False) -> list[Cell]:
    """Cells of a row with their spans in the document. A web page that flattens a table
    leaves out the first pipe ("STT | Nội dung | Kết quả |"), so in its rows a line that opens
    with a pipe has an empty first cell ("| Tổng cộng | 104 |")."""
    parts = line.split("|")[:-1]
    pos = 0
    if not parts[0].strip() and not web:  # the row opens with a pipe
        pos = len(parts[0]) + 1
        parts = parts[1:]
    out = []
    for part in parts:
        start = pos + (len(part) - len(part.lstrip()))
        out.append((part.strip(), offset + start, offset + start + len(part.strip())))
        pos += len(part) + 1
    return out


def _is_row(line: str) -> bool:
    """ "| a | b | c |", or as a web page flattens it "a | b | c |": three cells or more."""
    return line.endswith("|") and line.count("|") >= (4 if line.startswith("|") else 3)


def cell_value(cell: str) -> tuple[Decimal, str, bool, str] | None:
    """ "hơn 500" -> (500, "more_than", False, "hơn"); "72,5%" -> (72.5, "exact", True, "")."""
    m = VALUE.match(cell.strip())
    number = parse_number(m.group("number")) if m else None
    if number is None:
        return None
    qualifier = "more_than" if m.group("more") else "about" if m.group("about") else "exact"
    word = " ".join((m.group("more") or m.group("about") or "").lower().split())
    return number, qualifier, bool(m.group("percent")), word


def _rows(text: str, parts: list[tuple[int, int]]) -> list[tuple[list[list[Cell]], str]]:
    """The tables of the text, each with the unit its caption gives ("Đơn vị tính: ...")."""
    tables: list[tuple[list[list[Cell]], str]] = []
    for lo, hi in parts:
        pos = lo
        previous_was_row = web = False
        caption = ""
        for line in text[lo:hi].split("\n"):
            stripped = line.strip()
            if _is_row(stripped):
                web = (web and previous_was_row) or not stripped.startswith("|")
                cells = _cells(line, pos, web)
                if not previous_was_row or _starts_table(cells, tables[-1][0][-1]):
                    tables.append(([], caption))
                    caption = ""
                tables[-1][0].append(cells)
                previous_was_row = True
            else:
                previous_was_row = False
                m = CAPTION_UNIT.search(stripped)
                caption = m.group("unit") if m else caption if not stripped else ""
            pos += len(line) + 1
    return tables


def _starts_table(row: list[Cell], previous: list[Cell]) -> bool:
    """A header row ("| STT | ...") or a change in the number of columns: two tables that only
    an empty line kept apart, which the text no longer shows."""
    return bool(ORDINAL_HEADER.match(row[0][0])) or len(row) != len(previous)


def _is_numbering(row: list[Cell]) -> bool:
    """A row that numbers the columns under the header: "| 1 | 2 | 3 |" or "| (1) | (2) |"."""
    marks = [c[0].strip("()") for c in row if c[0]]
    return len(marks) >= 2 and marks == [str(i) for i in range(1, len(marks) + 1)]


def _value_columns(
    header: list[str], data: list[list[Cell]], skip: set[int]
) -> tuple[list[int], set[int]]:
    """Columns whose filled cells are mostly figures, never a column of years; and those whose
    values are given for comparison: an earlier year's, or the plan's beside the result."""
    numeric = []
    for i in range(len(header)):
        filled = [r[i][0] for r in data if i < len(r) and r[i][0] and r[i][0] not in "-–x"]
        values = [cell_value(c) for c in filled]
        if i in skip or not filled or sum(v is not None for v in values) * 2 < len(filled):
            continue
        if all(v and YEAR.fullmatch(c) for v, c in zip(values, filled, strict=True)):
            continue
        if len(values) >= 3 and [v and v[0] for v in values] == list(range(1, len(values) + 1)):
            continue  # the rows' numbers, whatever the header says
        numeric.append(i)
    years = [(int(YEAR.search(header[i]).group()), i) for i in numeric if _period_column(header[i])]
    latest = max((year for year, _ in years), default=None)
    plans = {i for i in numeric if PLAN_HEADER.search(header[i])}
    results = [i for i in numeric if i not in plans and not NOT_PERIOD_HEADER.search(header[i])]
    return numeric, {i for year, i in years if year < latest} | (plans if results else set())


def _period_column(header: str) -> bool:
    """ "Năm 2023", "Kết quả năm 2024": a period's values; not a plan, a change or a rate."""
    return bool(YEAR.search(header)) and not NOT_PERIOD_HEADER.search(header)


def _scaled(unit: str) -> tuple[str, int]:
    """ "triệu đồng" -> ("đồng", 1e6); "%" and "người" as they are."""
    words = unit.split()
    if len(words) > 1 and words[0].lower() in SCALES and unit.lower().endswith("đồng"):
        return "đồng", SCALES[words[0].lower()]
    return unit, 1


def _column_unit(header: str) -> str:
    """The unit a column header gives its values: "Kinh phí (triệu đồng)", "Tỷ lệ (%)"."""
    m = HEADER_UNIT.search(header)
    if m and _looks_like_unit(m.group("unit").strip()) and not YEAR.search(m.group("unit")):
        return m.group("unit").strip()
    count = COUNT_PREFIX.match(header)  # "Số cơ sở", "Số lượt kiểm tra"
    unit = UNIT_AT_START.match(header[count.end() :]) if count else None
    if unit:
        return unit.group(1)
    return "%" if RATE_HEADER.match(header) else ""


def _unit(label: str, unit_cell: str, percent: bool, column: str, caption: str) -> tuple[str, int]:
    """The unit of a value and the scale it is written in: the cell's own "%", then the
    column's header, the row's unit cell, the table's caption and last the row's label."""
    if percent:
        return "%", 1
    for unit in (column, unit_cell, caption):
        if unit:
            return _scaled(unit)
    m = UNIT_AT_START.match(label)
    return (m.group(1) if m else (label.split() or [""])[0].lower()), 1


def _whose(header: str) -> str | None:
    """The agency or place a column is about; none for "Tổng số", "Kết quả năm 2023" ..."""
    generic = (
        GENERIC_HEADER.search(header)
        or YEAR.search(header)
        or COUNT_PREFIX.match(header)
        or _column_unit(header)
    )
    return None if generic else header


def _unit_column(header: list[str], data: list[list[Cell]]) -> int | None:
    """The column of units: "Đơn vị tính", or "Đơn vị" when its cells are units, not agencies."""
    for i, h in enumerate(header):
        if UNIT_HEADER.search(h):
            return i
        if AMBIGUOUS_UNIT_HEADER.match(h.strip()):
            cells = [r[i][0] for r in data if i < len(r) and r[i][0]]
            if cells and sum(map(_looks_like_unit, cells)) * 2 > len(cells):
                return i
    return None


def _looks_like_unit(cell: str) -> bool:
    """ "cơ sở", "triệu đồng", "%": a unit is written in small letters; an agency is a name."""
    return cell == "%" or cell[:1].islower() or bool(UNIT_AT_START.fullmatch(cell))


def table_figures(
    text: str, parts: list[tuple[int, int]]
) -> tuple[list[dict], list[tuple[int, int]]]:
    """Figures read from tables, as Figure keyword arguments, and the spans the tables cover."""
    found, spans = [], []
    previous: tuple[list[str], str] = ([], "")
    for rows, caption in _rows(text, parts):
        spans.append((rows[0][0][1] - 2, rows[-1][-1][2] + 2))
        header = [c[0] for c in rows[0]]
        if any(cell_value(h) for h in header) and len(header) == len(previous[0]):
            (header, caption), rows = previous, [[], *rows]  # the table goes on on a new page
        if any(cell_value(h) for h in header) or len(rows) < 2:
            continue
        previous = header, caption
        data = [r for r in rows[1:] if not _is_numbering(r)]
        unit_col = _unit_column(header, data)
        skip = {i for i, h in enumerate(header) if ORDINAL_HEADER.match(h)} | {unit_col}
        columns, earlier = _value_columns(header, data, skip)
        label_col = next(
            (i for i in range(len(header)) if i not in skip and i not in columns), None
        )
        if label_col is None:
            continue
        by_agency = bool(AGENCY_HEADER.match(header[label_col].strip()))
        units = {col: _column_unit(header[col]) for col in columns}
        whose = {col: _whose(header[col]) for col in columns}
        for row in data:
            if label_col >= len(row) or not row[label_col][0]:
                continue
            label = row[label_col][0]
            unit_cell = row[unit_col][0] if unit_col is not None and unit_col < len(row) else ""
            for col in columns:
                read = cell_value(row[col][0]) if col < len(row) else None
                if read is None:
                    continue
                value, qualifier, percent, word = read
                what = header[col] if by_agency else label
                noun = COUNT_PREFIX.sub("", what) if by_agency else label
                unit, scale = _unit(noun, unit_cell, percent, units[col], caption)
                found.append(
                    {
                        "value": scaled(value, scale),
                        "qualifier": qualifier,
                        "qualifier_word": word,
                        "unit": unit,
                        "what": what,
                        "quote": text[row[label_col][1] : row[col][2]],
                        "start": row[label_col][1],
                        "end": row[col][2],
                        "locality": (None if TOTAL_ROW.match(label) else label)
                        if by_agency
                        else whose[col],
                        "comparison": col in earlier,
                    }
                )
    return found, spans
