"""The compiled report prints each qualified figure with the word the agency wrote."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from rendering.builders import annex_tables, compiled_report, parse_signer
from rendering.docx_writer import render_docx
from rendering.figures import document_figures
from rendering.tests.inspect_docx import open_docx
from rendering.xlsx import annex_workbook
from rounds.models import Round

SIGNER = parse_signer("KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")


@pytest.fixture
def round_2023(demo_db, db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def _docx_text(data: bytes) -> str:
    document = open_docx(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_compiled_docx_read_back_prints_the_agencies_words(round_2023):
    """BDT wrote "hơn 500" participants and "trên 540" respected persons; the women's union
    "hơn 17.500" attendances: with its submitted report, the sum keeps "hơn"."""
    accepted = _docx_text(render_docx(compiled_report(round_2023, signer=SIGNER)))
    assert "hơn 500" in accepted and "trên 540" in accepted
    assert "trên 500" not in accepted
    drafts = _docx_text(
        render_docx(compiled_report(round_2023, include_drafts=True, signer=SIGNER))
    )
    assert "hơn 24.650" in drafts and "trên 24.650" not in drafts


def test_compiled_annex_workbook_prints_the_agencies_words(round_2023):
    """The word is in the number format: the cell shows "hơn 500" and keeps the number 500."""
    tables = annex_tables(document_figures(round_2023))
    book = load_workbook(io.BytesIO(annex_workbook(tables)))
    shown = {
        (cell.value, cell.number_format)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "n" and cell.value is not None
    }
    assert (500, '[$-42A]"hơn "#,##0') in shown and (540, '[$-42A]"trên "#,##0') in shown
