from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from rendering.spec import Table
from rendering.xlsx import INTEGER_FORMAT, annex_workbook, sheet_name

ANNEX = Table(
    columns=("Cơ quan", "Tờ rơi", "Tỷ lệ xã được tuyên truyền (%)"),
    rows=(("Ban Dân tộc", 43000, 33.24), ("Công an tỉnh", 1250, 70.0)),
    title="Phụ lục: tuyên truyền năm 2023",
    total=("Tổng cộng", 44250, None),
)


def _sheet():
    return load_workbook(BytesIO(annex_workbook([ANNEX])))["Phụ lục  tuyên truyền năm 2023"]


def test_numbers_stay_numbers_with_vietnamese_format():
    sheet = _sheet()
    leaflets = sheet["B4"]
    assert leaflets.value == 43000 and leaflets.number_format == INTEGER_FORMAT
    assert sheet["C4"].value == 33.24 and sheet["C4"].number_format.startswith("[$-42A]#,##0.")
    assert sheet["C5"].number_format == INTEGER_FORMAT  # 70.0 is shown as 70, not 70,


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
