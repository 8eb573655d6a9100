"""The foot of the document: "Nơi nhận" on the left, the signer on the right, without borders.

The block never starts a page of its own: its row cannot split, its paragraphs keep with the
next, and the body's last paragraph keeps with the block, so a page break moves that paragraph
over together with the signature.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table
from docx.text.paragraph import Paragraph

from rendering.docx_writer.canvas import Canvas
from rendering.docx_writer.ooxml import keep_row_whole
from rendering.docx_writer.template import S
from rendering.spec import DocumentSpec


def recipient_lines(spec: DocumentSpec) -> list[str]:
    """ "- X;" for each recipient, then "- Lưu: VT, <unit>." (the filed copies)."""
    lines = [f"- {name.rstrip(' .;')};" for name in spec.recipients]
    archive = f"VT, {spec.archive_unit}" if spec.archive_unit else "VT"
    return [*lines, f"- Lưu: {archive}."]


def write_signature(canvas: Canvas, spec: DocumentSpec) -> None:
    _keep_last_paragraph_with_next(canvas)
    half = Emu(canvas.text_width() // 2)
    table = canvas.table(1, [half, Emu(canvas.text_width() - half)], "nil")
    recipients, signer = table.rows[0].cells
    canvas.fill(recipients.paragraphs[0], "Nơi nhận:", S.RECIPIENTS_LABEL)
    for line in recipient_lines(spec):
        canvas.paragraph(recipients, line, S.RECIPIENT)
    first, *more = spec.signer.title_lines()
    canvas.fill(signer.paragraphs[0], first, S.SIGNER_TITLE)
    for line in more:
        canvas.paragraph(signer, line, S.SIGNER_TITLE).paragraph_format.space_before = 0
    canvas.paragraph(signer, spec.signer.name, S.SIGNER_NAME)
    _keep_together(table)


def _keep_last_paragraph_with_next(canvas: Canvas) -> None:
    last = canvas.document.element.body[-1]
    if last.tag == qn("w:sectPr"):
        last = last.getprevious()
    if last is not None and last.tag == qn("w:p"):
        Paragraph(last, canvas.document._body).paragraph_format.keep_with_next = True


def _keep_together(table: Table) -> None:
    """One page for the whole block; its last lines do not hold on to an annex after it."""
    for row in table.rows:
        keep_row_whole(row._tr)
        for cell in row.cells:
            for paragraph in cell.paragraphs[:-1]:
                paragraph.paragraph_format.keep_with_next = True
