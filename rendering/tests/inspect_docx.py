"""Read back what Word would show: formatting resolved through runs, styles and document defaults."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from io import BytesIO

import docx
import pytest
from docx.document import Document
from docx.text.paragraph import Paragraph
from PIL import ImageFont

from rendering.nd30_check import (  # noqa: F401 - the readers, shared with the checker
    border,
    has_page_field,
    paragraph_format,
    rule_width_pt,
    run_values,
    table_borders,
)


def open_docx(data: bytes) -> Document:
    return docx.Document(BytesIO(data))


def effective(paragraph: Paragraph, attribute: str) -> float | bool:
    """size (pt), bold or italic of the paragraph's text, as its runs and style chain set it."""
    values = run_values(paragraph, attribute)
    assert len(values) == 1, f"mixed {attribute} in {paragraph.text!r}: {values}"
    return values.pop()


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
