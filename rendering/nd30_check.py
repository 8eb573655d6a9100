"""Check a .docx against the layout rules of Decree 30/2020/NĐ-CP (docs/nd30-layout.md).

`check_docx` returns the rules a document breaks, in Vietnamese, one line each; an empty list
means it follows them. It reads only what Word would show (formatting resolved through runs,
styles and document defaults), so it holds for any document, not only the ones written here.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import cast

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.shared import Cm, Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from rendering.docx_writer.canvas import printed_width

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES = ("BÁO CÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "TỜ TRÌNH", "HƯỚNG DẪN")
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
NUMBER_LINE = re.compile(r"^Số:\s*(?P<number>\S*?)\s*/(?P<symbol>.*)$")
DATE_LINE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<day>\d+|\s+) tháng (?P<month>\d+|\s+) năm (?P<year>\d{4})$"
)
ARCHIVE_LINE = re.compile(r"^- Lưu: VT(?:, (?P<unit>[^,.;]+))*\.$")
ACADEMIC_TITLES = re.compile(r"\b(TS|ThS|PGS|GS|CN|KS|BS)\.", re.IGNORECASE)
CENTERED = (WD_ALIGN_PARAGRAPH.CENTER, None)

# ---- reading what Word shows ---------------------------------------------------------------


def _default_size(document: Document) -> float:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    size = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:sz"))
    return int(size.get(qn("w:val"))) / 2 if size is not None else 10.0


def run_values(paragraph: Paragraph, attribute: str) -> set:
    """Every size (pt), bold or italic value the paragraph's text shows, through its runs and styles."""
    values = set()
    runs: list[Run | None] = [r for r in paragraph.runs if r.text.strip()]
    for run in runs or [None]:
        value = getattr(run.font, attribute) if run is not None else None
        style = paragraph.style
        while value is None and style is not None:
            value = getattr(style.font, attribute)
            style = style.base_style
        if value is None:
            value = (
                _default_size(cast("DocumentPart", paragraph.part).document)
                if attribute == "size"
                else False
            )
        values.add(value.pt if attribute == "size" and hasattr(value, "pt") else value)
    return {bool(v) for v in values} if attribute != "size" else values


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


def table_borders(table: Table) -> dict[str, str]:
    edges = table._tbl.tblPr.find(qn("w:tblBorders"))
    if edges is None:
        return {}
    return {edge.tag.split("}")[1]: edge.get(qn("w:val")) for edge in edges}


def rule_width_pt(paragraph: Paragraph, cell: _Cell) -> float:
    """Length of a rule paragraph's border: the cell's text room less the paragraph's indents."""
    fmt = paragraph.paragraph_format
    tcpr = cell._tc.tcPr
    assert tcpr is not None and tcpr.tcW is not None, "a cell of a fixed-width table"
    room = int(tcpr.tcW.get(qn("w:w"))) - 2 * 57
    indents = sum(v.pt for v in (fmt.left_indent, fmt.right_indent) if v is not None)
    return room / 20 - indents


def has_page_field(part_element) -> bool:
    return any(" PAGE " in (node.text or "") for node in part_element.iter(qn("w:instrText")))


# ---- the rules -------------------------------------------------------------------------------


class _Findings(list[str]):
    def text(self, paragraph: Paragraph, what: str, sizes: tuple[float, float], **flags) -> None:
        """The paragraph's size within `sizes` and each of bold/italic as `flags` require."""
        shown = paragraph.text.strip()[:40]
        found = run_values(paragraph, "size")
        if not all(sizes[0] <= size <= sizes[1] for size in found):
            self.append(
                f"{what} “{shown}”: cỡ chữ {sorted(found)} ngoài {sizes[0]:g}-{sizes[1]:g}."
            )
        for flag, wanted in flags.items():
            if run_values(paragraph, flag) != {wanted}:
                name = {"bold": "đậm", "italic": "nghiêng"}[flag]
                self.append(f"{what} “{shown}”: {'phải' if wanted else 'không được'} in {name}.")


