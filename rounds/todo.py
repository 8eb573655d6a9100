"""What each person has to do next, for the home page: one to-do list per role.

Every list is read through rounds.access, so nobody sees another agency's drafts, and each
list costs a fixed number of queries whatever the number of rounds and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from agencies.models import Agency
from audit.log import scope_of
from audit.models import AuditRecord
from places.models import Level
from rounds.access import is_admin, overseen_rounds, received_reports, reports_for_user
from rounds.models import EDITABLE_STATUSES, DataValue, Report, ReportStatus, Round, RoundIndicator

# Deadlines are days in Vietnam, whatever the server's clock says.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Rounds ready to compile stay ready for good; the home page shows the latest few.
READY_SHOWN = 5
# A deadline this close is shown as urgent.
SOON_DAYS = 3


@dataclass(frozen=True)
class Due:
    """How a deadline stands on a given moment, counted in calendar days in Vietnam."""

    deadline: dt.datetime
    days_left: int  # 0 on the deadline's own day, negative once the day has passed
    overdue: bool  # past the deadline's hour, even on its own day

    @property
    def words(self) -> str:
        if self.days_left > 0:
            return f"còn {self.days_left} ngày"
        if self.days_left < 0:
            return f"quá hạn {-self.days_left} ngày"
        hour = self.deadline.astimezone(VIETNAM).strftime("%H:%M")
        return f"quá hạn từ {hour} hôm nay" if self.overdue else f"hết hạn {hour} hôm nay"

    @property
    def tone(self) -> str:
        """How urgent, for the page's colour: late, soon (three days or less) or ok."""
        if self.overdue:
            return "late"
        return "soon" if self.days_left <= SOON_DAYS else "ok"


def due(deadline: dt.datetime, now: dt.datetime | None = None) -> Due:
    now = now or timezone.now()
    days = (deadline.astimezone(VIETNAM).date() - now.astimezone(VIETNAM).date()).days
    return Due(deadline=deadline, days_left=days, overdue=now > deadline)


@dataclass(frozen=True)
class EntryItem:
    """One of the agency's reports still to write: open it with one click."""

    report: Report
    due: Due
    filled: int  # indicators of the round with at least one figure in the report
    asked: int  # indicators the round asks for
    returned_at: dt.datetime | None = None  # when last returned (or reopened), if it was


@dataclass(frozen=True)
class EntryGroup:
    key: str
    title: str
    action: str  # the entry form's button for these reports
    items: list[EntryItem]


@dataclass
class OfficerTodo:
    returned: list[EntryItem] = field(default_factory=list)
    drafts: list[EntryItem] = field(default_factory=list)
    to_start: list[EntryItem] = field(default_factory=list)
    kind: str = "officer"

    @property
    def groups(self) -> list[EntryGroup]:
        """The non-empty lists, the most pressing first: returned, being written, not begun."""
        groups = [
            EntryGroup("returned", "Báo cáo bị trả lại", "Sửa và nộp lại", self.returned),
            EntryGroup("drafts", "Báo cáo đang soạn", "Tiếp tục nhập", self.drafts),
            EntryGroup("to-start", "Đợt báo cáo cần trả lời", "Nhập báo cáo", self.to_start),
        ]
        return [group for group in groups if group.items]


@dataclass(frozen=True)
class WaitingReport:
    """A report submitted to the coordinator, waiting to be returned or accepted."""

    report: Report
    since: dt.datetime | None


@dataclass(frozen=True)
class LateRound:
    """A round past its deadline, and the agencies that have not submitted in it."""

    round: Round
    due: Due
    late: list[Report]
    reminded_at: dt.datetime | None = None  # the last reminder sent in the round


@dataclass(frozen=True)
class ReadyRound:
    """A round whose figures can be compiled: every report accepted, or the deadline passed."""

    round: Round
    asked: int
    accepted: int

    @property
    def all_accepted(self) -> bool:
        return self.asked == self.accepted


@dataclass(frozen=True)
class ReceivedRequest:
    """A request from the level above the agency still has to answer."""

    report: Report  # the agency's report in the level above's round
    due: Due
    answer_round_id: int | None  # the round the agency opened to answer it, if any


@dataclass
class CoordinatorTodo:
    units: str  # who reports to this coordinator, in words
    waiting: list[WaitingReport] = field(default_factory=list)
    late: list[LateRound] = field(default_factory=list)
    ready: list[ReadyRound] = field(default_factory=list)
    received: list[ReceivedRequest] = field(default_factory=list)
    kind: str = "coordinator"


@dataclass(frozen=True)
class EntryPoint:
    label: str
    url: str
    hint: str = ""


@dataclass
class AdminTodo:
    entry_points: list[EntryPoint]
    kind: str = "admin"


def _filled_count() -> Subquery:
    return Subquery(
        DataValue.objects.filter(report=OuterRef("pk"))
        .values("report")
        .annotate(n=Count("indicator", distinct=True))
        .values("n"),
        output_field=IntegerField(),
    )


