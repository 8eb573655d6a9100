"""What a workflow step tells whom: the notices of submission, review and reminders.

A notice names agencies, rounds and counts, and quotes the coordinator's comment; never a figure
or a narrative of the report, which may concern people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User, active_users
from notifications.models import Kind
from rounds.models import FILED_STATUSES, Report, Round


@dataclass(frozen=True)
class Notice:
    """One step told to the users it concerns: one line in the app, a letter by e-mail."""

    kind: Kind
    recipients: list[User]
    text: str  # the line in the app, and the letter's first paragraph
    subject: str
    link: str  # a path of the site
    link_label: str
    greeting: str = ""  # "Kính gửi Ban Dân tộc,"
    details: list[str] = field(default_factory=list)
    comment: str = ""  # the coordinator's words, quoted as written
    comment_label: str = "Ý kiến của cơ quan thường trực"


def reviewers_of(round_: Round) -> list[User]:
    """The coordinating agency's staff, who review the round's reports."""
    return list(active_users(Role.COORDINATOR).filter(agency_id=round_.coordinator_id))


def officers_of(agency_ids: Sequence[int]) -> dict[int, list[User]]:
    """Each agency's officers, who write its reports."""
    officers: dict[int, list[User]] = {}
    for user in active_users(Role.OFFICER).filter(agency_id__in=agency_ids).order_by("pk"):
        assert user.agency_id is not None  # filtered on it
        officers.setdefault(user.agency_id, []).append(user)
    return officers


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _report_link(report: Report) -> str:
    return reverse("rounds:report_detail", kwargs={"pk": report.pk})


def submitted_notice(report: Report) -> Notice:
    round_ = report.round
    counts = round_.reports.aggregate(
        asked=Count("pk"), filed=Count("pk", filter=Q(status__in=FILED_STATUSES))
    )
    assert report.submitted_at is not None  # just submitted
    return Notice(
        kind=Kind.SUBMITTED,
        recipients=reviewers_of(round_),
        text=f"{report.agency.name} đã nộp báo cáo «{round_.name}».",
        subject=f"[tonghop] Báo cáo đã nộp: {report.agency.name} – {round_.name}",
        link=_report_link(report),
        link_label="Xem và tiếp nhận báo cáo",
        greeting=f"Kính gửi {round_.coordinator.name},",
        details=[
            f"Báo cáo được nộp lúc {_when(report.submitted_at)}, kỳ báo cáo {round_.period}.",
            f"Đến nay đã có {counts['filed']}/{counts['asked']} cơ quan, đơn vị nộp báo cáo.",
        ],
    )


def reviewed_notice(report: Report, action: str, comment: str) -> Notice:
    """The agency told that its report was returned, accepted or reopened."""
    round_ = report.round
    kind, verb, subject, ask = {
        "return": (
            Kind.RETURNED,
            "đã trả lại",
            "Báo cáo bị trả lại",
            "Đề nghị đồng chí chỉnh sửa và nộp lại báo cáo.",
        ),
        "accept": (Kind.ACCEPTED, "đã tiếp nhận", "Báo cáo đã được tiếp nhận", ""),
        "reopen": (
            Kind.REOPENED,
            "đã mở lại để chỉnh sửa",
            "Báo cáo được mở lại để chỉnh sửa",
            "Đề nghị đồng chí chỉnh sửa và nộp lại báo cáo.",
        ),
    }[action]
    return Notice(
        kind=kind,
        recipients=officers_of([report.agency_id]).get(report.agency_id, []),
        text=f"{round_.coordinator.name} {verb} báo cáo «{round_.name}» của {report.agency.name}.",
        subject=f"[tonghop] {subject}: {round_.name}",
        link=_report_link(report),
        link_label="Xem báo cáo",
        greeting=f"Kính gửi {report.agency.name},",
        details=[ask] if ask else [],
        comment=comment,
        comment_label="Lý do mở lại" if action == "reopen" else "Ý kiến của cơ quan thường trực",
    )


def _deadline_text(deadline: dt.datetime) -> str:
    days = (timezone.localdate(deadline) - timezone.localdate()).days
    if days > 0:
        left = f"còn {days} ngày"
    elif days == 0:
        left = "hết hạn trong hôm nay"
    else:
        left = f"đã quá hạn {-days} ngày"
    return f"Hạn nộp: {_when(deadline)} ({left})."


def reminder_notices(round_: Round, reports: Sequence[Report]) -> list[Notice]:
    """One reminder per agency that has not submitted, to its officers."""
    officers = officers_of([r.agency_id for r in reports])
    return [
        Notice(
            kind=Kind.REMINDER,
            recipients=officers[report.agency_id],
            text=f"{round_.coordinator.name} nhắc nộp báo cáo «{round_.name}».",
            subject=f"[tonghop] Nhắc nộp báo cáo: {round_.name}",
            link=_report_link(report),
            link_label="Mở báo cáo",
            greeting=f"Kính gửi {report.agency.name},",
            details=[
                f"Đến nay cơ quan, đơn vị chưa nộp báo cáo «{round_.name}» ({round_.period}).",
                _deadline_text(round_.deadline),
                "Đề nghị đồng chí đăng nhập hệ thống tonghop để hoàn thành và nộp báo cáo.",
            ],
        )
        for report in reports
        if report.agency_id in officers
    ]
