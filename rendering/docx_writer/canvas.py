"""The document being written: styled paragraphs, short rules, geometry of the current section."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from docx.document import Document
from docx.shared import Emu, Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from rendering.docx_writer.ooxml import fix_table_geometry, set_paragraph_border, set_table_borders
from rendering.docx_writer.template import S

EMU_PER_TWIP = 635
CELL_MARGIN_TWIPS = 57  # 1 mm each side
CELL_PADDING = Emu(2 * CELL_MARGIN_TWIPS * EMU_PER_TWIP)

# Average advance of a character, in ems, in Times New Roman: capitals and mixed text.
_EM_CAPS, _EM_MIXED, _EM_BOLD_EXTRA = 0.6, 0.45, 0.03


def estimated_width(text: str, size_pt: float, bold: bool) -> Length:
    """Rough printed width of one line of text, enough to size a rule under it."""
    em = (_EM_CAPS if text.isupper() else _EM_MIXED) + (_EM_BOLD_EXTRA if bold else 0)
    return Pt(len(text) * em * size_pt)


@functools.cache
def _serif(bold: bool):
    """Times New Roman, or the metric-compatible Liberation Serif; None when neither is found."""
    from matplotlib import font_manager
    from PIL import ImageFont

    wanted = font_manager.FontProperties(
        family=["Times New Roman", "Liberation Serif"], weight="bold" if bold else "normal"
    )
    try:
        path = font_manager.findfont(wanted, fallback_to_default=False)
    except ValueError:
        return None
    return ImageFont.truetype(path, 1000)


def printed_width(text: str, size_pt: float, bold: bool) -> Length:
    """Printed width of one line in Times New Roman, from the font's metrics where it is
    installed, else estimated from the character count."""
    font = _serif(bold)
    if font is None:
        return estimated_width(text, size_pt, bold)
    return Pt(font.getlength(text) / 1000 * size_pt)


class Canvas:
    def __init__(self, document: Document) -> None:
        self.document = document
        self._ids = {style.name: style.style_id for style in document.styles}
        self._sizes = {
            style.name: style.font.size.pt
            for style in document.styles
            if style.name.startswith("ND30") and style.font.size is not None
        }

    def text_width(self) -> Length:
        section = self.document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set by the template
        return Emu(width - left - right)

    def size(self, style: str) -> float:
        return self._sizes.get(style, 14.0)

    def fill(
        self,
        paragraph: Paragraph,
        text: str,
        style: str,
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> Paragraph:
        """Give `paragraph` a style and its text; "\\n" becomes a line break."""
        paragraph._p.style = self._ids[style]
        if not text:
            return paragraph
        first, *rest = text.split("\n")
        run = paragraph.add_run(first)
        for line in rest:
            run.add_break()
            run.add_text(line)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        return paragraph

    def paragraph(self, container, text: str, style: str, **emphasis: bool) -> Paragraph:
        """A new paragraph at the end of `container` (the document body or a table cell)."""
        return self.fill(container.add_paragraph(), text, style, **emphasis)

    def rule(self, container, width: Length, available: Length) -> Paragraph:
        """A centred solid line of `width`, drawn as the top border of a 2 pt empty paragraph."""
        paragraph = self.paragraph(container, "", S.RULE)
        margin = Emu(max((available - width) // 2, 0))
        paragraph.paragraph_format.left_indent = margin
        paragraph.paragraph_format.right_indent = margin
        set_paragraph_border(paragraph, "top")
        return paragraph

    def page_break(self) -> None:
        """Start a new page without leaving an empty line at the top of it."""
        paragraph = self.paragraph(self.document, "", S.RULE)
        paragraph.paragraph_format.page_break_before = True

    def table(self, rows: int, widths: Sequence[Length], borders: str) -> Table:
        """A fixed-layout table with exact column widths; borders "nil" (layout) or "single"."""
        table = self.document.add_table(rows=rows, cols=len(widths))
        fix_table_geometry(table, [w // EMU_PER_TWIP for w in widths], CELL_MARGIN_TWIPS)
        set_table_borders(table, borders)
        return table

    @staticmethod
    def cell_width(width: Length) -> Length:
        """Room for text in a cell of `width`, between the cell margins."""
        return Emu(width - CELL_PADDING)
