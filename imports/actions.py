"""Importing an agency's report document: queue it for reading, review, confirm its figures.

Each write runs in one transaction with its audit records; the reading itself is the
background task imports.tasks.read_document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.log import Change, record, scope_of
from catalogue.models import Indicator, IndicatorSynonym
from datavalues.models import Source
from imports.extraction import ExtractionError
from imports.extraction.indicators import noun_phrase
from imports.extraction.safety import refused_as_extraction_error
from imports.models import ImportedDocument, ImportStatus, PendingFile
from imports.overwrite import Proposal, count_changes
from imports.tasks import read_document
from lib.uploads import check_size
from rounds.access import can_edit_report
from rounds.actions import CellInput, Draft, WorkflowError, save_draft
from rounds.models import Report
from rounds.sheet import CellKey, build_sheet


@dataclass(frozen=True)
class Entry:
    """One cell to fill: from which extracted figures (added up), with what value."""

    figures: tuple[int, ...]
    cell: CellKey
    value: Decimal
    qualifier: str
    qualifier_word: str = ""  # as the document wrote it ("hơn"); blank for the kind's default


@refused_as_extraction_error()
def _read(upload: UploadedFile) -> bytes:
    check_size(upload.size or 0, settings.TONGHOP_MAX_UPLOAD_BYTES)
    try:
        return b"".join(upload.chunks())
    except MemoryError:
        raise ExtractionError("Tệp quá lớn để xử lý trong bộ nhớ.") from None


def _enqueue_on_commit(document: ImportedDocument) -> None:
    # After the commit: a Redis queue's worker may start before the transaction ends, and
    # would not find the document yet. A task lost meanwhile shows as stalled (is_stalled).
    transaction.on_commit(partial(read_document.enqueue, document.pk))


def queue_import(
    report: Report, by: User, upload: UploadedFile, *, ip: str | None = None
) -> ImportedDocument:
    """Keep an uploaded report's bytes until a worker reads them (imports.tasks.read_document).

    Raises ExtractionError (a Vietnamese message) for an empty or too large file, before
    anything is stored.
    """
    if not can_edit_report(by, report):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được nhập văn bản vào báo cáo.")
    if not report.is_editable:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{report.get_status_display()}», không nhập thêm được."
        )
    data = _read(upload)
    name = (upload.name or "tệp không tên")[:255]
    with transaction.atomic():
        document = ImportedDocument.objects.create(
            report=report,
            uploaded_by=by,
            file_name=name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            status=ImportStatus.QUEUED,
            queued_at=timezone.now(),
        )
        PendingFile.objects.create(document=document, data=data)
        record(
            by,
            "import",
            document,
            scope=scope_of(report),
            label=f"Văn bản tải lên: {name}",
            changes=[Change("trạng thái", "", ImportStatus.QUEUED.label)],
            ip=ip,
        )
        _enqueue_on_commit(document)
    return document


def retry_import(document: ImportedDocument, by: User, *, ip: str | None = None) -> None:
    """Put a document that could not be read (or whose read was cut off) back in the queue."""
    if not can_edit_report(by, document.report):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được đọc lại văn bản.")
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if not locked.can_retry:
            raise WorkflowError("Văn bản này không cần đọc lại.")
        before = locked.get_status_display()
        locked.status = ImportStatus.QUEUED
        locked.queued_at = timezone.now()
        locked.started_at = locked.finished_at = None
        locked.error = ""
        locked.save()
        record(
            by,
            "import_retry",
            locked,
            scope=scope_of(document.report),
            label=f"Văn bản tải lên: {locked.file_name}",
            changes=[Change("trạng thái", before, locked.get_status_display())],
            ip=ip,
        )
        _enqueue_on_commit(locked)


def _imported(document: ImportedDocument, entry: Entry) -> CellInput:
    """The entry's value with the passages it was read from."""
    parts = [document.figures[i] for i in entry.figures]
    return CellInput(
        entry.value,
        entry.qualifier,
        Source.IMPORTED,
        source_file=document.file_name,
        source_quote=" … ".join(part["quote"] for part in parts),
        source_start=min(part["start"] for part in parts),
        source_end=max(part["end"] for part in parts),
        qualifier_word=entry.qualifier_word,
    )


