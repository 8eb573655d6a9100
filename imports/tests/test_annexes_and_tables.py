"""The issuing agency, annexes after the signature, and every cell of a data table."""

from __future__ import annotations

import io

import pytest

from imports.extraction import extract_bytes, extract_text
from imports.extraction.tables import cell_value
from imports.testing import docx_to_pdf

HEADER = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
BAN DÂN TỘC
--------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 15/BC-BDT
|
Bắc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
Kết quả công tác phòng, chống mại dâm năm 2023

Ban Dân tộc báo cáo kết quả như sau:
Năm 2023 tổ chức 02 hội thi tìm hiểu pháp luật.
Trên đây là báo cáo của Ban Dân tộc./.

Nơi nhận:
- Sở Lao động - Thương binh và Xã hội;
- Lưu: VT, KHTT.
|
KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN
|
Vi Thanh Quyền
"""

ANNEX = """
PHỤ LỤC I
SỐ LIỆU NĂM 2023 THEO ĐỊA BÀN
(Kèm theo Báo cáo số 15/BC-BDT ngày 15 tháng 12 năm 2023 của Ban Dân tộc)

| STT | Chỉ tiêu | Đơn vị tính | Tổng số | Huyện Sơn Động | Huyện Yên Thế |
| 1 | 2 | 3 | 4 | 5 | 6 |
| 1 | Hội nghị tuyên truyền | hội nghị | 30 | 12 | 18 |
| 2 | Người tham gia hội thi | người | trên 500 | khoảng 200 | hơn 300 |
| 3 | Tỷ lệ xã tuyên truyền thường xuyên | % | 72,5 | | 80 |

Phụ lục II

