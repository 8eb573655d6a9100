"""Data tables in PDFs: rows rebuilt from text positions, so the ordinal is no figure."""

from __future__ import annotations

import io
import json

import pytest

from imports.extraction import extract_bytes, extract_text
from imports.extraction.pdftables import Rules, _bands, _tables, page_text, ruled_grids
from imports.testing import DEV, docx_to_pdf, text_to_docx

TABLE_REPORT = DEV / "bc-phong-vhtt-quan-ngo-quyen-bang-2024"


def _run(left, top, right, height=9.0):
    return (left, top - height, right, top)


# A page as pdfium cuts it: a heading, a four-column table with a wrapped label, then prose.
RUNS = {
    _run(91, 533, 193): "1. Số liệu kiểm tra",
    _run(91, 507, 112): "STT",
    _run(199, 507, 249): "Nội dung",
    _run(307, 507, 367): "Đơn vị tính",
    _run(415, 507, 489): "Kết quả",
    _run(91, 468, 96): "1",
    _run(199, 468, 294): "Cơ sở kinh doanh",
    _run(199, 455, 289): "trên địa bàn",
    _run(307, 468, 335): "cơ sở",
    _run(415, 468, 434): "138",
    _run(91, 420, 508): "Số lượt cơ sở được kiểm tra chiếm 30,4% tổng số cơ sở.",
}


class FakeTextPage:
    """The three calls page_text makes on a pypdfium2 text page."""

    def __init__(self, runs: dict):
        self.runs = runs

    def count_rects(self) -> int:
        return len(self.runs)

    def get_rect(self, i: int):
        return list(self.runs)[i]

    def get_text_bounded(self, left=None, bottom=None, right=None, top=None) -> str:
        inside = [
            (rect, text)
            for rect, text in self.runs.items()
            if (top is None or rect[3] <= top)
            and (bottom is None or rect[1] >= bottom)
            and (left is None or rect[0] >= left)
            and (right is None or rect[2] <= right)
        ]
        return "\n".join(text for _, text in sorted(inside, key=lambda p: (-p[0][3], p[0][0])))


def test_a_table_is_found_with_its_rows_and_wrapped_cells():
    tables = _tables(_bands(list(RUNS)))
    assert len(tables) == 1
    assert [len(row) for row in tables[0].rows] == [4, 4]
    assert len(tables[0].rows[1][1]) == 2  # the label wraps onto a second line


def test_page_text_writes_the_table_as_rows_between_the_prose():
    text = page_text(FakeTextPage(RUNS))
    assert text.split("\n") == [
        "1. Số liệu kiểm tra",
        "",
        "| STT | Nội dung | Đơn vị tính | Kết quả |",
        "| 1 | Cơ sở kinh doanh trên địa bàn | cơ sở | 138 |",
        "",
        "Số lượt cơ sở được kiểm tra chiếm 30,4% tổng số cơ sở.",
    ]


def test_a_table_at_the_top_or_bottom_of_a_page():
    table_only = {rect: text for rect, text in RUNS.items() if 455 <= rect[3] <= 507}
    assert page_text(FakeTextPage(table_only)).strip().split("\n") == [
        "| STT | Nội dung | Đơn vị tính | Kết quả |",
        "| 1 | Cơ sở kinh doanh trên địa bàn | cơ sở | 138 |",
    ]


def test_prose_and_a_two_column_letterhead_are_no_table():
    runs = {
        _run(91, 708, 280): "ỦY BAN NHÂN DÂN QUẬN",
        _run(307, 708, 496): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        _run(91, 693, 181): "Số: 64/BC-VHTT",
        _run(307, 693, 462): "Độc lập - Tự do - Hạnh phúc",
        **{_run(91, 600 - 14 * i, 515): f"Dòng văn xuôi thứ {i}." for i in range(6)},
    }
    assert _tables(_bands(list(runs))) == []
    assert page_text(FakeTextPage(runs)) == FakeTextPage(runs).get_text_bounded()


