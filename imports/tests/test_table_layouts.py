"""Tables as other hands lay them out: headers over two or three rows merged across and down,
a "Trong đó" sub-header, places down the side and indicators across, years side by side with a
"So sánh (%)" or "Tăng/giảm" column, a unit column, and in a .txt rows typed with " | ", pasted
from a spreadsheet with tabs, or flattened from a PDF with runs of spaces. Every value cell is
a figure; the header rows, the row numbering the columns, section rows and "-" cells give none."""

from __future__ import annotations

import io

import pytest

from imports.extraction import extract_bytes, extract_text
from imports.testing import docx_to_pdf
from lib.vntext import bare_pipe_rows, normalise, tab_rows

HEAD = "BÁO CÁO\nKết quả công tác phòng, chống mại dâm năm 2024\n\nI. KẾT QUẢ\n"
TAIL = "\nTrên đây là báo cáo./.\n"


def _add_grid(document, grid: list[list[str]]) -> None:
    """A Word table from rows of texts: "<" merges a cell with the one on its left, "^" with
    the one above, as a report's annex merges its header cells."""
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            bottom, right = r, c
            while bottom + 1 < len(grid) and grid[bottom + 1][c] == "^":
                bottom += 1
            while right + 1 < len(row) and row[right + 1] == "<":
                right += 1
            cell = table.cell(r, c)
            if (bottom, right) != (r, c):
                cell = cell.merge(table.cell(bottom, right))
            cell.text = text


