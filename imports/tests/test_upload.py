"""The upload page: an officer uploads the agency's report, corrects and confirms its figures.

An upload is read by the background task (imports.tasks); `upload` runs django-tasks-db's worker
right after the request, as `tonghop serve` runs it beside the web workers.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from catalogue.models import IndicatorSynonym
from imports import actions
from imports.forms import ConfirmForm
from imports.models import ImportedDocument, ImportStatus, PendingFile
from imports.testing import text_to_docx
from rounds.models import DataValue, ReportStatus
from rounds.sheet import build_sheet
from tonghop.testing import committed, run_queued_tasks

from .test_bad_input import REPORT, _minimal_pdf, _zip

pytestmark = pytest.mark.django_db

PERSONAL = (
    "Số: 12/BC-UBND\n\nBÁO CÁO\nKết quả năm 2023\n\n"
    "Phát hiện 3 đối tượng, trong đó Nguyễn Văn Toàn, sinh năm 1990, CCCD số 024090012345, "
    "trú tại thôn Đồng Bục, xã An Lập; phát hành 200 tờ rơi."
)


def upload(client, report, name: str, data: bytes, **headers):
    """Post the file on the upload page, then let the task worker read what was queued."""
    url = reverse("imports:upload", args=[report.pk])
    with committed():
        response = client.post(url, {"file": _file(name, data)}, headers=headers)
    run_queued_tasks()
    return response


def read_upload(report, by, name: str, data: bytes) -> ImportedDocument:
    """The document as the worker leaves it after `by` uploaded it (for browser tests' data)."""
    with committed():
        document = actions.queue_import(report, by, _file(name, data))
    run_queued_tasks()
    document.refresh_from_db()
    return document


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def default_post(document, **changes) -> dict:
    """What the review page posts when the officer changes nothing (plus `changes`)."""
    report = document.report
    report.refresh_from_db()
    form = ConfirmForm(document, build_sheet(report), initial={"version": report.version})
    data = {"version": report.version}
    for name, field in form.fields.items():
        initial = form.get_initial_for_field(field, name)
        if name.startswith("include_"):
            if initial:
                data[name] = "on"
        elif name != "version":
            data[name] = initial
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


@pytest.fixture
def seed_document(officer, bdt_report, seed):
    response = upload(officer, bdt_report, "bao-cao-bdt-2023.docx", text_to_docx(seed[0]))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportedDocument.objects.get()


def test_officer_uploads_a_docx_and_sees_every_figure_marked_beside_the_values(
    officer, seed_document, bdt_report
):
    assert seed_document.status == ImportStatus.EXTRACTED
    assert not PendingFile.objects.exists()  # the file is gone once read
    assert seed_document.file_name == "bao-cao-bdt-2023.docx"
    assert len(seed_document.sha256) == 64 and seed_document.size > 0
    assert len(seed_document.figures) == 11
    page = officer.get(reverse("imports:review", args=[seed_document.pk])).content.decode()
    marks = re.findall(r'<mark id="fig-(\d+)"[^>]*><a href="#row-\1">([^<]+)</a></mark>', page)
    assert [text for _, text in marks][:3] == ["02 hội thi", "hơn 500 người", "116 Hội nghị"]
    assert len(marks) == 11
    assert 'id="row-0"' in page and "Xác nhận, đưa vào bản nháp báo cáo" in page
    scope = f"rounds.report:{bdt_report.pk}"
    assert AuditRecord.objects.filter(action="import", scope=scope).exists()
    read = AuditRecord.objects.get(action="import_read", scope=scope)
    assert (read.field, read.new, read.actor) == (
        "số liệu tìm thấy",
        "11",
        seed_document.uploaded_by,
    )


def test_upload_page_lists_the_reports_documents(officer, seed_document, bdt_report):
    page = officer.get(reverse("imports:upload", args=[bdt_report.pk])).content.decode()
    assert "bao-cao-bdt-2023.docx" in page and "Chờ xác nhận" in page


def test_confirming_enters_the_figures_as_a_draft_with_their_provenance(
    officer, seed_document, bdt_report, cast
):
    url = reverse("imports:confirm", args=[seed_document.pk])
    response = officer.post(url, default_post(seed_document))
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:report_detail", args=[bdt_report.pk])
    values = {
        v.indicator.code: v
        for v in DataValue.objects.filter(agency=cast.bdt).select_related("indicator")
    }
    assert values["leaflets"].value == Decimal(43000)
    assert values["contest_participants"].qualifier == "more_than"
    trainings = values["trainings"]  # 4 hội nghị tập huấn + 01 hội nghị
    assert trainings.value == Decimal(5)
    assert trainings.source == "imported"
    assert trainings.source_file == "bao-cao-bdt-2023.docx"
    assert trainings.source_quote == "4 hội nghị … 01 hội nghị"
    text = seed_document.text
    assert text[trainings.source_start : trainings.source_start + 10] == "4 hội nghị"
    assert text[: trainings.source_end].endswith("01 hội nghị")
    bdt_report.refresh_from_db()
    assert (bdt_report.status, bdt_report.version) == (ReportStatus.DRAFT, 1)
    seed_document.refresh_from_db()
    assert seed_document.status == ImportStatus.CONFIRMED
    scope = f"rounds.report:{bdt_report.pk}"
    assert AuditRecord.objects.filter(action="value", scope=scope).count() == len(values)
    assert AuditRecord.objects.filter(action="import_confirm", scope=scope).exists()
    detail = officer.get(response["Location"]).content.decode()
    assert "43.000" in detail


def test_officer_corrects_a_value_and_its_qualifier(officer, seed_document, cast):
    leaflets = next(i for i, f in enumerate(seed_document.figures) if f["indicator"] == "leaflets")
    data = default_post(
        seed_document, **{f"value_{leaflets}": "45.000", f"qualifier_{leaflets}": "about"}
    )
    officer.post(reverse("imports:confirm", args=[seed_document.pk]), data)
    value = DataValue.objects.get(indicator__code="leaflets", agency=cast.bdt)
    assert (value.value, value.qualifier) == (Decimal(45000), "about")
    assert value.source_quote == "43.000 tờ rơi"


def test_mapping_an_unmapped_figure_is_remembered_for_the_next_document(officer, bdt_report, cast):
    text = REPORT + "\n\nBan đã cấp phát 350 cuốn cẩm nang pháp luật."
    upload(officer, bdt_report, "a.txt", text.encode())
    document = ImportedDocument.objects.get()
    index = next(i for i, f in enumerate(document.figures) if f["value"] == 350)
    assert document.figures[index]["indicator"] is None
    leaflets = build_sheet(bdt_report).find("leaflets")
    data = default_post(
        document, **{f"include_{index}": "on", f"cell_{index}": leaflets.field_suffix}
    )
    response = officer.post(reverse("imports:confirm", args=[document.pk]), data)
    assert response.status_code == 302
    assert IndicatorSynonym.objects.filter(
        indicator__code="leaflets", phrase="cuốn cẩm nang pháp luật"
    ).exists()
    assert AuditRecord.objects.filter(action="synonym").exists()
    upload(officer, bdt_report, "b.txt", text.encode())
    again = ImportedDocument.objects.order_by("-pk").first()
    assert [f["indicator"] for f in again.figures if f["value"] == 350] == ["leaflets"]


def test_an_included_figure_needs_an_indicator(officer, bdt_report):
    upload(officer, bdt_report, "a.txt", (REPORT + "\n\nCấp 350 cuốn cẩm nang.").encode())
    document = ImportedDocument.objects.get()
    index = next(i for i, f in enumerate(document.figures) if f["value"] == 350)
    data = default_post(document, **{f"include_{index}": "on"})
    response = officer.post(reverse("imports:confirm", args=[document.pk]), data)
    assert response.status_code == 400
    assert "Chọn chỉ tiêu để đưa số liệu này vào báo cáo." in response.content.decode()
    assert not DataValue.objects.exists()


def test_a_stale_version_is_refused_and_nothing_is_written(officer, seed_document, bdt_report):
    data = default_post(seed_document, version=7)
    response = officer.post(reverse("imports:confirm", args=[seed_document.pk]), data)
    assert response.status_code == 409
    assert "vừa được người khác lưu" in response.content.decode()
    assert not DataValue.objects.exists()
    assert not IndicatorSynonym.objects.filter(phrase__contains="cẩm nang").exists()
    seed_document.refresh_from_db()
    assert seed_document.status == ImportStatus.EXTRACTED


def test_a_document_is_confirmed_only_once(officer, seed_document):
    url = reverse("imports:confirm", args=[seed_document.pk])
    officer.post(url, default_post(seed_document))
    response = officer.post(url, default_post(seed_document))
    assert response.status_code == 400
    assert "đã được đưa vào báo cáo" in response.content.decode()


def test_confirming_nothing_is_refused(officer, seed_document):
    data = {k: v for k, v in default_post(seed_document).items() if not k.startswith("include_")}
    response = officer.post(reverse("imports:confirm", args=[seed_document.pk]), data)
    assert response.status_code == 400
    assert "Chưa chọn số liệu nào" in response.content.decode()


def test_personal_data_is_masked_before_the_text_is_kept_and_the_officer_is_warned(
    officer, bdt_report
):
    response = upload(officer, bdt_report, "a.txt", PERSONAL.encode())
    assert response.status_code == 302
    document = ImportedDocument.objects.get()
    stored = f"{document.text}{document.figures}{document.metadata}"
    for secret in ("Nguyễn Văn Toàn", "024090012345", "1990", "Đồng Bục"):
        assert secret not in stored
    assert "tờ rơi" in document.text and document.redacted == 4
    page = officer.get(response["Location"]).content.decode()
    assert "dữ liệu cá nhân" in page and "Đã che 4 đoạn" in page
    assert "Nguyễn Văn Toàn" not in page


def test_discarding_deletes_the_kept_text(officer, seed_document, bdt_report):
    response = officer.post(reverse("imports:discard", args=[seed_document.pk]))
    assert response.status_code == 302
    assert not ImportedDocument.objects.exists()
    assert AuditRecord.objects.filter(action="import_delete").exists()


def test_htmx_upload_redirects_with_a_header(officer, bdt_report):
    response = upload(officer, bdt_report, "a.txt", REPORT.encode(), HX_Request="true")
    assert response.status_code == 204
    document = ImportedDocument.objects.get()
    assert response["HX-Redirect"] == reverse("imports:review", args=[document.pk])


def test_htmx_upload_error_replaces_only_the_form(officer, bdt_report):
    response = upload(officer, bdt_report, "a.txt", b"", HX_Request="true")
    assert response.status_code == 400
    page = response.content.decode()
    assert page.startswith("<form") and "Tệp rỗng" in page


def test_pages_carry_no_inline_handlers_or_scripts(officer, seed_document, bdt_report):
    for url in (
        reverse("imports:upload", args=[bdt_report.pk]),
        reverse("imports:review", args=[seed_document.pk]),
    ):
        page = officer.get(url).content.decode()
        assert not re.search(r"\son[a-z]+\s*=", page), url
        assert "javascript:" not in page
        assert all('nonce="' in tag for tag in re.findall(r"<script(?![^>]*src=)[^>]*>", page))


def _docx_with(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO(text_to_docx(REPORT))
    with zipfile.ZipFile(out, "a") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


# Refused by the reader in the background: the document says why, keeps no figure, and keeps
# the file for "Thử lại".
UNREADABLE = {
    "corrupt": ("a.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
    "encrypted": (
        "a.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 100
        + "EncryptedPackage".encode("utf-16-le"),
        "mật khẩu",
    ),
    "mislabelled": ("a.docx", b"%PDF-1.4\n...", "không phải tệp .docx"),
    "corrupt image": (
        "anh.jpg",
        b"\xff\xd8\xff\xe0 not really a photo",
        "Tệp ảnh bị hỏng hoặc không phải ảnh .jpg hợp lệ",
    ),
    "binary as text": ("a.txt", _zip({"a.xml": b"<a/>"}), "nhị phân"),
    "zip bomb": (
        "a.docx",
        _zip({"word/document.xml": b"<w:document>" + b" " * 50_000_000 + b"</w:document>"}),
        "bom nén",
    ),
    "entity expansion": (
        "a.docx",
        _docx_with(
            {
                "customXml/evil.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "a">'
                b'<!ENTITY b "&a;&a;">]><l>&b;</l>'
            }
        ),
        "ENTITY",
    ),
    "501-page pdf": ("a.pdf", _minimal_pdf(501), "vượt giới hạn 500 trang"),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=list(UNREADABLE))
def test_an_unreadable_file_fails_with_a_vietnamese_reason_and_no_figures(
    officer, bdt_report, case
):
    name, data, message = UNREADABLE[case]
    response = upload(officer, bdt_report, name, data)
    document = ImportedDocument.objects.get()
    assert response["Location"] == reverse("imports:review", args=[document.pk])
    assert document.status == ImportStatus.FAILED and message in document.error
    assert (document.text, document.figures, document.metadata) == ("", [], {})
    assert bytes(document.pending_file.data) == data  # kept for "Thử lại"
    page = officer.get(response["Location"]).content.decode()
    assert message in page and "Thử lại" in page and "hx-trigger" not in page
    assert not DataValue.objects.exists()


# Refused on the upload itself: nothing is stored.
REFUSED = {
    "empty": ("a.docx", b"", "Tệp rỗng"),
    "unsupported": ("a.xlsx", b"data", "Không hỗ trợ định dạng .xlsx"),
    "no extension": ("bao-cao", b"data", "Không hỗ trợ định dạng (tệp không có đuôi)"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_refused_upload_shows_a_vietnamese_message_and_stores_nothing(officer, bdt_report, case):
    name, data, message = REFUSED[case]
    response = upload(officer, bdt_report, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportedDocument.objects.exists() and not PendingFile.objects.exists()
    assert not AuditRecord.objects.filter(action="import").exists()


def test_a_file_over_the_upload_limit_is_refused(officer, bdt_report, settings):
    settings.TONGHOP_MAX_UPLOAD_BYTES = 1024
    response = upload(officer, bdt_report, "a.txt", b"x" * 2048)
    assert response.status_code == 400
    assert "Tệp quá lớn (2,0 KB); giới hạn là 1,0 KB." in response.content.decode()
    assert not ImportedDocument.objects.exists() and not PendingFile.objects.exists()


def test_no_file_chosen(officer, bdt_report):
    response = officer.post(reverse("imports:upload", args=[bdt_report.pk]), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp báo cáo cần tải lên." in response.content.decode()


def test_retyping_an_imported_figure_keeps_its_quote_and_changing_it_drops_it(
    officer, seed_document, bdt_report, cast
):
    from rounds.actions import CellInput, Draft, save_draft
    from rounds.sheet import build_sheet

    officer.post(reverse("imports:confirm", args=[seed_document.pk]), default_post(seed_document))
    bdt_report.refresh_from_db()
    key = build_sheet(bdt_report).find("leaflets").key
    unchanged = Draft(values={key: CellInput(Decimal(43000))})
    report = save_draft(bdt_report, cast.officer, unchanged, version=bdt_report.version)
    value = DataValue.objects.get(indicator__code="leaflets", agency=cast.bdt)
    assert (value.source, value.source_quote) == ("imported", "43.000 tờ rơi")
    changed = Draft(values={key: CellInput(Decimal(45000))})
    save_draft(report, cast.officer, changed, version=report.version)
    value.refresh_from_db()
    assert (value.value, value.source, value.source_quote) == (Decimal(45000), "typed", "")


def test_an_earlier_years_column_is_shown_but_not_proposed(officer, bdt_report):
    text = (
        "Số: 15/BC-BDT\n\nBÁO CÁO\nKết quả năm 2023\n\n"
        "| STT | Nội dung | Đơn vị tính | Năm 2022 | Năm 2023 |\n"
        "| 1 | Tờ rơi phát hành | tờ | 40.000 | 43.000 |\n"
    )
    assert upload(officer, bdt_report, "bang.docx", text_to_docx(text)).status_code == 302
    document = ImportedDocument.objects.get()
    by_value = {f["value"]: f for f in document.figures}
    assert by_value[40000]["comparison"] and by_value[40000]["indicator"] is None
    assert by_value[43000]["indicator"] == "leaflets"
    page = officer.get(reverse("imports:review", args=[document.pk])).content.decode()
    assert "Số liệu để so sánh (năm trước hoặc kế hoạch)" in page
    post = default_post(document)
    assert [name for name in post if name.startswith("include_")] == [
        f"include_{document.figures.index(by_value[43000])}"
    ]
