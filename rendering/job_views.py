"""Large exports asked for; the page of a file made in the background, its download once made."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from analytics.pivot import PivotChoice
from rendering.jobs import (
    is_export,
    page_url,
    readable_file,
    request_compilation_export,
    request_pivot_export,
    shown_status,
    source_url,
)
from rendering.models import RenderedFile
from rendering.views import download_response
from rounds.access import get_overseen_round


@login_required
def rendered_file(request: AuthenticatedRequest, file_id: uuid.UUID) -> HttpResponse:
    """Its status, refreshed by htmx (the status block alone) or a meta refresh without script."""
    file = readable_file(request.user, file_id)
    status, error = shown_status(file)
    context = {
        "file": file,
        "export": is_export(file),
        "status": status,
        "error": error,
        "finished": status in {RenderedFile.Status.DONE, RenderedFile.Status.FAILED},
        "again": source_url(file),
        "back": page_url(file),
    }
    template = (
        "rendering/job_status.html" if request.headers.get("HX-Request") else "rendering/job.html"
    )
    return render(request, template, context)


@login_required
def rendered_file_download(request: AuthenticatedRequest, file_id: uuid.UUID) -> HttpResponse:
    file = readable_file(request.user, file_id, with_data=True)
    if file.status != RenderedFile.Status.DONE or file.data is None:
        return redirect("rendering:rendered_file", file.pk)
    return download_response(bytes(file.data), file.filename)


@login_required
def compilation_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A round's compilation tables (analytics' page) to .xlsx by a task worker."""
    round_ = get_overseen_round(request.user, pk)
    file = request_compilation_export(request.user, round_, request.GET.get("nhap") == "1")
    return redirect("rendering:rendered_file", file.pk)


@login_required
def pivot_export(request: AuthenticatedRequest) -> HttpResponse:
    """The pivot's table (analytics' page) to .xlsx by a task worker; the question kept as read."""
    choice = PivotChoice.from_query(request.GET, default_year=timezone.now().year)
    file = request_pivot_export(request.user, choice.query())
    return redirect("rendering:rendered_file", file.pk)
