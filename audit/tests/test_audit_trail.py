"""The audit trail is append-only and hash-chained."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
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
    assert verify_chain().intact


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
    assert verify_chain().broken_at.pk == middle.pk


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(cast):
    with pytest.raises(RuntimeError):
        record(cast.officer, "edit", cast.bdt)


def _verify(*args):
    out = io.StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def test_audit_verify_reports_an_intact_chain_and_its_head(cast):
    records = _write(cast, 3)
    out = _verify()
    assert "Nhật ký nguyên vẹn: 3 bản ghi" in out and records[-1].hash in out
    assert "Nhật ký nguyên vẹn" in _verify("--expect-head", records[-1].hash)


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_auditrecord SET old = 'sửa' WHERE id = {b}",
        "DELETE FROM audit_auditrecord WHERE id = {b}",
        # Swap two records' contents with their hashes: each still matches itself.
        "UPDATE audit_auditrecord SET id = -1 WHERE id = {a}; "
        "UPDATE audit_auditrecord SET id = {a} WHERE id = {b}; "
        "UPDATE audit_auditrecord SET id = {b} WHERE id = -1",
    ],
    ids=["edited", "deleted", "reordered"],
)
def test_audit_verify_detects_tampering_in_sql(cast, tamper):
    first, second, _ = _write(cast, 3)
    with connection.cursor() as cursor:
        for statement in tamper.format(a=first.pk, b=second.pk).split("; "):
            cursor.execute(statement)
    with pytest.raises(CommandError, match="Nhật ký đã bị can thiệp"):
        _verify()


def test_audit_verify_detects_records_cut_off_the_end(cast):
    *_, last = _write(cast, 3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [last.pk])
    assert "Nhật ký nguyên vẹn: 2 bản ghi" in _verify()  # the chain itself still holds
    with pytest.raises(CommandError, match="không còn bản ghi có mã băm"):
        _verify("--expect-head", last.hash)
