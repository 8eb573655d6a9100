"""Annex tables as an .xlsx workbook: real numbers, shown with Vietnamese separators."""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rendering.spec import Cell, Table

# The [$-42A] locale tag (Vietnamese) makes LibreOffice print 43.000 and 1.234,5 whatever its own
# locale; Excel keeps the separators of the Windows regional settings, "." and "," in Vietnam.
INTEGER_FORMAT = "[$-42A]#,##0"
DECIMAL_FORMAT = "[$-42A]#,##0.##"
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
    title = sheet.cell(1, 1, table.title or None)
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
    cell = sheet.cell(row, column, value)
    cell.font = Font(name=FONT_NAME, size=12, bold=bold)
    cell.border = GRID
    if header:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif isinstance(value, int | float):
        is_whole = isinstance(value, int) or float(value).is_integer()
        cell.number_format = INTEGER_FORMAT if is_whole else DECIMAL_FORMAT
        cell.alignment = Alignment(horizontal="right")
