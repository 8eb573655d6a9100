"""Figures in data tables written as "| label | unit | value | value ... |" rows (a .docx table
reads so): every value cell of a data table, with its row label and its column header.

The values of an earlier year's column ("Năm 2023 | Năm 2024") are figures the report states,
but for comparison: they are marked so, and no indicator is proposed for them."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from lib.vnnumbers import QUALIFIER_WORDS, SCALES, parse_number, scaled
from lib.vntext import LOWER

from .found import FoundFigure
from .units import UNIT_AT_START


class TableCell(NamedTuple):
    """A cell's text, stripped, and where it stands in the document."""

    text: str
    start: int
    end: int


Row = list[TableCell]


class TextTable(NamedTuple):
    """The rows of one table in the text, and the unit its caption gives ("Đơn vị tính: ...")."""

    rows: list[Row]
    caption: str


class CellValue(NamedTuple):
    """What a value cell says: "hơn 500" is 500, "more_than", not a percentage, "hơn"; "25
    buổi" and "45 triệu đồng" also give the unit written after the number."""

    value: Decimal
    qualifier: str
    percent: bool
    word: str
    unit: str = ""


class TableFigures(NamedTuple):
    """The figures read from the text's tables, and the spans the tables cover."""

    figures: list[FoundFigure]
    spans: list[tuple[int, int]]


RULE_ROW = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$")
UNIT_HEADER = re.compile(r"(?i)đơn vị tính|^đvt:?$")
# "Đơn vị" heads either the units or the agencies; its cells tell which.
AMBIGUOUS_UNIT_HEADER = re.compile(r"(?i)^đơn vị$")
# "Đơn vị tính: triệu đồng" above a table; "Kinh phí (triệu đồng)", "Tỷ lệ (%)" in a header.
CAPTION_UNIT = re.compile(r"(?i)\b(?:đơn vị tính|đvt)\s*:\s*(?P<unit>[^():;|]+?)\s*\)?\s*$")
HEADER_UNIT = re.compile(r"\((?P<unit>[^()]{1,30})\)\s*$")
PERCENT_IN_HEADER = re.compile(r"\(\s*%\s*\)")
RATE_HEADER = re.compile(r"(?i)^tỷ lệ\b")
PLAN_HEADER = re.compile(r"(?i)kế hoạch|chỉ tiêu")
# A change beside the periods ("Tăng/giảm", "Chênh lệch"): given for comparison, maybe below 0.
CHANGE_HEADER = re.compile(r"(?i)tăng\s*[/,]\s*giảm|tăng\s*\(\+\)|chênh lệch|^(?:tăng|giảm)\b")
# A ratio or a change against the plan ("So sánh (%) Với kế hoạch") is no plan of its own.
RATIO_HEADER = re.compile(r"(?i)so sánh|so với|tỷ lệ|%|tăng|giảm")
NOT_PERIOD_HEADER = re.compile(r"(?i)so sánh|tăng|giảm|kế hoạch|chỉ tiêu|tỷ lệ|%|\d\s*/\s*\d")
# The label column names agencies or places: the value's noun is then in the column's header.
AGENCY_HEADER = re.compile(
    r"(?i)^(?:tên\s+)?(?:đơn vị|cơ quan|địa phương|địa bàn|khu vực|vùng|miền|tỉnh|huyện|quận"
    r"|xã|phường|khu phố|tổ dân phố|thôn|ấp|khóm|bản|xóm|buôn)"
    r"(?:\s*[,/]\s*(?:thành phố|thị xã|thị trấn|phường|xã|đặc khu|thôn|tổ dân phố|khu phố|ấp"
    r"|khóm|bản|xóm|buôn))*$"
)
# The row that adds the others up is no place: "Tổng cộng", "Toàn tỉnh".
TOTAL_ROW = re.compile(
    r"(?i)^(?:tổng cộng|tổng số|tổng|cộng|toàn (?:tỉnh|quốc|huyện|quận|thị xã|thành phố|xã"
    r"|phường|ngành|đơn vị|lực lượng))(?:\s*\(.*\))?\s*:?$"
)
# A row's number in a column without a header of its own: "1", "2.", "II", "a)".
ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5}|[a-zđ])[.)]?$")
COUNT_WORD = re.compile(r"(?i)(?<!\S)(?:tổng\s+)?(?:số lượng|số)\s+")
WORD_START = re.compile(r"(?<!\S)\S")
COUNT_PREFIX = re.compile(r"(?i)^(?:tổng\s+)?(?:số lượng|số)\s+")
# "STT", also as a PDF wraps a narrow cell: "ST T".
ORDINAL_HEADER = re.compile(r"(?i)^(?:s\s?t\s?t|tt|số tt|số thứ tự)$")
# A column header that says "the value" rather than whose value it is.
GENERIC_HEADER = re.compile(
    r"(?i)kết quả|số lượng|thực hiện|số liệu|tổng số|tổng cộng|^tổng$|giá trị|kế hoạch|chỉ tiêu"
    r"|tỷ lệ|kinh phí|so sánh|ghi chú|tăng|giảm|chênh lệch"
)
# A column of amounts of money, in đồng unless a unit is given: "Tiền phạt", "Số tiền", "Kinh phí".
MONEY_HEADER = re.compile(r"(?i)(?<!\w)(?:tiền|kinh phí|ngân sách)(?!\w)")
# A count a note cell opens with: "03 cơ sở tạm ngừng hoạt động".
NOTE_COUNT = re.compile(r"^(?P<number>\d[\d.,]*)\s+(?P<rest>[^\W\d_].*)$")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DIGIT = re.compile(r"\d")
# A value cell: a number, maybe signed ("+3" in a "Tăng/giảm" column), maybe with a qualifier
# before it, a "%" or a unit in small letters after it ("25 buổi", "45 triệu đồng").
VALUE = re.compile(
    r"(?i)^(?:(?P<more>"
    + "|".join(QUALIFIER_WORDS["more_than"])
    + r")\s+|(?P<about>"
    + "|".join(QUALIFIER_WORDS["about"])
    + r")\s+)?(?P<sign>[+-]\s?)?(?P<number>\d[\d.,]*)\s*(?:(?P<percent>%)"
    + rf"|(?P<unit>(?-i:[{LOWER}][^\W\d_]*(?: [{LOWER}][^\W\d_]*){{0,3}})))?$"
)


