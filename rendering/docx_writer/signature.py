"""The foot of the document: "Nơi nhận" on the left, the signer on the right, without borders."""

from __future__ import annotations

from docx.shared import Emu

from rendering.docx_writer.canvas import Canvas
from rendering.docx_writer.template import S
from rendering.spec import DocumentSpec


def recipient_lines(spec: DocumentSpec) -> list[str]:
    """ "- X;" for each recipient, then "- Lưu: VT, <unit>." (the filed copies)."""
    lines = [f"- {name.rstrip(' .;')};" for name in spec.recipients]
    archive = f"VT, {spec.archive_unit}" if spec.archive_unit else "VT"
    return [*lines, f"- Lưu: {archive}."]


def write_signature(canvas: Canvas, spec: DocumentSpec) -> None:
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
