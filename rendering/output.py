"""Bytes of a document in the format asked for: .docx, .pdf, or .xlsx for the annex tables."""

from __future__ import annotations

import enum

from rendering.builders import agency_report, annex_tables, compiled_report, request_dispatch
from rendering.docx_writer import render_docx
from rendering.figures import document_figures
from rendering.pdf import PdfConversionError, docx_to_pdf
from rendering.spec import DocumentSpec, Signer
from rendering.xlsx import annex_workbook
from rounds.models import Report, Round

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class DocumentKind(enum.Enum):
    AGENCY_REPORT = "bao-cao"
    COMPILED = "bao-cao-tong-hop"
    REQUEST = "cong-van-de-nghi"


class RenderError(Exception):
    """A document that cannot be produced, with a Vietnamese message for the user."""


def _check_format(suffix: str, allowed: tuple[str, ...]) -> str:
    suffix = suffix.lower()
    if suffix not in allowed:
        shown = f"“{suffix}”" if suffix else "không có đuôi"
        raise RenderError(
            f"Không hỗ trợ định dạng tệp {shown} cho văn bản này; hãy dùng {', '.join(allowed)}."
        )
    return suffix


def render_spec(spec: DocumentSpec, suffix: str) -> bytes:
    """The .docx of a spec, or its PDF through LibreOffice."""
    data = render_docx(spec)
    if suffix == ".pdf":
        try:
            return docx_to_pdf(data)
        except PdfConversionError as error:
            raise RenderError(str(error)) from error
    return data


def render_report(report: Report, suffix: str) -> bytes:
    suffix = _check_format(suffix, (".docx", ".pdf"))
    return render_spec(agency_report(report), suffix)


def render_round_document(
    round_: Round,
    kind: DocumentKind,
    suffix: str,
    include_drafts: bool = False,
    signer: Signer | None = None,
) -> bytes:
    """The compiled report (its annex tables as .xlsx) or the request dispatch of a round."""
    if kind is DocumentKind.REQUEST:
        suffix = _check_format(suffix, (".docx", ".pdf"))
        return render_spec(request_dispatch(round_, signer), suffix)
    suffix = _check_format(suffix, (".docx", ".pdf", ".xlsx"))
    compilation = document_figures(round_, include_drafts)
    if suffix == ".xlsx":
        return annex_workbook(annex_tables(compilation))
    return render_spec(compiled_report(round_, include_drafts, signer, compilation), suffix)


def report_filename(report: Report, suffix: str) -> str:
    return f"bao-cao-{report.agency.code}-{report.round.period.year}{suffix}"


def round_filename(round_: Round, kind: DocumentKind, suffix: str) -> str:
    return f"{kind.value}-{round_.period.year}-{round_.pk}{suffix}"
