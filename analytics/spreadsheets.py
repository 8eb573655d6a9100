"""Tables to .xlsx (numbers stay numbers, shown the Vietnamese way) and to .csv."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from analytics.rollup import Figure
from analytics.tables import Table, number, show

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number_format(cell: Figure | Decimal) -> str:
    # The qualifier is part of the format, so "trên 840" stays the number 840 in the cell.
    value = number(cell)
    digits = "#,##0" if value == value.to_integral_value() else "#,##0.0#"
    prefix = cell.prefix if isinstance(cell, Figure) else ""
    return f'"{prefix}"{digits}' if prefix else digits


def to_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table: a title row, a bold header, then the rows."""
    book = Workbook()
    book.remove(book.active)
    for n, table in enumerate(tables, start=1):
        sheet = book.create_sheet(f"Bảng {n}")
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([float(number(c)) if number(c) is not None else show(c) for c in row])
            for cell, source in zip(sheet[sheet.max_row], row, strict=True):
                if number(source) is not None:
                    cell.number_format = _number_format(source)
        sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(table: Table) -> str:
    """UTF-8 with a byte-order mark (Excel opens it in Vietnamese), figures as the page shows."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([show(c) for c in row])
    return out.getvalue()
