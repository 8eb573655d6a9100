"""The compiled report's annex tables as an official reads them: figures right-aligned with the
agency's word, columns as wide as their content needs, the indicator names widest."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu

from rendering.builders import agency_report, compiled_report, parse_signer
from rendering.docx_writer import render_docx
from rendering.tests.inspect_docx import effective, open_docx, printed_width_pt
from rounds.models import Report, Round

SIGNER = parse_signer("KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
CELL_MARGINS_PT = 2 * 57 / 20


@pytest.fixture(scope="module")
def documents(demo_db, django_db_blocker):
    """The compiled report of 2023 and Ban Dân tộc's report, rendered once."""
    with django_db_blocker.unblock():
        round_ = Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")
        report = Report.objects.get(round=round_, agency__code="BDT")
        compiled = render_docx(compiled_report(round_, signer=SIGNER))
        own = render_docx(agency_report(report))
    return open_docx(compiled), open_docx(own)


def _data_tables(document):
    return [t for t in document.tables if "Chỉ tiêu" in [c.text for c in t.rows[0].cells]]


def _widths_pt(table) -> list[float]:
    return [int(c._tc.tcPr.tcW.get(qn("w:w"))) / 20 for c in table.rows[0].cells]


def test_figures_are_right_aligned_with_their_word(documents):
    compiled, _ = documents
    by_agency, _by_place = _data_tables(compiled)
    figures = [
        cell.paragraphs[0]
        for row in by_agency.rows[1:]
        for cell in row.cells[2:]
        if cell.text.strip()
    ]
    assert "hơn 500" in [p.text for p in figures] and "khoảng 27,0 (*)" in [p.text for p in figures]
    assert {p.alignment for p in figures} == {WD_ALIGN_PARAGRAPH.RIGHT}
    names = [row.cells[0].paragraphs[0] for row in by_agency.rows[1:]]
    assert {p.alignment for p in names} == {None}  # the style's left alignment


def test_columns_fit_their_content_within_the_landscape_page(documents):
    compiled, _ = documents
    annex = compiled.sections[-1]
    room = Emu(annex.page_width - annex.left_margin - annex.right_margin).pt
    for table in _data_tables(compiled):
        widths = _widths_pt(table)
        assert sum(widths) <= room + 1
        assert widths[0] == max(widths)
        for number, row in enumerate(table.rows):
            for index, cell in enumerate(row.cells):
                paragraph = cell.paragraphs[0]
                size, bold = effective(paragraph, "size"), effective(paragraph, "bold")
                # A figure never wraps; a text wraps only between whole words.
                pieces = [cell.text] if index >= 2 and number > 0 else []
                pieces += cell.text.split()
                widest = max((printed_width_pt(p, size, bold) for p in pieces), default=0)
                assert widest <= widths[index] - CELL_MARGINS_PT, (cell.text, widths[index])


def test_agency_headers_stay_on_one_line_and_the_names_take_the_rest(documents):
    """ "Công an tỉnh" wrapped in 20 mm while "Đơn vị tính" took 37 mm: now each column other
    than the names' is about as wide as its widest line, the names' column the widest."""
    compiled, _ = documents
    by_agency, _ = _data_tables(compiled)
    widths = _widths_pt(by_agency)
    header, *rows = by_agency.rows
    for index in range(1, len(header.cells)):
        one_line = max(
            [printed_width_pt(header.cells[index].text, 12, bold=True)]
            + [printed_width_pt(row.cells[index].text, 12) for row in rows]
        )
        assert one_line <= widths[index] - CELL_MARGINS_PT <= 1.25 * one_line, index
    assert widths[1] < 28 * 72 / 25.4  # the unit column: under 28 mm


def test_the_agency_report_annex_prints_its_figures_right_aligned(documents):
    _, own = documents
    (table,) = _data_tables(own)
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kết quả năm 2023",
    ]
    results = [row.cells[3].paragraphs[0] for row in table.rows[1:]]
    assert "trên 540" in [p.text for p in results]
    assert {p.alignment for p in results} == {WD_ALIGN_PARAGRAPH.RIGHT}
    widths = _widths_pt(table)
    assert widths[1] == max(widths)
