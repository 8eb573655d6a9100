"""The generated .docx against the layout table of docs (Decree 30/2020/NĐ-CP, Appendix I)."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from PIL import Image as PILImage

from lib.vndates import PartialDate
from rendering.docx_writer import render_docx
from rendering.docx_writer.ooxml import FONT_SLOTS
from rendering.spec import Table
from rendering.testing import agency_report, dispatch, with_everything
from rendering.tests.inspect_docx import (
    border,
    effective,
    has_page_field,
    open_docx,
    paragraph_format,
    printed_width_pt,
    rule_width_pt,
    table_borders,
)


def tiny_png() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report():
    return open_docx(render_docx(agency_report()))


@pytest.fixture(scope="module")
def letter():
    return open_docx(render_docx(dispatch()))


def body_paragraphs(document):
    """Paragraphs of the body proper (outside tables), with text."""
    return [p for p in document.paragraphs if p.text.strip()]


def find(document, start: str):
    return next(p for p in body_paragraphs(document) if p.text.startswith(start))


def test_page_is_a4_portrait_with_decree_margins(report):
    section = report.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    # Word stores whole twips, so 15 mm reads back as 14.99 mm.
    margins = [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin)]
    assert all(20 <= m <= 25 for m in margins)
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_every_font_is_times_new_roman_for_every_script(report):
    parts = [report.styles.element, report.element, report.sections[0].header._element]
    fonts = [node for part in parts for node in part.iter(qn("w:rFonts"))]
    assert fonts
    for node in fonts:
        named = {key.split("}")[1]: value for key, value in node.attrib.items()}
        assert named == {slot.split(":")[1]: "Times New Roman" for slot in FONT_SLOTS}


def test_header_is_a_borderless_two_column_table(report):
    header = report.tables[0]
    assert len(header.columns) == 2
    assert set(table_borders(header).values()) == {"nil"}
    widths = [int(cell._tc.tcPr.tcW.get(qn("w:w"))) for cell in header.rows[0].cells]
    section = report.sections[0]
    text_width = Emu(section.page_width - section.left_margin - section.right_margin)
    assert sum(widths) / 20 == pytest.approx(text_width.pt, abs=1)


def test_agency_column_parent_regular_agency_bold_with_short_rule(report):
    cell = report.tables[0].cell(0, 0)
    parent, agency, rule = cell.paragraphs
    assert parent.text == "UBND TỈNH BẮC GIANG"
    assert (effective(parent, "size"), effective(parent, "bold")) == (13, False)
    assert agency.text == "BAN DÂN TỘC"
    assert (effective(agency, "size"), effective(agency, "bold")) == (13, True)
    assert rule.text == "" and border(rule, "top") == "single"
    text_width = printed_width_pt(agency.text, 13, bold=True)
    assert text_width / 3 <= rule_width_pt(rule, cell) <= text_width / 2


def test_nation_and_motto_bold_with_a_rule_as_long_as_the_motto(report):
    cell = report.tables[0].cell(0, 1)
    nation, motto, rule = cell.paragraphs
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert (effective(nation, "size"), effective(nation, "bold")) == (13, True)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert (effective(motto, "size"), effective(motto, "bold")) == (14, True)
    assert border(rule, "top") == "single"
    assert rule_width_pt(rule, cell) == pytest.approx(
        printed_width_pt(motto.text, 14, True), rel=0.03
    )


def test_number_and_place_date_share_a_row(report):
    number_cell, date_cell = report.tables[0].rows[1].cells
    number = number_cell.paragraphs[0]
    assert number.text == "Số: 05/BC-BDT"
    assert (effective(number, "size"), effective(number, "bold")) == (13, False)
    when = date_cell.paragraphs[0]
    assert when.text == "Bắc Giang, ngày 05 tháng 01 năm 2024"
    assert (effective(when, "size"), effective(when, "italic")) == (14, True)
    assert all(
        p.alignment is None or p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (number, when)
    )


def test_draft_leaves_number_and_day_blank():
    draft = open_docx(render_docx(agency_report(number=None, date=PartialDate(2023, 12))))
    number_cell, date_cell = draft.tables[0].rows[1].cells
    assert number_cell.paragraphs[0].text.replace(" ", "") == "Số:/BC-BDT"
    text = date_cell.paragraphs[0].text
    assert text.startswith("Bắc Giang, ngày  ") and text.endswith("  tháng 12 năm 2023")


@pytest.mark.parametrize(
    ("day", "month", "shown"), [(29, 6, "ngày 29 tháng 6"), (3, 2, "ngày 03 tháng 02")]
)
def test_date_padding_in_the_header(day, month, shown):
    document = open_docx(render_docx(agency_report(date=PartialDate(2024, month, day))))
    assert shown in document.tables[0].cell(1, 1).text


def test_title_type_name_and_summary_bold_centred_with_rule(report):
    paragraphs = report.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    type_name, summary, rule = paragraphs[index : index + 3]
    for paragraph in (type_name, summary):
        assert effective(paragraph, "bold") is True
        assert 13 <= effective(paragraph, "size") <= 14
        assert paragraph_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text.startswith("Kết quả công tác phòng, chống mại dâm năm 2023 và\n")
    assert border(rule, "top") == "single" and rule.text == ""


def test_body_paragraphs_justified_indented_spaced(report):
    opening = find(report, "Căn cứ Kế hoạch số 21/KH-BCĐ")
    assert opening.text.endswith("Ban Dân tộc báo cáo kết quả như sau:")
    for paragraph in (opening, find(report, "Phối hợp với"), find(report, "- Tổ chức 02 hội thi")):
        assert effective(paragraph, "size") == 14
        assert paragraph_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph_format(paragraph, "first_line_indent") == Cm(1.27)
        assert paragraph_format(paragraph, "space_before").pt >= 6
        assert 1.0 <= paragraph_format(paragraph, "line_spacing") <= 1.5


def test_headings_numbered_by_level(report):
    assert effective(find(report, "I. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MẠI DÂM"), "bold") is True
    assert effective(find(report, "1. Công tác tham mưu"), "bold") is True
    assert effective(find(report, "2. Kết quả công tác tuyên truyền"), "bold") is True
    assert effective(find(report, "a) Hội nghị, tập huấn"), "bold") is False
    assert find(report, "b) Tài liệu tuyên truyền")
    assert find(report, "II. ĐÁNH GIÁ CHUNG")
    assert find(report, "1. Ưu điểm")  # numbering restarts under each level-1 heading
    assert find(report, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")


def test_closing_line_ends_with_the_mark(report):
    closing = find(report, "Trên đây là báo cáo")
    assert closing.text.endswith("của Ban Dân tộc./.")


def test_page_numbers_in_the_header_from_the_second_page(report):
    section = report.sections[0]
    assert section.different_first_page_header_footer is True
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header = section.header
    assert has_page_field(header._element)
    number = header.paragraphs[0]
    assert paragraph_format(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert 13 <= effective(number, "size") <= 14
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not has_page_field(first._element) and first._element.xpath("string()").strip() == ""
    assert not report.element.body.xpath(".//w:instrText")


def test_signature_block_borderless_with_recipients_and_signer(report):
    table = report.tables[-1]
    assert set(table_borders(table).values()) == {"nil"}
    recipients, signer = table.rows[0].cells
    label, *lines = recipients.paragraphs
    assert label.text == "Nơi nhận:"
    assert (effective(label, "size"), effective(label, "bold"), effective(label, "italic")) == (
        12,
        True,
        True,
    )
    assert [p.text for p in lines] == [
        "- Sở Lao động - Thương binh và Xã hội;",
        "- Lãnh đạo Ban;",
        "- Các phòng chuyên môn;",
        "- Lưu: VT, KHTT.",
    ]
    assert all(effective(p, "size") == 11 and not effective(p, "bold") for p in lines)
    position, name = signer.paragraphs
    assert (position.text, name.text) == ("TRƯỞNG BAN", "Nguyễn Văn An")
    for paragraph in (position, name):
        assert effective(paragraph, "bold") is True and 13 <= effective(paragraph, "size") <= 14
    assert paragraph_format(name, "space_before").pt >= 48  # room for signature and seal


def test_dispatch_has_subject_under_number_and_addressees(letter):
    assert not any(p.text == "BÁO CÁO" for p in letter.paragraphs)
    number, subject = letter.tables[0].cell(1, 0).paragraphs
    assert number.text == "Số: 3579/LĐTBXH-PCTNXH"
    assert subject.text == "V/v báo cáo kết quả công tác phòng, chống mại dâm năm 2023"
    assert (effective(subject, "size"), effective(subject, "bold")) == (13, False)
    texts = [p.text for p in body_paragraphs(letter)]
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 4] == [
        "- Ban Dân tộc tỉnh;",
        "- Công an tỉnh;",
        "- Sở Văn hóa, Thể thao và Du lịch.",
    ]
    position = [p.text for p in letter.tables[-1].cell(0, 1).paragraphs]
    assert position == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"]


def test_dispatch_to_one_addressee_on_one_line():
    single = open_docx(render_docx(dispatch(addressees=("Ban Dân tộc tỉnh",))))
    assert "Kính gửi: Ban Dân tộc tỉnh." in [p.text for p in single.paragraphs]


def test_document_without_parent_agency():
    document = open_docx(render_docx(agency_report(parent_agency="")))
    agency, rule = document.tables[0].cell(0, 0).paragraphs
    assert agency.text == "BAN DÂN TỘC" and effective(agency, "bold") is True
    assert border(rule, "top") == "single"


def test_data_table_numbers_vietnamese_with_repeated_header(report):
    table = report.tables[1]
    assert set(table_borders(table).values()) == {"single"}
    assert [c.text for c in table.rows[2].cells] == ["Tờ rơi phát hành", "38.500", "43.000"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(effective(c.paragraphs[0], "bold") for c in table.rows[0].cells)


def test_image_page_break_and_landscape_annex():
    document = open_docx(render_docx(with_everything(tiny_png())))
    assert len(document.inline_shapes) == 1
    assert any(p.paragraph_format.page_break_before for p in document.paragraphs)
    portrait, annex = document.sections
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert annex.page_width == portrait.page_height
    assert annex.different_first_page_header_footer is False  # the annex pages are numbered
    assert annex.header.is_linked_to_previous
    note = "(Kèm theo Báo cáo số 05/BC-BDT ngày 05 tháng 01 năm 2024 của Ban Dân tộc)"
    assert note in [p.text for p in document.paragraphs]
    total = document.tables[-1].rows[-1]
    assert total.cells[0].text == "Tổng cộng" and effective(total.cells[1].paragraphs[0], "bold")


def test_table_too_wide_for_the_page_is_cut_into_parts_repeating_the_first_column():
    wide = Table(
        columns=("Cơ quan", *(f"Chỉ tiêu {n}" for n in range(1, 31))),
        rows=tuple((f"Đơn vị {a}", *(a * 1000 + n for n in range(1, 31))) for a in range(1, 4)),
        title="Bảng 2. Số liệu các đơn vị",
    )
    document = open_docx(render_docx(agency_report(body=(wide,))))
    _header, *parts, _signature = document.tables
    assert len(parts) >= 2
    assert sum(len(part.columns) - 1 for part in parts) == 30
    assert all(part.cell(0, 0).text == "Cơ quan" for part in parts)
    assert "Bảng 2. Số liệu các đơn vị (tiếp theo)" in [p.text for p in document.paragraphs]
    room = Emu(document.sections[0].page_width - Cm(4.5)).pt
    for part in parts:
        widths = [int(c._tc.tcPr.tcW.get(qn("w:w"))) / 20 for c in part.rows[0].cells]
        assert sum(widths) <= room + 1


@pytest.mark.parametrize(
    ("agency", "lines"),
    [
        ("Sở Lao động - Thương binh và Xã hội", ["SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"]),
        ("Ủy ban nhân dân tỉnh Bắc Giang", ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]),
        ("Ban Dân tộc", ["BAN DÂN TỘC"]),
    ],
)
def test_long_agency_names_break_at_a_natural_point_with_rule_under_the_longest_line(agency, lines):
    document = open_docx(render_docx(agency_report(agency=agency, parent_agency="")))
    cell = document.tables[0].cell(0, 0)
    name, rule = cell.paragraphs
    assert name.text.split("\n") == lines
    room = rule_width_pt(cell.paragraphs[0], cell) + sum(
        v.pt for v in (name.paragraph_format.left_indent, name.paragraph_format.right_indent) if v
    )
    longest = max(printed_width_pt(line, 13, bold=True) for line in lines)
    assert longest <= room
    assert longest / 3 <= rule_width_pt(rule, cell) <= longest / 2


def test_summary_breaks_between_phrases_never_inside_a_word():
    title = "Kết quả công tác phòng, chống mại dâm năm 2023 và phương hướng nhiệm vụ năm 2024"
    document = open_docx(render_docx(agency_report(title=title)))
    summary = next(p for p in document.paragraphs if p.text.startswith("Kết quả công tác"))
    lines = summary.text.split("\n")
    assert len(lines) == 2 and " ".join(lines) == title
    assert lines[1].startswith(("và ", "năm ")) or lines[0].endswith(",")
    assert all(printed_width_pt(line, 14, bold=True) <= Cm(16.5).pt for line in lines)
