"""Body blocks: numbered headings, paragraphs, "- " items, data tables, images, page breaks."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Length

from lib.vnformat import format_number
from rendering import spec as s
from rendering.docx_writer.canvas import CELL_PADDING, Canvas, estimated_width
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
    return (
        value
        if isinstance(value, str)
        else format_number(value)
        if isinstance(value, int)
        else str(value)
    )


def _needed_width(values: list[s.Cell], header: str, size: float) -> Emu:
    """Room a column needs: its longest value, or its header's longest word (headers wrap)."""
    texts = [_cell_text(value) for value in values] + header.split()
    widest = max(estimated_width(text, size, bold=True) for text in texts)
    return Emu(widest + CELL_PADDING)


def _plan(canvas: Canvas, table: s.Table, size: float) -> list[tuple[list[int], Sequence[Length]]]:
    """Column indexes and widths of each printed part: a table too wide for the page is cut into
    parts that each repeat the first column, sharing the indicator columns evenly."""
    count = len(table.columns)
    if table.widths_cm:
        return [(list(range(count)), [Cm(width) for width in table.widths_cm])]
    total = canvas.text_width()
    rows = [*table.rows, *([table.total] if table.total else [])]
    needed = [_needed_width([row[i] for row in rows], table.columns[i], size) for i in range(count)]
    if count == 1:
        return [([0], [total])]
    first = min(needed[0], int(total * FIRST_COLUMN_SHARE))
    fits = max(1, int((total - first) // max(needed[1:])))
    parts = -(-(count - 1) // fits)
    per_part = -(-(count - 1) // parts)
    plan: list[tuple[list[int], Sequence[Length]]] = []
    for start in range(1, count, per_part):
        columns = list(range(start, min(start + per_part, count)))
        room, weight = total - first, sum(needed[i] for i in columns)
        plan.append(
            ([0, *columns], [Emu(first)] + [Emu(room * needed[i] // weight) for i in columns])
        )
    return plan


def write_table(canvas: Canvas, table: s.Table) -> None:
    """Header row bold, centred and repeated on each page; numbers centred; a total row bold."""
    style = S.WIDE_TABLE_TEXT if len(table.columns) > WIDE_TABLE_COLUMNS else S.TABLE_TEXT
    rows = [table.columns, *table.rows, *([table.total] if table.total else [])]
    for part, (columns, widths) in enumerate(_plan(canvas, table, canvas.size(style))):
        title = table.title if part == 0 else f"{table.title} (tiếp theo)".strip()
        if title:
            canvas.paragraph(canvas.document, title, S.TABLE_TITLE)
        cells = [[row[i] for i in columns] for row in rows]
        _write_grid(canvas, cells, widths, style, table.total is not None)


def _write_grid(
    canvas: Canvas, rows: list[list[s.Cell]], widths: Sequence[Length], style: str, has_total: bool
) -> None:
    grid = canvas.table(len(rows), widths, "single")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    last = len(rows) - 1
    for index, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        strong = index == 0 or (has_total and index == last)
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = canvas.fill(cell.paragraphs[0], _cell_text(value), style, bold=strong)
            if index == 0 or not isinstance(value, str):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if index == 0:
                center_vertically(cell)
    repeat_as_header(grid.rows[0]._tr)
