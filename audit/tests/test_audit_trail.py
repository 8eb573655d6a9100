"""The audit trail is append-only and hash-chained."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from audit.log import Change, record, verify_chain
from audit.models import AppendOnlyError, AuditRecord

pytestmark = pytest.mark.django_db


def _write(cast, n: int) -> list[AuditRecord]:
    with transaction.atomic():
        return [
            record(
                cast.officer,
                "edit",
                cast.bdt,
                changes=[Change("tên", str(i), str(i + 1))],
                ip="10.0.0.1",
            )[0]
            for i in range(n)
        ]


def test_records_are_chained_and_verify(cast):
    first, second, _ = _write(cast, 3)
    assert second.prev_hash == first.hash
    assert verify_chain() is None


def test_records_cannot_be_changed_or_deleted(cast):
    (entry,) = _write(cast, 1)
    entry.new = "khác"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().update(new="khác")
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()


def test_tampering_is_detected(cast):
    _, middle, _ = _write(cast, 3)
    # Bypass the model, as someone with database access would.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET new = %s WHERE id = %s", ["999", middle.pk])
    assert verify_chain().pk == middle.pk


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(cast):
    with pytest.raises(RuntimeError):
        record(cast.officer, "edit", cast.bdt)
