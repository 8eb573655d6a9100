"""Downloads, the drafted-text editor and the signature check, for every role of the cast."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from matplotlib.figure import Figure

from accounts.testing import aware, login_verified, make_year
from audit.models import AuditRecord
from catalogue.models import Indicator
from rendering.models import DraftedText
from rendering.signing import sign_pdf
from rendering.tests.certs import make_credentials
from rounds.models import DataValue, Narrative, Report, ReportStatus, Round, RoundIndicator, Section

ROLES = ("admin", "coordinator", "officer", "other_officer", "viewer")


@pytest.fixture
def round_(cast):
    round_ = Round.objects.create(
        name="Báo cáo kết quả công tác phòng, chống mại dâm năm 2023",
        coordinator=cast.coordinating_agency,
        period=make_year(2023),
        deadline=aware(2023, 12, 15),
    )
    sessions = Indicator.objects.get(code="propaganda_sessions")
    RoundIndicator.objects.create(round=round_, indicator=sessions)
    results = Section.objects.create(round=round_, label="I", title="KẾT QUẢ", order=1)
    bdt = Report.objects.create(round=round_, agency=cast.bdt, status=ReportStatus.ACCEPTED)
    Report.objects.create(round=round_, agency=cast.police, status=ReportStatus.DRAFT)
    Narrative.objects.create(report=bdt, section=results, text="Tổ chức 116 hội nghị.")
    DataValue.objects.create(
        indicator=sessions,
        agency=cast.bdt,
        place=cast.province,
        period=round_.period,
        value=116,
        report=bdt,
    )
    return round_


def _get(client, cast, role, url):
    login_verified(client, getattr(cast, role))
    return client.get(url)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("officer", 200),
        ("other_officer", 404),
        ("viewer", 200),
    ],
)
def test_agency_report_download(client, cast, round_, role, status):
    report = round_.reports.get(agency=cast.bdt)
    response = _get(
        client, cast, role, reverse("rendering:report_document", args=[report.pk, "docx"])
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert "bao-cao-BDT-2023.docx" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_report_is_its_agency_own(client, cast, round_, role):
    report = round_.reports.get(agency=cast.police)
    response = _get(
        client, cast, role, reverse("rendering:report_document", args=[report.pk, "docx"])
    )
    assert response.status_code == (200 if role == "other_officer" else 404)


@pytest.mark.parametrize(
    ("document", "fmt"),
    [("bao-cao-tong-hop", "docx"), ("bao-cao-tong-hop", "xlsx"), ("cong-van-de-nghi", "docx")],
)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("officer", 404),
        ("other_officer", 404),
        ("viewer", 200),
    ],
)
def test_round_documents(client, cast, round_, document, fmt, role, status):
    url = reverse("rendering:round_document", args=[round_.pk, document, fmt])
    assert _get(client, cast, role, url).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("coordinator", 200), ("admin", 200), ("viewer", 404)]
)
def test_only_reviewers_include_drafts(client, cast, round_, role, status):
    url = reverse("rendering:round_document", args=[round_.pk, "bao-cao-tong-hop", "docx"])
    assert _get(client, cast, role, url + "?nhap=1").status_code == status


@pytest.mark.parametrize(
    "path", [("bao-cao-tong-hop", "txt"), ("khac", "docx"), ("cong-van-de-nghi", "xlsx")]
)
def test_unknown_documents_and_formats_are_missing(client, cast, round_, path):
    url = reverse("rendering:round_document", args=[round_.pk, *path])
    assert _get(client, cast, "coordinator", url).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, round_):
    url = reverse("rendering:round_document", args=[round_.pk, "bao-cao-tong-hop", "docx"])
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("officer", 404),
        ("other_officer", 404),
        ("viewer", 404),
    ],
)
def test_drafted_text_editor_access(client, cast, round_, role, status):
    url = reverse("rendering:drafted_texts", args=[round_.pk])
    assert _get(client, cast, role, url).status_code == status


def test_drafted_text_refuses_a_typed_number_and_saves_placeholders(client, cast, round_):
    login_verified(client, cast.coordinator)
    url = reverse("rendering:drafted_texts", args=[round_.pk])
    refused = client.post(url, {"section": "", "text": "Năm 2023 có 116 hội nghị."})
    assert refused.status_code == 200
    assert "Không được gõ trực tiếp con số (“2023”, “116”)" in refused.content.decode()
    assert not DraftedText.objects.exists()
    saved = client.post(
        url, {"section": "", "text": "Năm {{year}} có {{propaganda_sessions}} hội nghị."}
    )
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "Năm 2023 có 116 hội nghị." in page
    client.post(url, {"section": "", "reset": "1"})
    assert not DraftedText.objects.exists()
    history = AuditRecord.objects.filter(action="drafted_text").order_by("pk")
    assert [(r.old, r.new) for r in history] == [
        ("", "Năm {{year}} có {{propaganda_sessions}} hội nghị."),
        ("Năm {{year}} có {{propaganda_sessions}} hội nghị.", ""),
    ]
    assert client.post(url, {"section": "mục-lạ", "text": "x"}).status_code == 404


def test_drafted_text_of_another_round_section_is_missing(client, cast, round_):
    other = Round.objects.create(
        name="Khác",
        coordinator=cast.coordinating_agency,
        period=make_year(2022),
        deadline=aware(2022, 12, 15),
    )
    section = Section.objects.create(round=other, label="I", title="KHÁC", order=1)
    login_verified(client, cast.coordinator)
    url = reverse("rendering:drafted_texts", args=[round_.pk])
    assert client.post(url, {"section": section.pk, "text": "x"}).status_code == 404


@pytest.fixture(scope="module")
def signed_pdf() -> bytes:
    figure = Figure(figsize=(8.27, 11.69))
    figure.text(0.5, 0.5, "BÁO CÁO", ha="center")
    buffer = BytesIO()
    figure.savefig(buffer, format="pdf")
    credentials = make_credentials()
    return sign_pdf(buffer.getvalue(), credentials.p12, credentials.passphrase)


@pytest.mark.parametrize("role", ROLES)
def test_verify_page_reports_a_valid_signature(client, cast, role, signed_pdf):
    login_verified(client, getattr(cast, role))
    upload = SimpleUploadedFile("ky.pdf", signed_pdf, content_type="application/pdf")
    page = client.post(reverse("rendering:verify_signature"), {"file": upload}).content.decode()
    assert "Chữ ký của Nguyễn Văn An" in page and "hợp lệ, văn bản còn nguyên vẹn" in page


def test_verify_page_reports_a_tampered_file(client, cast, signed_pdf):
    client.force_login(cast.viewer)
    tampered = signed_pdf.replace(b"/Producer", b"/Produxer", 1)
    upload = SimpleUploadedFile("ky.pdf", tampered, content_type="application/pdf")
    page = client.post(reverse("rendering:verify_signature"), {"file": upload}).content.decode()
    assert "Chữ ký của" in page or "verify-error" in page
    assert "hợp lệ, văn bản còn nguyên vẹn" not in page or "đã bị sửa đổi" in page


def test_verify_page_explains_a_file_that_is_not_a_signed_pdf(client, cast):
    client.force_login(cast.viewer)
    upload = SimpleUploadedFile("ky.pdf", b"not a pdf", content_type="application/pdf")
    page = client.post(reverse("rendering:verify_signature"), {"file": upload}).content.decode()
    assert 'id="verify-error"' in page
