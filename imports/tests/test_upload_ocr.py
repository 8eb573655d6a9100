"""Scans and phone photos: the upload takes them, the review marks each figure read by OCR."""

from __future__ import annotations

import hashlib
import io
import re
import shutil

import pytest
from django.urls import reverse

from imports.models import ImportedDocument, ImportStatus
from imports.tasks import read

from .test_upload import _file, upload

pytestmark = pytest.mark.django_db

TEXT = (
    "Số: 12/BC-UBND\n\nBÁO CÁO\nKết quả năm 2024\n\n"
    "Đã kiểm tra 12 cơ sở kinh doanh dịch vụ. Phát hành 43.000 tờ rơi."
)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


def _png(text: str) -> bytes:
    """A page photographed: the text in black on white, large enough for the OCR."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 40)
    lines = text.split("\n")
    image = Image.new("RGB", (2000, 80 + 60 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((40, 40 + 60 * n), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("name", ["anh.jpg", "anh.JPEG", "anh.png", "quet.tif", "quet.tiff"])
def test_scans_and_photos_are_taken_and_queued(officer, bdt_report, name):
    url = reverse("imports:upload", args=[bdt_report.pk])
    response = officer.post(url, {"file": _file(name, b"\x89PNG\r\n\x1a\n...")})
    assert response.status_code == 302
    assert ImportedDocument.objects.get().status == ImportStatus.QUEUED


def test_the_form_says_scans_are_read_by_ocr_and_must_be_checked(officer, bdt_report):
    page = officer.get(reverse("imports:upload", args=[bdt_report.pk])).content.decode()
    assert 'accept=".docx,.pdf,.doc,.rtf,.odt,.txt,.md,.jpg,.jpeg,.png,.tif,.tiff"' in page
    assert 'aria-describedby="upload-help"' in page and 'id="upload-help"' in page
    assert "Bản quét và ảnh chụp được đọc bằng nhận dạng ký tự (OCR)" in page
    assert "hãy đối chiếu từng số liệu với bản gốc" in page


def make_scanned(report, by) -> ImportedDocument:
    """A photo's reading as the OCR stores it: the figures of TEXT, "12 cơ sở" read at 62% and
    "43.000 tờ rơi" at 91%, and the summary of the document."""
    reading = read(TEXT.encode(), "anh-chup.txt")
    confidence = {12: 62.4, 43000: 91.0}
    figures = [{**f, "ocr_confidence": confidence[f["value"]]} for f in reading.figures]
    return ImportedDocument.objects.create(
        report=report,
        uploaded_by=by,
        file_name="anh-chup.jpg",
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        size=len(TEXT),
        text=reading.text,
        figures=figures,
        metadata=reading.metadata,
        ocr={"pages": 1, "mean_confidence": 86.7},
    )


@pytest.fixture
def scanned(cast, bdt_report) -> ImportedDocument:
    return make_scanned(bdt_report, cast.officer)


def test_the_review_marks_figures_read_by_ocr_and_the_low_ones(officer, scanned):
    page = officer.get(reverse("imports:review", args=[scanned.pk])).content.decode()
    banner = re.search(r'<div class="message warning ocr-banner"[^>]*>(.*?)</div>', page, re.S)
    assert banner is not None
    text = re.sub(r"<[^>]+>", "", banner.group(1))
    assert "Văn bản được đọc bằng nhận dạng ký tự (OCR)" in text
    assert "(1 trang, độ tin cậy trung bình 87%)" in text
    assert "1 số liệu có độ tin cậy dưới 80%" in text
    rows = dict(re.findall(r'<tr id="row-(\d+)"([^>]*)>(?s:.*?)</tr>', page))
    low, sure = (str(i) for i, f in enumerate(scanned.figures) if f["value"] in (12, 43000))
    assert 'class="ocr-low"' in rows[low] and "ocr-low" not in rows[sure]
    shown = re.sub(r"<[^>]+>", "", page)
    assert "OCR độ tin cậy 62%Độ tin cậy thấp: đối chiếu số này với bản quét." in shown
    assert "OCR độ tin cậy 91%" in shown


def test_a_document_read_from_its_text_has_no_ocr_marks(officer, bdt_report):
    response = upload(officer, bdt_report, "bao-cao.txt", TEXT.encode())
    page = officer.get(response["Location"]).content.decode()
    assert "ocr-banner" not in page and "ocr-badge" not in page


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_photographed_report_is_read_by_ocr_and_marked(officer, bdt_report):
    response = upload(officer, bdt_report, "anh-chup.png", _png(TEXT))
    document = ImportedDocument.objects.get()
    assert document.status == ImportStatus.EXTRACTED, document.error
    assert document.ocr["pages"] == 1
    assert {f["value"] for f in document.figures} >= {12, 43000}
    page = officer.get(response["Location"]).content.decode()
    assert 'id="ocr-banner"' in page
    assert re.search(r'class="ocr-badge"[^>]*>OCR</abbr> độ tin cậy \d+%', page)
