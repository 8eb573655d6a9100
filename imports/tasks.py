"""Background task of the imports (django.tasks): an uploaded document read by a worker process.

imports.actions.queue_import keeps the upload's bytes (PendingFile) beside a queued
ImportedDocument and enqueues read_document. The worker reads the bytes in the sandbox and, in
one transaction, stores the masked text and figures and deletes the bytes; or it stores the
Vietnamese reason it could not read them, no figure, and keeps the bytes for "Thử lại".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Now
from django.tasks import task
from django.utils import timezone

from audit.log import Change, record, scope_of
from catalogue.defaults import default_indicators
from catalogue.models import IndicatorSynonym
from imports.extraction import ExtractionError
from imports.extraction.privacy import mask_strings, redact
from imports.extraction.sandbox import Limits, extract_isolated
from imports.models import ImportedDocument, ImportStatus, PendingFile

REDACTION_NOTICE = (
    "Đã che {count} đoạn có thể là dữ liệu cá nhân (họ tên, số giấy tờ, ngày sinh, nơi cư trú) "
    "trong nội dung được lưu lại; tệp gốc không được lưu trên hệ thống."
)
UNEXPECTED = (
    "Có lỗi không lường trước khi đọc tệp. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên "
    "hệ thống."
)
GONE = "Không còn tệp để đọc; hãy tải tệp lên lần nữa."


@dataclass(frozen=True)
class Reading:
    """What is kept of a document read: its masked text, figures and metadata, the warnings,
    how many passages were masked, and the OCR's summary for a scan (else None)."""

    text: str
    figures: list[dict]
    metadata: dict
    warnings: list[str]
    redacted: int
    ocr: dict | None


def learned_synonyms() -> dict[str, str]:
    """Phrases added by administrators or remembered from officers' mappings (phrase -> code).

    The default catalogue's own phrases are left out: the extractor knows them already and
    counts a phrase passed here as an officer's word.
    """
    defaults = {
        (phrase.lower(), ind["code"])
        for ind in default_indicators()
        for phrase in [ind["name"], *ind["synonyms"]]
    }
    return {
        phrase: code
        for phrase, code in IndicatorSynonym.objects.values_list("phrase", "indicator__code")
        if (phrase.lower(), code) not in defaults
    }


def _masked(value, masked: list[str]):
    if isinstance(value, str):
        return mask_strings(value, masked)
    if isinstance(value, list):
        return [_masked(v, masked) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v, masked) for k, v in value.items()}
    return value


def reading_limits() -> Limits:
    return Limits(
        seconds=settings.TONGHOP_EXTRACT_SECONDS,
        memory_bytes=settings.TONGHOP_EXTRACT_MEMORY_MB * 1024 * 1024,
    )


def read(data: bytes, name: str) -> Reading:
    """Read a document's bytes in the sandbox and mask its personal data.

    Raises ExtractionError (a Vietnamese message) on any unreadable file.
    """
    flat, result = extract_isolated(data, name, learned_synonyms(), reading_limits())
    shown, masked = redact(flat)
    figures = [
        {**_masked(fig, masked), "quote": " ".join(shown[fig["start"] : fig["end"]].split())}
        for fig in result.pop("figures")
    ]
    warnings = result.pop("warnings")
    ocr = result.pop("ocr", None)
    if masked:
        warnings.append(REDACTION_NOTICE.format(count=len(masked)))
    return Reading(shown, figures, _masked(result, masked), warnings, len(masked), ocr)


def _finish(document_id: int, changes: list[Change], **fields: object) -> bool:
    """Store a read's outcome on the document still running, with its audit record; False when
    it was deleted or put back in the queue meanwhile."""
    with transaction.atomic():
        document = (
            ImportedDocument.objects.select_for_update(of=("self",))  # uploaded_by is nullable
            .select_related("report", "uploaded_by")
            .filter(pk=document_id, status=ImportStatus.RUNNING)
            .first()
        )
        if document is None:
            return False
        for name, value in fields.items():
            setattr(document, name, value)
        document.finished_at = timezone.now()
        document.save()
        if document.status == ImportStatus.EXTRACTED:
            PendingFile.objects.filter(document=document).delete()
        record(
            document.uploaded_by,
            "import_read",
            document,
            scope=scope_of(document.report),
            label=f"Văn bản tải lên: {document.file_name}",
            changes=changes,
        )
    return True


def _fail(document_id: int, reason: str) -> None:
    _finish(
        document_id,
        [Change("lý do không đọc được", "", reason)],
        status=ImportStatus.FAILED,
        error=reason,
    )


@task()
def read_document(document_id: int) -> str:
    """Read a queued document's file; its status then says how it went."""
    claimed = ImportedDocument.objects.filter(pk=document_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=Now(), finished_at=None, error=""
    )
    if not claimed:  # discarded since, or read by an earlier run
        return "skipped"
    pending = PendingFile.objects.select_related("document").filter(document=document_id).first()
    if pending is None:
        _fail(document_id, GONE)
        return ImportStatus.FAILED.value
    try:
        reading = read(bytes(pending.data), pending.document.file_name)
    except ExtractionError as error:
        _fail(document_id, str(error))
        return ImportStatus.FAILED.value
    except Exception:
        _fail(document_id, UNEXPECTED)
        raise  # the task result keeps the traceback for the administrator
    _finish(
        document_id,
        [Change("số liệu tìm thấy", "", str(len(reading.figures)))],
        status=ImportStatus.EXTRACTED,
        text=reading.text,
        figures=reading.figures,
        metadata=reading.metadata,
        warnings=reading.warnings,
        redacted=reading.redacted,
        ocr=reading.ocr,
    )
    return ImportStatus.EXTRACTED.value
