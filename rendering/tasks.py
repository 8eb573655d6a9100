"""Background tasks of the documents (django.tasks): a requested PDF or large export, made by a
worker process."""

from __future__ import annotations

from django.db.models.functions import Now
from django.tasks import task

from analytics.compilation import compile_round
from analytics.exports import compilation_tables, pivot_tables
from analytics.spreadsheets import to_xlsx
from rendering.models import ExportKind, RenderedFile
from rendering.output import DocumentKind, RenderError, render_report, render_round_document
from rounds.access import value_scope

UNEXPECTED = "Có lỗi không lường trước khi tạo tệp. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên hệ thống."


def _export(file: RenderedFile) -> bytes:
    """The tables of the page it was asked from, read with its requester's scope."""
    scope = value_scope(file.requested_by, include_drafts=file.include_drafts)
    if file.document == ExportKind.PIVOT:
        return to_xlsx(pivot_tables(file.query, scope))
    assert file.round is not None  # the model's check constraint: only the pivot has no round
    return to_xlsx(compilation_tables(compile_round(file.round, scope)))


def _render(file: RenderedFile) -> bytes:
    if file.document in ExportKind.values:
        return _export(file)
    if file.report is not None:
        return render_report(file.report, file.suffix)
    assert file.round is not None  # the model's check constraint: a report or a round
    return render_round_document(
        file.round, DocumentKind(file.document), file.suffix, include_drafts=file.include_drafts
    )


def _finish(file_id: str, status: RenderedFile.Status, **fields: object) -> None:
    RenderedFile.objects.filter(pk=file_id).update(status=status, finished_at=Now(), **fields)


@task()
def render_file(file_id: str) -> str:
    """Produce the bytes of a RenderedFile still queued; its status says how it went."""
    claimed = RenderedFile.objects.filter(pk=file_id, status=RenderedFile.Status.QUEUED).update(
        status=RenderedFile.Status.RUNNING, started_at=Now()
    )
    if not claimed:  # forgotten since, or already made by an earlier run of the same task
        return "skipped"
    file = RenderedFile.objects.select_related(
        "requested_by", "report__agency", "report__round__period", "round__period"
    ).get(pk=file_id)
    try:
        data = _render(file)
    except RenderError as error:
        _finish(file_id, RenderedFile.Status.FAILED, error=str(error))
        return RenderedFile.Status.FAILED.value
    except Exception:
        _finish(file_id, RenderedFile.Status.FAILED, error=UNEXPECTED)
        raise  # the task result keeps the traceback for the administrator
    _finish(file_id, RenderedFile.Status.DONE, data=data)
    return RenderedFile.Status.DONE.value