def _remember_mappings(
    document: ImportedDocument, entries: list[Entry], by: User, ip: str | None
) -> None:
    """An officer's choice of indicator, where the extractor chose another or none, is kept
    as a synonym of the counted noun phrase, so the next document maps it by itself."""
    ids = {entry.cell[0] for entry in entries}
    codes = dict(Indicator.objects.filter(pk__in=ids).values_list("pk", "code"))
    for entry in entries:
        for figure in (document.figures[i] for i in entry.figures):
            _remember(document, figure, entry.cell[0], codes[entry.cell[0]], by, ip)


def _remember(
    document: ImportedDocument,
    figure: dict,
    indicator_id: int,
    code: str,
    by: User,
    ip: str | None,
) -> None:
    phrase = noun_phrase(figure["what"]).lower()[:200]
    if not phrase or figure["indicator"] == code:
        return
    synonym, created = IndicatorSynonym.objects.get_or_create(
        indicator_id=indicator_id, phrase=phrase
    )
    if created:
        record(
            by,
            "synonym",
            synonym.indicator,
            changes=[Change("cách gọi khác", "", phrase)],
            comment=f"Ghi nhớ khi nhập văn bản {document.file_name}",
            ip=ip,
        )


def _check_reviewable(document: ImportedDocument) -> None:
    if document.is_confirmed:
        raise WorkflowError("Số liệu của văn bản này đã được đưa vào báo cáo.")
    if not document.is_read:
        raise WorkflowError("Văn bản chưa đọc xong, chưa có số liệu để xác nhận.")


def confirm_import(
    document: ImportedDocument,
    by: User,
    entries: list[Entry],
    *,
    version: int,
    kept: Collection[CellKey] = (),
    ip: str | None = None,
) -> Report:
    """Enter the confirmed figures into the report as a draft, with their provenance.

    `kept` are the corrected cells the officer chose not to replace; the history counts them
    beside the values that changed.
    """
    if not entries:
        raise WorkflowError("Chưa chọn số liệu nào để đưa vào báo cáo.")
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        _check_reviewable(locked)
        # Counted before the write; save_draft's version check keeps it true at the write.
        count = count_changes(
            build_sheet(locked.report),
            {entry.cell: Proposal(entry.value, entry.qualifier) for entry in entries},
            kept,
        )
        draft = Draft(
            values={entry.cell: _imported(locked, entry) for entry in entries},
            note=f"Nhập từ văn bản {locked.file_name}",
        )
        report = save_draft(locked.report, by, draft, version=version, ip=ip)
        _remember_mappings(locked, entries, by, ip)
        locked.status = ImportStatus.CONFIRMED
        locked.confirmed_by = by
        locked.confirmed_at = timezone.now()
        locked.save()
        record(
            by,
            "import_confirm",
            locked,
            scope=scope_of(report),
            label=f"Văn bản tải lên: {locked.file_name}",
            changes=[
                Change("số liệu đưa vào báo cáo", "", str(len(entries))),
                Change("số liệu thay đổi", "", str(count.changed)),
                Change("số liệu đã sửa được giữ nguyên", "", str(count.kept)),
            ],
            comment=count.done(),
            ip=ip,
        )
    return report


def save_review_choices(
    document: ImportedDocument,
    by: User,
    choices: Mapping[int, Mapping[str, object]],
    *,
    ip: str | None = None,
) -> None:
    """Keep what the officer chose on a review page (figure index -> include, value, qualifier,
    cell as posted) until the confirmation, which reads them for the pages not on screen."""
    if not can_edit_report(by, document.report):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được chọn số liệu cần nhập.")
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        _check_reviewable(locked)
        locked.choices = {**locked.choices, **{str(i): dict(c) for i, c in choices.items()}}
        locked.save(update_fields=["choices"])
        record(
            by,
            "import_choices",
            locked,
            scope=scope_of(locked.report),
            label=f"Văn bản tải lên: {locked.file_name}",
            changes=[Change("số liệu đã xem lại", "", str(len(locked.choices)))],
            ip=ip,
        )
    document.choices = locked.choices


def discard_import(document: ImportedDocument, by: User, *, ip: str | None = None) -> None:
    """Delete what was kept of an uploaded document; values already entered keep their quote."""
    if not can_edit_report(by, document.report):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được xóa văn bản đã tải lên.")
    with transaction.atomic():
        record(
            by,
            "import_delete",
            document,
            scope=scope_of(document.report),
            label=f"Văn bản tải lên: {document.file_name}",
            changes=[Change("văn bản", document.file_name, "")],
            ip=ip,
        )
        document.delete()
