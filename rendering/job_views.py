"""The page of a PDF made in the background, and its download once made."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.http import AuthenticatedRequest
from rendering.jobs import readable_file, shown_status, source_url
from rendering.models import RenderedFile
from rendering.views import download_response


@login_required
def rendered_file(request: AuthenticatedRequest, file_id: uuid.UUID) -> HttpResponse:
    """Its status, refreshed by htmx (the status block alone) or a meta refresh without script."""
    file = readable_file(request.user, file_id)
    status, error = shown_status(file)
    back = (
        reverse("rounds:report_detail", args=[file.report_id])
        if file.report_id is not None
        else reverse("rounds:round_detail", args=[file.round_id])
    )
    context = {
        "file": file,
        "status": status,
        "error": error,
        "finished": status in {RenderedFile.Status.DONE, RenderedFile.Status.FAILED},
        "again": source_url(file),
        "back": back,
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
