"""An upload is read in the background: queued, running, read or failed, its page follows it.

The worker is django-tasks-db's own (tonghop.testing.run_queued_tasks), run in this process on
the test database, as `tonghop serve` runs it beside the web workers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditRecord
from imports.extraction.sandbox import TOO_SLOW
from imports.models import (
    QUEUED_AT_MOST,
    STALLED,
    ImportedDocument,
    ImportStatus,
    PendingFile,
)
from rounds.models import DataValue
from tonghop.testing import committed, run_queued_tasks

from .test_bad_input import REPORT
from .test_upload import _file, default_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


def _post(client, report, name="bao-cao.txt"):
    """The upload of REPORT alone: the worker has not run yet."""
    data = {"file": _file(name, REPORT.encode())}
    with committed():
        return client.post(reverse("imports:upload", args=[report.pk]), data)


def _poll(client, document):
    return client.get(reverse("imports:review", args=[document.pk]), headers={"HX-Request": "true"})


def test_an_upload_is_queued_with_its_file_and_its_page_polls(officer, bdt_report):
    response = _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:review", args=[document.pk])
    assert document.status == ImportStatus.QUEUED and document.queued_at is not None
    assert (document.started_at, document.finished_at, document.figures) == (None, None, [])
    assert bytes(document.pending_file.data) == REPORT.encode()
    (task,) = DBTaskResult.objects.all()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "imports.tasks.read_document",
        [document.pk],
    )
    page = officer.get(response["Location"]).content.decode()
    assert "Đang chờ đọc tệp… Tệp đã được tải lên và đang chờ đến lượt." in page
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    assert "Xác nhận, đưa vào bản nháp báo cáo" not in page
    status = _poll(officer, document).content.decode()
    assert status.startswith('<section id="job-status" data-status="queued"')
    assert 'hx-get="{}"'.format(reverse("imports:review", args=[document.pk])) in status


def test_the_worker_reads_the_file_and_the_page_becomes_the_review(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    ImportedDocument.objects.filter(pk=document.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    running = _poll(officer, document).content.decode()
    assert 'data-status="running"' in running and "Đang đọc tệp…" in running
    ImportedDocument.objects.filter(pk=document.pk).update(status=ImportStatus.QUEUED)
    run_queued_tasks()
    document.refresh_from_db()
    assert document.status == ImportStatus.EXTRACTED and document.figures
    assert document.queued_at <= document.started_at <= document.finished_at
    assert not PendingFile.objects.exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    poll = _poll(officer, document)
    assert poll.status_code == 204
    assert poll["HX-Redirect"] == reverse("imports:review", args=[document.pk])
    page = officer.get(reverse("imports:review", args=[document.pk])).content.decode()
    assert "Xác nhận, đưa vào bản nháp báo cáo" in page and "hx-trigger" not in page


def test_a_timed_out_read_says_why_and_thu_lai_reads_it_again(officer, bdt_report, settings):
    settings.TONGHOP_EXTRACT_SECONDS = 0.001
    _post(officer, bdt_report)
    run_queued_tasks()
    document = ImportedDocument.objects.get()
    reason = TOO_SLOW.format(seconds="0.001")
    assert (document.status, document.error, document.figures) == ("failed", reason, [])
    assert document.finished_at is not None
    status = _poll(officer, document).content.decode()
    assert 'data-status="failed"' in status and "hx-get" not in status
    assert "Không đọc được tệp bao-cao.txt." in status and reason in status
    assert 'id="retry"' in status and ">Thử lại</button>" in status

    settings.TONGHOP_EXTRACT_SECONDS = 60
    with committed():
        response = officer.post(reverse("imports:retry", args=[document.pk]))
    assert response["Location"] == reverse("imports:review", args=[document.pk])
    document.refresh_from_db()
    assert (document.status, document.error, document.started_at) == ("queued", "", None)
    assert DBTaskResult.objects.count() == 2
    assert AuditRecord.objects.filter(action="import_retry").exists()
    run_queued_tasks()
    document.refresh_from_db()
    assert document.status == ImportStatus.EXTRACTED and document.figures
    assert not PendingFile.objects.exists()


def test_a_read_cut_off_long_ago_shows_as_failed_and_may_be_retried(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    ImportedDocument.objects.filter(pk=document.pk).update(
        status=ImportStatus.RUNNING, started_at=long_ago
    )
    page = officer.get(reverse("imports:review", args=[document.pk])).content.decode()
    assert STALLED in page and 'id="retry"' in page
    with committed():
        officer.post(reverse("imports:retry", args=[document.pk]))
    run_queued_tasks()
    document.refresh_from_db()
    assert document.status == ImportStatus.EXTRACTED


def test_a_document_waiting_longer_than_any_queue_shows_as_failed(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    assert (
        STALLED not in officer.get(reverse("imports:review", args=[document.pk])).content.decode()
    )
    long_ago = timezone.now() - QUEUED_AT_MOST - dt.timedelta(minutes=1)
    ImportedDocument.objects.filter(pk=document.pk).update(queued_at=long_ago)
    page = officer.get(reverse("imports:review", args=[document.pk])).content.decode()
    assert STALLED in page and 'id="retry"' in page
    with committed():
        officer.post(reverse("imports:retry", args=[document.pk]))
    run_queued_tasks()  # the first task finds it claimed by nobody yet and reads it; the second skips
    document.refresh_from_db()
    assert document.status == ImportStatus.EXTRACTED
    assert sorted(t.return_value for t in DBTaskResult.objects.all()) == ["extracted", "skipped"]


def test_a_document_read_or_being_read_is_not_read_again(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    response = officer.post(reverse("imports:retry", args=[document.pk]), follow=True)
    assert "Văn bản này không cần đọc lại." in response.content.decode()
    assert DBTaskResult.objects.count() == 1
    run_queued_tasks()
    officer.post(reverse("imports:retry", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == ImportStatus.EXTRACTED and DBTaskResult.objects.count() == 1


def test_a_document_not_read_yet_cannot_be_confirmed(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    data = default_post(document)
    response = officer.post(reverse("imports:confirm", args=[document.pk]), data)
    assert response["Location"] == reverse("imports:review", args=[document.pk])
    assert not DataValue.objects.exists()


def test_a_document_discarded_before_its_read_is_skipped(officer, bdt_report):
    _post(officer, bdt_report)
    document = ImportedDocument.objects.get()
    officer.post(reverse("imports:discard", args=[document.pk]))
    assert not PendingFile.objects.exists()
    run_queued_tasks()
    task = DBTaskResult.objects.get()
    assert (task.status, task.return_value) == ("SUCCESSFUL", "skipped")
    assert not ImportedDocument.objects.exists()


def test_the_upload_list_shows_each_documents_reading(officer, bdt_report, settings):
    settings.TONGHOP_EXTRACT_SECONDS = 0.001
    _post(officer, bdt_report, "hong.txt")
    run_queued_tasks()
    _post(officer, bdt_report, "cho.txt")
    page = officer.get(reverse("imports:upload", args=[bdt_report.pk])).content.decode()
    assert "Không đọc được" in page and "Đang chờ đọc" in page
