"""Body blocks: numbered headings, paragraphs, "- " items, data tables, images, page breaks."""

from __future__ import annotations

from io import BytesIO

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu

from lib.vnformat import format_number
from rendering import spec as s
from rendering.docx_writer.canvas import Canvas
from rendering.docx_writer.ooxml import center_vertically, repeat_as_header
from rendering.docx_writer.template import S

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese order, as in "a), b), c), d), đ), e)"
HEADING_STYLES = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3}
WIDE_TABLE_COLUMNS = 12  # beyond this, tables switch to the small table style
FIRST_COLUMN_SHARE = 0.25


def heading_label(level: int, ordinal: int) -> str:
    """ "I.", "1." or "a)" for the ordinal-th heading of a level (counting from 1)."""
    if level == 1:
        return f"{ROMAN[ordinal - 1]}."
    if level == 2:
        return f"{ordinal}."
    return f"{LETTERS[ordinal - 1]})"


def write_blocks(canvas: Canvas, blocks: tuple[s.Block, ...]) -> None:
    document = canvas.document
    counters = [0, 0, 0]
    for block in blocks:
        match block:
            case s.Heading(text=text, level=level):
                counters[level - 1] += 1
                counters[level:] = [0] * (3 - level)
                shown = text.upper() if level == 1 else text
                label = heading_label(level, counters[level - 1])
                canvas.paragraph(document, f"{label} {shown}", HEADING_STYLES[level])
            case s.Paragraph(text=text, bold=bold, italic=italic):
                canvas.paragraph(document, text, S.BODY, bold=bold, italic=italic)
            case s.Bullet(text=text):
                canvas.paragraph(document, f"- {text}", S.BODY)
            case s.Table():
                write_table(canvas, block)
            case s.Image(png=png, width_cm=width, caption=caption):
                picture = canvas.paragraph(document, "", S.CAPTION)
                picture.add_run().add_picture(BytesIO(png), width=Cm(width))
                if caption:
                    canvas.paragraph(document, caption, S.CAPTION)
            case s.PageBreak():
                canvas.page_break()


def _cell_text(value: s.Cell) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_number(value)


def _column_widths(canvas: Canvas, table: s.Table) -> list[Emu]:
    if table.widths_cm:
        return [Cm(width) for width in table.widths_cm]
    total, count = canvas.text_width(), len(table.columns)
    if count == 1:
        return [total]
    first = int(total * FIRST_COLUMN_SHARE)
    rest = (total - first) // (count - 1)
    return [Emu(first)] + [Emu(rest)] * (count - 1)


def write_table(canvas: Canvas, table: s.Table) -> None:
    """Header row bold, centred and repeated on each page; numbers centred; a total row bold."""
    if table.title:
        canvas.paragraph(canvas.document, table.title, S.TABLE_TITLE)
    rows = [table.columns, *table.rows, *([table.total] if table.total else [])]
    grid = canvas.table(len(rows), _column_widths(canvas, table), "single")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    style = S.WIDE_TABLE_TEXT if len(table.columns) > WIDE_TABLE_COLUMNS else S.TABLE_TEXT
    last = len(rows) - 1
    for index, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        strong = index == 0 or (table.total is not None and index == last)
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = canvas.fill(cell.paragraphs[0], _cell_text(value), style, bold=strong)
            if index == 0 or not isinstance(value, str):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if index == 0:
                center_vertically(cell)
    repeat_as_header(grid.rows[0]._tr)
