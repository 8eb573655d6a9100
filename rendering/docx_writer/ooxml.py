"""WordprocessingML details python-docx has no API for: fonts of every script, borders, fields."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent: _Element, tag: str) -> _Element:
    """The first `tag` child of `parent`, created if missing (appended: callers keep order valid)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_fonts(rpr: _Element, name: str = FONT) -> None:
    """Name the font for Latin, complex and East Asian text alike; theme fonts would win otherwise."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in _THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), name)


def set_paragraph_border(paragraph: Paragraph, side: str, size_eighths: int = 6) -> None:
    """A solid line along one side of the paragraph (size in eighths of a point)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr must precede spacing, indentation and justification in pPr.
        anchor = next(
            (
                ppr.find(qn(t))
                for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")
                if ppr.find(qn(t)) is not None
            ),
            None,
        )
        if anchor is None:
            ppr.append(borders)
        else:
            anchor.addprevious(borders)
    line = _child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")


def set_table_borders(table: Table, value: str) -> None:
    """Every border of the table and its cells: "nil" for a layout table, "single" for data."""
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders"))
    if borders is not None:
        tblpr.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for side in BORDER_SIDES:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), value)
        if value != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    # Schema order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, ...
    after = [qn(t) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")]
    anchor = next((el for el in tblpr if el.tag in after), None)
    if anchor is None:
        tblpr.append(borders)
    else:
        anchor.addprevious(borders)


def fix_table_geometry(table: Table, widths_twips: list[int], margin_twips: int) -> None:
    """Fixed layout with exact column widths and side cell margins, read alike by Word and LibreOffice."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    width = _child(tblpr, "w:tblW")
    width.set(qn("w:w"), str(sum(widths_twips)))
    width.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(margin_twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        tblpr.append(margins)
    else:
        look.addprevious(margins)
    grid = table._tbl.tblGrid
    for col, twips in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(twips))
    for row in table._tbl.tr_lst:
        for tc, twips in zip(row.tc_lst, widths_twips, strict=True):
            set_cell_width(tc, twips)


def set_cell_width(tc: _Element, twips: int) -> None:
    tcw = tc.get_or_add_tcPr().get_or_add_tcW()
    tcw.set(qn("w:w"), str(twips))
    tcw.set(qn("w:type"), "dxa")


def repeat_as_header(row_tr: _Element) -> None:
    """Mark a table row to repeat at the top of each page and never split."""
    keep_row_whole(row_tr)
    row_tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_whole(row_tr: _Element) -> None:
    """A table row that never splits across pages."""
    _child(row_tr.get_or_add_trPr(), "w:cantSplit")


def center_vertically(cell: _Cell) -> None:
    align = _child(cell._tc.get_or_add_tcPr(), "w:vAlign")
    align.set(qn("w:val"), "center")


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field (the current page number) as a complex field, which Word and LibreOffice update."""
    run = paragraph.add_run()._r
    run.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run.append(instruction)
    run.append(_field_char("separate"))
    shown = OxmlElement("w:t")
    shown.text = "1"
    run.append(shown)
    run.append(_field_char("end"))


def _field_char(kind: str) -> _Element:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char
