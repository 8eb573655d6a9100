"""Downloads of the official documents, the drafted-text editor and the signature check."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from accounts.http import AuthenticatedRequest
from accounts.requests import client_ip
from rendering.actions import reset_drafted_text, save_drafted_text
from rendering.builders import drafted_templates, outline
from rendering.drafting import GLOBALS, SUFFIXES, Context, PlaceholderNames
from rendering.figures import document_figures
from rendering.forms import DraftedTextForm, SignedPdfForm
from rendering.jobs import request_report_pdf, request_round_pdf
from rendering.models import DraftedText
from rendering.output import (
    CONTENT_TYPES,
    DocumentKind,
    RenderError,
    render_report,
    render_round_document,
    report_filename,
    round_filename,
)
from rendering.signing import SigningError, verify_pdf
from rounds.access import (
    can_review,
    get_overseen_round,
    get_report_for_user,
    get_reviewable_round,
)

ROUND_FORMATS = {
    DocumentKind.COMPILED: {"docx", "pdf", "xlsx"},
    DocumentKind.REQUEST: {"docx", "pdf"},
}


def download_response(data: bytes, filename: str) -> HttpResponse:
    suffix = filename[filename.rfind(".") :]
    response = HttpResponse(data, content_type=CONTENT_TYPES[suffix])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _failed(request: HttpRequest, error: RenderError) -> HttpResponse:
    return render(request, "rendering/error.html", {"message": str(error)}, status=503)


@login_required
def report_document(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    """An agency's report as .docx, or its PDF made in the background (the page of the file).

    Whoever may read the report (404 otherwise).
    """
    report = get_report_for_user(request.user, pk)
    if fmt not in {"docx", "pdf"}:
        raise Http404("Không tìm thấy văn bản.")
    if fmt == "pdf":
        return redirect("rendering:rendered_file", request_report_pdf(request.user, report).pk)
    try:
        data = render_report(report, f".{fmt}")
    except RenderError as error:
        return _failed(request, error)
    return download_response(data, report_filename(report, f".{fmt}"))


@login_required
def round_document(request: AuthenticatedRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    """The compiled report, its annex workbook or the request dispatch of a round.

    A PDF is made in the background: the answer is the page that follows it.
    """
    round_ = get_overseen_round(request.user, pk)
    kind = next((k for k in ROUND_FORMATS if k.value == document), None)
    if kind is None or fmt not in ROUND_FORMATS[kind]:
        raise Http404("Không tìm thấy văn bản.")
    include_drafts = request.GET.get("nhap") == "1"
    if include_drafts and not can_review(request.user, round_):
        raise Http404("Không tìm thấy văn bản.")
    if fmt == "pdf":
        file = request_round_pdf(request.user, round_, kind, include_drafts)
        return redirect("rendering:rendered_file", file.pk)
    try:
        data = render_round_document(round_, kind, f".{fmt}", include_drafts=include_drafts)
    except RenderError as error:
        return _failed(request, error)
    return download_response(data, round_filename(round_, kind, f".{fmt}"))


@login_required
def drafted_texts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The coordinator rewords the compiled report's drafted texts; figures stay placeholders,
    shown and typed by their Vietnamese names."""
    round_ = get_reviewable_round(request.user, pk)
    sections = outline(round_)
    saved = {d.section_id: d for d in DraftedText.objects.filter(round=round_)}
    invalid: dict[int | None, DraftedTextForm] = {}
    if request.method == "POST":
        raw = request.POST.get("section", "")
        key = int(raw) if raw.isdigit() else None
        if raw and key not in {s.pk for s in sections}:
            raise Http404("Không tìm thấy mục.")
        if "reset" in request.POST:
            reset_drafted_text(round_, key, request.user, ip=client_ip(request))
            messages.success(request, "Đã khôi phục đoạn văn soạn tự động từ số liệu.")
            return redirect("rendering:drafted_texts", pk=round_.pk)
        drafted = saved.get(key) or DraftedText(round=round_, section_id=key)
        form = DraftedTextForm(request.POST, instance=drafted, names=drafted.placeholder_names())
        if form.is_valid():
            save_drafted_text(form.save(commit=False), request.user, ip=client_ip(request))
            messages.success(request, "Đã lưu đoạn văn.")
            return redirect("rendering:drafted_texts", pk=round_.pk)
        invalid[key] = form
    compilation = document_figures(round_)
    names = PlaceholderNames.of(compilation.indicators)
    context = Context.of(compilation, sections)
    texts = drafted_templates(compilation, sections, context)
    parts = [(None, "Phần mở đầu")] + [(s.pk, f"{s.label}. {s.title}") for s in sections]
    entries = [
        {
            "key": key,
            "label": label,
            "form": invalid.get(key)
            or DraftedTextForm(initial={"text": texts.get(key, "")}, names=names),
            "edited": key in saved,
            "preview": context.fill(texts.get(key, ""), key),
        }
        for key, label in parts
    ]
    meanings = dict(GLOBALS)
    for indicator in compilation.indicators:
        for suffix, meaning in SUFFIXES.items():
            code = f"{indicator.code}.{suffix}" if suffix else indicator.code
            meanings[code] = f"{indicator.name}: {meaning}"
    placeholders = [
        ("{{" + name + "}}", meanings[code], context.values.get(code, "(theo từng mục)"))
        for code, name in names.by_code.items()
    ]
    return render(
        request,
        "rendering/drafted_texts.html",
        {"round": round_, "entries": entries, "placeholders": placeholders},
    )


@login_required
def verify_signature(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a signed PDF and read whether its signatures hold, in Vietnamese."""
    form = SignedPdfForm(request.POST or None, request.FILES or None)
    checks, error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.TONGHOP_MAX_UPLOAD_BYTES:
            error = "Tệp quá lớn để kiểm tra."
        else:
            try:
                checks = verify_pdf(upload.read())
            except SigningError as failure:
                error = str(failure)
    return render(
        request, "rendering/verify.html", {"form": form, "checks": checks, "error": error}
    )
