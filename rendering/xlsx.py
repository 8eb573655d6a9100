"""Annex tables as an .xlsx workbook: exact numbers, shown with Vietnamese separators; text that
cannot start a formula.

A figure the agency qualified ("hơn 500") stays a number: its word is part of the cell's number
format ("hơn "#,##0), as on the analytics pages' downloads. A SUM over a column adds it, the cell
shows what the document prints, and the table keeps one column per agency; the word says only
that the figure is not exact, which the reader of the sheet sees in the cell.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lib.cells import number_format, safe_text
from rendering.spec import Amount, Cell, Table, cell_text

# The [$-42A] locale tag (Vietnamese) makes LibreOffice print 43.000 and 1.234,5 whatever its own
# locale; Excel keeps the separators of the Windows regional settings, "." and "," in Vietnam.
VIETNAMESE = "[$-42A]"
FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIRST_ROW = 3  # the title takes row 1, row 2 is left empty
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31
NAME_WIDTH = (24, 60)  # column A, in characters: at least, at most (longer names wrap)
NUMBER_WIDTH = 9  # a figure's column at least, in characters


def annex_workbook(tables: Sequence[Table]) -> bytes:
    """One sheet per table: title, bold header repeated when printed, bold total row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.language = "vi-VN"
    for number, table in enumerate(tables, start=1):
        name = sheet_name(table.title, number, taken=set(workbook.sheetnames))
        _write_sheet(workbook.create_sheet(name), table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str, number: int, taken: Collection[str] = ()) -> str:
    """A sheet name Excel accepts and a reader recognises: the title's first words within 31
    characters, none of []:*?/\\, no punctuation left dangling at its end, unlike the others."""
    words = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", title).split())
    name = _first_words(words, SHEET_NAME_LENGTH) or f"Phụ lục {number}"
    if name.lower() in {n.lower() for n in taken}:  # Excel compares names without case
        suffix = f" ({number})"
        name = _first_words(name, SHEET_NAME_LENGTH - len(suffix)) + suffix
    return name


def _first_words(text: str, length: int) -> str:
    if len(text) > length:
        text = text[: length + 1].rpartition(" ")[0] or text[:length]
    return text.rstrip(" ,;.-–'")


def _write_sheet(sheet: Worksheet, table: Table) -> None:
    width = len(table.columns)
    title = sheet.cell(1, 1, safe_text(table.title) or None)
    title.font = Font(name=FONT_NAME, size=14, bold=True)
    title.alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    rows = [table.columns, *table.rows, *([table.total] if table.total else [])]
    last = FIRST_ROW + len(rows) - 1
    for row_number, values in enumerate(rows, start=FIRST_ROW):
        strong = row_number == FIRST_ROW or (table.total is not None and row_number == last)
        for column, value in enumerate(values, start=1):
            _write_cell(
                sheet, row_number, column, value, header=row_number == FIRST_ROW, bold=strong
            )
    for column in range(1, width + 1):
        cells = [row[column - 1] for row in rows[1:]]
        sheet.column_dimensions[get_column_letter(column)].width = _column_width(
            cells, table.columns[column - 1], first=column == 1
        )
    sheet.freeze_panes = sheet.cell(FIRST_ROW + 1, 2)
    sheet.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _column_width(values: list[Cell], header: str, first: bool) -> float:
    """Characters a column needs: the names' column its longest name within NAME_WIDTH (longer
    ones wrap); another its longest figure or text, or its header's longest word (headers wrap)."""
    texts = [cell_text(value) for value in values]
    longest = max([len(text) for text in texts] + [len(word) for word in header.split()])
    if first:
        return min(max(longest + 2, NAME_WIDTH[0]), NAME_WIDTH[1])
    return max(longest + 2, NUMBER_WIDTH)


def amount_format(amount: Amount) -> str:
    """ "[$-42A]"hơn "#,##0" + " (*)": the figure's decimals, the agency's word, the note mark."""
    prefix = f"{amount.word} " if amount.word else ""
    suffix = f'"{amount.mark}"' if amount.mark else ""
    return VIETNAMESE + number_format(amount.decimals, prefix) + suffix


def _write_cell(
    sheet: Worksheet, row: int, column: int, value: Cell, *, header: bool, bold: bool
) -> None:
    if isinstance(value, Amount):
        cell = sheet.cell(row, column, value.value)
        cell.number_format = amount_format(value)
    else:
        cell = sheet.cell(row, column, safe_text(value) if isinstance(value, str) else value)
        if isinstance(value, int):
            cell.number_format = VIETNAMESE + number_format(0)
    cell.font = Font(name=FONT_NAME, size=12, bold=bold)
    cell.border = GRID
    if header:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif isinstance(value, int | Amount):
        cell.alignment = Alignment(horizontal="right", vertical="top")
    else:
        cell.alignment = Alignment(vertical="top", wrap_text=True)
