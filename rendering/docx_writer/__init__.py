"""Write a DocumentSpec as a .docx in the layout of Decree 30/2020/NĐ-CP."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION

from lib.vnformat import format_date, format_document_number
from rendering.docx_writer.blocks import write_blocks
from rendering.docx_writer.canvas import Canvas
from rendering.docx_writer.heading import write_heading, write_title
from rendering.docx_writer.signature import write_signature
from rendering.docx_writer.template import S, open_template
from rendering.spec import Annex, DocumentSpec

__all__ = ["render_docx"]


def render_docx(spec: DocumentSpec, template: Path | None = None) -> bytes:
    """The .docx bytes of `spec`, on `template` or the configured (else built-in) base template."""
    canvas = Canvas(open_template(template))
    write_heading(canvas, spec)
    write_body(canvas, spec)
    write_signature(canvas, spec)
    for annex in spec.annexes:
        _write_annex(canvas, spec, annex)
    properties = canvas.document.core_properties
    properties.title = spec.title or (spec.kind.type_name or "").capitalize()
    properties.author = spec.agency
    properties.language = "vi-VN"
    buffer = BytesIO()
    canvas.document.save(buffer)
    return buffer.getvalue()


def write_body(canvas: Canvas, spec: DocumentSpec) -> None:
    """Legal bases and lead sentence, the blocks, and the closing line ending "./."."""
    opening = ""
    if spec.legal_bases:
        opening = f"Căn cứ {'; '.join(b.rstrip(' .;') for b in spec.legal_bases)}."
    opening = f"{opening} {spec.lead}".strip()
    if opening:
        canvas.paragraph(canvas.document, opening, S.BODY)
    write_blocks(canvas, spec.body)
    if spec.closing:
        canvas.paragraph(canvas.document, f"{spec.closing.rstrip(' ./;')}./.", S.BODY)


def annex_note(spec: DocumentSpec) -> str:
    """ "(Kèm theo Báo cáo số 05/BC-BDT ngày 05 tháng 01 năm 2024 của Ban Dân tộc)"."""
    noun = spec.kind.noun
    number = format_document_number(spec.number, spec.symbol)
    when = format_date(year=spec.date.year, month=spec.date.month, day=spec.date.day)
    return f"(Kèm theo {noun} số {number} {when} của {spec.agency})"


def _write_annex(canvas: Canvas, spec: DocumentSpec, annex: Annex) -> None:
    """Each annex opens a page; a change of orientation opens a section with its own page size."""
    document = canvas.document
    current = document.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == annex.landscape:
        canvas.page_break()
    else:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if annex.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = current.page_height, current.page_width
        section.different_first_page_header_footer = False
    write_title(canvas, annex.title, annex.subtitle, annex_note(spec))
    write_blocks(canvas, annex.blocks)
