"""The anchors: chained in the database, signed in a file outside it (audit.anchors)."""

from __future__ import annotations

import json
import stat

import pytest

from audit import anchors
from audit.models import Anchor, ScopeHead
from audit.testing import run_sql, write
from audit.verify import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchored(cast):
    """Two anchors: the first with the BDT's scope, the second with the police's."""
    write(cast.officer, cast.bdt, 2)
    first = anchors.anchor()
    write(cast.officer, cast.police, 1)
    second = anchors.anchor()
    return first, second


def test_an_anchor_lists_the_scopes_grown_since_the_last_one(cast, anchored, audit_anchors):
    first, second = anchored
    bdt = ScopeHead.objects.get(scope=f"agencies.agency:{cast.bdt.pk}")
    assert first.heads == {bdt.scope: [2, bdt.hash]}
    assert list(second.heads) == [f"agencies.agency:{cast.police.pk}"]
    assert second.prev_hash == first.hash
    assert anchors.anchor() is None  # nothing grew
    lines = [json.loads(line) for line in audit_anchors.read_text().splitlines()]
    assert [(line["seq"], line["hash"]) for line in lines] == [(1, first.hash), (2, second.hash)]
    assert verify().intact


def _edit_file(path, seq: int, **changes) -> None:
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    lines = [{**line, **changes} if line["seq"] == seq else line for line in lines]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def test_an_edited_anchor_line_fails_its_signature(anchored, audit_anchors):
    # Someone who can write the file but has no key points line 1 at a rewritten anchor.
    run_sql("UPDATE audit_anchor SET heads = '{}' WHERE seq = 1")
    forged = Anchor.objects.get(seq=1)
    _edit_file(audit_anchors, 1, hash=forged.compute_hash())
    problems = verify().problems
    assert any("dòng 1 (neo số 1): chữ ký không đúng" in p for p in problems)


def test_the_wrong_key_fails_every_line(anchored, settings):
    settings.TONGHOP_AUDIT_KEY = "another-key"
    assert sum("chữ ký không đúng" in p for p in verify().problems) == 2


def test_an_anchor_rewritten_in_the_database_no_longer_matches(anchored):
    run_sql("UPDATE audit_anchor SET heads = '{}' WHERE seq = 1")
    assert "Neo số 1 trong cơ sở dữ liệu đã bị sửa hoặc chuỗi neo bị cắt xén." in verify().problems


def test_an_anchor_recomputed_in_the_database_differs_from_the_file(anchored):
    # With the hash recomputed, the database chain holds; the signed line does not.
    entry = Anchor.objects.get(seq=2)
    entry.heads = {}
    run_sql(
        "UPDATE audit_anchor SET heads = '{}', hash = %s WHERE seq = 2",
        params=[entry.compute_hash()],
    )
    assert "Neo số 2 khác với dòng đã ký trong tệp neo." in verify().problems


def test_anchors_deleted_from_the_database_are_missed_by_the_file(anchored):
    run_sql("DELETE FROM audit_anchor WHERE seq = 2", "DELETE FROM audit_anchoredhead")
    problems = verify().problems
    assert "Neo số 2 có trong tệp neo đã ký nhưng đã bị xóa khỏi cơ sở dữ liệu." in problems


def test_an_anchor_missing_from_the_file_is_detected(anchored, audit_anchors):
    audit_anchors.write_text(audit_anchors.read_text().splitlines(keepends=True)[0])
    assert "Neo số 2 không có trong tệp neo đã ký." in verify().problems


def test_a_head_hidden_from_the_anchoring_is_detected(cast, anchored):
    # Marking a scope as anchored further than it is would keep its new records unanchored.
    run_sql("UPDATE audit_anchoredhead SET seq = 9")
    assert any("audit_anchoredhead" in p for p in verify().problems)


def test_writes_anchor_after_commit_once_the_interval_has_passed(cast, audit_anchors):
    write(cast.officer, cast.bdt, 1)
    anchors.Schedule.next_check = 0.0
    try:
        anchors.anchor_if_due()
        assert Anchor.objects.count() == 1
        write(cast.officer, cast.bdt, 1)
        anchors.anchor_if_due()  # checked again only after the interval
        assert Anchor.objects.count() == 1
    finally:
        anchors.Schedule.next_check = float("inf")
    assert verify().intact


def test_the_embedded_key_is_generated_once_readable_by_its_owner_only(settings, tmp_path):
    settings.TONGHOP_AUDIT_KEY = ""
    settings.VAR_DIR = tmp_path
    key = anchors.audit_key()
    path = tmp_path / "audit.key"
    assert len(key) == 64 and anchors.audit_key() == key == path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
