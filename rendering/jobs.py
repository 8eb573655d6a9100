"""PDFs and large exports made off the request path: ask for one, follow it, read it back.

A request creates a RenderedFile and enqueues rendering.tasks.render_file; the page of the file
follows its status until the bytes are there. Only the user who asked, and only while that user
may still read the document (rounds.access), sees the file; after
settings.TONGHOP_RENDERED_FILE_HOURS it is forgotten. An export holds what the user's own scope
read (rounds.access.value_scope) when it was made, as the page it was asked from shows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from analytics.exports import PIVOT_NAME, compilation_name
from rendering.models import ExportKind, RenderedFile
from rendering.output import DocumentKind, report_filename, round_filename
from rendering.pdf import DEFAULT_TIMEOUT
from rendering.tasks import render_file
from rounds.access import can_review, get_overseen_round, get_report_for_user
from rounds.models import Report, Round

# A conversion that started longer ago than this was cut off (a worker stopped mid-way).
STALLED_AFTER = dt.timedelta(seconds=3 * DEFAULT_TIMEOUT)
STALLED = "Việc tạo tệp bị gián đoạn (máy chủ có thể đã khởi động lại). Hãy bấm “Thử lại”."


def _cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=settings.TONGHOP_RENDERED_FILE_HOURS)


def forget_expired() -> int:
    """Delete the files asked for longer ago than the retention; how many were deleted."""
    deleted, _ = RenderedFile.objects.filter(requested_at__lt=_cutoff()).delete()
    return deleted


def _request(user: User, filename: str, **document: object) -> RenderedFile:
    """The queued file of the same document for this user, or a new one with its task enqueued.

    The task is enqueued once the file's row is committed: a worker of another process (RQ's on
    Redis) may start it at once and must find the row.
    """
    forget_expired()
    with transaction.atomic():
        waiting = RenderedFile.objects.filter(
            requested_by=user, status=RenderedFile.Status.QUEUED, **document
        ).first()
        if waiting is not None:  # a second click before the first was started
            return waiting
        file = RenderedFile.objects.create(requested_by=user, filename=filename, **document)
        transaction.on_commit(partial(render_file.enqueue, str(file.pk)))
    return file


def request_report_pdf(user: User, report: Report) -> RenderedFile:
    return _request(
        user,
        report_filename(report, ".pdf"),
        document=DocumentKind.AGENCY_REPORT.value,
        report=report,
        round=None,
        include_drafts=False,
    )


def request_round_pdf(
    user: User, round_: Round, kind: DocumentKind, include_drafts: bool
) -> RenderedFile:
    return _request(
        user,
        round_filename(round_, kind, ".pdf"),
        document=kind.value,
        report=None,
        round=round_,
        include_drafts=include_drafts,
    )


def request_compilation_export(user: User, round_: Round, include_drafts: bool) -> RenderedFile:
    return _request(
        user,
        f"{compilation_name(round_)}.xlsx",
        document=ExportKind.COMPILATION.value,
        report=None,
        round=round_,
        include_drafts=include_drafts,
        suffix=".xlsx",
    )


def request_pivot_export(user: User, query: str) -> RenderedFile:
    """query: the pivot's question as PivotChoice.query writes it."""
    return _request(
        user,
        f"{PIVOT_NAME}.xlsx",
        document=ExportKind.PIVOT.value,
        report=None,
        round=None,
        query=query,
        suffix=".xlsx",
    )


def readable_file(user: User, file_id: uuid.UUID, with_data: bool = False) -> RenderedFile:
    """The user's own unexpired file whose document the user may still read; Http404 otherwise."""
    files = RenderedFile.objects.filter(requested_by=user, requested_at__gte=_cutoff())
    file = (files if with_data else files.defer("data")).filter(pk=file_id).first()
    if file is None:
        raise Http404("Không tìm thấy tệp.")
    if file.report_id is not None:
        get_report_for_user(user, file.report_id)
    elif file.round_id is not None:
        round_ = get_overseen_round(user, file.round_id)
        # A round's documents count what its coordinator reads; an export, the user's own scope.
        if file.include_drafts and not is_export(file) and not can_review(user, round_):
            raise Http404("Không tìm thấy tệp.")
    return file


def is_export(file: RenderedFile) -> bool:
    return file.document in ExportKind.values


def shown_status(file: RenderedFile) -> tuple[str, str]:
    """The status to show and its error: a run cut off long ago shows as failed."""
    stalled = (
        file.status == RenderedFile.Status.RUNNING
        and file.started_at is not None
        and file.started_at < timezone.now() - STALLED_AFTER
    )
    if stalled:
        return RenderedFile.Status.FAILED.value, STALLED
    return file.status, file.error


def page_url(file: RenderedFile) -> str:
    """The page the file was asked from."""
    if file.document == ExportKind.PIVOT:
        return f"{reverse('analytics:pivot')}?{file.query}"
    if file.document == ExportKind.COMPILATION:
        url = reverse("analytics:compilation", args=[file.round_id])
        return url + "?nhap=1" if file.include_drafts else url
    if file.report_id is not None:
        return reverse("rounds:report_detail", args=[file.report_id])
    return reverse("rounds:round_detail", args=[file.round_id])


def source_url(file: RenderedFile) -> str:
    """The address that asks for the same document again."""
    if file.document == ExportKind.PIVOT:
        return f"{reverse('rendering:pivot_export')}?{file.query}"
    if file.document == ExportKind.COMPILATION:
        url = reverse("rendering:compilation_export", args=[file.round_id])
    elif file.report_id is not None:
        return reverse("rendering:report_document", args=[file.report_id, "pdf"])
    else:
        url = reverse("rendering:round_document", args=[file.round_id, file.document, "pdf"])
    return url + "?nhap=1" if file.include_drafts else url
