"""Every generated document follows Decree 30 (rendering.nd30_check), and the checker catches
each kind of violation; the signature block never stands alone on the last page."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pdfplumber
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from rendering.docx_writer import render_docx
from rendering.nd30_check import check_docx
from rendering.output import DocumentKind, render_report, render_round_document
from rendering.pdf import docx_to_pdf, soffice_binary
from rendering.spec import Paragraph
from rendering.testing import NARRATIVE, agency_report, deputy_signer, dispatch, with_everything
from rendering.tests.inspect_docx import open_docx
from rendering.tests.test_docx_layout import tiny_png
from rounds.models import Round

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_documents(demo_db, django_db_blocker) -> dict[str, tuple[bytes, bool]]:
    """Each document kind from the demo data, rendered once, and whether it names its signer:
    every agency's report of every round (signed where the report records a signer), and each
    round's compiled report and request dispatch, signed."""
    documents = {}
    with django_db_blocker.unblock():
        for round_ in Round.objects.order_by("pk"):
            for report in round_.reports.select_related("agency").order_by("pk"):
                name = f"{round_.pk}/{report.agency.code}"
                documents[name] = (render_report(report, ".docx"), bool(report.signer_name))
            for kind in (DocumentKind.COMPILED, DocumentKind.REQUEST):
                data = render_round_document(round_, kind, ".docx", signer=deputy_signer())
                documents[f"{round_.pk}/{kind.name}"] = (data, True)
    return documents


def test_every_demo_document_follows_decree_30(demo_documents):
    assert len(demo_documents) >= 30
    assert any(signed for name, (_, signed) in demo_documents.items() if "/" in name)
    broken = {
        name: found
        for name, (data, signed) in demo_documents.items()
        if (found := check_docx(data, signed=signed))
    }
    assert broken == {}


@pytest.mark.parametrize(
    "spec",
    [agency_report(), dispatch(), with_everything(tiny_png()), agency_report(parent_agency="")],
    ids=["agency-report", "dispatch", "with-everything", "no-parent"],
)
def test_fixtures_follow_decree_30(spec):
    assert check_docx(render_docx(spec), archive_unit=spec.archive_unit) == []


def test_unsigned_draft_passes_only_when_no_signature_is_required():
    from rendering.spec import Signer

    draft = render_docx(agency_report(signer=Signer("", "")))
    assert check_docx(draft, signed=False) == []
    assert check_docx(draft) == ["Thiếu chức vụ và họ tên người ký."]


# Negative tests: one mutation of a good document each, and the rule it must trip.


def _set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _wrong_font(document):
    document.styles["ND30 Nội dung"].element.rPr.rFonts.set(qn("w:ascii"), "Arial")


def _no_signature(document):
    table = document.tables[-1]._tbl
    table.getparent().remove(table)


def _day_unpadded(document):
    cell = document.tables[0].cell(1, 1).paragraphs[0]
    _set_text(cell, cell.text.replace("ngày 05", "ngày 5"))


def _month_padded(document):
    cell = document.tables[0].cell(1, 1).paragraphs[0]
    _set_text(cell, cell.text.replace("tháng 01", "tháng 06"))


def _number_unpadded(document):
    _set_text(document.tables[0].cell(1, 0).paragraphs[0], "Số: 5/BC-BDT")


def _symbol_spaced(document):
    _set_text(document.tables[0].cell(1, 0).paragraphs[0], "Số: 05/BC- bdt")


def _narrow_left_margin(document):
    document.sections[0].left_margin = Cm(2)


def _agency_regular(document):
    document.tables[0].cell(0, 0).paragraphs[1].runs[0].bold = False


def _no_agency_rule(document):
    rule = document.tables[0].cell(0, 0).paragraphs[-1]._p
    rule.getparent().remove(rule)


def _no_motto(document):
    _set_text(document.tables[0].cell(0, 1).paragraphs[1], "Độc lập - Tự do")


def _date_upright(document):
    document.tables[0].cell(1, 1).paragraphs[0].runs[0].italic = False


def _title_small(document):
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    title.runs[0].font.size = Cm(0.3)