def test_pdf_table_rows_give_their_values_not_their_ordinals():
    pdf = docx_to_pdf(text_to_docx(TABLE_REPORT.with_suffix(".txt").read_text(encoding="utf-8")))
    if pdf is None:
        pytest.skip("LibreOffice is not installed: cannot build a PDF")
    labels = json.loads(TABLE_REPORT.with_suffix(".labels.json").read_text(encoding="utf-8"))
    got = extract_bytes(pdf, "report.pdf")["figures"]
    assert sorted((f["value"], f["unit"]) for f in got) == sorted(
        (f["value"], f["unit"]) for f in labels["figures"]
    )
    first = next(f for f in got if f["value"] == 138)
    assert first["quote"] == "Cơ sở kinh doanh dịch vụ trên địa bàn | cơ sở | 138"


def test_centred_headers_over_left_aligned_labels_and_centred_numbers():
    """Word centres a header and its numbers, and aligns labels left: a column is where its
    text is, not where its header starts."""
    centred = {
        _run(128, 286, 149): "STT",
        _run(232, 286, 279): "Nội dung",
        _run(344, 286, 401): "Đơn vị tính",
        _run(467, 286, 512): "Số lượng",
        _run(136, 272, 141): "1",
        _run(203, 272, 290): "Cơ sở kinh doanh",
        _run(360, 272, 385): "cơ sở",
        _run(483, 272, 495): "47",
        _run(203, 259, 307): "dịch vụ trên địa bàn",
        _run(136, 230, 141): "2",
        _run(202, 230, 225): "Tổng",
        _run(463, 230, 516): "22.500.000",
    }
    assert page_text(FakeTextPage(centred)).strip().split("\n") == [
        "| STT | Nội dung | Đơn vị tính | Số lượng |",
        "| 1 | Cơ sở kinh doanh dịch vụ trên địa bàn | cơ sở | 47 |",
        "| 2 | Tổng |  | 22.500.000 |",
    ]


def test_a_header_over_two_lines_is_one_row():
    two_lines = {
        _run(91, 507, 112): "STT",
        _run(199, 507, 249): "Địa bàn",
        _run(307, 507, 357): "Số cơ sở",
        _run(415, 507, 480): "Số tiền phạt",
        _run(307, 496, 357): "kiểm tra",
        _run(415, 496, 480): "(triệu đồng)",
        _run(91, 470, 96): "1",
        _run(199, 470, 290): "Thành phố Tam Kỳ",
        _run(320, 470, 335): "48",
        _run(430, 470, 450): "72,5",
    }
    assert page_text(FakeTextPage(two_lines)).strip().split("\n") == [
        "| STT | Địa bàn | Số cơ sở kiểm tra | Số tiền phạt (triệu đồng) |",
        "| 1 | Thành phố Tam Kỳ | 48 | 72,5 |",
    ]


def test_a_total_row_without_a_number_of_its_own_is_a_row():
    """Close under the last row and empty in the first column, a line of numbers is the total
    row, not the last row going on; "ST / T" is the ordinal's header wrapped in a narrow cell."""
    rows = {
        _run(91, 507, 100): "ST",
        _run(91, 498, 100): "T",
        _run(199, 507, 249): "Đơn vị",
        _run(307, 507, 367): "Số vụ",
        _run(415, 507, 489): "Số đối tượng",
        _run(91, 480, 96): "5",
        _run(199, 480, 300): "Phòng Cảnh sát hình sự",
        _run(320, 480, 330): "3",
        _run(430, 480, 440): "6",
        _run(199, 470, 250): "Tổng cộng",
        _run(320, 470, 335): "14",
        _run(430, 470, 445): "43",
    }
    page = FakeTextPage(rows)
    numeric = lambda run: page.get_text_bounded(*run).strip().isdigit()  # noqa: E731
    assert [len(t.rows) for t in _tables(_bands(list(rows)), numeric)] == [3]
    found = extract_text(f"BÁO CÁO\nKết quả\n\nI. KẾT QUẢ\n{page_text(page)}")
    assert [(f["value"], f["locality"]) for f in found["figures"]] == [
        (3, "Phòng Cảnh sát hình sự"),
        (6, "Phòng Cảnh sát hình sự"),
        (14, None),
        (43, None),
    ]


