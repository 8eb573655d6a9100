"""Writing the audit trail; call inside the transaction of the change it describes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction

from audit import anchors
from audit.models import AuditRecord, ScopeHead


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def scope_of(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def record(
    actor,
    action: str,
    obj: models.Model,
    *,
    scope: str | None = None,
    changes: list[Change] | None = None,
    comment: str = "",
    ip: str | None = None,
    label: str | None = None,
) -> list[AuditRecord]:
    """Append one record per change (or one without a field when there is no change list) to
    the scope's chain, locking that scope's head only: writers to other scopes never wait."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.log.record must run inside the transaction of the change")
    head = ScopeHead.objects.lock(scope or scope_of(obj))
    assert head is not None  # a waiting lock always returns the row
    records = []
    for change in changes or [Change("", "", "")]:
        entry = AuditRecord(
            actor=actor if getattr(actor, "pk", None) else None,
            ip=ip or None,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=(label if label is not None else str(obj))[:300],
            scope=head.scope,
            field=change.field,
            old=change.old,
            new=change.new,
            comment=comment,
            seq=head.seq + 1,
            prev_hash=head.hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        head.seq, head.hash = entry.seq, entry.hash
        records.append(entry)
    head.save(update_fields=["seq", "hash"])
    transaction.on_commit(anchors.anchor_if_due, robust=True)
    return records