def _cells(line: str, offset: int, web: bool = False) -> Row:
    """Cells of a row with their spans in the document. A web page that flattens a table
    leaves out the first pipe ("STT | Nội dung | Kết quả |"), so in its rows a line that opens
    with a pipe has an empty first cell ("| Tổng cộng | 104 |")."""
    if _is_tab_row(line.strip()):
        at = line.index("|\t") + 2
        out, pos = [], at
        for part in line[at : line.rindex("\t|")].split("\t"):
            out.append(TableCell(part.strip(), offset + pos, offset + pos + len(part.strip())))
            pos += len(part) + 1
        return out
    parts = line.split("|")[:-1]
    pos = 0
    if not parts[0].strip() and not web:  # the row opens with a pipe
        pos = len(parts[0]) + 1
        parts = parts[1:]
    out = []
    for part in parts:
        start = pos + (len(part) - len(part.lstrip()))
        out.append(TableCell(part.strip(), offset + start, offset + start + len(part.strip())))
        pos += len(part) + 1
    return out


def _is_row(line: str) -> bool:
    """ "| a | b | c |", or as a web page flattens it "a | b | c |": three cells or more; or
    a row whose cells the source set apart with tabs or spaces, "|\ta\tb\tc\t|"."""
    if _is_tab_row(line):
        return True
    return line.endswith("|") and line.count("|") >= (4 if line.startswith("|") else 3)


def _is_tab_row(line: str) -> bool:
    return line.startswith("|\t") and line.endswith("\t|") and line.count("\t") >= 4


