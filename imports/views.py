"""Upload an agency's report document, follow its reading, review what was read, confirm it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.requests import client_ip
from imports import actions
from imports.extraction import ExtractionError
from imports.forms import ConfirmForm, UploadForm
from imports.models import LOW_OCR_CONFIDENCE, FigurePage, ImportedDocument, ImportStatus
from lib.params import BadParameter, identifier
from rounds.access import can_edit_report, get_editable_report, upload_reports_for_user
from rounds.actions import VersionConflict, WorkflowError
from rounds.sheet import build_sheet


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _visible_document(request: AuthenticatedRequest, pk: int) -> ImportedDocument:
    reports = upload_reports_for_user(request.user)
    documents = ImportedDocument.objects.filter(report__in=reports).select_related(
        "report", "report__round", "report__round__period", "report__agency", "uploaded_by"
    )
    return get_object_or_404(documents, pk=pk)


def _own_document(request: AuthenticatedRequest, pk: int) -> ImportedDocument:
    document = _visible_document(request, pk)
    if not can_edit_report(request.user, document.report):
        raise Http404("Không tìm thấy văn bản.")
    return document


@login_required
def upload(request: AuthenticatedRequest, report_pk: int) -> HttpResponse:
    """The agency's officer uploads a report file; it is queued for reading and the officer
    follows it on the document's page. An empty or too large file is refused and not kept."""
    report = get_editable_report(request.user, report_pk)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                document = actions.queue_import(
                    report, request.user, form.cleaned_data["file"], ip=client_ip(request)
                )
            except ExtractionError as error:
                form.add_error("file", str(error))
            except WorkflowError as error:
                form.add_error(None, error.message)
            else:
                target = reverse("imports:review", args=[document.pk])
                if _is_htmx(request):
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return redirect(target)
        if _is_htmx(request):
            return render(
                request,
                "imports/_upload_form.html",
                {"report": report, "form": form},
                status=status,
            )
    context = {"report": report, "form": form, "documents": report.imported_documents.all()}
    return render(request, "imports/upload.html", context, status=status)


def _page(document: ImportedDocument, name: str, value: str | None) -> FigurePage:
    """Review page `value` of the document (the first when none is given); 400 beyond its pages."""
    number = identifier(name, value) or 1
    if number > document.page_count:
        raise BadParameter(
            f"Tham số “{name}” phải là số trang từ 1 đến {document.page_count}: "
            f"văn bản có {document.page_count} trang số liệu."
        )
    return document.page(number)


def _render_review(request, document, form, problem=None, status=200) -> HttpResponse:
    report = document.report
    context = {
        "document": document,
        "report": report,
        "form": form,
        "page": form.page,
        "segments": document.segments(form.page),
        "problem": problem,
        "can_confirm": (
            can_edit_report(request.user, report)
            and report.is_editable
            and not document.is_confirmed
        ),
        "can_discard": can_edit_report(request.user, report),
        "low_ocr": LOW_OCR_CONFIDENCE,
    }
    return render(request, "imports/review.html", context, status=status)


def _reading(request: AuthenticatedRequest, document: ImportedDocument) -> HttpResponse:
    """A document not read yet: its status, which htmx polls (the status block alone) or a meta
    refresh without script, until the review takes its place; why it failed, and "Thử lại"."""
    status, error = document.shown_status()
    can_edit = can_edit_report(request.user, document.report)
    context = {
        "document": document,
        "report": document.report,
        "status": status,
        "error": error,
        "finished": status == ImportStatus.FAILED,
        "can_edit": can_edit,
        "can_retry": can_edit and document.can_retry,
    }
    template = "imports/_reading_status.html" if _is_htmx(request) else "imports/reading.html"
    return render(request, template, context)


@login_required
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The source text with every figure marked, beside the figures to correct and confirm;
    while the document is being read, its progress."""
    document = _visible_document(request, pk)
    if not document.is_read:
        return _reading(request, document)
    if _is_htmx(request):  # the progress page's poll: the review replaces the whole page
        return HttpResponse(status=204, headers={"HX-Redirect": request.get_full_path()})
    form = ConfirmForm(
        document,
        build_sheet(document.report),
        initial={"version": document.report.version},
        page=_page(document, "trang", request.GET.get("trang")),
    )
    return _render_review(request, document, form)


@require_POST
@login_required
def choose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Keep this page's choices and open another page of the review."""
    document = _own_document(request, pk)
    if not document.is_read:
        return redirect("imports:review", pk=document.pk)
    page = _page(document, "trang", request.POST.get("trang"))
    target = _page(document, "den_trang", request.POST.get("den_trang"))
    form = ConfirmForm(document, build_sheet(document.report), data=request.POST, page=page)
    form.is_valid()
    if any(name != "__all__" for name in form.errors):  # this page's fields, shown in place
        return _render_review(request, document, form, status=400)
    try:
        actions.save_review_choices(
            document, request.user, form.page_choices(), ip=client_ip(request)
        )
    except WorkflowError as error:
        return _render_review(request, document, form, error, status=400)
    return redirect(f"{reverse('imports:review', args=[document.pk])}?trang={target.number}")


@require_POST
@login_required
def confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = _own_document(request, pk)
    if not document.is_read:
        return redirect("imports:review", pk=document.pk)
    page = _page(document, "trang", request.POST.get("trang"))
    form = ConfirmForm(document, build_sheet(document.report), data=request.POST, page=page)
    if not form.is_valid():
        return _render_review(request, document, form, status=400)
    try:
        report = actions.confirm_import(
            document,
            request.user,
            form.entries,
            version=form.cleaned_data["version"],
            kept=form.kept,
            ip=client_ip(request),
        )
    except VersionConflict as error:
        document.report.refresh_from_db()
        form = form.rebased(build_sheet(document.report))
        if form.unticked:
            actions.save_review_choices(
                document, request.user, form.unticked, ip=client_ip(request)
            )
        return _render_review(request, document, form, error, status=409)
    except WorkflowError as error:
        return _render_review(request, document, form, error, status=400)
    figures = sum(len(entry.figures) for entry in form.entries)
    pages = f" ({figures} số liệu trích xuất trên cả {page.count} trang)" if page.count > 1 else ""
    messages.success(
        request,
        f"Đã đưa {len(form.entries)} số liệu từ tệp {document.file_name}{pages} vào bản nháp "
        f"báo cáo. {form.count.done()}.",
    )
    return redirect("rounds:report_detail", pk=report.pk)


@require_POST
@login_required
def discard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = _own_document(request, pk)
    actions.discard_import(document, request.user, ip=client_ip(request))
    messages.success(request, f"Đã xóa nội dung lưu lại của tệp {document.file_name}.")
    return redirect("imports:upload", report_pk=document.report_id)


@require_POST
@login_required
def retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Read again a document that could not be read; its page follows the new reading."""
    document = _own_document(request, pk)
    try:
        actions.retry_import(document, request.user, ip=client_ip(request))
    except WorkflowError as error:
        messages.error(request, error.message)
    return redirect("imports:review", pk=document.pk)
