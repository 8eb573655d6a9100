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


@dataclass(frozen=True)
class Entry:
    """What happened to one object: its changes (none: one record without a field), and its
    action when it is not the one of the records appended with it."""

    obj: models.Model
    changes: list[Change] | None = None
    label: str | None = None
    action: str | None = None


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
    entry = Entry(obj, changes, label)
    return record_many(actor, action, [entry], scope=scope or scope_of(obj), comment=comment, ip=ip)


def record_many(
    actor,
    action: str,
    entries: list[Entry],
    *,
    scope: str,
    comment: str = "",
    ip: str | None = None,
) -> list[AuditRecord]:
    """The records of several objects changed together in one scope (a report's values saved
    at once): one lock of the scope's head, one insert, one update of the head, whatever
    their number."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.log.record must run inside the transaction of the change")
    if not entries:
        return []
    head = ScopeHead.objects.lock(scope)
    assert head is not None  # a waiting lock always returns the row
    records = []
    for entry in entries:
        obj = entry.obj
        for change in entry.changes or [Change("", "", "")]:
            audit = AuditRecord(
                actor=actor if getattr(actor, "pk", None) else None,
                ip=ip or None,
                action=entry.action or action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=(entry.label if entry.label is not None else str(obj))[:300],
                scope=head.scope,
                field=change.field,
                old=change.old,
                new=change.new,
                comment=comment,
                seq=head.seq + 1,
                prev_hash=head.hash,
            )
            audit.hash = audit.compute_hash()
            head.seq, head.hash = audit.seq, audit.hash
            records.append(audit)
    # Inserted in chain order, so ids grow with seq as `audit verify` expects.
    AuditRecord.objects.bulk_create(records)
    head.save(update_fields=["seq", "hash"])
    transaction.on_commit(anchors.anchor_if_due, robust=True)
    return records