def check_docx(data: bytes, *, signed: bool = True, archive_unit: str | None = None) -> list[str]:
    """The Decree 30 rules the .docx breaks. `signed`: a signer's position and name are required
    (a draft awaiting its signer may leave them blank); `archive_unit`: the drafting unit
    "- Lưu: VT, <unit>." must name."""
    document = docx.Document(BytesIO(data))
    found = _Findings()
    _check_page(document, found)
    _check_fonts(document, found)
    tables = document.tables
    if (
        not tables
        or len(tables[0].columns) != 2
        or set(table_borders(tables[0]).values()) != {"nil"}
    ):
        found.append("Phần đầu văn bản phải là bảng hai cột không viền.")
        return found
    _check_header(tables[0], found)
    signature = next((t for t in tables[1:] if _is_signature(t)), None)
    _check_title_and_body(document, tables[0], signature, found)
    if signature is None:
        found.append("Thiếu khối “Nơi nhận” và chữ ký ở cuối văn bản.")
    else:
        _check_signature(signature, found, signed, archive_unit)
    _check_page_numbers(document, found)
    return list(found)


def _check_page(document: Document, found: _Findings) -> None:
    section = document.sections[0]
    width, height = (section.page_width or 0) / Mm(1), (section.page_height or 0) / Mm(1)
    if (
        section.orientation != WD_ORIENT.PORTRAIT
        or abs(width - 210) > 0.5
        or abs(height - 297) > 0.5
    ):
        found.append("Trang đầu phải là khổ A4 đứng (210 x 297 mm).")
    for name, value, low, high in (
        ("trên", section.top_margin, 20, 25),
        ("dưới", section.bottom_margin, 20, 25),
        ("trái", section.left_margin, 30, 35),
        ("phải", section.right_margin, 15, 20),
    ):
        mm = (value or 0) / Mm(1)
        if not low <= round(mm, 1) <= high:
            found.append(f"Lề {name} {mm:.1f} mm, phải từ {low} đến {high} mm.")


def _check_fonts(document: Document, found: _Findings) -> None:
    parts = [document.styles.element, document.element]
    parts += [s.header._element for s in document.sections if not s.header.is_linked_to_previous]
    wrong = set()
    for part in parts:
        for node in part.iter(qn("w:rFonts")):
            for slot in FONT_SLOTS:
                value = node.get(qn(slot))
                if value is not None and value != FONT:
                    wrong.add(value)
            if any(key.endswith("Theme") for key in (k.split("}")[1] for k in node.attrib)):
                wrong.add("phông chữ theo chủ đề (theme)")
    if wrong:
        found.append(f"Phông chữ phải là {FONT}; văn bản còn dùng: {', '.join(sorted(wrong))}.")


def _texts(cell: _Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if p.text.strip()]


def _rule_after(cell: _Cell, paragraph: Paragraph) -> Paragraph | None:
    paragraphs = cell.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p._p is paragraph._p)
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    if following is not None and not following.text.strip() and border(following, "top"):
        return following
    return None


def _check_header(header: Table, found: _Findings) -> None:
    agency_cell, nation_cell = header.rows[0].cells
    names = _texts(agency_cell)
    if not names:
        found.append("Thiếu tên cơ quan ban hành ở phần đầu.")
    else:
        *parents, agency = names
        for parent in parents:
            found.text(parent, "Tên cơ quan chủ quản", (12, 13), bold=False)
        found.text(agency, "Tên cơ quan ban hành", (12, 13), bold=True)
        for paragraph in names:
            if paragraph.text != paragraph.text.upper():
                found.append(f"Tên cơ quan “{paragraph.text}” phải viết in hoa.")
        rule = _rule_after(agency_cell, agency)
        if rule is None:
            found.append("Thiếu đường kẻ ngắn dưới tên cơ quan ban hành.")
        else:
            sizes = run_values(agency, "size")
            longest = max(
                printed_width(line, max(sizes), bold=True).pt for line in agency.text.split("\n")
            )
            if not longest / 3 - 1 <= rule_width_pt(rule, agency_cell) <= longest / 2 + 1:
                found.append("Đường kẻ dưới tên cơ quan phải dài 1/3 đến 1/2 dòng chữ.")
    nation = _texts(nation_cell)
    if [p.text for p in nation[:2]] != [NATION, MOTTO]:
        found.append(f"Thiếu Quốc hiệu “{NATION}” và Tiêu ngữ “{MOTTO}”.")
    else:
        found.text(nation[0], "Quốc hiệu", (12, 13), bold=True)
        found.text(nation[1], "Tiêu ngữ", (13, 14), bold=True)
        if _rule_after(nation_cell, nation[1]) is None:
            found.append("Thiếu đường kẻ dưới Tiêu ngữ.")
    if len(header.rows) < 2:
        found.append("Thiếu dòng số, ký hiệu và địa danh, ngày tháng.")
        return
    number_cell, date_cell = header.rows[1].cells
    _check_number(number_cell.paragraphs[0], found)
    _check_date(date_cell.paragraphs[0], found)


