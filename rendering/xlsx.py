"""Annex tables as an .xlsx workbook: exact numbers, shown with Vietnamese separators; text that
cannot start a formula."""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lib.cells import number_format, safe_text
from rendering.spec import Amount, Cell, Table

# The [$-42A] locale tag (Vietnamese) makes LibreOffice print 43.000 and 1.234,5 whatever its own
# locale; Excel keeps the separators of the Windows regional settings, "." and "," in Vietnam.
VIETNAMESE = "[$-42A]"
FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIRST_ROW = 3  # the title takes row 1, row 2 is left empty
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def annex_workbook(tables: Sequence[Table]) -> bytes:
    """One sheet per table: title, bold header repeated when printed, bold total row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.language = "vi-VN"
    for number, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(sheet_name(table.title, number))
        _write_sheet(sheet, table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str, number: int) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    name = _SHEET_NAME_FORBIDDEN.sub(" ", title).strip()[:31].strip()
    return name or f"Phụ lục {number}"


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
    sheet.column_dimensions["A"].width = 32
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = sheet.cell(FIRST_ROW + 1, 2)
    sheet.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_cell(
    sheet: Worksheet, row: int, column: int, value: Cell, *, header: bool, bold: bool
) -> None:
    if isinstance(value, Amount):
        cell = sheet.cell(row, column, value.value)
        cell.number_format = VIETNAMESE + number_format(value.decimals)
    else:
        cell = sheet.cell(row, column, safe_text(value) if isinstance(value, str) else value)
        if isinstance(value, int):
            cell.number_format = VIETNAMESE + number_format(0)
    cell.font = Font(name=FONT_NAME, size=12, bold=bold)
    cell.border = GRID
    if header:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif isinstance(value, int | Amount):
        cell.alignment = Alignment(horizontal="right")
