"""Spreadsheet cells that cannot run code, and number formats that show an indicator's decimals."""

from __future__ import annotations

import re

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What Excel, LibreOffice and Google Sheets read as the start of a formula or a command (OWASP,
# "CSV Injection"): such text is prefixed with a single quote so that it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A figure written out ("-5", "-1.234,5", "-12.5%") runs nothing and stays as it is.
_NUMBER = re.compile(r"[-+]?\d[\d.,]*%?")


def safe_text(text: str) -> str:
    """Text for a .xlsx or CSV cell: "=HYPERLINK(...)" becomes "'=HYPERLINK(...)"; "-5" stays."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def safe_row(cells: list) -> list:
    """A row for csv.writer: its text cells made safe, numbers and empty cells as they are."""
    return [safe_text(c) if isinstance(c, str) else c for c in cells]


def number_format(decimals: int | None, prefix: str = "") -> str:
    """The Excel number format of a figure: "#,##0", "#,##0.0"; a qualifier word in front.

    Without known decimals, up to two are shown. The prefix ("trên ") is part of the format, so
    the cell keeps its number.
    """
    if decimals is None:
        digits = "#,##0.##"
    else:
        digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'"{prefix}"{digits}' if prefix else digits