def _check_number(paragraph: Paragraph, found: _Findings) -> None:
    match = NUMBER_LINE.match(paragraph.text.strip())
    if match is None:
        found.append(f"Dòng số, ký hiệu “{paragraph.text}” phải có dạng “Số: 05/BC-BDT”.")
        return
    number, symbol = match["number"], match["symbol"]
    if number and not re.fullmatch(r"0[1-9]|[1-9]\d+|\d+/\d{4}", number):
        found.append(f"Số “{number}”: số nhỏ hơn 10 phải có số 0 phía trước (05).")
    if not symbol or symbol != symbol.upper() or re.search(r"\s", symbol):
        found.append(f"Ký hiệu “{symbol}” phải viết in hoa, không có khoảng trắng.")
    found.text(paragraph, "Dòng số, ký hiệu", (13, 13))


def _check_date(paragraph: Paragraph, found: _Findings) -> None:
    text = paragraph.text.strip()
    match = DATE_LINE.match(text)
    if match is None:
        found.append(
            f"Địa danh, ngày tháng “{text}” phải có dạng “Bắc Giang, ngày 05 tháng 01 năm 2024”."
        )
        return
    day, month = match["day"].strip(), match["month"].strip()
    if day and (len(day) != 2 or not 1 <= int(day) <= 31):
        found.append(f"Ngày “{day}” phải viết hai chữ số (ngày 05, ngày 29).")
    if month and month not in ("01", "02", *(str(m) for m in range(3, 13))):
        found.append(f"Tháng “{month}”: chỉ tháng 1 và 2 có số 0 phía trước (tháng 01, tháng 6).")
    found.text(paragraph, "Địa danh, ngày tháng", (13, 14), italic=True)


def _body_elements(document: Document, header: Table, signature: Table | None):
    """Paragraphs between the header table and the signature block (data tables skipped)."""
    started = False
    for child in document.element.body.iterchildren():
        if child is header._tbl:
            started = True
        elif signature is not None and child is signature._tbl:
            return
        elif started and child.tag == qn("w:p"):
            yield Paragraph(child, document._body)


def _check_title_and_body(
    document: Document, header: Table, signature: Table | None, found: _Findings
) -> None:
    paragraphs = [p for p in _body_elements(document, header, signature) if p.text.strip()]
    if not paragraphs:
        found.append("Văn bản không có nội dung.")
        return
    start = 0
    if paragraphs[0].text in TYPE_NAMES:
        for index, what in ((0, "Tên loại văn bản"), (1, "Trích yếu")):
            if index < len(paragraphs):
                found.text(paragraphs[index], what, (13, 14), bold=True)
                if paragraph_format(paragraphs[index], "alignment") not in CENTERED:
                    found.append(f"{what} phải căn giữa.")
        start = 2
    elif paragraphs[0].text.startswith("Kính gửi"):
        start = 1
        if not paragraphs[0].text.endswith("."):
            while start < len(paragraphs) and paragraphs[start].text.startswith("- "):
                start += 1
                if paragraphs[start - 1].text.endswith("."):
                    break
    else:
        found.append("Thiếu tên loại văn bản (BÁO CÁO...) hoặc “Kính gửi” của công văn.")
    for paragraph in paragraphs[start:]:
        _check_body_paragraph(paragraph, found)


