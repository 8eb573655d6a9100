"""The .xlsx entry pages: the .xlsx template of a report's sheet and the upload that stores it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from accounts.requests import client_ip
from imports.forms import WorkbookForm
from imports.xlsx_entry import build_template, import_workbook, template_name
from lib.cells import XLSX_TYPE
from rounds.access import get_editable_report
from rounds.actions import VersionConflict, WorkflowError
from rounds.models import Report
from rounds.sheet import build_sheet


def _refuse_if_not_editable(request: HttpRequest, report: Report) -> HttpResponse | None:
    if report.is_editable:
        return None
    messages.warning(
        request,
        f"Báo cáo đang ở trạng thái «{report.get_status_display()}», không nhập thêm số liệu được.",
    )
    return redirect("rounds:report_detail", pk=report.pk)


@login_required
def template_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_editable_report(request.user, pk)
    if refused := _refuse_if_not_editable(request, report):
        return refused
    response = HttpResponse(build_template(build_sheet(report)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{template_name(report)}"'
    return response


@login_required
def upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The agency's officer uploads the filled template; all rows are stored or none."""
    report = get_editable_report(request.user, pk)
    if refused := _refuse_if_not_editable(request, report):
        return refused
    form = WorkbookForm(request.POST, request.FILES) if request.method == "POST" else WorkbookForm()
    problem: WorkflowError | None = None
    conflict, status = False, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                import_workbook(
                    report, request.user, form.cleaned_data["file"], ip=client_ip(request)
                )
            except VersionConflict as error:
                problem, conflict, status = error, True, 409
            except WorkflowError as error:
                problem = error
            else:
                messages.success(request, "Đã lưu số liệu từ tệp vào bản nháp báo cáo.")
                return redirect("rounds:report_detail", pk=report.pk)
    context = {"report": report, "form": form, "problem": problem, "conflict": conflict}
    return render(request, "imports/xlsx_entry.html", context, status=status)
