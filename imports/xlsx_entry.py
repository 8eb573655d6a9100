"""Entry of a report's figures from a filled-in .xlsx template.

The template has one row per cell of the report's sheet (indicator x place). Its key columns are
locked; the value and qualifier columns are open. A hidden sheet carries the report's id and the
version the template was made from, so an upload after someone else saved is refused by
rounds.actions.save_draft like any stale form. Every row is checked before anything is written:
one bad row and nothing is stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from zipfile import ZipFile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from accounts.models import User
from datavalues.models import (
    EXACT_WORD,
    KIND_OF_WORD,
    Qualifier,
    qualifier_of_word,
    written_word,
)
from lib.limits import MAX_TABLE_ROWS
from lib.uploads import UploadRefused, check_size, check_zip, refuse_dtds, sniff
from lib.vnformat import format_number
from rounds.actions import CellInput, Draft, WorkflowError, save_draft
from rounds.models import Report
from rounds.sheet import CellKey, Sheet, build_sheet
from rounds.validation import check_value, parse_value

HEADER = [
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Mã địa bàn",
    "Tên địa bàn",
    "Số liệu",
    "Mức độ chính xác",
]
WIDTHS = [30, 70, 14, 12, 24, 16, 20]
VALUE_COLUMN, QUALIFIER_COLUMN = 6, 7
DATA_SHEET, META_SHEET = "Số liệu", "tonghop"
QUALIFIER_LIST = "muc_do_chinh_xac"
FILE_REFUSED = "Tệp chưa hợp lệ, chưa lưu số liệu nào."


class WorkbookRefused(WorkflowError):
    """A file or rows that cannot be stored; message and details are shown as they are."""


# What the qualifier column offers: the words an agency writes before a number.
QUALIFIER_CHOICES = (EXACT_WORD, *KIND_OF_WORD)
# Templates made before the words were kept offered the kinds' labels ("Trên, hơn").
KIND_LABELS = {
    **{choice.value: choice.value for choice in Qualifier},
    **{choice.label.lower(): choice.value for choice in Qualifier},
}


def parse_qualifier(text: str) -> tuple[str, str]:
    """(kind, word) of the qualifier column: "hơn" -> (more_than, "hơn"); ValueError if none."""
    text = " ".join(text.split()).lower()
    if text in KIND_LABELS:
        return KIND_LABELS[text], ""
    return qualifier_of_word(text)


def template_name(report: Report) -> str:
    return f"mau-nhap-so-lieu-bao-cao-{report.pk}.xlsx"


def build_template(sheet: Sheet) -> bytes:
    """The report's cells as an .xlsx to fill in, with the values stored so far."""
    report = sheet.report
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    data.append(HEADER)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for cell in sheet.cells:
        stored = sheet.values.get(cell.key)
        data.append(
            [
                cell.indicator.code,
                cell.indicator.name,
                cell.indicator.unit,
                cell.place.pk,
                cell.place.name,
                stored.value if stored else None,
                (written_word(stored.qualifier, stored.qualifier_word) if stored else "")
                or EXACT_WORD,
            ]
        )
    for number, width in enumerate(WIDTHS, start=1):
        data.column_dimensions[get_column_letter(number)].width = width
    data.freeze_panes = "A2"
    last = len(sheet.cells) + 1
    for row in data.iter_rows(min_row=2, max_row=last, min_col=VALUE_COLUMN):
        for cell in row:
            cell.protection = Protection(locked=False)
    data.protection.sheet = True
    data.protection.formatColumns = False

    meta = book.create_sheet(META_SHEET)
    meta.append(["report", report.pk])
    meta.append(["version", report.version])
    for word in QUALIFIER_CHOICES:
        meta.append(["qualifier", word])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    first, final = 3, 2 + len(QUALIFIER_CHOICES)
    book.defined_names[QUALIFIER_LIST] = DefinedName(
        QUALIFIER_LIST, attr_text=f"'{META_SHEET}'!$B${first}:$B${final}"
    )
    # A named range rather than a list typed into the rule, which Excel caps at 255 characters.
    choices = DataValidation(
        type="list",
        formula1=QUALIFIER_LIST,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Mức độ chính xác",
        error="Chọn một trong: " + "; ".join(QUALIFIER_CHOICES) + ".",
    )
    data.add_data_validation(choices)
    if last >= 2:
        choices.add(f"G2:G{last}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MAX_SHEET_BYTES = 20 * 1024 * 1024  # about 1.000 bytes a row of MAX_TABLE_ROWS
TOO_MANY_ROWS = (
    f"Tệp có {{rows}} dòng, vượt giới hạn {format_number(MAX_TABLE_ROWS)} dòng của tệp mẫu nhập số "
    "liệu. Hãy tải tệp mẫu của báo cáo và chỉ điền vào đó."
)


def _open(upload: UploadedFile) -> tuple[Worksheet, dict[str, object]]:
    """The data sheet and the hidden key-value sheet of an uploaded template."""
    name = upload.name or ""
    if not name.lower().endswith(".xlsx"):
        raise WorkbookRefused(
            f"Tệp «{name}» không phải tệp Excel .xlsx. Hãy tải tệp mẫu, điền số liệu rồi tải lên."
        )
    try:
        check_size(upload.size or 0, settings.TONGHOP_MAX_UPLOAD_BYTES)
        raw = upload.read()
        if sniff(raw) != "zip":
            raise UploadRefused(f"Tệp «{name}» không phải tệp Excel .xlsx hợp lệ.")
        archive = check_zip(raw, "Excel")  # the listing alone: nothing is inflated yet
        _check_sheet_sizes(archive)
        refuse_dtds(archive, "Excel")
    except UploadRefused as error:
        raise WorkbookRefused(str(error)) from None
    try:
        # Formulas as written, not their cached results: a formula is refused, never read as empty.
        book = load_workbook(io.BytesIO(raw))
    except (InvalidFileException, KeyError, ValueError, OSError, TypeError):
        raise WorkbookRefused(
            f"Không đọc được tệp «{name}»: tệp bị hỏng hoặc không phải tệp Excel .xlsx."
        ) from None
    if DATA_SHEET not in book.sheetnames or META_SHEET not in book.sheetnames:
        raise WorkbookRefused(
            "Tệp không phải tệp mẫu nhập số liệu của hệ thống. Hãy tải tệp mẫu của báo cáo, "
            "điền số liệu vào đó rồi tải lên."
        )
    # Rows are counted from the cells the file holds, before any range of them is walked: one
    # cell at row 1,000,000 would otherwise make a million empty rows.
    for sheet in (book[DATA_SHEET], book[META_SHEET]):
        if sheet.max_row > MAX_TABLE_ROWS:
            raise WorkbookRefused(TOO_MANY_ROWS.format(rows=format_number(sheet.max_row)))
    meta = {
        str(key): value
        for key, value in book[META_SHEET].iter_rows(max_col=2, values_only=True)
        if key in {"report", "version"}
    }
    return book[DATA_SHEET], meta


def _check_sheet_sizes(archive: ZipFile) -> None:
    """Refuse a workbook whose sheets hold far more than any report's template, unread."""
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_BYTES:
            raise UploadRefused(TOO_MANY_ROWS.format(rows="quá nhiều"))


def _number(raw: object) -> Decimal:
    """A numeric cell, or text as officials type it ("43.000", "12,5", "-3"); ValueError if not."""
    if isinstance(raw, bool):
        raise ValueError(f"«{raw}» không phải là số.")
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw).strip()
    if text.startswith("-"):
        return -parse_value(text[1:])
    return parse_value(text)


