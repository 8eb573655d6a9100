"""The coordinator's page for a round document's number, date, signer and recipients, and its issue."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from accounts.requests import client_ip
from lib.vnformat import format_place_date, format_symbol_line
from rendering.actions import ISSUE_FIELDS, save_issued_document
from rendering.builders import issue_date, parse_signer
from rendering.docx_writer.signature import recipient_lines
from rendering.figures import round_province
from rendering.models import IssuedDocument, RoundDocument
from rendering.spec import DocumentSpec
from rounds.access import get_reviewable_round
from rounds.models import Round


class IssuedDocumentForm(forms.ModelForm):
    """The record's fields; the recipients one a line, without the "Lưu" line."""

    recipients = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một nơi nhận; dòng “Lưu: VT, ...” được in từ đơn vị soạn thảo.",
    )

    class Meta:
        model = IssuedDocument
        fields = ISSUE_FIELDS
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "signer_title": forms.TextInput(attrs={"list": "signer-titles"}),
            "signer_name": forms.TextInput(attrs={"list": "signer-names"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["recipients"] = "\n".join(self.instance.recipients)

    def clean_recipients(self) -> list[str]:
        return [line for line in self.cleaned_data["recipients"].splitlines() if line.strip()]


def _preview(round_: Round, issued: IssuedDocument) -> dict:
    """The header and footer lines as the document prints them."""
    spec = DocumentSpec(
        agency=round_.coordinator.name,
        symbol=issued.symbol,
        place=round_province(round_).name,
        signer=parse_signer(issued.signer_title, issued.signer_name),
        number=issued.number or None,
        date=issue_date(round_, issued.issued_on),
        recipients=tuple(issued.recipients),
        archive_unit=issued.archive_unit,
    )
    when = spec.date
    return {
        "number": format_symbol_line(spec.number, spec.symbol),
        "place_date": format_place_date(spec.place, year=when.year, month=when.month, day=when.day),
        "recipients": recipient_lines(spec),
        "signer": spec.signer.title_lines(),
        "signer_name": spec.signer.name,
    }


@login_required
def issuance(request: AuthenticatedRequest, pk: int, document: str) -> HttpResponse:
    """Number, date, signer and recipients of the compiled report or the request dispatch."""
    round_ = get_reviewable_round(request.user, pk)
    if document not in RoundDocument.values:
        raise Http404("Không tìm thấy văn bản.")
    kind = RoundDocument(document)
    issued = IssuedDocument.of(round_, kind)
    form = IssuedDocumentForm(request.POST or None, instance=issued)
    if issued.is_issued:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if issued.is_issued:
            messages.error(request, "Văn bản đã ban hành, không sửa được nữa.")
            return redirect("rendering:issuance", pk=round_.pk, document=kind.value)
        if form.is_valid():
            issue = "issue" in request.POST
            try:
                save_issued_document(
                    form.save(commit=False), request.user, issue=issue, ip=client_ip(request)
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã ban hành văn bản." if issue else "Đã lưu.")
                return redirect("rendering:issuance", pk=round_.pk, document=kind.value)
    # A bound form has written its (maybe rejected) input into `issued`: show what is stored.
    shown = IssuedDocument.of(round_, kind) if form.is_bound else issued
    return render(
        request,
        "rendering/issuance.html",
        {
            "round": round_,
            "kind": kind,
            "issued": shown,
            "stored": shown.pk is not None,
            "form": form,
            "preview": _preview(round_, shown),
            "signers": round_.coordinator.signers.all(),
        },
    )
