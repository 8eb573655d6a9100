"""Writes of the rendering app: the coordinator's wording of the compiled report, audited."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from audit.log import Change, record, scope_of
from rendering.models import DraftedText
from rounds.models import Round


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
