"""PDFs made off the request path: the request enqueues, the database worker makes, the page follows.

The worker is django-tasks-db's own (tonghop.testing.task_worker), run in this process on the test
database; one test converts with LibreOffice, the others stop before or fail without it.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.testing import aware, login_verified, make_year
from rendering.conversion_slots import NoFreeSlot, conversion_slot
from rendering.jobs import forget_expired
from rendering.models import RenderedFile
from rendering.pdf import DEFAULT_TIMEOUT, PdfConversionError, docx_to_pdf, soffice_binary
from rounds.models import Report, ReportStatus, Round
from tonghop.testing import (
    BROWSER_TEST,
    committed,
    login_in_browser,
    run_queued_tasks,
    run_tasks_beside_live_server,
)

Status = RenderedFile.Status


def BROWSER_MARKS(test):
    for mark in BROWSER_TEST:
        test = mark(test)
    return test


@pytest.fixture
def report(cast):
    round_ = Round.objects.create(
        name="Báo cáo kết quả công tác phòng, chống mại dâm năm 2023",
        coordinator=cast.coordinating_agency,
        period=make_year(2023),
        deadline=aware(2023, 12, 15),
    )
    return Report.objects.create(round=round_, agency=cast.bdt, status=ReportStatus.ACCEPTED)


def _ask(client, user, url):
    """The user asks for a PDF; the file it was sent to follow."""
    login_verified(client, user)
    with committed():
        response = client.get(url)
    assert response.status_code == 302
    file = RenderedFile.objects.get()
    assert response["Location"] == reverse("rendering:rendered_file", args=[file.pk])
    return file


def test_asking_for_a_report_pdf_enqueues_it_and_shows_it_waiting(client, cast, report):
    file = _ask(client, cast.officer, reverse("rendering:report_document", args=[report.pk, "pdf"]))
    assert (file.status, file.requested_by, file.report, file.filename) == (
        Status.QUEUED,
        cast.officer,
        report,
        "bao-cao-BDT-2023.pdf",
    )
    (task,) = DBTaskResult.objects.all()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "rendering.tasks.render_file",
        [str(file.pk)],
    )
    page = client.get(reverse("rendering:rendered_file", args=[file.pk])).content.decode()
    assert "Đang tạo tệp PDF… Yêu cầu đang chờ đến lượt." in page
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    # A second click before the worker started follows the same file.
    with committed():
        client.get(reverse("rendering:report_document", args=[report.pk, "pdf"]))
    assert RenderedFile.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_the_task_is_enqueued_only_once_the_file_is_committed(
    client, cast, report, django_capture_on_commit_callbacks
):
    """A worker of another process (RQ's on Redis) may start the task at once: the row is there."""
    login_verified(client, cast.officer)
    url = reverse("rendering:report_document", args=[report.pk, "pdf"])
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        client.get(url)
        assert RenderedFile.objects.count() == 1 and not DBTaskResult.objects.exists()
    assert len(on_commit) == 1
    on_commit[0]()
    assert DBTaskResult.objects.get().args_kwargs["args"] == [str(RenderedFile.objects.get().pk)]


@pytest.mark.parametrize(
    ("document", "query", "filename"),
    [
        ("bao-cao-tong-hop", "?nhap=1", "bao-cao-tong-hop-2023-{pk}.pdf"),
        ("cong-van-de-nghi", "", "cong-van-de-nghi-2023-{pk}.pdf"),
    ],
)
def test_round_pdfs_are_enqueued_too(client, cast, report, document, query, filename):
    round_ = report.round
    url = reverse("rendering:round_document", args=[round_.pk, document, "pdf"]) + query
    file = _ask(client, cast.coordinator, url)
    assert (file.round, file.document, file.include_drafts, file.filename) == (
        round_,
        document,
        bool(query),
        filename.format(pk=round_.pk),
    )


@pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) is not installed")
def test_the_worker_makes_the_pdf_and_only_its_reader_gets_it(client, cast, report):
    file = _ask(client, cast.officer, reverse("rendering:report_document", args=[report.pk, "pdf"]))
    run_queued_tasks()
    file.refresh_from_db()
    assert file.status == Status.DONE and file.finished_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(reverse("rendering:rendered_file", args=[file.pk])).content.decode()
    assert "Đã tạo xong tệp PDF." in page and "hx-trigger" not in page
    download = client.get(reverse("rendering:rendered_file_download", args=[file.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "bao-cao-BDT-2023.pdf" in download["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(download.content)) as pdf:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf.pages[0].extract_text()
    # The coordinator may read the report, but not another user's file: its id gives nothing.
    login_verified(client, cast.coordinator)
    for name in ("rendering:rendered_file", "rendering:rendered_file_download"):
        assert client.get(reverse(name, args=[file.pk])).status_code == 404
        assert client.get(reverse(name, args=[uuid.uuid4()])).status_code == 404


def test_a_failed_conversion_shows_its_vietnamese_error_and_offers_again(
    client, cast, report, settings
):
    settings.TONGHOP_SOFFICE = "/khong/co/soffice"
    url = reverse("rendering:report_document", args=[report.pk, "pdf"])
    file = _ask(client, cast.officer, url)
    run_queued_tasks()
    file.refresh_from_db()
    assert file.status == Status.FAILED and file.data is None
    status = client.get(
        reverse("rendering:rendered_file", args=[file.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert status.startswith('<section id="job-status" data-status="failed"')
    assert "Không tạo được tệp PDF. Chưa cài LibreOffice" in status
    assert f'href="{url}">Thử lại' in status
    download = client.get(reverse("rendering:rendered_file_download", args=[file.pk]))
    assert download["Location"] == reverse("rendering:rendered_file", args=[file.pk])


def test_a_running_file_is_polled_and_one_cut_off_shows_as_failed(client, cast, report):
    file = _ask(client, cast.officer, reverse("rendering:report_document", args=[report.pk, "pdf"]))
    RenderedFile.objects.filter(pk=file.pk).update(status=Status.RUNNING, started_at=timezone.now())
    url = reverse("rendering:rendered_file", args=[file.pk])
    status = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="running"' in status and 'hx-trigger="every 2s"' in status
    long_ago = timezone.now() - dt.timedelta(hours=1)
    RenderedFile.objects.filter(pk=file.pk).update(started_at=long_ago)
    assert "Việc tạo tệp bị gián đoạn" in client.get(url).content.decode()


def test_files_are_forgotten_after_the_retention(client, cast, report, settings):
    file = _ask(client, cast.officer, reverse("rendering:report_document", args=[report.pk, "pdf"]))
    past = timezone.now() - dt.timedelta(hours=settings.TONGHOP_RENDERED_FILE_HOURS, minutes=1)
    RenderedFile.objects.filter(pk=file.pk).update(requested_at=past)
    assert client.get(reverse("rendering:rendered_file", args=[file.pk])).status_code == 404
    assert forget_expired() == 1 and not RenderedFile.objects.exists()


def test_a_file_of_drafts_is_gone_once_its_reader_may_no_longer_review(client, cast, report):
    round_ = report.round
    url = reverse("rendering:round_document", args=[round_.pk, "bao-cao-tong-hop", "pdf"])
    file = _ask(client, cast.coordinator, url + "?nhap=1")
    cast.coordinator.agency = cast.bdt  # moved to another agency: no longer the round's reviewer
    cast.coordinator.save()
    assert client.get(reverse("rendering:rendered_file", args=[file.pk])).status_code == 404


HOLD_SLOTS = textwrap.dedent(
    """
    import os, sys
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "tonghop.settings"
    django.setup()
    from django.conf import settings
    from rendering.conversion_slots import conversion_slot
    settings.VAR_DIR = sys.argv[1]
    with conversion_slot(wait=0), conversion_slot(wait=0):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_conversions_are_bounded_across_processes(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.TONGHOP_MAX_PDF_CONVERSIONS = 2
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SLOTS, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(NoFreeSlot), conversion_slot(wait=0):
            pass
        if soffice_binary() is not None:
            with pytest.raises(PdfConversionError, match="Máy chủ đang bận chuyển"):
                docx_to_pdf(b"", timeout=0.3)
    finally:
        holder.kill()  # killed, not released: the kernel drops its locks
        holder.wait()
    with (
        conversion_slot(wait=0),
        conversion_slot(wait=0),
        pytest.raises(NoFreeSlot),
        conversion_slot(wait=0),
    ):
        pass


@pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) is not installed")
@BROWSER_MARKS
def test_a_pdf_made_in_the_background_through_the_browser(cast, report, live_server, browser):
    """The data is made before Playwright starts: its greenlet would open a second connection.
    The worker runs the queued PDF once the page shows its progress, while the page polls; a
    worker polling all along would share SQLite's one test connection with every page load."""
    page = login_in_browser(browser, live_server, cast.officer.username)
    page.goto(f"{live_server.url}{reverse('rounds:report_detail', args=[report.pk])}")
    page.click("text=PDF")
    page.wait_for_url(lambda url: "/tep/" in url)
    assert page.locator("h1").inner_text() == "Tệp PDF bao-cao-BDT-2023.pdf"
    run_tasks_beside_live_server(within=DEFAULT_TIMEOUT)
    link = page.get_by_role("button", name="Tải về bao-cao-BDT-2023.pdf")
    link.wait_for(timeout=60_000)  # htmx replaced the progress with the link
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF-") and download.value.suggested_filename == "bao-cao-BDT-2023.pdf"