| Chỉ tiêu | Năm | Năm 2022 | Năm 2023 |
| Tờ rơi phát hành | 2023 | 40.000 | 43.000 |
"""


def test_the_issuer_is_the_agency_under_its_parent_as_the_prose_spells_it():
    assert extract_text(HEADER)["issuer"] == "Ban Dân tộc"


def test_a_name_wrapped_over_lines_and_one_without_a_prose_spelling():
    text = HEADER.replace(
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nBAN DÂN TỘC",
        "UBND TỈNH HÒA BÌNH\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI",
    )
    # Spelt as the recipients list writes it.
    assert extract_text(text)["issuer"] == "Sở Lao động - Thương binh và Xã hội"
    flattened = "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
    text = flattened + HEADER[HEADER.index("Số:") :]
    assert extract_text(text)["issuer"] == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"


def test_the_footer_ends_where_the_annexes_begin():
    got = extract_text(HEADER + ANNEX)
    plain = extract_text(HEADER)
    for key in ("recipients", "signer_title", "signer_name"):
        assert got[key] == plain[key], key
    assert (got["signer_title"], got["signer_name"]) == (
        "KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN",
        "Vi Thanh Quyền",
    )
    assert got["recipients"] == ["Sở Lao động - Thương binh và Xã hội", "Lưu: VT, KHTT"]


def test_every_value_cell_of_an_annex_table_is_a_figure():
    got = extract_text(HEADER + ANNEX)["figures"]
    cells = [
        (f["value"], f["qualifier"], f["unit"], f["what"], f["locality"])
        for f in got
        if "|" in f["quote"]
    ]
    assert cells == [
        (30, "exact", "hội nghị", "Hội nghị tuyên truyền", None),
        (12, "exact", "hội nghị", "Hội nghị tuyên truyền", "Huyện Sơn Động"),
        (18, "exact", "hội nghị", "Hội nghị tuyên truyền", "Huyện Yên Thế"),
        (500, "more_than", "người", "Người tham gia hội thi", None),
        (200, "about", "người", "Người tham gia hội thi", "Huyện Sơn Động"),
        (300, "more_than", "người", "Người tham gia hội thi", "Huyện Yên Thế"),
        (72.5, "exact", "%", "Tỷ lệ xã tuyên truyền thường xuyên", None),
        (80, "exact", "%", "Tỷ lệ xã tuyên truyền thường xuyên", "Huyện Yên Thế"),
        # A column of years is no figure; the earlier year's column is, for comparison.
        (40000, "exact", "Tờ rơi", "Tờ rơi phát hành", None),
        (43000, "exact", "Tờ rơi", "Tờ rơi phát hành", None),
    ]
    assert [f["value"] for f in got if "|" not in f["quote"]] == [2]
    compared = [(f["value"], f["indicator"]) for f in got if f["comparison"]]
    assert compared == [(40000, None)]
    assert next(f for f in got if f["value"] == 43000)["indicator"] == "leaflets"


def test_a_cell_value_keeps_its_qualifier_and_its_word():
    assert cell_value("trên 500") == (500, "more_than", False, "trên", "")
    assert cell_value("Hơn 500") == (500, "more_than", False, "hơn", "")
    assert cell_value("khoảng 437") == (437, "about", False, "khoảng", "")
    assert cell_value("gần 1.200") == (1200, "about", False, "gần", "")
    assert cell_value("ước tính 80") == (80, "about", False, "ước tính", "")
    assert cell_value("72,5%") == (72.5, "exact", True, "", "")
    assert cell_value("Ban Dân tộc") is None
    # a sign and a unit written in the cell
    assert cell_value("+3") == (3, "exact", False, "", "")
    assert cell_value("-2") == (-2, "exact", False, "", "")
    assert cell_value("45 triệu đồng") == (45, "exact", False, "", "triệu đồng")
    assert cell_value("3 xã còn lại") is None


def test_a_change_in_percent_is_a_figure_of_no_indicator():
    got = extract_text(
        "Năm 2023 tổ chức 560 hội nghị tuyên truyền (tăng 12% so với năm 2022); tổ chức "
        "5 lớp, hội nghị tập huấn."
    )["figures"]
    by_value = {f["value"]: (f["unit"], f["indicator"]) for f in got}
    assert by_value[12] == ("%", None)
    assert by_value[560][1] == "propaganda_sessions"
    assert by_value[5] == ("lớp", "trainings")


TABLES = """Bảng 1
| STT | Nội dung | Năm 2023 | Năm 2024 | So sánh 2024/2023 (%) |
| 1 | Tờ rơi phát hành | 40.000 | 43.000 | 107,5 |
Bảng 2
| STT | Nội dung | Thực hiện năm 2024 | Kế hoạch năm 2025 |
| 1 | Hội nghị tuyên truyền | 116 | 120 |
Bảng 3
| STT | Nội dung | Đơn vị | Kết quả |
| 1 | Kinh phí tuyên truyền | triệu đồng | 120 |
| 2 | Tỷ lệ xã tuyên truyền thường xuyên | % | 80 |
| STT | Đơn vị | Số vụ | Số đối tượng |
| 1 | Công an huyện Lục Nam | 5 | 12 |
Đơn vị tính: triệu đồng
| STT | Nội dung | Kinh phí |
| 1 | Tuyên truyền | 300 |
Bảng 4
| STT | Nội dung | Kết quả |
| 1 | Tờ rơi | 500 |
"""


def test_table_units_and_comparisons_come_from_headers_captions_and_cells():
    got = [
        (f["value"], f["unit"], f["comparison"], f["locality"])
        for f in extract_text(TABLES)["figures"]
    ]
    assert got == [
        (40000, "Tờ rơi", True, None),  # the earlier year
        (43000, "Tờ rơi", False, None),
        (107.5, "%", False, None),  # a change, not the latest year
        (116, "Hội nghị", False, None),
        (120, "Hội nghị", True, None),  # the plan beside the result
        (120_000_000, "đồng", False, None),  # "Đơn vị" holding units
        (80, "%", False, None),
        (5, "vụ", False, "Công an huyện Lục Nam"),  # "Đơn vị" holding agencies
        (12, "đối tượng", False, "Công an huyện Lục Nam"),
        (300_000_000, "đồng", False, None),  # the caption's unit
        (500, "Tờ rơi", False, None),  # ... for its own table only
    ]
    by_value = {f["value"]: f["indicator"] for f in extract_text(TABLES)["figures"]}
    assert by_value[107.5] is None and by_value[80] is None  # a rate is no count


def test_a_table_that_goes_on_over_a_page_keeps_its_header_and_caption():
    found = extract_text(
        "BÁO CÁO\nKết quả\n\nI. KẾT QUẢ\nĐơn vị tính: triệu đồng\n"
        "| STT | Đơn vị | Kinh phí |\n| 1 | Công an tỉnh | 1.200 |\n\nthao và Du lịch\n\n"
        "| 2 | Tỉnh đoàn | 200 |"
    )
    assert [(f["value"], f["unit"], f["locality"]) for f in found["figures"]] == [
        (1_200_000_000, "đồng", "Công an tỉnh"),
        (200_000_000, "đồng", "Tỉnh đoàn"),
    ]


def _merged_annex_docx() -> bytes:
    """A report whose annex table has a three-row header: "STT", "Nội dung" and "Đơn vị tính"
    each merged down two rows, "Năm 2024" and "Năm 2025" each across two columns over "Kế
    hoạch | Thực hiện", then a row numbering the columns; its total row's label spans three
    columns. A second table has "Số cơ sở" across three columns over the kinds of business."""
    from docx import Document

    document = Document()
    for line in HEADER.split("\n")[HEADER.split("\n").index("BÁO CÁO") :][:4]:
        document.add_paragraph(line)
    annex = document.add_table(rows=5, cols=7)
    annex.style = "Table Grid"
    rows = annex.rows
    for col, text in enumerate(["STT", "Nội dung", "Đơn vị tính"]):
        rows[0].cells[col].merge(rows[1].cells[col]).text = text
    rows[0].cells[3].merge(rows[0].cells[4]).text = "Năm 2024"
    rows[0].cells[5].merge(rows[0].cells[6]).text = "Năm 2025"
    cells = {
        1: {3: "Kế hoạch", 4: "Thực hiện", 5: "Kế hoạch", 6: "Thực hiện"},
        2: {col: f"({col + 1})" for col in range(7)},
        3: dict(enumerate(["1", "Lượt cơ sở được kiểm tra", "lượt", "100", "120", "130", "145"])),
        4: {3: "100", 4: "120", 5: "130", 6: "145"},
    }
    for row, texts in cells.items():
        for col, text in texts.items():
            rows[row].cells[col].text = text
    rows[4].cells[0].merge(rows[4].cells[2]).text = "Tổng cộng"
    document.add_paragraph("Biểu 2. Cơ sở kinh doanh dịch vụ theo địa bàn")
    kinds = document.add_table(rows=4, cols=4)
    kinds.style = "Table Grid"
    rows = kinds.rows
    rows[0].cells[0].merge(rows[1].cells[0]).text = "Địa bàn"
    rows[0].cells[1].merge(rows[0].cells[3]).text = "Số cơ sở"
    for row, texts in enumerate(
        [["Karaoke", "Xoa bóp", "Lưu trú"], ["12", "4", "9"], ["20", "7", "15"]], start=1
    ):
        for col, text in enumerate(texts, start=1):
            rows[row].cells[col].text = text
    rows[2].cells[0].text, rows[3].cells[0].text = "Xã An Lão", "Phường Lê Hồng Phong"
    document.add_paragraph("Trên đây là báo cáo./.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# (value, comparison, what, locality): last year's columns and this year's plan are comparison.
MERGED_EXPECTED = [
    (100, True, "Lượt cơ sở được kiểm tra", None),
    (120, True, "Lượt cơ sở được kiểm tra", None),
    (130, True, "Lượt cơ sở được kiểm tra", None),
    (145, False, "Lượt cơ sở được kiểm tra", None),
    (100, True, "Tổng cộng", None),
    (120, True, "Tổng cộng", None),
    (130, True, "Tổng cộng", None),
    (145, False, "Tổng cộng", None),
    # The group header heads each column under it: its count gives the unit.
    (12, False, "Số cơ sở Karaoke", "Xã An Lão"),
    (4, False, "Số cơ sở Xoa bóp", "Xã An Lão"),
    (9, False, "Số cơ sở Lưu trú", "Xã An Lão"),
    (20, False, "Số cơ sở Karaoke", "Phường Lê Hồng Phong"),
    (7, False, "Số cơ sở Xoa bóp", "Phường Lê Hồng Phong"),
    (15, False, "Số cơ sở Lưu trú", "Phường Lê Hồng Phong"),
]


@pytest.fixture(scope="module")
def merged_annex() -> dict[str, bytes]:
    docx = _merged_annex_docx()
    return {"docx": docx, "pdf": docx_to_pdf(docx) or b""}


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_merged_header_cells_label_every_column_and_give_no_figure(merged_annex, ext):
    if not merged_annex[ext]:
        pytest.skip("LibreOffice is not installed")
    figures = extract_bytes(merged_annex[ext], f"phu-luc.{ext}")["figures"]
    got = [(f["value"], f["comparison"], f["what"], f["locality"]) for f in figures]
    assert got == MERGED_EXPECTED  # nothing from the header rows nor the numbering row
    assert all(f["unit"].startswith("cơ sở") for f in figures if "Số cơ sở" in f["what"])
    assert {f["unit"] for f in figures if "Lượt" in f["what"] or f["what"] == "Tổng cộng"} == {
        "lượt"
    }


def test_a_heading_row_merged_across_the_table_keeps_its_columns():
    """A Word table's "I. CÔNG TÁC KIỂM TRA" row spans every column: it is read under each
    column, and the columns of values are still the columns of values."""
    text = (
        "| STT | Nội dung | Năm 2024 | Năm 2025 |\n"
        "| I | CÔNG TÁC KIỂM TRA | CÔNG TÁC KIỂM TRA | CÔNG TÁC KIỂM TRA |\n"
        "| 1 | Lượt cơ sở được kiểm tra | 120 | 145 |\n"
        "| II | CÔNG TÁC HỖ TRỢ | CÔNG TÁC HỖ TRỢ | CÔNG TÁC HỖ TRỢ |\n"
        "| 1 | Người được hỗ trợ y tế | 50 | 58 |\n"
        "| III | CÔNG TÁC PHỐI HỢP | CÔNG TÁC PHỐI HỢP | CÔNG TÁC PHỐI HỢP |\n"
    )
    got = [(f["value"], f["comparison"]) for f in extract_text(text)["figures"]]
    assert got == [(120, True), (145, False), (50, True), (58, False)]