def cell_value(cell: str) -> CellValue | None:
    """ "hơn 500" -> (500, "more_than", False, "hơn"); "72,5%" -> (72.5, "exact", True, "")."""
    m = VALUE.match(cell.strip()) if DIGIT.search(cell) else None
    if m is None:
        return None
    number = parse_number(m.group("number"))
    if number is None:
        return None
    unit = m.group("unit") or ""
    known = UNIT_AT_START.fullmatch(unit) or _scaled(unit)[1] > 1 or unit == "đồng"
    if len(unit.split()) > 1 and not known:  # "3 xã còn lại" is a phrase, "1.500 tờ" sheets
        return None
    if (m.group("sign") or "").strip() == "-":
        number = -number
    qualifier = "more_than" if m.group("more") else "about" if m.group("about") else "exact"
    word = " ".join((m.group("more") or m.group("about") or "").lower().split())
    return CellValue(number, qualifier, bool(m.group("percent")), word, unit)


def _tables(text: str, parts: list[tuple[int, int]]) -> list[TextTable]:
    """The tables of the text, each with the unit its caption gives ("Đơn vị tính: ...")."""
    tables: list[TextTable] = []
    for lo, hi in parts:
        pos = lo
        previous_was_row = web = False
        caption = ""
        for line in text[lo:hi].split("\n"):
            stripped = line.strip()
            if _is_row(stripped) and RULE_ROW.match(stripped):
                pass  # a Markdown table's line under its header: "|---|:---:|"
            elif _is_row(stripped):
                web = (web and previous_was_row) or not stripped.startswith("|")
                cells = _cells(line, pos, web)
                if not previous_was_row or _starts_table(cells, tables[-1].rows):
                    tables.append(TextTable([], caption))
                    caption = ""
                tables[-1].rows.append(cells)
                previous_was_row = True
            else:
                previous_was_row = False
                m = CAPTION_UNIT.search(stripped)
                caption = m.group("unit") if m else caption if not stripped else ""
            pos += len(line) + 1
    return tables


def _starts_table(row: Row, rows: list[Row]) -> bool:
    """A header row ("| STT | ...") or a change in the number of columns: two tables that only
    an empty line kept apart, which the text no longer shows. A total row whose first cells
    were merged has fewer cells, and rows numbered under a header without "STT" one more."""
    if ORDINAL_HEADER.match(row[0].text):  # unless merged down from the header row above
        return not (len(rows) < 3 and row[0].text == rows[-1][0].text)
    width = len(rows[0])
    return len(row) not in {len(rows[-1]), width} and not (
        (len(row) < width and _short_row(row))
        or (len(row) == width + 1 and ROW_NUMBER.match(row[0].text))
        or (len(rows) == 1 and _fills_merges(row, [c.text for c in rows[0]]))
    )


def _short_row(row: Row) -> bool:
    """A row of the table with fewer cells than its header: a total row whose first cells were
    merged, a row without a number of its own ("- Trong đó: karaoke | 12 | 15"), a section row
    ("II | Công tác kiểm tra")."""
    first = row[0].text
    if TOTAL_ROW.match(first) or ROW_NUMBER.match(first):
        return True
    return cell_value(first) is None and _is_value_row(row)


def _fills_merges(row: Row, header: list[str]) -> bool:
    """A sub-header typed only under the header's group columns ("Vụ | Đối tượng" under
    "Phát hiện | |"): fewer cells, none a value, laid on the header's last columns, where a
    group's cell is followed by the empty ones it was merged over."""
    if len(row) >= len(header) or len(row) < 2 or _is_value_row(row):
        return False
    under = header[len(header) - len(row) :]
    return all(c.text for c in row) and "" in under[1:] and bool(under[0])


def _is_value_row(row: Row) -> bool:
    """Whether a row holds a value; a header's years ("2024 | 2025") are none."""
    return any(cell_value(c.text) and not YEAR.fullmatch(c.text) for c in row)


