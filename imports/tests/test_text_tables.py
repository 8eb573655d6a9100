"""Tables typed as text, one row a line with " | " between the cells and no pipe at either end:
read alike in the .txt, in a .docx of its paragraphs and in the PDF LibreOffice prints of it."""

from __future__ import annotations

import pytest

from imports.extraction import extract_bytes, extract_text
from imports.extraction.pdftables import rejoined_rows
from imports.testing import docx_to_pdf, text_to_docx
from lib.vntext import normalise

REPORT = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
SỞ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI
Số: 45/BC-SLĐTBXH
Hà Nam, ngày 10 tháng 12 năm 2025

BÁO CÁO
Kết quả công tác phòng, chống mại dâm năm 2025

Sở Lao động - Thương binh và Xã hội báo cáo như sau:

Biểu 1. Kết quả kiểm tra
Đơn vị tính: lượt
STT | Nội dung | Năm 2024 | Năm 2025
1 | Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm như karaoke, xoa bóp, cơ sở lưu trú du lịch | 120 | 145
2 | Cơ sở vi phạm | 14 | 18
Tổng cộng | 134 | 163

Biểu 2. Hỗ trợ người bán dâm
TT | Nội dung | Đơn vị | Kế hoạch | Thực hiện
I | Hỗ trợ y tế | người | 50 | 58
II | Trợ giúp pháp lý | người | 20 | 17
a | Học nghề | người | 10 | 8
Cộng | | 80 | 83

Biểu 3. Tập huấn
Hoạt động | Số người (người) | Kinh phí (triệu đồng)
1 | Tập huấn cán bộ | 120 | 45
2 | Hội nghị tuyên truyền | 300 | 60

Trên đây là báo cáo./.
"""
LONG_LABEL = (
    "Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm"
    " như karaoke, xoa bóp, cơ sở lưu trú du lịch"
)

# (value, unit, comparison, label): the earlier year's and the plan's columns are comparison.
EXPECTED = {
    (120, "lượt", True, LONG_LABEL),
    (145, "lượt", False, LONG_LABEL),
    (14, "lượt", True, "Cơ sở vi phạm"),
    (18, "lượt", False, "Cơ sở vi phạm"),
    (134, "lượt", True, "Tổng cộng"),
    (163, "lượt", False, "Tổng cộng"),
    (50, "người", True, "Hỗ trợ y tế"),
    (58, "người", False, "Hỗ trợ y tế"),
    (20, "người", True, "Trợ giúp pháp lý"),
    (17, "người", False, "Trợ giúp pháp lý"),
    (10, "người", True, "Học nghề"),
    (8, "người", False, "Học nghề"),
    (80, "người", True, "Cộng"),
    (83, "người", False, "Cộng"),
    (120, "người", False, "Tập huấn cán bộ"),
    (45_000_000, "đồng", False, "Tập huấn cán bộ"),
    (300, "người", False, "Hội nghị tuyên truyền"),
    (60_000_000, "đồng", False, "Hội nghị tuyên truyền"),
}


def _table_figures(result: dict) -> set[tuple]:
    return {
        (f["value"], f["unit"], f["comparison"], f["what"])
        for f in result["figures"]
        if " | " in f["quote"]
    }


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    pdf = docx_to_pdf(text_to_docx(REPORT))
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    return pdf


def test_every_value_cell_is_a_figure_and_no_row_number_is_one():
    result = extract_text(REPORT)
    assert _table_figures(result) == EXPECTED
    assert len(result["figures"]) == len(EXPECTED)  # "1", "II", "a" and the years are none


def test_a_total_row_with_merged_first_cells_takes_the_value_columns_at_the_right():
    figures = {f["value"]: f for f in extract_text(REPORT)["figures"]}
    assert figures[163]["quote"] == "Tổng cộng | 134 | 163"
    assert figures[80]["quote"] == "Cộng | | 80"  # under "Kế hoạch", not under "Đơn vị"


def test_the_rows_are_the_extractors_rows_after_normalising():
    text = normalise(REPORT)
    assert "| 2 | Cơ sở vi phạm | 14 | 18 |" in text.split("\n")
    assert "| Tổng cộng | 134 | 163 |" in text.split("\n")
    assert "| Cộng | | 80 | 83 |" in text.split("\n")


def test_a_docx_of_the_same_paragraphs_gives_the_same_figures():
    assert _table_figures(extract_bytes(text_to_docx(REPORT), "bao-cao.docx")) == EXPECTED


def test_the_pdf_printed_from_it_gives_the_same_figures_though_it_wraps_a_long_row(report_pdf):
    assert _table_figures(extract_bytes(report_pdf, "bao-cao.pdf")) == EXPECTED


def test_a_row_the_page_width_wrapped_is_one_line_again():
    page = (
        "STT | Nội dung | Năm 2024 | Năm 2025\r\n"
        "1 | Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động \r\n"
        "mại dâm | 120 | 145\r\n"
        "2 | Cơ sở vi phạm | 14 | 18\r\n"
        "Tổng cộng | 134 | 163\r\n"
        "Trên đây là báo cáo."
    )
    assert rejoined_rows(page).split("\n") == [
        "STT | Nội dung | Năm 2024 | Năm 2025",
        "1 | Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm | 120 | 145",
        "2 | Cơ sở vi phạm | 14 | 18",
        "Tổng cộng | 134 | 163",  # short because merged, not wrapped: stays as it is
        "Trên đây là báo cáo.",
    ]


def test_lines_of_a_flattened_web_header_are_not_joined_as_a_wrapped_row():
    page = (
        "Trang chủ | Giới thiệu | Liên hệ\n"
        "ỦY BAN NHÂN DÂN HUYỆN LÂM \n"
        "HÀ | CỘNG HÒA XÃ HỘI CHỦ \n"
        "NGHĨA VIỆT NAM Độc lập - Tự do - \n"
        "Hạnh phúc |\n"
        "Số: 12/BC-UBND | Lâm Hà, \n"
        "ngày 2 tháng 3 năm 2025 |"
    )
    assert rejoined_rows(page) == "\n".join(line.strip() for line in page.split("\n"))
    assert extract_text(page)["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN LÂM HÀ"


def test_two_header_rows_make_one_header_and_a_numbering_row_gives_nothing():
    text = (
        "Biểu kết quả\n"
        "STT | Nội dung | Năm 2024 | | Năm 2025\n"
        "| | Kế hoạch | Thực hiện | Thực hiện\n"
        "(1) | (2) | (3) | (4) | (5)\n"
        "1 | Lượt cơ sở được kiểm tra | 100 | 110 | 131\n"
    )
    got = {(f["value"], f["comparison"], f["what"]) for f in extract_text(text)["figures"]}
    # The group's label heads both its columns: last year's plan and result are comparison.
    label = "Lượt cơ sở được kiểm tra"
    assert got == {(100, True, label), (110, True, label), (131, False, label)}


def test_prose_with_a_single_pipe_is_no_table():
    text = "Tổng hợp | nguồn: Công an tỉnh\nĐã kiểm tra 12 cơ sở."
    assert not normalise(text).startswith("|")
    assert [f["value"] for f in extract_text(text)["figures"]] == [12]
