"""The report workflow: draft, submit, return, resubmit, accept, reopen; each with its audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts.testing import aware
from audit.models import AuditRecord
from rounds import actions
from rounds.models import DataValue, ReportStatus
from rounds.sheet import build_sheet
from rounds.testing import open_seed_round, seed_draft, submitted

pytestmark = pytest.mark.django_db


def test_open_round_creates_outline_indicators_and_one_report_per_agency(seed_round, cast):
    assert seed_round.reports.count() == 2
    assert seed_round.round_indicators.count() == 10
    titles = [s.title for s in seed_round.sections.filter(parent=None)]
    assert titles[1] == "Đánh giá chung"
    assert [s.title for s in seed_round.sections.get(title="Đánh giá chung").children.all()] == [
        "Ưu điểm",
        "Tồn tại, hạn chế và nguyên nhân",
    ]
    assert AuditRecord.objects.filter(action="open", object_id=str(seed_round.pk)).exists()


def test_officer_cannot_open_round(cast):
    cast.coordinator = cast.officer
    with pytest.raises(PermissionDenied):
        open_seed_round(cast)


def test_save_draft_stores_values_with_qualifier_and_audits_each_change(bdt_report, cast):
    saved = actions.save_draft(bdt_report, cast.officer, seed_draft(bdt_report), version=0)
    assert saved.status == ReportStatus.DRAFT
    assert saved.version == 1
    participants = DataValue.objects.get(indicator__code="contest_participants")
    assert (participants.value, participants.qualifier) == (Decimal(500), "more_than")
    assert participants.report == saved
    trail = AuditRecord.objects.filter(action="value", scope=f"rounds.report:{saved.pk}")
    assert trail.count() == 9
    leaflets = trail.get(object_repr="Tờ rơi, tờ gấp phát hành")
    assert (leaflets.old, leaflets.new, leaflets.actor) == ("", "43.000", cast.officer)


def test_changing_a_value_records_old_and_new(bdt_report, cast):
    saved = actions.save_draft(bdt_report, cast.officer, seed_draft(bdt_report), version=0)
    cell = build_sheet(saved).find("leaflets")
    change = actions.Draft(values={cell.key: actions.CellInput(Decimal(45000), "about")})
    actions.save_draft(saved, cast.officer, change, version=1)
    last = AuditRecord.objects.filter(action="value").order_by("-pk").first()
    assert (last.old, last.new) == ("43.000", "khoảng 45.000")


def test_invalid_value_stores_nothing(bdt_report, cast):
    sheet = build_sheet(bdt_report)
    draft = seed_draft(bdt_report)
    draft.values[sheet.find("contests").key] = actions.CellInput(Decimal("2.5"))
    with pytest.raises(actions.WorkflowError) as refused:
        actions.save_draft(bdt_report, cast.officer, draft, version=0)
    assert "số nguyên" in refused.value.details[0]
    assert not DataValue.objects.exists()
    bdt_report.refresh_from_db()
    assert (bdt_report.status, bdt_report.version) == (ReportStatus.NOT_STARTED, 0)
    assert not AuditRecord.objects.filter(action="value").exists()


def test_narratives_are_saved_and_audited(bdt_report, cast):
    section = bdt_report.round.sections.get(title="Ưu điểm")
    draft = actions.Draft(narratives={section.pk: "Công tác tuyên truyền được quan tâm."})
    actions.save_draft(bdt_report, cast.officer, draft, version=0)
    assert bdt_report.narratives.get(section=section).text.startswith("Công tác")
    assert AuditRecord.objects.filter(action="narrative", new__startswith="Công tác").exists()


def test_officer_of_another_agency_cannot_save(bdt_report, cast):
    with pytest.raises(PermissionDenied):
        actions.save_draft(bdt_report, cast.other_officer, seed_draft(bdt_report), version=0)


def test_full_cycle_submit_return_resubmit_accept(bdt_report, cast):
    with time_machine.travel(aware(2023, 12, 15), tick=False):
        report = submitted(bdt_report, cast.officer)
    assert report.status == ReportStatus.SUBMITTED
    assert report.first_submitted_at == aware(2023, 12, 15)

    report = actions.return_report(report, cast.coordinator, comment="Bổ sung số lớp tập huấn.")
    assert (report.status, report.review_comment) == (
        ReportStatus.RETURNED,
        "Bổ sung số lớp tập huấn.",
    )

    with time_machine.travel(aware(2023, 12, 22), tick=False):
        report = actions.submit_report(report, cast.officer, version=report.version)
    assert report.submitted_at == aware(2023, 12, 22)
    assert not report.is_late(), "timeliness follows the first submission"

    report = actions.accept_report(report, cast.coordinator)
    assert report.status == ReportStatus.ACCEPTED
    steps = list(
        AuditRecord.objects.filter(scope=f"rounds.report:{report.pk}", field="trạng thái")
        .order_by("pk")
        .values_list("action", "new")
    )
    assert steps == [
        ("start", "Đang soạn"),
        ("submit", "Đã nộp"),
        ("return", "Trả lại"),
        ("submit", "Đã nộp"),
        ("accept", "Đã tiếp nhận"),
    ]


def test_accepted_report_is_locked(bdt_report, cast):
    report = actions.accept_report(submitted(bdt_report, cast.officer), cast.coordinator)
    with pytest.raises(actions.WorkflowError, match="không sửa được nữa"):
        actions.save_draft(report, cast.officer, seed_draft(report), version=report.version)


def test_reopen_needs_a_reason(bdt_report, cast):
    report = actions.accept_report(submitted(bdt_report, cast.officer), cast.coordinator)
    with pytest.raises(actions.WorkflowError, match="lý do"):
        actions.reopen_report(report, cast.coordinator, reason="  ")
    report = actions.reopen_report(report, cast.coordinator, reason="Sai số tờ rơi.")
    assert report.status == ReportStatus.RETURNED
    assert AuditRecord.objects.filter(action="reopen", comment="Sai số tờ rơi.").exists()


def test_return_needs_a_comment_and_mails_the_agency(
    bdt_report, cast, django_capture_on_commit_callbacks
):
    cast.officer.email = "bdt@bacgiang.gov.vn"
    cast.officer.save()
    report = submitted(bdt_report, cast.officer)
    with pytest.raises(actions.WorkflowError, match="ý kiến"):
        actions.return_report(report, cast.coordinator, comment="")
    with pytest.raises(PermissionDenied):
        actions.return_report(report, cast.officer, comment="Tự trả lại")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_report(report, cast.coordinator, comment="Thiếu số liệu.")
    assert mail.outbox[0].to == ["bdt@bacgiang.gov.vn"]
    assert "Thiếu số liệu." in mail.outbox[0].body


def test_cannot_accept_a_draft(bdt_report, cast):
    with pytest.raises(actions.WorkflowError, match="Đã nộp"):
        actions.accept_report(bdt_report, cast.coordinator)


def test_coordinator_of_another_agency_cannot_review(bdt_report, cast):
    report = submitted(bdt_report, cast.officer)
    with pytest.raises(PermissionDenied):
        actions.accept_report(report, cast.viewer)