def _grid(xs: list[float], ys: list[float]) -> Rules:
    """The rules of a table drawn with every border: columns at xs, row lines at ys."""
    return Rules(
        horizontal=[(xs[0], xs[-1], y) for y in ys],
        vertical=[(x, min(ys), max(ys)) for x in xs],
    )


# A wide ruled table as LibreOffice prints an annex: centred headers, numbers right-aligned
# under them, empty cells, and a label that wraps onto a second line with no figure of its own.
WIDE_XS = [85, 340, 415, 516, 592, 673, 749, 799]
WIDE_RUNS = {
    _run(90, 560, 300): "Phụ lục I. Số liệu theo cơ quan, đơn vị",
    _run(190, 530, 230): "Chỉ tiêu",
    _run(350, 530, 405): "Đơn vị tính",
    _run(445, 530, 485): "Tổng số",
    _run(520, 530, 588): "Ban Dân tộc",
    _run(600, 530, 668): "Công an tỉnh",
    _run(680, 530, 745): "Sở VHTTDL",
    _run(755, 530, 795): "Sở Y tế",
    _run(88, 514, 300): "Hội nghị, buổi tuyên truyền, phổ biến pháp luật",
    _run(343, 514, 380): "hội nghị",
    _run(496, 514, 512): "238",
    _run(572, 514, 588): "116",
    _run(657, 514, 669): "97",
    _run(785, 514, 795): "25",
    _run(88, 498, 336): "Lượt cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
    _run(88, 488, 200): "được kiểm tra",
    _run(343, 498, 390): "lượt cơ sở",
    _run(496, 498, 512): "289",
    _run(653, 498, 669): "171",
    _run(729, 498, 745): "118",
    _run(90, 460, 400): "Số liệu do các cơ quan, đơn vị báo cáo.",
}


def test_a_ruled_table_is_read_cell_by_cell_with_its_empty_cells_and_wrapped_labels():
    rules = _grid(WIDE_XS, [540, 518, 502, 476])
    assert [len(grid) for grid in ruled_grids(rules)] == [3]
    lines = page_text(FakeTextPage(WIDE_RUNS), rules).strip().split("\n")
    assert [line for line in lines if line.startswith("|")] == [
        "| Chỉ tiêu | Đơn vị tính | Tổng số | Ban Dân tộc | Công an tỉnh | Sở VHTTDL | Sở Y tế |",
        "| Hội nghị, buổi tuyên truyền, phổ biến pháp luật | hội nghị | 238 | 116 | 97 |  | 25 |",
        "| Lượt cơ sở kinh doanh dịch vụ dễ bị lợi dụng được kiểm tra | lượt cơ sở | 289 |  "
        "| 171 | 118 |  |",
    ]
    assert lines[0] == "Phụ lục I. Số liệu theo cơ quan, đơn vị"
    assert lines[-1] == "Số liệu do các cơ quan, đơn vị báo cáo."


def test_without_rules_a_number_right_aligned_nearer_the_next_header_keeps_its_column():
    """ "238" ends closer to "Ban Dân tộc" than to "Tổng số", but "116" is under "Ban Dân tộc":
    the runs of a row take the columns in their order."""
    with_rules = page_text(FakeTextPage(WIDE_RUNS), _grid(WIDE_XS, [540, 518, 502, 476]))
    assert page_text(FakeTextPage(WIDE_RUNS)) == with_rules


def test_rules_that_draw_no_three_columns_are_no_table():
    underline = Rules(horizontal=[(385, 500, 468), (85, 799, 300)], vertical=[])
    two_columns = _grid([85, 300, 500], [540, 518, 502])
    assert ruled_grids(underline) == []
    assert ruled_grids(two_columns) == []


