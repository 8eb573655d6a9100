"""The audit trail is append-only, one hash chain per scope; `audit verify` catches edits,
deletions, reorderings and cut-off records made in SQL."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from audit.log import record
from audit.models import AppendOnlyError, AuditRecord, ScopeHead
from audit.testing import audit_command, run_sql, write
from audit.verify import verify

pytestmark = pytest.mark.django_db


def test_records_chain_within_their_scope_and_verify(cast):
    first, second, third = write(cast.officer, cast.bdt, 3)
    other = write(cast.officer, cast.police, 1)[0]
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert (other.seq, other.prev_hash) == (1, "")
    assert ScopeHead.objects.get(scope=first.scope).hash == third.hash
    assert verify().intact


def test_records_cannot_be_changed_or_deleted(cast):
    (entry,) = write(cast.officer, cast.bdt, 1)
    entry.new = "khác"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().update(new="khác")
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(cast):
    with pytest.raises(RuntimeError):
        record(cast.officer, "edit", cast.bdt)


def test_audit_verify_reports_an_intact_trail_and_anchors_it(cast, audit_anchors):
    write(cast.officer, cast.bdt, 3)
    out = audit_command("verify")
    assert "Nhật ký nguyên vẹn: 3 bản ghi trong 1 phạm vi" in out
    anchor_hash = out.rsplit("Mã băm neo cuối: ", 1)[1].strip()
    assert anchor_hash in audit_anchors.read_text()
    assert "Nhật ký nguyên vẹn" in audit_command("verify", "--expect-head", anchor_hash)
    with pytest.raises(CommandError, match="Không còn neo có mã băm 00ff"):
        audit_command("verify", "--expect-head", "00ff")


TAMPERING = {
    "edited": ["UPDATE audit_auditrecord SET old = 'sửa' WHERE id = {b}"],
    "deleted": ["DELETE FROM audit_auditrecord WHERE id = {b}"],
    # Swap two records' contents with their hashes: each still matches itself.
    "reordered": [
        "UPDATE audit_auditrecord SET id = -1 WHERE id = {a}",
        "UPDATE audit_auditrecord SET id = {a} WHERE id = {b}",
        "UPDATE audit_auditrecord SET id = {b} WHERE id = -1",
    ],
    # Swap their places in the scope's chain instead.
    "renumbered": [
        "UPDATE audit_auditrecord SET seq = 0 WHERE id = {a}",
        "UPDATE audit_auditrecord SET seq = 1 WHERE id = {b}",
        "UPDATE audit_auditrecord SET seq = 2 WHERE id = {a}",
    ],
    # Cut the last record off and set the head row back, so that the chain looks whole.
    "cut off the end": [
        "DELETE FROM audit_auditrecord WHERE id = {c}",
        "UPDATE audit_scopehead SET seq = 2, hash = '{hb}' WHERE scope = '{scope}'",
    ],
}


@pytest.mark.parametrize("anchored", [False, True], ids=["before anchoring", "after"])
@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_audit_verify_detects_tampering_in_sql(cast, tamper, anchored):
    first, second, third = write(cast.officer, cast.bdt, 3)
    if anchored:
        audit_command("anchor")
    names = {"a": first.pk, "b": second.pk, "c": third.pk, "hb": second.hash}
    run_sql(*(s.format(**names, scope=first.scope) for s in tamper))
    report = verify()
    if tamper is TAMPERING["cut off the end"] and not anchored:
        # Before any anchor, a cut whose head row is set back leaves a valid shorter chain:
        # the window anchoring closes (docs/architecture.md).
        assert report.intact
        return
    assert not report.intact
    with pytest.raises(CommandError, match="Nhật ký đã bị can thiệp"):
        audit_command("verify")


def test_a_cut_tail_with_its_head_left_is_detected_without_an_anchor(cast):
    *_, last = write(cast.officer, cast.bdt, 3)
    run_sql("DELETE FROM audit_auditrecord WHERE id = %s", params=[last.pk])
    assert verify().problems == [
        f"Phạm vi {last.scope}: đầu chuỗi ghi 3 bản ghi nhưng chuỗi còn 2 bản ghi."
    ]


def test_a_cut_tail_is_detected_against_the_latest_anchor(cast):
    *_, last = write(cast.officer, cast.bdt, 3)
    audit_command("anchor")
    before = AuditRecord.objects.get(seq=2, scope=last.scope)
    run_sql("DELETE FROM audit_auditrecord WHERE id = %s", params=[last.pk])
    run_sql(
        "UPDATE audit_scopehead SET seq = 2, hash = %s WHERE scope = %s",
        params=[before.hash, last.scope],
    )
    assert verify().problems == [
        f"Phạm vi {last.scope}: bị cắt mất 1 bản ghi cuối (neo số 1 ghi nhận 3 bản ghi, còn 2)."
    ]


def test_a_deleted_scope_is_detected_by_its_anchored_head(cast):
    write(cast.officer, cast.bdt, 2)
    (kept,) = write(cast.officer, cast.police, 1)
    gone = f"agencies.agency:{cast.bdt.pk}"
    audit_command("anchor")
    run_sql("DELETE FROM audit_auditrecord WHERE scope = %s", params=[gone])
    run_sql("DELETE FROM audit_scopehead WHERE scope = %s", params=[gone])
    problems = verify().problems
    assert problems == [f"Phạm vi {gone}: toàn bộ bản ghi đã bị xóa (neo số 1 ghi nhận 2 bản ghi)."]
    assert kept.scope != gone
