"""A document costs a bounded time and memory to read: limits in the readers and a child process."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from imports.extraction import ExtractionError, readers, safety
from imports.extraction.sandbox import TOO_BIG, TOO_SLOW, Limits, extract_isolated
from imports.models import ImportedDocument

from .hostile import dense_pdf, inflating_pdf, many_figures_text
from .test_bad_input import REPORT
from .test_upload import upload

SMALL = Limits(seconds=20, memory_bytes=64 * 1024 * 1024)


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


def test_a_report_reads_the_same_in_the_child_process():
    from imports.extraction.document import read_text_and_extract

    text, result = extract_isolated(REPORT.encode(), "a.txt", None, SMALL)
    expected_text, expected = read_text_and_extract(REPORT)
    assert (text, result) == (expected_text, expected)
    assert [f["value"] for f in result["figures"]] == [12]


def test_the_readers_own_message_comes_back_from_the_child():
    with pytest.raises(ExtractionError, match=r"Tệp rỗng|không có chữ"):
        extract_isolated(b"   ", "a.txt", None, SMALL)


def test_a_content_stream_that_inflates_past_the_memory_budget_is_refused_quickly():
    started = time.monotonic()
    with pytest.raises(ExtractionError) as refused:
        extract_isolated(inflating_pdf(256), "bom.pdf", None, SMALL)
    assert str(refused.value) == TOO_BIG
    assert time.monotonic() - started < SMALL.seconds  # ended by memory, not by the clock


def test_a_document_over_the_time_limit_is_ended_with_a_message():
    with pytest.raises(ExtractionError) as refused:
        extract_isolated(dense_pdf(pages=60), "a.pdf", None, Limits(seconds=0.2))
    assert str(refused.value) == TOO_SLOW.format(seconds="0.2")


@pytest.mark.parametrize("name", ["a.pdf", "a.txt"])
def test_reading_stops_at_the_character_budget(monkeypatch, name):
    monkeypatch.setattr(safety, "MAX_TEXT_CHARS", 100_000)
    data = dense_pdf(pages=10) if name.endswith(".pdf") else b"12 cuoc. " * 20_000
    with pytest.raises(ExtractionError, match=r"Văn bản dài hơn 100\.000 ký tự"):
        readers.read_bytes(data, name)


@pytest.mark.django_db
def test_a_hostile_upload_gets_a_vietnamese_message_and_stores_no_figure(
    officer, bdt_report, settings
):
    settings.TONGHOP_EXTRACT_MEMORY_MB = 64
    response = upload(officer, bdt_report, "bao-cao.pdf", inflating_pdf(256))
    assert TOO_BIG in officer.get(response["Location"]).content.decode()
    document = ImportedDocument.objects.get()
    assert (document.status, document.error, document.figures) == ("failed", TOO_BIG, [])
    assert AuditRecord.objects.get(action="import_read").new == TOO_BIG


@pytest.mark.django_db
def test_a_long_text_report_is_read_whole(officer, bdt_report, settings):
    settings.TONGHOP_EXTRACT_SECONDS = 60
    response = upload(officer, bdt_report, "dai.txt", many_figures_text(2_000))
    assert response.status_code == 302
    document = ImportedDocument.objects.get()
    assert len(document.figures) == 2_000
    assert reverse("imports:review", args=[document.pk]) in response["Location"]
