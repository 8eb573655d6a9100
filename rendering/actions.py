"""Writes of the rendering app: the coordinator's wording and issue records, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.log import Change, record, scope_of
from rendering.models import DraftedText, IssuedDocument, RoundDocument
from rounds.models import Round

ALREADY_ISSUED = "Văn bản đã ban hành, không sửa được nữa."
# The fields a coordinator writes, in the order of the page.
ISSUE_FIELDS = (
    "number",
    "symbol",
    "issued_on",
    "signer_title",
    "signer_name",
    "recipients",
    "archive_unit",
)


def _label(section_id: int | None) -> str:
    return "đoạn mở đầu" if section_id is None else f"đoạn văn của mục {section_id}"


def save_drafted_text(drafted: DraftedText, by: User, *, ip: str | None = None) -> DraftedText:
    """Store a validated wording (the form ran the model's checks) with its audit record."""
    with transaction.atomic():
        before = (
            DraftedText.objects.filter(pk=drafted.pk).values_list("text", flat=True).first() or ""
        )
        drafted.updated_by = by
        drafted.save()
        record(
            by,
            "drafted_text",
            drafted.round,
            scope=scope_of(drafted.round),
            changes=[Change(_label(drafted.section_id), before, drafted.text)],
            ip=ip,
        )
    return drafted


def reset_drafted_text(
    round_: Round, section_id: int | None, by: User, *, ip: str | None = None
) -> None:
    """Go back to the wording drafted from the data."""
    with transaction.atomic():
        # None is the opening: an exact lookup on None is IS NULL, which the stubs do not allow.
        drafted = DraftedText.objects.filter(round=round_, section_id=section_id).first()  # type: ignore[misc]
        if drafted is None:
            return
        record(
            by,
            "drafted_text",
            round_,
            scope=scope_of(round_),
            changes=[Change(_label(section_id), drafted.text, "")],
            comment="Khôi phục đoạn văn soạn tự động từ số liệu.",
            ip=ip,
        )
        drafted.delete()


def _shown(value) -> str:
    if isinstance(value, list):
        return "\n".join(value)
    return "" if value is None else str(value)


def save_issued_document(
    issued: IssuedDocument, by: User, *, issue: bool = False, ip: str | None = None
) -> IssuedDocument:
    """Store a validated record (the form ran the model's checks); with `issue`, issue it too.

    An issued record is the document as sent: it is never written again.
    """
    with transaction.atomic():
        stored = (
            IssuedDocument.objects.select_for_update()
            .filter(round_id=issued.round_id, document=issued.document)
            .first()
        )
        if stored is not None and stored.is_issued:
            raise ValidationError(ALREADY_ISSUED, code="issued")
        missing = issued.missing_for_issue() if issue else []
        if missing:
            raise ValidationError(
                f"Chưa ban hành được: còn thiếu {', '.join(missing)}.", code="incomplete"
            )
        before = stored or IssuedDocument.of(issued.round, RoundDocument(issued.document))
        issued.pk = stored.pk if stored else None
        issued.issued_at = timezone.now() if issue else None
        issued.updated_by = by
        issued.save()
        changes = []
        for field in IssuedDocument._meta.fields:
            old, new = getattr(before, field.name), getattr(issued, field.name)
            if field.name in ISSUE_FIELDS and (stored is None or old != new):
                changes.append(Change(str(field.verbose_name), _shown(old), _shown(new)))
        document = issued.get_document_display()
        record(
            by,
            "issue_document" if issue else "issued_document",
            issued.round,
            scope=scope_of(issued.round),
            changes=changes or None,
            comment=f"Ban hành {document.lower()}." if issue else document,
            ip=ip,
        )
    return issued
