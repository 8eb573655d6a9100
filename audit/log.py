"""Writing the audit trail; call inside the transaction of the change it describes."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.db import connection, models, transaction

from audit.models import AuditRecord

# Serialises appends on PostgreSQL so two transactions never chain onto the same hash.
_CHAIN_LOCK = zlib.crc32(b"tonghop.audit.chain")


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
    """Append one record per change (or one without a field when there is no change list)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.log.record must run inside the transaction of the change")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    previous = AuditRecord.objects.order_by("-pk").values_list("hash", flat=True).first() or ""
    records = []
    for change in changes or [Change("", "", "")]:
        entry = AuditRecord(
            actor=actor if getattr(actor, "pk", None) else None,
            ip=ip or None,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=(label if label is not None else str(obj))[:300],
            scope=scope or scope_of(obj),
            field=change.field,
            old=change.old,
            new=change.new,
            comment=comment,
            prev_hash=previous,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        previous = entry.hash
        records.append(entry)
    return records


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    broken_at: AuditRecord | None = None
    expected_head_missing: bool = False

    @property
    def intact(self) -> bool:
        return self.broken_at is None and not self.expected_head_missing


def verify_chain(expected_head: str = "") -> ChainReport:
    """Walk the chain in insertion order and report the first record that does not match.

    An edited record no longer matches its hash; a deleted or reordered one breaks the next
    record's link. Cutting records off the end leaves a shorter valid chain, which only a head
    hash noted earlier (`expected_head`) reveals.
    """
    previous, count, seen = "", 0, not expected_head
    for entry in AuditRecord.objects.order_by("pk").iterator():
        if entry.prev_hash != previous or entry.compute_hash() != entry.hash:
            return ChainReport(count, previous, broken_at=entry)
        previous = entry.hash
        count += 1
        seen = seen or entry.hash == expected_head
    return ChainReport(count, previous, expected_head_missing=not seen)