@dataclass(frozen=True)
class ParsedRow:
    key: CellKey
    entry: CellInput | None


def _text(raw: object) -> str:
    return "" if raw is None else str(raw).strip()


def parse_rows(sheet: Sheet, rows: list[tuple[int, tuple]]) -> list[ParsedRow]:
    """Check every (row number, cells) pair; raise WorkbookRefused naming each bad row."""
    codes = {cell.indicator.code for cell in sheet.cells}
    by_code_place = {(cell.indicator.code, cell.place.pk): cell for cell in sheet.cells}
    parsed: list[ParsedRow] = []
    problems: list[str] = []
    seen: dict[CellKey, int] = {}
    for number, values in rows:
        code, _, _, place, _, raw_value, raw_qualifier = values
        code, place_text = _text(code), _text(place)
        if not code and not place_text and raw_value in (None, ""):
            continue
        if code not in codes:
            problems.append(f"Dòng {number}: chỉ tiêu «{code}» không có trong báo cáo này.")
            continue
        place_id = int(place) if isinstance(place, int | float) else None
        if place_id is None and place_text.isdigit():
            place_id = int(place_text)
        cell = by_code_place.get((code, place_id)) if place_id is not None else None
        if cell is None:
            problems.append(
                f"Dòng {number}: địa bàn «{place_text}» không thuộc chỉ tiêu «{code}» "
                "của báo cáo này."
            )
            continue
        if cell.key in seen:
            problems.append(f"Dòng {number}: trùng ô với dòng {seen[cell.key]}.")
            continue
        seen[cell.key] = number
        try:
            qualifier, word = parse_qualifier(_text(raw_qualifier))
        except ValueError:
            problems.append(
                f"Dòng {number}: mức độ chính xác «{_text(raw_qualifier)}» không hợp lệ "
                f"(chọn một trong: {'; '.join(QUALIFIER_CHOICES)})."
            )
            continue
        if _text(raw_value) == "":
            parsed.append(ParsedRow(cell.key, None))
            continue
        try:
            value = _number(raw_value)
        except ValueError as error:
            problems.append(f"Dòng {number}: {error}")
            continue
        if message := check_value(cell.indicator, value):
            problems.append(f"Dòng {number}: {message}")
            continue
        parsed.append(ParsedRow(cell.key, CellInput(value, qualifier, qualifier_word=word)))
    if problems:
        raise WorkbookRefused(FILE_REFUSED, problems)
    return parsed