def _asked_count() -> Subquery:
    return Subquery(
        RoundIndicator.objects.filter(round=OuterRef("round"))
        .values("round")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def _last_done(
    objects: Sequence[Report] | Sequence[Round], actions: list[str]
) -> dict[str, dt.datetime]:
    """When each object last went through one of the audited actions, by audit scope: one query."""
    if not objects:
        return {}
    rows = (
        AuditRecord.objects.filter(scope__in=[scope_of(o) for o in objects], action__in=actions)
        .values("scope")
        .annotate(at=Max("at"))
    )
    return {row["scope"]: row["at"] for row in rows}


def officer_todo(user: User, now: dt.datetime | None = None) -> OfficerTodo:
    """The agency's reports still to write, each with its deadline: two queries."""
    reports = list(
        reports_for_user(user)
        .filter(status__in=EDITABLE_STATUSES)
        .annotate(filled=Coalesce(_filled_count(), 0), asked=Coalesce(_asked_count(), 0))
        .order_by("round__deadline", "pk")
    )
    returned = [r for r in reports if r.status == ReportStatus.RETURNED]
    returned_at = _last_done(returned, ["return", "reopen"])
    todo = OfficerTodo()
    for report in reports:
        item = EntryItem(
            report=report,
            due=due(report.round.deadline, now),
            filled=report.filled,
            asked=report.asked,
            returned_at=returned_at.get(scope_of(report)),
        )
        if report.status == ReportStatus.RETURNED:
            todo.returned.append(item)
        elif report.status == ReportStatus.DRAFT:
            todo.drafts.append(item)
        else:
            todo.to_start.append(item)
    return todo


def run_rounds(user: User) -> QuerySet[Round]:
    """The rounds the coordinator's own agency runs (reviews, reminds, compiles)."""
    if user.agency_id is None:
        return Round.objects.none()
    return overseen_rounds(user).filter(coordinator_id=user.agency_id)


def _units_word(agency: Agency | None) -> str:
    if agency is not None and agency.unit.level == Level.COUNTRY:
        return "tỉnh, thành phố"
    return "cơ quan, đơn vị"


def coordinator_todo(user: User, now: dt.datetime | None = None) -> CoordinatorTodo:
    """Reports to review, agencies late, rounds to compile and requests from above."""
    now = now or timezone.now()
    if user.agency_id is None:
        return CoordinatorTodo(units=_units_word(None))
    agency = Agency.objects.select_related("unit").get(pk=user.agency_id)
    todo = CoordinatorTodo(units=_units_word(agency))
    runs = run_rounds(user)
    waiting = (
        reports_for_user(user)
        .filter(status=ReportStatus.SUBMITTED, round__in=runs.values("pk"))
        .order_by("submitted_at", "pk")
    )
    todo.waiting = [WaitingReport(r, r.submitted_at) for r in waiting]

    late_reports = (
        Report.objects.filter(
            round__in=runs.filter(deadline__lt=now).values("pk"),
            status__in=EDITABLE_STATUSES,
        )
        .select_related("round", "round__period", "agency")
        .order_by("round__deadline", "round_id", "agency__name")
    )
    by_round: dict[int, LateRound] = {}
    for report in late_reports:
        if report.round_id not in by_round:
            by_round[report.round_id] = LateRound(report.round, due(report.round.deadline, now), [])
        by_round[report.round_id].late.append(report)
    reminded = _last_done([late.round for late in by_round.values()], ["remind"])
    todo.late = [
        replace(late, reminded_at=reminded.get(scope_of(late.round))) for late in by_round.values()
    ]

    ready = (
        runs.annotate(
            asked=Count("reports"),
            accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)),
            waiting=Count("reports", filter=Q(reports__status=ReportStatus.SUBMITTED)),
        )
        .filter(accepted__gt=0, waiting=0)
        .filter(Q(accepted=F("asked")) | Q(deadline__lt=now))
        .order_by("-deadline", "-pk")[:READY_SHOWN]
    )
    todo.ready = [ReadyRound(r, r.asked, r.accepted) for r in ready]

    answers = Round.objects.filter(parent=OuterRef("round"), coordinator_id=agency.pk)
    received = (
        received_reports(user)
        .filter(status__in=EDITABLE_STATUSES)
        .annotate(answer_round=Subquery(answers.order_by("-pk").values("pk")[:1]))
        .order_by("round__deadline", "pk")
    )
    todo.received = [
        ReceivedRequest(r, due(r.round.deadline, now), r.answer_round) for r in received
    ]
    return todo


ADMIN_ENTRY_POINTS = [
    ("Tài khoản", "admin:accounts_user_changelist", "Thêm cán bộ, đặt vai trò và cơ quan"),
    ("Cơ quan, đơn vị", "admin:agencies_agency_changelist", "Danh sách cơ quan, địa chỉ thư"),
    ("Danh mục chỉ tiêu", "admin:catalogue_indicator_changelist", "Chỉ tiêu, đơn vị tính"),
    ("Đơn vị hành chính", "admin:places_administrativeunit_changelist", "Tỉnh, huyện, xã"),
    ("Văn bản", "admin:documents_legaldocument_changelist", "Văn bản yêu cầu, kế hoạch"),
    ("Nhật ký thay đổi", "admin:audit_auditrecord_changelist", "Ai đã sửa gì, khi nào"),
    ("Đợt báo cáo", "rounds:round_list", "Theo dõi các đợt báo cáo"),
    ("Mở đợt báo cáo mới", "rounds:round_open", "Gửi yêu cầu báo cáo tới các cơ quan"),
    ("Trang quản trị", "admin:index", "Toàn bộ danh mục và dữ liệu"),
]


def admin_todo() -> AdminTodo:
    return AdminTodo(
        [EntryPoint(label, reverse(name), hint) for label, name, hint in ADMIN_ENTRY_POINTS]
    )


Todo = OfficerTodo | CoordinatorTodo | AdminTodo


def todo_for(user: User, now: dt.datetime | None = None) -> Todo | None:
    """The user's to-do list; None for leadership, whose page is the dashboard."""
    if is_admin(user):
        return admin_todo()
    if user.role == Role.COORDINATOR:
        return coordinator_todo(user, now)
    if user.role == Role.OFFICER:
        return officer_todo(user, now)
    return None
