"""Read back what Word would show: formatting resolved through runs, styles and document defaults."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from io import BytesIO

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import ImageFont


def open_docx(data: bytes) -> Document:
    return docx.Document(BytesIO(data))


def _default_size(paragraph: Paragraph) -> float:
    defaults = paragraph.part.document.styles.element.find(qn("w:docDefaults"))
    size = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:sz"))
    return int(size.get(qn("w:val"))) / 2


def effective(paragraph: Paragraph, attribute: str) -> float | bool:
    """size (pt), bold or italic of the paragraph's text, as its runs and style chain set it."""
    values = set()
    for run in paragraph.runs or [None]:
        value = getattr(run.font, attribute) if run is not None else None
        style = paragraph.style
        while value is None and style is not None:
            value = getattr(style.font, attribute)
            style = style.base_style
        if value is None:
            value = _default_size(paragraph) if attribute == "size" else False
        values.add(value.pt if attribute == "size" else bool(value))
    assert len(values) == 1, f"mixed {attribute} in {paragraph.text!r}: {values}"
    return values.pop()


def paragraph_format(paragraph: Paragraph, attribute: str):
    """A paragraph-format attribute, from the paragraph or the nearest style that sets it."""
    value = getattr(paragraph.paragraph_format, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attribute)
        style = style.base_style
    return value


def border(paragraph: Paragraph, side: str) -> str | None:
    ppr = paragraph._p.pPr
    edges = None if ppr is None else ppr.find(qn("w:pBdr"))
    edge = None if edges is None else edges.find(qn(f"w:{side}"))
    return None if edge is None else edge.get(qn("w:val"))


def table_borders(table) -> dict[str, str]:
    edges = table._tbl.tblPr.find(qn("w:tblBorders"))
    return {edge.tag.split("}")[1]: edge.get(qn("w:val")) for edge in edges}


def rule_width_pt(paragraph: Paragraph, cell) -> float:
    """Length of a rule paragraph's border: the cell's text room less the paragraph's indents."""
    fmt = paragraph.paragraph_format
    room = int(cell._tc.tcPr.tcW.get(qn("w:w"))) - 2 * 57
    return room / 20 - (fmt.left_indent.pt + fmt.right_indent.pt)


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    """The font fontconfig serves for Times New Roman (Liberation Serif where it is not installed)."""
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig (fc-match) is not installed: cannot measure printed text widths")
    pattern = "Times New Roman:bold" if bold else "Times New Roman"
    path = subprocess.run(
        ["fc-match", "--format=%{file}", pattern], capture_output=True, text=True, check=True
    ).stdout
    return ImageFont.truetype(path, 1000)


def printed_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Printed width of `text` in Times New Roman or a metric-compatible font."""
    return _font(bold).getlength(text) / 1000 * size


def has_page_field(part_element) -> bool:
    return any(" PAGE " in (node.text or "") for node in part_element.iter(qn("w:instrText")))