def _docx(*blocks: str | list[list[str]], landscape: bool = False) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    for block in blocks:
        if isinstance(block, str):
            for line in block.strip("\n").split("\n"):
                document.add_paragraph(line)
        else:
            _add_grid(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _got(figures: list[dict]) -> list[tuple]:
    """(value, unit in small letters, locality, comparison) of the figures read from tables."""
    return [
        (f["value"], f["unit"].lower(), f["locality"], f["comparison"])
        for f in figures
        if " | " in f["quote"] or "\t" in f["quote"]
    ]


# Places down the side, kinds of business under "Cơ sở kinh doanh dịch vụ" and "Trong đó" over
# three header rows, "-" and empty cells, and a total row whose label spans two columns.
BY_PLACE = [
    [
        "STT",
        "Địa bàn",
        "Cơ sở kinh doanh dịch vụ",
        "<",
        "<",
        "<",
        "Số vụ vi phạm",
        "Số tiền phạt (triệu đồng)",
    ],
    ["^", "^", "Tổng số", "Trong đó", "<", "<", "^", "^"],
    ["^", "^", "^", "Karaoke", "Xoa bóp", "Lưu trú", "^", "^"],
    ["1", "Xã Tân Lập", "12", "5", "3", "4", "2", "15"],
    ["2", "Phường Đông Kinh", "30", "10", "-", "20", "", "7,5"],
    ["Tổng cộng", "<", "42", "15", "3", "24", "2", "22,5"],
]
BY_PLACE_EXPECTED = [
    *[(v, "cơ sở kinh doanh", "Xã Tân Lập", False) for v in (12, 5, 3, 4)],
    (2, "vụ", "Xã Tân Lập", False),
    (15_000_000, "đồng", "Xã Tân Lập", False),
    *[(v, "cơ sở kinh doanh", "Phường Đông Kinh", False) for v in (30, 10, 20)],
    (7_500_000, "đồng", "Phường Đông Kinh", False),
    *[(v, "cơ sở kinh doanh", None, False) for v in (42, 15, 3, 24)],
    (2, "vụ", None, False),
    (22_500_000, "đồng", None, False),
]


def test_a_three_row_header_merged_across_and_down_heads_every_column():
    figures = extract_bytes(_docx(HEAD, BY_PLACE, TAIL), "bieu.docx")["figures"]
    assert _got(figures) == BY_PLACE_EXPECTED
    whats = {f["what"] for f in figures if f["value"] == 5}
    assert whats == {"Cơ sở kinh doanh dịch vụ Trong đó Karaoke"}  # "Tổng số" said once
    assert {f["what"] for f in figures if f["value"] == 42} == {"Cơ sở kinh doanh dịch vụ Tổng số"}


# Indicators down the side with a unit column, last year beside this year, a ratio column, a
# row numbering the columns with a formula in it, and section rows merged across.
BY_YEAR = [
    ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023", "Năm 2024", "So sánh 2024/2023 (%)"],
    ["1", "2", "3", "4", "5", "6=5/4"],
    ["I", "CÔNG TÁC TUYÊN TRUYỀN", "<", "<", "<", "<"],
    ["1", "Số buổi tuyên truyền", "buổi", "45", "52", "115,6"],
    ["2", "Số người tham dự", "lượt người", "3.200", "3.850", "120,3"],
    ["II", "CÔNG TÁC KIỂM TRA", "<", "<", "<", "<"],
    ["1", "Số đoàn kiểm tra", "đoàn", "6", "8", "133,3"],
    ["2", "Kinh phí", "triệu đồng", "150", "180", "120,0"],
]
BY_YEAR_EXPECTED = [
    (45, "buổi", None, True),
    (52, "buổi", None, False),
    (115.6, "%", None, False),
    (3200, "lượt người", None, True),
    (3850, "lượt người", None, False),
    (120.3, "%", None, False),
    (6, "đoàn", None, True),
    (8, "đoàn", None, False),
    (133.3, "%", None, False),
    (150_000_000, "đồng", None, True),
    (180_000_000, "đồng", None, False),
    (120, "%", None, False),
]


def test_years_side_by_side_with_a_ratio_column_and_a_formula_in_the_numbering_row():
    figures = extract_bytes(_docx(HEAD, BY_YEAR, TAIL), "bang.docx")["figures"]
    assert _got(figures) == BY_YEAR_EXPECTED
    assert figures[0]["quote"] == "Số buổi tuyên truyền | buổi | 45"


# "So sánh (%)" over "Với kế hoạch | Với cùng kỳ": the group's unit heads both columns, and
# beats the row's unit cell.
AGAINST_PLAN = [
    ["STT", "Nội dung", "Đơn vị tính", "Năm 2025", "<", "Cùng kỳ 2024", "So sánh (%)", "<"],
    ["^", "^", "^", "Kế hoạch", "Thực hiện", "^", "Với kế hoạch", "Với cùng kỳ"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ["1", "Lượt cơ sở được kiểm tra", "lượt cơ sở", "250", "268", "231", "107,2", "116,0"],
    ["2", "Cơ sở vi phạm bị xử phạt", "cơ sở", "-", "19", "23", "-", "82,6"],
]


def test_a_ratio_group_header_gives_its_percent_to_the_columns_under_it():
    figures = extract_bytes(_docx(HEAD, AGAINST_PLAN, TAIL), "bang.docx")["figures"]
    assert _got(figures) == [
        (250, "lượt cơ sở", None, True),  # the plan
        (268, "lượt cơ sở", None, False),
        (231, "lượt cơ sở", None, True),  # the same period last year
        (107.2, "%", None, False),
        (116, "%", None, False),
        (19, "cơ sở", None, False),
        (23, "cơ sở", None, True),
        (82.6, "%", None, False),
    ]


# A landscape annex: districts down the side, twelve columns under four group headers, a row
# numbering the columns with letters for the label columns.
ANNEX = [
    [
        "STT",
        "Huyện, thị xã, thành phố",
        "Cơ sở kinh doanh dịch vụ",
        "<",
        "<",
        "Kiểm tra",
        "<",
        "Xử lý vi phạm",
        "<",
        "<",
        "Người bán dâm",
        "<",
    ],
    [
        "^",
        "^",
        "Tổng số",
        "Karaoke",
        "Xoa bóp",
        "Số đoàn",
        "Lượt cơ sở",
        "Số vụ",
        "Số đối tượng",
        "Tiền phạt (triệu đồng)",
        "Có hồ sơ quản lý",
        "Được hỗ trợ",
    ],
    ["A", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
    ["1", "Thành phố Tuy Hòa", "120", "45", "30", "6", "88", "4", "9", "37,5", "15", "12"],
    ["2", "Huyện Tuy An", "35", "12", "5", "2", "20", "", "", "", "2", "-"],
    ["Cộng", "<", "155", "57", "35", "8", "108", "4", "9", "37,5", "17", "12"],
]
ANNEX_UNITS = [
    "cơ sở kinh doanh",
    "cơ sở kinh doanh",
    "cơ sở kinh doanh",
    "đoàn",  # "Số đoàn" under "Kiểm tra": the sub-header's count
    "lượt cơ sở",
    "vụ",
    "đối tượng",
    "đồng",
    "người bán dâm",
    "người bán dâm",
]
ANNEX_EXPECTED = [
    *[
        (v, u, "Thành phố Tuy Hòa", False)
        for v, u in zip([120, 45, 30, 6, 88, 4, 9, 37_500_000, 15, 12], ANNEX_UNITS, strict=True)
    ],
    *[(v, u, "Huyện Tuy An", False) for v, u in zip([35, 12, 5, 2, 20], ANNEX_UNITS, strict=False)],
    (2, "người bán dâm", "Huyện Tuy An", False),
    *[
        (v, u, None, False)
        for v, u in zip([155, 57, 35, 8, 108, 4, 9, 37_500_000, 17, 12], ANNEX_UNITS, strict=True)
    ],
]


@pytest.fixture(scope="module")
def annex_files() -> dict[str, bytes]:
    docx = _docx(HEAD, "Phụ lục. Số liệu theo địa bàn", ANNEX, TAIL, landscape=True)
    return {"docx": docx, "pdf": docx_to_pdf(docx) or b""}


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_a_landscape_annex_with_many_columns_gives_every_cell_its_place_and_unit(annex_files, ext):
    if not annex_files[ext]:
        pytest.skip("LibreOffice is not installed")
    figures = extract_bytes(annex_files[ext], f"phu-luc.{ext}")["figures"]
    assert _got(figures) == ANNEX_EXPECTED


def test_bare_rows_whose_last_cells_are_empty_stay_rows_of_their_table():
    """ "I | Công tác kiểm tra | | | |" ends in a pipe only because its last cell is empty; the
    total row has no unit cell and takes the unit most rows give."""
    text = (
        HEAD + "Bảng 1. Kết quả kiểm tra\n"
        "STT | Chỉ tiêu | Đơn vị tính | Năm 2023 | Năm 2024 | So sánh (%)\n"
        "(1) | (2) | (3) | (4) | (5) | (6)\n"
        "I | Công tác kiểm tra | | | |\n"
        "1 | Số cơ sở được kiểm tra | cơ sở | 120 | 150 | 125,0\n"
        "2 | Số cơ sở vi phạm | cơ sở | 12 | 9 | 75,0\n"
        "3 | Số tiền xử phạt | triệu đồng | 85,5 | 102 | 119,3\n"
        "4 | Tỷ lệ cơ sở vi phạm | % | 10,0 | 6,0 | -\n"
        "Tổng cộng | | | 132 | 159 |\n" + TAIL
    )
    assert _got(extract_text(text)["figures"]) == [
        (120, "cơ sở", None, True),
        (150, "cơ sở", None, False),
        (125, "%", None, False),
        (12, "cơ sở", None, True),
        (9, "cơ sở", None, False),
        (75, "%", None, False),
        (85_500_000, "đồng", None, True),
        (102_000_000, "đồng", None, False),
        (119.3, "%", None, False),
        (10, "%", None, True),
        (6, "%", None, False),
        (132, "cơ sở", None, True),
        (159, "cơ sở", None, False),
    ]


def test_rows_pasted_from_a_spreadsheet_keep_their_empty_cells_and_sub_header():
    """Tabs between the cells: the sub-header under "Trong đó" has two filled cells only, and
    the total row's first cell and a row's last cell are empty."""
    text = (
        HEAD + "Biểu số 02. Kết quả theo địa bàn\nĐơn vị tính: cơ sở\n"
        "STT\tHuyện, thành phố\tTổng số cơ sở\tTrong đó\t\tSố cơ sở vi phạm\n"
        "\t\t\tKaraoke\tXoa bóp\t\n"
        "1\tThành phố Lào Cai\t85\t40\t12\t5\n"
        "2\tHuyện Bát Xát\t20\t8\t-\t1\n"
        "3\tHuyện Sa Pa\t64\t21\t15\t\n"
        "\tTổng cộng\t169\t69\t27\t6\n" + TAIL
    )
    figures = extract_text(text)["figures"]
    assert _got(figures) == [
        *[(v, "cơ sở", "Thành phố Lào Cai", False) for v in (85, 40, 12, 5)],
        *[(v, "cơ sở", "Huyện Bát Xát", False) for v in (20, 8, 1)],
        *[(v, "cơ sở", "Huyện Sa Pa", False) for v in (64, 21, 15)],
        *[(v, "cơ sở", None, False) for v in (169, 69, 27, 6)],
    ]
    assert [f["what"] for f in figures[:3]] == [
        "Tổng số cơ sở",
        "Trong đó Karaoke",
        "Trong đó Xoa bóp",
    ]
    assert figures[1]["quote"] == "Thành phố Lào Cai\t85\t40"  # as pasted


SPACED = (
    HEAD + "Phụ lục 1\nKẾT QUẢ XỬ LÝ VI PHẠM\n"
    "TT   Nội dung                          ĐVT          Năm       Năm      Tăng/giảm\n"
    "                                                    2023      2024\n"
    "1    Số vụ việc phát hiện              vụ           15        18       +3\n"
    "2    Số đối tượng bị xử lý             người        32        41       -2\n"
    "3    Số tiền phạt                      triệu đồng   120       150,5    +30,5\n"
    "     Tổng cộng                                      47        59\n" + TAIL
)


def test_rows_flattened_with_runs_of_spaces_and_a_header_over_two_lines():
    figures = extract_text(SPACED)["figures"]
    assert _got(figures) == [
        (15, "vụ", None, True),  # "Năm" over "2023": the earlier year
        (18, "vụ", None, False),
        (3, "vụ", None, True),  # a change: for comparison
        (32, "người", None, True),
        (41, "người", None, False),
        (-2, "người", None, True),  # a fall, as written
        (120_000_000, "đồng", None, True),
        (150_500_000, "đồng", None, False),
        (30_500_000, "đồng", None, True),
        (47, "vụ", None, True),
        (59, "vụ", None, False),
    ]
    assert figures[1]["what"] == "Số vụ việc phát hiện"
    # the quote reads as the source does once its blanks are collapsed
    assert figures[1]["quote"] == "Số vụ việc phát hiện\tvụ\t15\t18"


def test_spaced_letterhead_and_signature_lines_are_no_table():
    text = (
        "UBND TỈNH LÀO CAI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ LAO ĐỘNG - TBXH         Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/BC-SLĐTBXH          Lào Cai, ngày 5 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nKết quả năm 2024\n\nĐã kiểm tra 45 cơ sở.\n\n"
        "Nơi nhận:                  KT. GIÁM ĐỐC\n- Như trên;                 PHÓ GIÁM ĐỐC\n"
    )
    found = extract_text(text)
    assert not any(" | " in f["quote"] or "\t" in f["quote"] for f in found["figures"])
    assert found["number"] == "12" and found["date"] == "2024-12-05"


def test_a_markdown_table_with_units_written_in_its_cells():
    """The "|---|" line under the header is no row, and "25 buổi", "45 triệu đồng" in a cell
    give their own unit."""
    text = (
        HEAD + "| STT | Nội dung | Kết quả | Ghi chú |\n|---|---|:---:|---|\n"
        "| 1 | Tổ chức tuyên truyền | 25 buổi | |\n"
        "| 2 | Cấp phát tờ rơi | 1.500 tờ | |\n"
        "| 3 | Kinh phí hỗ trợ | 45 triệu đồng | |\n"
        "| 4 | Tỷ lệ xã không có tệ nạn | 85% | |\n" + TAIL
    )
    assert _got(extract_text(text)["figures"]) == [
        (25, "buổi", None, False),
        (1500, "tờ", None, False),
        (45_000_000, "đồng", None, False),
        (85, "%", None, False),
    ]


def test_indicators_down_the_side_and_places_across_with_a_change_column():
    text = (
        HEAD + "| Chỉ tiêu | ĐVT | Huyện A | Huyện B | Tổng | Tăng/giảm so với năm 2023 |\n"
        "| Số cơ sở | cơ sở | 10 | 12 | 22 | +4 |\n"
        "| Số người bán dâm | người | 4 | - | 4 | -1 |\n" + TAIL
    )
    assert _got(extract_text(text)["figures"]) == [
        (10, "cơ sở", "Huyện A", False),
        (12, "cơ sở", "Huyện B", False),
        (22, "cơ sở", None, False),
        (4, "cơ sở", None, True),  # a change is nobody's place
        (4, "người", "Huyện A", False),
        (4, "người", None, False),
        (-1, "người", None, True),
    ]


def test_text_rows_are_written_as_pipe_rows_with_every_cell_in_its_column():
    assert normalise(
        "TT   Nội dung        Năm      Năm\n"
        "                     2023     2024\n"
        "1    Số vụ           15       18\n"
        "     Tổng cộng       15       18\n"
    ).split("\n") == [
        "|\tTT\tNội dung\tNăm\tNăm\t|",
        "|\t\t\t2023\t2024\t|",
        "|\t1\tSố vụ\t15\t18\t|",
        "|\t\tTổng cộng\t15\t18\t|",
    ]
    assert normalise("A\tB\tC\n\tx\ty\n1\t2\t3") == "|\tA\tB\tC\t|\n|\t\tx\ty\t|\n|\t1\t2\t3\t|"
    assert tab_rows("Nơi nhận:\t\tGIÁM ĐỐC") == "Nơi nhận:\t\tGIÁM ĐỐC"  # no row beside it
    # "I | Kiểm tra |" has as many pipes as the row above: its last cell is empty
    assert bare_pipe_rows("STT | Nội dung | Kết quả\nI | Kiểm tra |\nHết.\nweb | row |") == (
        "| STT | Nội dung | Kết quả |\n| I | Kiểm tra | |\nHết.\nweb | row |"
    )


def test_periods_down_the_side_with_a_ratio_row_and_a_count_of_times_across():
    """Indicators across, periods down: the "(%)" of the row's label beats the columns' units;
    "Lượt kiểm tra" counts times."""
    text = (
        HEAD + "| Kỳ báo cáo | Số vụ | Số đối tượng | Lượt kiểm tra | Tiền phạt (triệu đồng) |\n"
        "| 6 tháng đầu năm 2026 | 12 | 27 | 40 | 35 |\n"
        "| Cùng kỳ năm 2025 | 10 | 20 | 32 | 30 |\n"
        "| So sánh với cùng kỳ (%) | 120,0 | 135,0 | 125,0 | 116,7 |\n" + TAIL
    )
    got = _got(extract_text(text)["figures"])
    assert [(v, u) for v, u, _, _ in got] == [
        (12, "vụ"),
        (27, "đối tượng"),
        (40, "lượt"),
        (35_000_000, "đồng"),
        (10, "vụ"),
        (20, "đối tượng"),
        (32, "lượt"),
        (30_000_000, "đồng"),
        (120, "%"),
        (135, "%"),
        (125, "%"),
        (116.7, "%"),
    ]


def test_bare_rows_without_a_number_section_rows_and_sub_rows_stay_in_their_table():
    """ "- Trong đó:" rows have no number of their own and so one cell fewer; a section row
    ends in more empty cells than the row above it; rows numbered "a.", "b."; "x" cells; a
    page line and the header repeated under it; the whole district's total row."""
    text = (
        HEAD + "Bảng 1. So sánh với năm 2023\n\n"
        "STT | Chỉ tiêu | ĐVT | Năm 2023 | Năm 2024 | Tăng (+), giảm (-)\n"
        "I | Quản lý cơ sở |  |  |  | \n"
        "1 | Cơ sở kinh doanh dịch vụ | cơ sở | 210 | 230 | +20\n"
        "- Trong đó: nhà nghỉ | cơ sở | 120 | 118 | -2\n"
        "- Trong đó: karaoke | cơ sở | 90 | 112 | +22\n"
        "II | Hỗ trợ |  |  |  | \n"
        "a. | Người được hỗ trợ học nghề | người | 14 | 9 | -5\n"
        "b. | Người được vay vốn | người | x | 4 | x\n"
        "\nTrang 2/3\n\n"
        "STT | Chỉ tiêu | ĐVT | Năm 2023 | Năm 2024 | Tăng (+), giảm (-)\n"
        "c. | Người tái hòa nhập cộng đồng | người | 0 | 3 | +3\n"
        "Toàn huyện | | 334 | 476 | +142\n" + TAIL
    )
    assert _got(extract_text(text)["figures"]) == [
        (210, "cơ sở", None, True),
        (230, "cơ sở", None, False),
        (20, "cơ sở", None, True),
        (120, "cơ sở", None, True),
        (118, "cơ sở", None, False),
        (-2, "cơ sở", None, True),
        (90, "cơ sở", None, True),
        (112, "cơ sở", None, False),
        (22, "cơ sở", None, True),
        (14, "người", None, True),
        (9, "người", None, False),
        (-5, "người", None, True),
        (4, "người", None, False),
        (0, "người", None, True),
        (3, "người", None, False),
        (3, "người", None, True),
        (334, "người", None, True),  # the unit most rows give
        (476, "người", None, False),
        (142, "người", None, True),
    ]


def test_a_header_whose_merged_cells_are_empty_over_a_sub_header_typed_under_its_groups():
    """The header ends in an empty cell, merged into "Xử lý"; the sub-header only has the
    cells under the groups; fines in đồng written with dots under "Tiền phạt"."""
    text = (
        HEAD + "Bảng 2. Kết quả theo lực lượng\n\n"
        "STT | Đơn vị | Phát hiện |  | Xử lý | \n"
        "Số vụ | Số đối tượng | Lượt cơ sở | Tiền phạt\n"
        "1 | Đội Cảnh sát hình sự | 4 | 11 | - | -\n"
        "2 | Công an phường Tân An | 2 | 5 | 6 | 12.500.000\n"
        "Tổng cộng | 6 | 16 | 6 | 12.500.000\n" + TAIL
    )
    figures = extract_text(text)["figures"]
    assert _got(figures) == [
        (4, "vụ", "Đội Cảnh sát hình sự", False),
        (11, "đối tượng", "Đội Cảnh sát hình sự", False),
        (2, "vụ", "Công an phường Tân An", False),
        (5, "đối tượng", "Công an phường Tân An", False),
        (6, "lượt cơ sở", "Công an phường Tân An", False),
        (12_500_000, "đồng", "Công an phường Tân An", False),
        (6, "vụ", None, False),
        (16, "đối tượng", None, False),
        (6, "lượt cơ sở", None, False),
        (12_500_000, "đồng", None, False),
    ]
    assert figures[1]["what"] == "Phát hiện Số đối tượng"


def test_a_units_row_under_the_header_gives_each_column_its_unit():
    """ "ĐVT | | buổi | lượt người | %" under the header; hamlets down the side with section
    rows and subtotals; a note that opens with a count is a figure too."""
    text = (
        HEAD + "Biểu 03. Tuyên truyền theo thôn\n\n"
        "STT | Thôn, tổ dân phố | Số buổi | Người tham dự | Tỷ lệ hộ cam kết | Ghi chú\n"
        "ĐVT |  | buổi | lượt người | % | \n"
        "a | Cụm phía Đông |  |  |  | \n"
        "1 | Thôn Đông Hà | 3 | 140 | 95,2% | \n"
        "2 | Thôn Đông Lâm | 2 | 96 | 90,0% | 02 hộ chưa ký\n"
        "Cộng | 5 | 236 | 93,1% | \n"
        "b | Cụm phía Tây |  |  |  | \n"
        "3 | Tổ dân phố Tây Sơn | 1 | 45 | 88,4% | \n"
        "Toàn xã | 6 | 281 | 92,0% | \n" + TAIL
    )
    figures = extract_text(text)["figures"]
    assert _got(figures) == [
        (3, "buổi", "Thôn Đông Hà", False),
        (140, "lượt người", "Thôn Đông Hà", False),
        (95.2, "%", "Thôn Đông Hà", False),
        (2, "buổi", "Thôn Đông Lâm", False),
        (96, "lượt người", "Thôn Đông Lâm", False),
        (90, "%", "Thôn Đông Lâm", False),
        (2, "hộ", "Thôn Đông Lâm", False),  # "02 hộ chưa ký"
        (5, "buổi", None, False),
        (236, "lượt người", None, False),
        (93.1, "%", None, False),
        (1, "buổi", "Tổ dân phố Tây Sơn", False),
        (45, "lượt người", "Tổ dân phố Tây Sơn", False),
        (88.4, "%", "Tổ dân phố Tây Sơn", False),
        (6, "buổi", None, False),
        (281, "lượt người", None, False),
        (92, "%", None, False),
    ]


def test_a_row_whose_label_wraps_onto_the_next_line_is_one_row():
    text = (
        HEAD + "STT | Nội dung | Số vụ | Số đối tượng\n"
        "1 | Phát hiện vụ việc tổ chức, chứa chấp\n"
        "hoạt động mại dâm | 3 | 7\n"
        "2 | Môi giới mại dâm | 1 | 2\n" + TAIL
    )
    assert [line for line in bare_pipe_rows(text).split("\n") if "|" in line] == [
        "| STT | Nội dung | Số vụ | Số đối tượng |",
        "| 1 | Phát hiện vụ việc tổ chức, chứa chấp hoạt động mại dâm | 3 | 7 |",
        "| 2 | Môi giới mại dâm | 1 | 2 |",
    ]
    figures = extract_text(text)["figures"]
    assert _got(figures) == [
        (3, "vụ", None, False),
        (7, "đối tượng", None, False),
        (1, "vụ", None, False),
        (2, "đối tượng", None, False),
    ]
    assert figures[0]["what"] == "Phát hiện vụ việc tổ chức, chứa chấp hoạt động mại dâm"


def test_a_row_label_that_writes_its_unit_gives_the_row_its_unit_and_scale():
    """Indicators down the side, each with "(unit)" at its end, quarters across."""
    text = (
        HEAD + "Chỉ tiêu | Quý I | Quý II | Lũy kế 6 tháng | Tỷ lệ so với kế hoạch\n"
        "Cuộc kiểm tra liên ngành (cuộc) | 8 | 11 | 19 | 63,3%\n"
        "Tiền phạt vi phạm hành chính (triệu đồng) | 12,5 | 20 | 32,5 | x\n"
        "Người bán dâm được hỗ trợ (nữ) | 3 | 2 | 5 | x\n" + TAIL
    )
    assert [(v, u) for v, u, _, _ in _got(extract_text(text)["figures"])] == [
        (8, "cuộc"),
        (11, "cuộc"),
        (19, "cuộc"),
        (63.3, "%"),
        (12_500_000, "đồng"),
        (20_000_000, "đồng"),
        (32_500_000, "đồng"),
        (3, "người bán dâm"),  # "(nữ)" is no unit
        (2, "người bán dâm"),
        (5, "người bán dâm"),
    ]
