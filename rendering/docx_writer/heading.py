"""The top of the first page: header table, type name and summary or addressees; page numbers."""

from __future__ import annotations

from docx.shared import Cm, Emu, Pt

from lib.vnformat import format_place_date, format_symbol_line
from rendering.docx_writer.canvas import Canvas, estimated_width
from rendering.docx_writer.ooxml import add_page_field
from rendering.docx_writer.template import S
from rendering.spec import DocumentSpec, Kind

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_EMS = 12.22  # printed width of MOTTO in bold Times New Roman, measured in ems
LEFT_SHARE = 0.38  # of the text width, for the agency column of the header
RULE_SHARE = 0.4  # a short rule is 1/3 to 1/2 of the text above it
MAX_TITLE_RULE = Cm(4)


def write_heading(canvas: Canvas, spec: DocumentSpec) -> None:
    _write_header_table(canvas, spec)
    type_name = spec.kind.type_name
    if type_name is None:  # a dispatch: its addressees instead of a type line
        _write_addressees(canvas, spec.addressees)
    else:
        write_title(canvas, type_name, spec.title)
    _number_pages_from_second(canvas)


def _write_header_table(canvas: Canvas, spec: DocumentSpec) -> None:
    total = canvas.text_width()
    widths = [Emu(int(total * LEFT_SHARE)), Emu(total - int(total * LEFT_SHARE))]
    table = canvas.table(2, widths, "nil")
    (agency_cell, nation_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
    left_room, right_room = (canvas.cell_width(w) for w in widths)

    first = agency_cell.paragraphs[0]
    if spec.parent_agency:
        canvas.fill(first, spec.parent_agency.upper(), S.PARENT_AGENCY)
        canvas.paragraph(agency_cell, spec.agency.upper(), S.AGENCY)
    else:
        canvas.fill(first, spec.agency.upper(), S.AGENCY)
    agency_width = estimated_width(spec.agency.upper(), canvas.size(S.AGENCY), bold=True)
    canvas.rule(agency_cell, Emu(int(min(agency_width, left_room) * RULE_SHARE)), left_room)

    canvas.fill(nation_cell.paragraphs[0], NATION, S.NATION)
    canvas.paragraph(nation_cell, MOTTO, S.MOTTO)
    canvas.rule(nation_cell, Pt(MOTTO_EMS * canvas.size(S.MOTTO)), right_room)

    number = format_symbol_line(spec.number, spec.symbol)
    canvas.fill(number_cell.paragraphs[0], number, S.NUMBER)
    if spec.kind is Kind.DISPATCH and spec.title:
        canvas.paragraph(number_cell, f"V/v {spec.title}", S.SUBJECT)
    when = spec.date
    place_date = format_place_date(spec.place, year=when.year, month=when.month, day=when.day)
    canvas.fill(date_cell.paragraphs[0], place_date, S.PLACE_DATE)


def write_title(canvas: Canvas, type_name: str, summary: str, note: str = "") -> None:
    """ "BÁO CÁO" over its summary and a short rule; annexes add an italic note under it."""
    document = canvas.document
    canvas.paragraph(document, type_name, S.TYPE_NAME)
    if summary:
        canvas.paragraph(document, summary, S.SUMMARY)
    if note:
        canvas.paragraph(document, note, S.ANNEX_NOTE)
    longest = max((summary or type_name).split("\n"), key=len)
    width = estimated_width(longest, canvas.size(S.SUMMARY), bold=True)
    room = canvas.text_width()
    canvas.rule(document, Emu(int(min(min(width, room) * RULE_SHARE, MAX_TITLE_RULE))), room)


def _write_addressees(canvas: Canvas, addressees: tuple[str, ...]) -> None:
    """ "Kính gửi: X." on one line, or "Kính gửi:" over a "- X;" line per addressee."""
    document = canvas.document
    if len(addressees) == 1:
        paragraph = canvas.paragraph(
            document, f"Kính gửi: {addressees[0].rstrip(' .;')}.", S.ADDRESSEE
        )
        paragraph.paragraph_format.left_indent = Cm(3)
        return
    paragraph = canvas.paragraph(document, "Kính gửi:", S.ADDRESSEE)
    paragraph.paragraph_format.left_indent = Cm(3)
    for index, name in enumerate(addressees, start=1):
        end = "." if index == len(addressees) else ";"
        line = canvas.paragraph(document, f"- {name.rstrip(' .;')}{end}", S.ADDRESSEE)
        line.paragraph_format.left_indent = Cm(5)
        line.paragraph_format.space_before = Pt(0)


def _number_pages_from_second(canvas: Canvas) -> None:
    """Page numbers centred in the top margin; the first page has a header of its own, empty."""
    section = canvas.document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    canvas.fill(paragraph, "", S.PAGE_NUMBER)
    add_page_field(paragraph)
