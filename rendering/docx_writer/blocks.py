"""Body blocks: numbered headings, paragraphs, "- " items, data tables, images, page breaks."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu, Length

from rendering import spec as s
from rendering.docx_writer.canvas import CELL_PADDING, Canvas, estimated_width
from rendering.docx_writer.ooxml import center_vertically, repeat_as_header
from rendering.docx_writer.template import S

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese order, as in "a), b), c), d), đ), e)"
HEADING_STYLES = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3}
WIDE_TABLE_COLUMNS = 12  # beyond this, tables switch to the small table style
FIRST_COLUMN_SHARE = 0.25
ESTIMATE_MARGIN = 1.1  # widths are estimated from average letters: room for wider ones


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
                picture.paragraph_format.keep_with_next = bool(caption)
                picture.add_run().add_picture(BytesIO(png), width=Cm(width))
                if caption:
                    canvas.paragraph(document, caption, S.CAPTION)
            case s.PageBreak():
                canvas.page_break()


def _is_number(value: s.Cell) -> bool:
    return isinstance(value, int | s.Amount)


def _room(texts: list[str], size: float) -> int:
    widest = max(estimated_width(text, size, bold=True) for text in texts)
    return int(widest * ESTIMATE_MARGIN) + CELL_PADDING


def _column_room(values: list[s.Cell], header: str, size: float) -> tuple[int, int]:
    """The narrowest a column can be and the width that puts each of its cells on one line.

    Text and headers wrap between words; a number ("hơn 500" included) never wraps.
    """
    cells = [(value, s.cell_text(value)) for value in values if value is not None]
    unbroken = [text for value, text in cells if _is_number(value)]
    words = [word for value, text in cells if not _is_number(value) for word in text.split()]
    minimum = _room([*unbroken, *words, *header.split(), ""], size)
    return minimum, max(minimum, _room([*(text for _, text in cells), header], size))


def _share(minimum: list[int], preferred: list[int], total: int) -> list[Length]:
    """Widths filling `total`. When every column fits on one line, each gets its one-line width
    and the rest in proportion to it. Otherwise each gets its minimum, and the room left goes
    first to the columns that need little to stop wrapping (a header of two words), an equal
    share at most each, then to the others in proportion to what they lack (the names)."""
    spare = total - sum(minimum)
    lack = [p - m for p, m in zip(preferred, minimum, strict=True)]
    if sum(lack) <= spare:
        return [Emu(total * p // sum(preferred)) for p in preferred]
    given = [0] * len(lack)
    wanting = {i for i, short in enumerate(lack) if short > 0}
    while wanting:
        met = {i for i in wanting if lack[i] <= spare // len(wanting)}
        if not met:
            rest = sum(lack[i] for i in wanting)
            for i in wanting:
                given[i] = spare * lack[i] // rest
            break
        for i in met:
            given[i], spare = lack[i], spare - lack[i]
        wanting -= met
    return [Emu(m + g) for m, g in zip(minimum, given, strict=True)]


def _plan(canvas: Canvas, table: s.Table, size: float) -> list[tuple[list[int], Sequence[Length]]]:
    """Column indexes and widths of each printed part: a table too wide for the page is cut into
    parts that each repeat the first column, sharing the other columns evenly."""
    count = len(table.columns)
    if table.widths_cm:
        return [(list(range(count)), [Cm(width) for width in table.widths_cm])]
    total = canvas.text_width()
    rows = [*table.rows, *([table.total] if table.total else [])]
    rooms = [_column_room([row[i] for row in rows], table.columns[i], size) for i in range(count)]
    minimum, preferred = [r[0] for r in rooms], [r[1] for r in rooms]
    if count == 1:
        return [([0], [total])]
    if sum(minimum) <= total:
        return [(list(range(count)), _share(minimum, preferred, total))]
    first = max(minimum[0], min(preferred[0], int(total * FIRST_COLUMN_SHARE)))
    fits = max(1, int((total - first) // max(minimum[1:])))
    parts = -(-(count - 1) // fits)
    per_part = -(-(count - 1) // parts)
    plan: list[tuple[list[int], Sequence[Length]]] = []
    for start in range(1, count, per_part):
        columns = [0, *range(start, min(start + per_part, count))]
        floor = [first, *(minimum[i] for i in columns[1:])]
        plan.append((columns, _share(floor, [preferred[i] for i in columns], total)))
    return plan


def write_table(canvas: Canvas, table: s.Table) -> None:
    """Header row bold, centred and repeated on each page; numbers right-aligned, so that their
    digits line up; a total row bold."""
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
        if index:  # a row's lines stay on one page, its figures beside its name
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = canvas.fill(cell.paragraphs[0], s.cell_text(value), style, bold=strong)
            if index == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif _is_number(value):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if index == 0:
                center_vertically(cell)
    repeat_as_header(grid.rows[0]._tr)