WIDE_REPORT = """BÁO CÁO
Kết quả công tác phòng, chống mại dâm

I. KẾT QUẢ
Số liệu chi tiết tại bảng dưới đây.
| Chỉ tiêu | Đơn vị tính | Tổng số | Ban Dân tộc | Công an tỉnh | Sở VHTTDL | Sở Y tế |
| Hội nghị, buổi tuyên truyền, phổ biến pháp luật | hội nghị | 238 | 116 | 97 |  | 25 |
| Lượt cơ sở kinh doanh dịch vụ được kiểm tra | lượt cơ sở | 289 |  | 171 | 118 |  |
| Cơ sở vi phạm được phát hiện | cơ sở | 17 |  |  | 17 |  |
| Người bán dâm có hồ sơ quản lý | người | 104 |  |  |  | 104 |
Trên đây là báo cáo.
"""


@pytest.fixture(scope="module")
def wide_ruled_pdf() -> bytes:
    """WIDE_REPORT's table with every border, on a landscape page, printed by LibreOffice: the
    label column is narrow, so the longer labels wrap onto a second line."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document(io.BytesIO(text_to_docx(WIDE_REPORT)))
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    table = document.tables[-1]
    table.style = document.styles["Table Grid"]
    for row in table.rows:
        row.cells[0].width = Mm(45)
    out = io.BytesIO()
    document.save(out)
    pdf = docx_to_pdf(out.getvalue())
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    return pdf


def test_a_wide_ruled_pdf_table_gives_every_figure_with_its_agency(wide_ruled_pdf):
    figures = extract_bytes(wide_ruled_pdf, "bang.pdf")["figures"]
    got = {(f["indicator"], f["locality"], f["value"]) for f in figures if " | " in f["quote"]}
    assert got == {
        ("propaganda_sessions", None, 238),
        ("propaganda_sessions", "Ban Dân tộc", 116),
        ("propaganda_sessions", "Công an tỉnh", 97),
        ("propaganda_sessions", "Sở Y tế", 25),
        ("establishments_inspected", None, 289),
        ("establishments_inspected", "Công an tỉnh", 171),
        ("establishments_inspected", "Sở VHTTDL", 118),
        ("violations_found", None, 17),
        ("violations_found", "Sở VHTTDL", 17),
        ("sex_workers_recorded", None, 104),
        ("sex_workers_recorded", "Sở Y tế", 104),
    }


def test_a_page_ruled_more_densely_than_text_lines_is_a_drawing():
    hatching = _grid(WIDE_XS, [500 - 2 * i for i in range(200)])
    assert ruled_grids(hatching) == []


def test_ruled_header_cells_merged_down_or_across_head_every_column_and_row():
    """ "STT" and "Nội dung" merged down two header rows (no rule between under them) and
    "Năm 2025" across the two columns under it (no rule between beside it)."""
    xs = [85, 120, 300, 400, 500]
    rules = Rules(
        horizontal=[(85, 500, 540), (300, 500, 525), (85, 500, 510), (85, 500, 495)],
        vertical=[(x, 495, 540) for x in xs[:3]] + [(400, 495, 525), (500, 495, 540)],
    )
    runs = {
        _run(90, 535, 110): "STT",
        _run(125, 535, 180): "Nội dung",
        _run(380, 535, 440): "Năm 2025",
        _run(310, 520, 370): "Kế hoạch",
        _run(410, 520, 470): "Thực hiện",
        _run(90, 505, 95): "1",
        _run(125, 505, 290): "Lượt cơ sở được kiểm tra",
        _run(370, 505, 390): "130",
        _run(470, 505, 490): "145",
    }
    grid = ruled_grids(rules)
    assert [len(row) for row in grid[0]] == [3, 4, 4]
    assert grid[0][0][0] == grid[0][1][0] == (85, 510, 120, 540)  # "STT" over both rows
    rows = [line for line in page_text(FakeTextPage(runs), rules).split("\n") if "|" in line]
    assert rows == [
        "| STT | Nội dung | Năm 2025 | Năm 2025 |",
        "| STT | Nội dung | Kế hoạch | Thực hiện |",
        "| 1 | Lượt cơ sở được kiểm tra | 130 | 145 |",
    ]
