"""The Word walk gives the text python-docx's own API gives, merged cells and breaks included:
a cell spanning columns comes once in a row of values, and under each of its columns in a
header's row."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.table import Table
from docx.text.paragraph import Paragraph

from imports.extraction.tables import cell_value
from imports.extraction.wordml import body_lines, table_lines

HYPERLINK = (
    '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:r><w:t>Cổng thông tin tỉnh</w:t></w:r></w:hyperlink>"
)


def _document():
    document = Document()
    paragraph = document.add_paragraph("Phát hành 43.000")
    run = paragraph.add_run(" tờ rơi")
    run.add_tab()
    run.add_text("và")
    run.add_break()  # a line break inside the paragraph
    run.add_text("12 tin")
    run.add_break(WD_BREAK.PAGE)  # no text of its own
    paragraph._p.append(parse_xml(HYPERLINK))
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"ô {r}.{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # across two columns
    table.cell(1, 0).merge(table.cell(3, 0))  # down three rows
    table.cell(2, 2).merge(table.cell(3, 3))  # a 2 x 2 block
    table.cell(1, 1).paragraphs[0].add_run("\nhai dòng")
    values = document.add_table(rows=2, cols=4)  # a total row whose label spans two columns
    for c, text in enumerate(["STT", "Nội dung", "Năm 2024", "Năm 2025"]):
        values.cell(0, c).text = text
    values.cell(1, 0).merge(values.cell(1, 1)).text = "Tổng cộng"
    values.cell(1, 2).text, values.cell(1, 3).text = "12", "15"
    plain = document.add_table(rows=2, cols=3)  # no span: read without looking for one
    for r, row in enumerate(plain.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r * 10 + c}"
    document.add_paragraph("Nơi nhận:")
    out = io.BytesIO()
    document.save(out)
    return Document(io.BytesIO(out.getvalue()))


def _python_docx_lines(document) -> list[str]:
    """The same walk through python-docx's objects: slow, but the reference."""
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Table):
            rows = []
            for row in block.rows:
                seen, cells = set(), []
                for cell in row.cells:  # one per column, a merged cell under each of its own
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append([p.text for p in cell.paragraphs])
                if not any(cell_value(" ".join(c)) for c in cells):
                    cells = [[p.text for p in cell.paragraphs] for cell in row.cells]
                rows.append(cells)
            lines += table_lines(rows)
    return lines


def test_word_walk_matches_python_docx():
    document = _document()
    got = body_lines(document.element.body)
    assert got == _python_docx_lines(document)
    assert got[0] == "Phát hành 43.000 tờ rơi\tvà\n12 tinCổng thông tin tỉnh"
    # A merged cell keeps the merged cells' paragraphs, repeats on every row it spans down,
    # and in these rows without values under every column it spans.
    assert got[2:12] == [
        "| ô 0.0 ô 0.1 | ô 0.0 ô 0.1 | ô 0.2 | ô 0.3 |",
        "| ô 1.0 ô 2.0 ô 3.0 | ô 1.1 hai dòng | ô 1.2 | ô 1.3 |",
        "| ô 1.0 ô 2.0 ô 3.0 | ô 2.1 | ô 2.2 ô 2.3 ô 3.2 ô 3.3 | ô 2.2 ô 2.3 ô 3.2 ô 3.3 |",
        "| ô 1.0 ô 2.0 ô 3.0 | ô 3.1 | ô 2.2 ô 2.3 ô 3.2 ô 3.3 | ô 2.2 ô 2.3 ô 3.2 ô 3.3 |",
        "",
        "| STT | Nội dung | Năm 2024 | Năm 2025 |",
        "| Tổng cộng | 12 | 15 |",  # once in a row of values
        "",
        "| 0 | 1 | 2 |",
        "| 10 | 11 | 12 |",
    ]