def _body_left_aligned(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    next(
        p for p in document.paragraphs if p.text.startswith("Căn cứ")
    ).alignment = WD_ALIGN_PARAGRAPH.LEFT


def _heading_lower(document):
    heading = next(p for p in document.paragraphs if p.text.startswith("I. "))
    _set_text(heading, "I. Kết quả công tác")


def _label_upright(document):
    document.tables[-1].cell(0, 0).paragraphs[0].runs[0].italic = False


def _archive_missing(document):
    _set_text(document.tables[-1].cell(0, 0).paragraphs[-1], "- Các phòng;")


def _name_regular(document):
    document.tables[-1].cell(0, 1).paragraphs[-1].runs[0].bold = False


def _academic_title(document):
    _set_text(document.tables[-1].cell(0, 1).paragraphs[-1], "TS. Nguyễn Văn An")


def _title_lower(document):
    _set_text(document.tables[-1].cell(0, 1).paragraphs[0], "Trưởng ban")


def _no_page_numbers(document):
    header = document.sections[0].header._element
    for node in list(header.iter(qn("w:instrText"))):
        node.text = ""


def _number_on_first_page(document):
    document.sections[0].different_first_page_header_footer = False


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_wrong_font, "Phông chữ phải là Times New Roman"),
        (_no_signature, "Thiếu khối “Nơi nhận” và chữ ký"),
        (_day_unpadded, "Ngày “5” phải viết hai chữ số"),
        (_month_padded, "Tháng “06”: chỉ tháng 1 và 2"),
        (_number_unpadded, "Số “5”: số nhỏ hơn 10"),
        (_symbol_spaced, "Ký hiệu “BC- bdt” phải viết in hoa"),
        (_narrow_left_margin, "Lề trái 20.0 mm"),
        (_agency_regular, "Tên cơ quan ban hành “BAN DÂN TỘC”: phải in đậm"),
        (_no_agency_rule, "Thiếu đường kẻ ngắn dưới tên cơ quan"),
        (_no_motto, "Thiếu Quốc hiệu"),
        (_date_upright, "Địa danh, ngày tháng “Bắc Giang, ngày 05 tháng 01 năm 2024”: phải in"),
        (_title_small, "Tên loại văn bản “BÁO CÁO”: cỡ chữ"),
        (_body_left_aligned, "phải căn đều hai bên"),
        (_heading_lower, "Đề mục “I. Kết quả công tác” phải viết in hoa"),
        (_label_upright, "“Nơi nhận:” “Nơi nhận:”: phải in nghiêng"),
        (_archive_missing, "Nơi nhận phải kết thúc bằng “- Lưu: VT, <đơn vị>.”"),
        (_name_regular, "Họ tên người ký “Nguyễn Văn An”: phải in đậm"),
        (_academic_title, "không kèm học hàm, học vị"),
        (_title_lower, "Chức vụ người ký “Trưởng ban” phải viết in hoa"),
        (_no_page_numbers, "Thiếu số trang"),
        (_number_on_first_page, "Trang đầu không được đánh số trang"),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)
def test_checker_catches_the_violation(mutate, message):
    document = open_docx(render_docx(agency_report()))
    mutate(document)
    buffer = BytesIO()
    document.save(buffer)
    found = check_docx(buffer.getvalue())
    assert any(line.startswith(message) or message in line for line in found), found


def test_checker_names_the_archive_unit_it_was_told():
    found = check_docx(render_docx(agency_report()), archive_unit="VP")
    assert found == ["Dòng lưu phải là “- Lưu: VT, VP.”, không phải “- Lưu: VT, KHTT.”."]


# The signature block and the page break (two LibreOffice conversions).

needs_soffice = pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice is not installed")
# Paragraphs after which, in Liberation Serif under LibreOffice, the signature block no longer
# fits under the closing line: without keep-with-next it would open the last page alone.
BOUNDARY_PARAGRAPHS = 14


def signature_page_has_body_text(pdf: bytes, signer_name: str, closing_start: str) -> bool:
    """The last page showing the signer's name also shows body text above "Nơi nhận"."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        page = [p for p in document.pages if signer_name in (p.extract_text() or "")][-1]
        words = page.extract_words()
    label = next(w for w in words if w["text"] == "Nơi")
    above = [w for w in words if w["bottom"] < label["top"] and not w["text"].isdigit()]
    return any(w["text"] == closing_start.split()[0] for w in above) and len(above) >= 5


@needs_soffice
def test_signature_never_opens_a_page_alone_at_the_page_boundary():
    spec = agency_report(
        body=tuple(Paragraph(f"{n}. {NARRATIVE}") for n in range(1, BOUNDARY_PARAGRAPHS + 1))
    )
    pdf = docx_to_pdf(render_docx(spec))
    assert signature_page_has_body_text(pdf, spec.signer.name, spec.closing)


@needs_soffice
def test_demo_agency_report_signature_page_holds_its_closing(demo_db):
    from rendering.builders import agency_report as build_agency_report

    report = Round.objects.get(period__year=2023, parent__isnull=False).reports.get(
        agency__code="BDT"
    )
    spec = build_agency_report(report)
    signed = replace(spec, signer=spec.signer if spec.signer.name else deputy_signer())
    pdf = docx_to_pdf(render_docx(signed))
    assert signature_page_has_body_text(pdf, signed.signer.name, signed.closing or "Trên")