def formula_cells(rows: list[tuple[Cell, ...]]) -> list[str]:
    """A message for each cell holding a formula: only typed values are stored."""
    return [
        f"Ô {cell.coordinate} chứa công thức ({_formula_text(cell.value)}). Hãy nhập số liệu "
        "trực tiếp vào ô (sao chép rồi dán dạng giá trị), không dùng công thức."
        for row in rows
        for cell in row
        if cell.data_type == "f"
    ]


def _formula_text(value: object) -> str:
    text = getattr(value, "text", value)  # an array formula keeps its text in .text
    return f"«{str(text)[:60]}»"


def import_workbook(
    report: Report, by: User, upload: UploadedFile, *, ip: str | None = None
) -> Report:
    """Store a filled template's figures through save_draft, or nothing at all.

    A blank value clears the cell: the template came with the stored values filled in.
    """
    data, meta = _open(upload)
    version = meta.get("version")
    if meta.get("report") != report.pk or not isinstance(version, int):
        raise WorkbookRefused(
            "Tệp mẫu này là của báo cáo khác. Hãy tải tệp mẫu của báo cáo này rồi điền lại."
        )
    cells = list(data.iter_rows(min_row=2, max_col=QUALIFIER_COLUMN))
    if formulas := formula_cells(cells):
        raise WorkbookRefused(FILE_REFUSED, formulas)
    rows = [(row[0].row, tuple(c.value for c in row)) for row in cells]
    parsed = parse_rows(build_sheet(report), rows)
    draft = Draft(values={row.key: row.entry for row in parsed})
    return save_draft(report, by, draft, version=version, ip=ip)