def _check_body_paragraph(paragraph: Paragraph, found: _Findings) -> None:
    text = paragraph.text
    if re.match(r"^[IVX]+\. ", text):
        if text != text.upper():
            found.append(f"Đề mục “{text[:40]}” phải viết in hoa.")
        found.text(paragraph, "Đề mục", (13, 14), bold=True)
        return
    if paragraph_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER:
        return  # a table title or a figure caption
    found.text(paragraph, "Đoạn văn", (13, 14))
    if paragraph_format(paragraph, "alignment") != WD_ALIGN_PARAGRAPH.JUSTIFY:
        found.append(f"Đoạn văn “{text[:40]}” phải căn đều hai bên.")
    indent = paragraph_format(paragraph, "first_line_indent")
    if indent is None or not Cm(1) - 1000 <= indent <= Cm(1.27) + 1000:
        found.append(f"Đoạn văn “{text[:40]}”: dòng đầu phải lùi vào 1 cm hoặc 1,27 cm.")
    before, after = (paragraph_format(paragraph, a) for a in ("space_before", "space_after"))
    if max(getattr(before, "pt", 0), getattr(after, "pt", 0)) < 6:
        found.append(f"Đoạn văn “{text[:40]}”: khoảng cách giữa các đoạn tối thiểu 6 pt.")
    spacing = paragraph_format(paragraph, "line_spacing")
    if isinstance(spacing, float) and not 1.0 <= spacing <= 1.5:
        found.append(f"Đoạn văn “{text[:40]}”: giãn dòng phải từ đơn (1) đến 1,5 dòng.")


def _is_signature(table: Table) -> bool:
    return len(table.columns) == 2 and table.cell(0, 0).paragraphs[0].text.strip() == "Nơi nhận:"


def _check_signature(
    table: Table, found: _Findings, signed: bool, archive_unit: str | None
) -> None:
    if set(table_borders(table).values()) != {"nil"}:
        found.append("Khối “Nơi nhận” và chữ ký phải là bảng không viền.")
    label, *lines = _texts(table.cell(0, 0))
    found.text(label, "“Nơi nhận:”", (12, 12), bold=True, italic=True)
    for line in lines:
        found.text(line, "Danh sách nơi nhận", (11, 11), bold=False)
    *listed, last = [line.text for line in lines] or [""]
    if any(not (item.startswith("- ") and item.endswith(";")) for item in listed):
        found.append("Mỗi nơi nhận phải có dạng “- ...;”.")
    archive = ARCHIVE_LINE.match(last)
    if archive is None:
        found.append(f"Nơi nhận phải kết thúc bằng “- Lưu: VT, <đơn vị>.”, không phải “{last}”.")
    elif archive_unit and archive["unit"] != archive_unit:
        found.append(f"Dòng lưu phải là “- Lưu: VT, {archive_unit}.”, không phải “{last}”.")
    _check_signer(_texts(table.cell(0, 1)), found, signed)


def _check_signer(signer: list[Paragraph], found: _Findings, signed: bool) -> None:
    if not signer:
        if signed:
            found.append("Thiếu chức vụ và họ tên người ký.")
        return
    *titles, name = signer
    if not titles:
        found.append("Thiếu chức vụ hoặc họ tên người ký.")
    for title in titles:
        if title.text != title.text.upper():
            found.append(f"Chức vụ người ký “{title.text}” phải viết in hoa.")
        found.text(title, "Chức vụ người ký", (13, 14), bold=True)
    prefix = re.match(r"^([A-Z]+\.) ", titles[0].text) if titles else None
    if prefix and prefix[1] not in AUTHORITIES:
        found.append(f"Quyền hạn ký “{prefix[1]}” phải là một trong {', '.join(AUTHORITIES)}.")
    found.text(name, "Họ tên người ký", (13, 14), bold=True)
    if ACADEMIC_TITLES.search(name.text):
        found.append(f"Họ tên người ký “{name.text}” không kèm học hàm, học vị.")


def _check_page_numbers(document: Document, found: _Findings) -> None:
    section = document.sections[0]
    if not section.different_first_page_header_footer or has_page_field(
        section.first_page_header._element
    ):
        found.append("Trang đầu không được đánh số trang.")
    header = section.header
    numbered = [p for p in header.paragraphs if has_page_field(p._p)]
    if not numbered:
        found.append("Thiếu số trang ở lề trên từ trang thứ hai.")
        return
    if paragraph_format(numbered[0], "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
        found.append("Số trang phải căn giữa ở lề trên.")
    found.text(numbered[0], "Số trang", (13, 14))
