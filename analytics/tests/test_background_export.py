"""A large .xlsx export is written by the task worker; the page follows it to the download.

"Large" is settings.TONGHOP_EXPORT_INLINE_ROWS rows (500: a national round's 1,360 agencies);
these tests lower it rather than build a thousand agencies. The worker is django-tasks-db's own
(tonghop.testing.run_queued_tasks), run in this process on the test database.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from accounts.testing import login_verified
from catalogue.models import Indicator
from rendering.models import ExportKind, RenderedFile
from rounds.models import ReportStatus
from rounds.testing import make_report, make_round, make_value
from tonghop.testing import committed, run_queued_tasks

pytestmark = pytest.mark.django_db
Status = RenderedFile.Status


@pytest.fixture
def round_(cast):
    """An accepted report and a submitted one (counted only with ?nhap=1)."""
    round_ = make_round(cast, 2023, ["leaflets"])
    make_value(
        "leaflets", cast.bdt, 43000, period=round_.period, report=make_report(round_, cast.bdt)
    )
    police = make_report(round_, cast.police, status=ReportStatus.SUBMITTED)
    make_value("leaflets", cast.police, 12, period=round_.period, report=police)
    return round_


def _cells(data: bytes) -> list[list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book]


def _follow(client, url: str) -> RenderedFile:
    """Ask for an export too large for the request: the page of its file, queued."""
    with committed():
        response = client.get(url, follow=True)
    file = RenderedFile.objects.get()
    assert response.redirect_chain[-1][0] == reverse("rendering:rendered_file", args=[file.pk])
    page = response.content.decode()
    assert "Tệp Excel" in page and "Đang tạo tệp Excel… Yêu cầu đang chờ đến lượt." in page
    return file


def test_a_large_compilation_export_is_made_by_the_worker_and_equals_the_inline_one(
    client, cast, round_, settings
):
    login_verified(client, cast.coordinator)
    url = reverse("analytics:compilation", args=[round_.pk]) + "?nhap=1&dinh-dang=xlsx"
    inline = client.get(url)
    assert inline["Content-Disposition"] == f'attachment; filename="tong-hop-dot-{round_.pk}.xlsx"'
    settings.TONGHOP_EXPORT_INLINE_ROWS = 1
    file = _follow(client, url)
    assert (file.document, file.round, file.include_drafts, file.filename) == (
        ExportKind.COMPILATION,
        round_,
        True,
        f"tong-hop-dot-{round_.pk}.xlsx",
    )
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "rendering.tasks.render_file"
    run_queued_tasks()
    file.refresh_from_db()
    assert file.status == Status.DONE and DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(reverse("rendering:rendered_file", args=[file.pk])).content.decode()
    assert "Đã tạo xong tệp Excel." in page and "hx-trigger" not in page
    assert f'href="{reverse("analytics:compilation", args=[round_.pk])}?nhap=1"' in page
    download = client.get(reverse("rendering:rendered_file_download", args=[file.pk]))
    assert download["Content-Type"].endswith("spreadsheetml.sheet")
    assert _cells(download.content) == _cells(inline.content)
    assert 12 in {c for sheet in _cells(download.content) for row in sheet for c in row}


def test_the_export_holds_what_its_requester_may_read(client, cast, round_, settings):
    """An officer's export of the same round counts only the officer's own agency."""
    settings.TONGHOP_EXPORT_INLINE_ROWS = 0
    login_verified(client, cast.officer)  # of BDT
    leaflets = Indicator.objects.get(code="leaflets").pk
    query = f"?chi-tieu={leaflets}&hang=agency&dot={round_.pk}&nhap=1&dinh-dang=xlsx"
    url = reverse("analytics:pivot") + query
    file = _follow(client, url)
    assert file.document == ExportKind.PIVOT and file.round is None and "dot=" in file.query
    run_queued_tasks()
    data = client.get(reverse("rendering:rendered_file_download", args=[file.pk])).content
    values = {c for sheet in _cells(data) for row in sheet for c in row}
    assert 43000 in values and 12 not in values
    # Nobody else follows the file, not even the coordinator who may read more.
    login_verified(client, cast.coordinator)
    assert client.get(reverse("rendering:rendered_file", args=[file.pk])).status_code == 404


def test_a_failed_export_says_so_in_vietnamese_and_offers_to_try_again(client, cast, settings):
    """A question that no longer reads (here, a year that is not one) fails in the worker."""
    login_verified(client, cast.viewer)
    with committed():
        response = client.get(reverse("rendering:pivot_export") + "?tu-nam=2023")
    file = RenderedFile.objects.get()
    assert response["Location"] == reverse("rendering:rendered_file", args=[file.pk])
    RenderedFile.objects.filter(pk=file.pk).update(query="tu-nam=hai-nghin")
    run_queued_tasks()
    file.refresh_from_db()
    assert file.status == Status.FAILED and file.data is None
    # The task result keeps the traceback for the administrator.
    assert "BadParameter: Tham số “tu-nam”" in DBTaskResult.objects.get().traceback
    status = client.get(
        reverse("rendering:rendered_file", args=[file.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert 'data-status="failed"' in status
    assert "Không tạo được tệp Excel. Có lỗi không lường trước khi tạo tệp." in status
    again = reverse("rendering:pivot_export") + "?tu-nam=hai-nghin"
    assert f'href="{again}">Thử lại' in status.replace("&amp;", "&")


def test_a_small_export_and_every_csv_stay_inline(client, cast, round_):
    login_verified(client, cast.coordinator)
    base = reverse("analytics:compilation", args=[round_.pk])
    assert client.get(base + "?dinh-dang=xlsx").status_code == 200
    assert client.get(base + "?dinh-dang=csv").status_code == 200
    assert not RenderedFile.objects.exists()