def _header(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """The column headers and the data rows. A header may take up to four rows: group
    headers over sub-headers (the group's label over each of its columns: "Năm 2025 Kế hoạch",
    "Năm 2025 Thực hiện"), and a row that numbers the columns, which gives no figure."""
    header = [c.text for c in rows[0]]
    at = 1
    while at < min(len(rows), 4) and (
        _continues_header(rows[at], header) or _fills_merges(rows[at], header)
    ):
        sub = [""] * (len(header) - len(rows[at])) + [c.text for c in rows[at]]
        groups = [
            h or next((g for g in reversed(header[:i]) if g), "") for i, h in enumerate(header)
        ]
        header = [
            _joined(g if s else h, s) if s or h else ""
            for g, h, s in zip(groups, header, sub, strict=True)
        ]
        at += 1
    if at < len(rows) and _is_units_row(rows[at], header):
        units = [c.text for c in rows[at]]
        header = [
            f"{h} ({u})" if h and u and not _marks_units(u) else h
            for h, u in zip(header, units, strict=True)
        ]
        at += 1
    return header, [r for r in rows[at:] if not _is_numbering(r)]


def _marks_units(cell: str) -> bool:
    return bool(UNIT_HEADER.fullmatch(cell) or AMBIGUOUS_UNIT_HEADER.match(cell))


def _is_units_row(row: Row, header: list[str]) -> bool:
    """A row under the header that gives each column's unit: "ĐVT | | buổi | lượt người | %"."""
    if len(row) != len(header):
        return False
    marks = [i for i, c in enumerate(row) if _marks_units(c.text)]
    if not marks or marks[0] > 1:
        return False
    units = [c.text for c in row[marks[0] + 1 :] if c.text]
    return len(units) >= 2 and all(map(_looks_like_unit, units)) and not _is_value_row(row)


def _joined(group: str, sub: str) -> str:
    """A group header over its sub-header; a cell merged down repeats its text only once."""
    if not group or not sub or group == sub or group.endswith(f" {sub}"):
        return group or sub
    return f"{group} {sub}"


def _continues_header(row: Row, header: list[str]) -> bool:
    """A sub-header row: as wide as the header, no value in it, and no row number or label of
    its own in the first column (empty, or the header's own cell repeated down a merge)."""
    first = row[0].text
    return (
        len(row) == len(header)
        and not _is_value_row(row)
        and not _is_numbering(row)
        and (not first or first == header[0])
        and any(c.text and c.text != h for c, h in zip(row, header, strict=True))
    )


def _fitted(row: Row, header: list[str]) -> Row:
    """A row laid on the header's columns: a row number without a column of its own dropped, and
    a total row whose first cells were merged aligned on the value columns at the right, its
    label in the first column that is no row number's."""
    width = len(header)
    if len(row) == width + 1 and ROW_NUMBER.match(row[0].text):
        return row[1:]
    if len(row) >= width or not row:
        return row
    label_at = next((i for i, h in enumerate(header) if not ORDINAL_HEADER.match(h)), 0)
    empty = TableCell("", row[0].end, row[0].end)
    right = [*[empty] * (width - len(row) + 1), *row[1:]]
    return [*right[:label_at], row[0], *right[label_at + 1 :]]


# A column's mark in the row that numbers the columns: "3", "(3)", "6=5/4", "(6)=(5)-(4)", "A".
COLUMN_MARK = re.compile(r"^\(?(?P<n>\d{1,2})\)?(?:\s*=\s*[\d()+\-*/x:.,\s]+)?$|^\(?[A-Z]\)?$")


def _is_numbering(row: Row) -> bool:
    """A row that numbers the columns under the header: "| 1 | 2 | 3 |", "| (1) | (2) |", with
    letters for the label columns ("| A | B | 1 | 2 |") and a formula for a computed column
    ("| 4 | 5 | 6=5/4 |"): the numbers run on one by one."""
    marks = [COLUMN_MARK.match(c.text) for c in row if c.text]
    if len(marks) < 2 or not all(marks):
        return False
    numbers = [int(m.group("n")) for m in marks if m and m.group("n")]
    first = 1 if len(numbers) == len(marks) else numbers[0] if numbers else 0
    return len(numbers) >= 2 and numbers == list(range(first, first + len(numbers)))


def _filled(row: Row, i: int) -> bool:
    """Whether a row has a cell of its own in column i: not empty, no dash, no text merged
    across from the cell on its left."""
    if i >= len(row) or not row[i].text or row[i].text in "-–x":
        return False
    return i == 0 or row[i].text != row[i - 1].text or cell_value(row[i].text) is not None


def _value_columns(
    header: list[str], data: list[Row], skip: set[int]
) -> tuple[list[int], set[int]]:
    """Columns whose filled cells are mostly figures, never a column of years; and those whose
    values are given for comparison: an earlier year's, or the plan's beside the result. A
    cell that repeats the one on its left is a heading row's text merged across (a Word or PDF
    table's "I. CÔNG TÁC TUYÊN TRUYỀN" over the whole row), not a cell of the column."""
    numeric = []
    for i in range(len(header)):
        filled = [r[i].text for r in data if _filled(r, i)]
        values = [cell_value(c) for c in filled]
        if i in skip or not filled or sum(v is not None for v in values) * 2 < len(filled):
            continue
        if all(v and YEAR.fullmatch(c) for v, c in zip(values, filled, strict=True)):
            continue
        if len(values) >= 3 and [v and v.value for v in values] == list(range(1, len(values) + 1)):
            continue  # the rows' numbers, whatever the header says
        numeric.append(i)
    years = [(_year(header[i]), i) for i in numeric if _period_column(header[i])]
    latest = max((year for year, _ in years), default=0)
    plans = {
        i for i in numeric if PLAN_HEADER.search(header[i]) and not RATIO_HEADER.search(header[i])
    }
    results = [i for i in numeric if i not in plans and not NOT_PERIOD_HEADER.search(header[i])]
    changes = {i for i in numeric if CHANGE_HEADER.search(header[i])}
    return numeric, {i for year, i in years if year < latest} | (
        plans if results else set()
    ) | changes


def _period_column(header: str) -> bool:
    """ "Năm 2023", "Kết quả năm 2024": a period's values; not a plan, a change or a rate."""
    return bool(YEAR.search(header)) and not NOT_PERIOD_HEADER.search(header)


def _year(header: str) -> int:
    """The year a period column's header names (`_period_column` has found one)."""
    m = YEAR.search(header)
    assert m is not None
    return int(m.group())


def _scaled(unit: str) -> tuple[str, int]:
    """ "triệu đồng" -> ("đồng", 1e6); "%" and "người" as they are."""
    words = unit.split()
    if len(words) > 1 and words[0].lower() in SCALES and unit.lower().endswith("đồng"):
        return "đồng", SCALES[words[0].lower()]
    return unit, 1


def _column_unit(header: str) -> str:
    """The unit a column header gives its values: "Kinh phí (triệu đồng)", "Tỷ lệ (%)", and
    "So sánh (%) Với kế hoạch", a group header's "(%)" over its sub-header."""
    if PERCENT_IN_HEADER.search(header):
        return "%"
    m = HEADER_UNIT.search(header)
    if m and _looks_like_unit(m.group("unit").strip()) and not YEAR.search(m.group("unit")):
        return m.group("unit").strip()
    count = COUNT_PREFIX.match(header)  # "Số cơ sở", "Số lượt kiểm tra"
    unit = UNIT_AT_START.match(header[count.end() :]) if count else None
    if unit:
        return unit.group(1)
    unit = UNIT_AT_START.match(header)  # "Lượt kiểm tra trong năm" counts times: "lượt"
    if unit and unit.group(1).lower().startswith("lượt"):
        return unit.group(1)
    return "%" if RATE_HEADER.match(header) else ""


def _unit(
    label: str, unit_cell: str, percent: bool, column: str, caption: str, money: bool = False
) -> tuple[str, int]:
    """The unit of a value and the scale it is written in: the cell's own "%", then the
    column's header, the row's unit cell, the table's caption, "đồng" under a header that
    names an amount of money ("Tiền phạt") and last the row's label."""
    if percent:
        return "%", 1
    for unit in (column, unit_cell, caption):
        if unit:
            return _scaled(unit)
    return ("đồng" if money else _noun_unit(label)), 1


def _noun_unit(noun: str) -> str:
    """The unit a label or a header names: what its last "Số ..." counts ("Kiểm tra Số đoàn"
    under a group header), else the first unit it opens a word with ("Lượt cơ sở", "Kiểm tra
    Lượt cơ sở"), else its first word."""
    for m in reversed(list(COUNT_WORD.finditer(noun))):
        unit = UNIT_AT_START.match(noun[m.end() :])
        if unit:
            return unit.group(1)
    for m in WORD_START.finditer(noun):
        unit = UNIT_AT_START.match(noun[m.start() :])
        if unit and unit.group(1).lower() != "số":
            return unit.group(1)
    return (noun.split() or [""])[0].lower()


def _whose(header: str) -> str | None:
    """The agency or place a column is about; none for "Tổng số", "Kết quả năm 2023" ..."""
    generic = (
        GENERIC_HEADER.search(header)
        or YEAR.search(header)
        or COUNT_PREFIX.match(header)
        or _column_unit(header)
    )
    return None if generic else header


def _unit_column(header: list[str], data: list[Row]) -> int | None:
    """The column of units: "Đơn vị tính", or "Đơn vị" when its cells are units, not agencies."""
    for i, h in enumerate(header):
        if UNIT_HEADER.search(h):
            return i
        if AMBIGUOUS_UNIT_HEADER.match(h.strip()):
            cells = [r[i].text for r in data if i < len(r) and r[i].text]
            if cells and sum(map(_looks_like_unit, cells)) * 2 > len(cells):
                return i
    return None


def _known_unit(unit: str) -> bool:
    """ "cơ sở", "lượt người", "triệu đồng", "%"; not "nữ" nor "năm 2024"."""
    return unit == "%" or bool(UNIT_AT_START.fullmatch(unit)) or _scaled(unit)[1] > 1


def _looks_like_unit(cell: str) -> bool:
    """ "cơ sở", "triệu đồng", "%": a unit is written in small letters; an agency is a name."""
    return cell == "%" or cell[:1].islower() or bool(UNIT_AT_START.fullmatch(cell))


class _Layout(NamedTuple):
    """How a data table is laid out: which columns hold what, decided from its header."""

    label_col: int
    unit_col: int | None
    columns: list[int]  # the value columns
    earlier: set[int]  # value columns given for comparison
    by_agency: bool  # the label column names agencies or places
    units: dict[int, str]  # the unit each value column's header gives
    whose: dict[int, str | None]  # the agency or place each value column is about
    common_unit: str  # the unit most rows' unit cells give, for a total row that has none
    notes: list[int]  # the columns of words beside the label ("Ghi chú")


def _layout(header: list[str], data: list[Row]) -> _Layout | None:
    """The table's layout, or None when it has no column of labels."""
    unit_col = _unit_column(header, data)
    skip = {i for i, h in enumerate(header) if ORDINAL_HEADER.match(h) or i == unit_col}
    columns, earlier = _value_columns(header, data, skip)
    label_col = next((i for i in range(len(header)) if i not in skip and i not in columns), None)
    if label_col is None:
        return None
    units = [r[unit_col].text for r in data if unit_col is not None and r[unit_col].text]
    return _Layout(
        label_col,
        unit_col,
        columns,
        earlier,
        bool(AGENCY_HEADER.match(header[label_col].strip())),
        {col: _column_unit(header[col]) for col in columns},
        {col: _whose(header[col]) for col in columns},
        max(units, key=units.count) if units else "",
        [i for i in range(len(header)) if i not in skip and i not in columns and i != label_col],
    )


def _row_figures(
    text: str, row: Row, header: list[str], caption: str, layout: _Layout
) -> list[FoundFigure]:
    """The figures of one data row: each value cell, with the row's label and its column."""
    label_col, unit_col, by_agency = layout.label_col, layout.unit_col, layout.by_agency
    if label_col >= len(row):
        return []
    if not row[label_col].text:  # a merged total cell left in the row number's column
        first = row[0]
        if label_col == 0 or not TOTAL_ROW.match(first.text):
            return []
        row = [*row[:label_col], first, *row[label_col + 1 :]]
    label = row[label_col].text
    unit_cell = row[unit_col].text if unit_col is not None and unit_col < len(row) else ""
    if not unit_cell and TOTAL_ROW.match(label):
        unit_cell = layout.common_unit
    written = HEADER_UNIT.search(label)  # "Tiền phạt (triệu đồng)": the row's own unit
    if not unit_cell and not by_agency and written and _known_unit(written["unit"].strip()):
        unit_cell = written["unit"].strip()
    found = []
    for col in layout.columns:
        read = cell_value(row[col].text) if col < len(row) else None
        if read is None:
            continue
        what = header[col] if by_agency else label
        noun = COUNT_PREFIX.sub("", what) if by_agency else label
        if read.unit:
            unit, scale = _scaled(read.unit)
        elif PERCENT_IN_HEADER.search(label):  # a row of ratios: "So sánh với cùng kỳ (%)"
            unit, scale = "%", 1
        else:
            money = bool(MONEY_HEADER.search(header[col]))
            unit, scale = _unit(noun, unit_cell, read.percent, layout.units[col], caption, money)
        found.append(
            FoundFigure(
                value=scaled(read.value, scale),
                qualifier=read.qualifier,
                qualifier_word=read.word,
                unit=unit,
                what=what,
                quote=text[row[label_col].start : row[col].end],
                start=row[label_col].start,
                end=row[col].end,
                locality=(None if TOTAL_ROW.match(label) else label)
                if by_agency
                else layout.whose[col],
                comparison=col in layout.earlier,
            )
        )
    return found + _note_figures(text, row, label, layout)


def _note_figures(text: str, row: Row, label: str, layout: _Layout) -> list[FoundFigure]:
    """Counts that a note cell beside the label opens with: "03 cơ sở tạm ngừng hoạt động"."""
    found = []
    label_cell = row[layout.label_col]
    for col in layout.notes:
        note = NOTE_COUNT.match(row[col].text) if col < len(row) else None
        unit = UNIT_AT_START.match(note.group("rest")) if note else None
        read = cell_value(f"{note.group('number')} {unit.group(1)}") if note and unit else None
        if read is None:
            continue
        found.append(
            FoundFigure(
                value=read.value,
                qualifier="exact",
                qualifier_word="",
                unit=read.unit,
                what=label,
                quote=text[label_cell.start : row[col].end],
                start=label_cell.start,
                end=row[col].end,
                locality=label if layout.by_agency and not TOTAL_ROW.match(label) else None,
                comparison=False,
            )
        )
    return found


def table_figures(text: str, parts: list[tuple[int, int]]) -> TableFigures:
    """Figures read from tables, and the spans the tables cover."""
    found: list[FoundFigure] = []
    spans = []
    previous: tuple[list[str], str] = ([], "")  # the last data table's header and caption
    for rows, caption in _tables(text, parts):
        spans.append((rows[0][0].start - 2, rows[-1][-1].end + 2))
        if _is_value_row(rows[0]) and len(rows[0]) == len(previous[0]):
            header, caption = previous  # the table goes on on a new page
            data = [r for r in rows if not _is_numbering(r)]
        elif _is_value_row(rows[0]) or len(rows) < 2:
            continue
        else:
            header, data = _header(rows)
        previous = header, caption
        data = [_fitted(r, header) for r in data]
        layout = _layout(header, data)
        if layout is None:
            continue
        for row in data:
            found += _row_figures(text, row, header, caption, layout)
    return TableFigures(found, spans)
