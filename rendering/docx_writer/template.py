"""The base .docx: page setup and the named styles every part of a document is written in.

A province may replace it (settings.TONGHOP_DOCX_TEMPLATE): the writer takes the page setup and
the styles from that file, and adds any ND30 style the file lacks from the definitions below.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from django.conf import settings
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from rendering.docx_writer.ooxml import set_fonts

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "rendering" / "base.docx"

# Decree 30 ranges: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(2.0), Cm(2.0), Cm(3.0), Cm(1.5)
HEADER_DISTANCE = Cm(1.0)
FIRST_LINE_INDENT = Cm(1.27)

CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


class S:
    """Style names, as an administrator sees them in Word's style list."""

    BODY = "ND30 Nội dung"
    HEADING_1 = "ND30 Đề mục I"
    HEADING_2 = "ND30 Đề mục 1"
    HEADING_3 = "ND30 Đề mục a"
    PARENT_AGENCY = "ND30 Cơ quan chủ quản"
    AGENCY = "ND30 Cơ quan ban hành"
    NATION = "ND30 Quốc hiệu"
    MOTTO = "ND30 Tiêu ngữ"
    NUMBER = "ND30 Số, ký hiệu"
    SUBJECT = "ND30 Trích yếu công văn"
    PLACE_DATE = "ND30 Địa danh, ngày tháng"
    TYPE_NAME = "ND30 Tên loại văn bản"
    SUMMARY = "ND30 Trích yếu"
    ADDRESSEE = "ND30 Kính gửi"
    ANNEX_NOTE = "ND30 Kèm theo"
    TABLE_TITLE = "ND30 Tên bảng"
    TABLE_TEXT = "ND30 Chữ trong bảng"
    WIDE_TABLE_TEXT = "ND30 Chữ trong bảng rộng"
    CAPTION = "ND30 Hình và chú thích"
    RECIPIENTS_LABEL = "ND30 Nơi nhận"
    RECIPIENT = "ND30 Danh sách nơi nhận"
    SIGNER_TITLE = "ND30 Chức vụ người ký"
    SIGNER_NAME = "ND30 Họ tên người ký"
    PAGE_NUMBER = "ND30 Số trang"
    RULE = "ND30 Đường kẻ"


@dataclass(frozen=True)
class StyleDef:
    name: str
    size: float
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = CENTER
    first_indent: bool = False
    before: float = 0
    line: float = 1.0
    keep_with_next: bool = False


STYLES = (
    StyleDef(S.BODY, 14, align=JUSTIFY, first_indent=True, before=6, line=1.15),
    StyleDef(
        S.HEADING_1,
        14,
        bold=True,
        align=JUSTIFY,
        first_indent=True,
        before=6,
        line=1.15,
        keep_with_next=True,
    ),
    StyleDef(
        S.HEADING_2,
        14,
        bold=True,
        align=JUSTIFY,
        first_indent=True,
        before=6,
        line=1.15,
        keep_with_next=True,
    ),
    StyleDef(
        S.HEADING_3, 14, align=JUSTIFY, first_indent=True, before=6, line=1.15, keep_with_next=True
    ),
    StyleDef(S.PARENT_AGENCY, 13),
    StyleDef(S.AGENCY, 13, bold=True),
    StyleDef(S.NATION, 13, bold=True),
    StyleDef(S.MOTTO, 14, bold=True),
    StyleDef(S.NUMBER, 13, before=6),
    StyleDef(S.SUBJECT, 13, before=6),
    StyleDef(S.PLACE_DATE, 14, italic=True, before=6),
    StyleDef(S.TYPE_NAME, 14, bold=True, before=18, keep_with_next=True),
    StyleDef(S.SUMMARY, 14, bold=True, keep_with_next=True),
    StyleDef(S.ADDRESSEE, 14, before=12, align=LEFT),
    StyleDef(S.ANNEX_NOTE, 14, italic=True, keep_with_next=True),
    StyleDef(S.TABLE_TITLE, 14, bold=True, before=6, keep_with_next=True),
    StyleDef(S.TABLE_TEXT, 12, align=LEFT, before=2),
    StyleDef(S.WIDE_TABLE_TEXT, 9, align=LEFT, before=1),
    StyleDef(S.CAPTION, 13, italic=True, before=6),
    StyleDef(S.RECIPIENTS_LABEL, 12, bold=True, italic=True, align=LEFT, before=12),
    StyleDef(S.RECIPIENT, 11, align=LEFT),
    StyleDef(S.SIGNER_TITLE, 14, bold=True, before=12),
    StyleDef(S.SIGNER_NAME, 14, bold=True, before=72),
    StyleDef(S.PAGE_NUMBER, 14),
    StyleDef(S.RULE, 2, before=3),
)


# ASCII style ids ("ND30_BODY"); Word shows the names, the writer looks styles up by name.
_STYLE_IDS = {name: f"ND30_{key}" for key, name in vars(S).items() if key.isupper()}


def ensure_styles(document: Document) -> None:
    """Add every ND30 style the document lacks; styles already there (a province's) are kept."""
    existing = {style.name for style in document.styles}
    for spec in STYLES:
        if spec.name in existing:
            continue
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), _STYLE_IDS[spec.name])
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.size, font.bold, font.italic = Pt(spec.size), spec.bold, spec.italic
        set_fonts(style.element.get_or_add_rPr())
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.first_line_indent = FIRST_LINE_INDENT if spec.first_indent else Cm(0)
        fmt.left_indent = fmt.right_indent = Cm(0)
        fmt.space_before, fmt.space_after = Pt(spec.before), Pt(0)
        fmt.keep_with_next = spec.keep_with_next
        if spec.name == S.RULE:
            fmt.line_spacing = Pt(spec.size)
        else:
            fmt.line_spacing = spec.line
        fmt.widow_control = True


def build_template() -> Document:
    """The base template from code: A4 portrait, ND30 margins, Times New Roman 14, ND30 styles."""
    document = docx.Document()
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(run_defaults)
    for tag, value in (("w:sz", "28"), ("w:szCs", "28")):
        run_defaults.find(qn(tag)).set(qn("w:val"), value)
    language = run_defaults.find(qn("w:lang"))
    for slot in ("w:val", "w:eastAsia"):
        language.set(qn(slot), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    for fonts in styles.iter(qn("w:rFonts")):
        set_fonts(fonts.getparent())
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    set_fonts(normal.element.get_or_add_rPr())
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.gutter = Cm(0)
    ensure_styles(document)
    document.core_properties.language = "vi-VN"
    return document


def template_path() -> Path:
    configured = getattr(settings, "TONGHOP_DOCX_TEMPLATE", None)
    return Path(configured) if configured else DEFAULT_TEMPLATE


@functools.cache
def _template_bytes(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


def open_template(path: Path | None = None) -> Document:
    """A fresh, empty document on the template (built from code if the default file is missing)."""
    path = path or template_path()
    if path == DEFAULT_TEMPLATE and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_template().save(str(path))
    document = docx.Document(BytesIO(_template_bytes(path, path.stat().st_mtime)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ensure_styles(document)
    return document
