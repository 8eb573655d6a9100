"""Who may see and do what: every view and API endpoint fetches through these helpers.

Objects outside the user's reach are reported as missing (404), never as forbidden, so an id
or a URL reveals nothing about another agency's work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from places.models import LEVEL_DEPTH
from rounds.models import FILED_STATUSES, DataValue, Report, ReportStatus, Round

# How many levels a round's descendants can reach below it: country, province, district, commune.
LEVELS_BELOW = len(LEVEL_DEPTH) - 1


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def can_open_round(user: User) -> bool:
    return is_admin(user) or (user.role == Role.COORDINATOR and user.agency_id is not None)


def can_answer_round(user: User, round_: Round) -> bool:
    """Open a round of one's own to answer a received request: the coordinator of an agency
    asked to report in it (its report in the round is the request received)."""
    return (
        user.role == Role.COORDINATOR
        and user.agency_id is not None
        and round_.coordinator_id != user.agency_id
        and round_.reports.filter(agency_id=user.agency_id).exists()
    )


def can_review(user: User, round_: Round) -> bool:
    """Return, accept, reopen and remind: the coordinating agency's staff or an administrator."""
    if is_admin(user):
        return True
    return user.role == Role.COORDINATOR and user.agency_id == round_.coordinator_id


def can_edit_report(user: User, report: Report) -> bool:
    return (
        user.role == Role.OFFICER
        and user.agency_id is not None
        and (user.agency_id == report.agency_id)
    )


def can_log_activities(user: User) -> bool:
    return user.role == Role.OFFICER and user.agency_id is not None


def subtree_rounds(agency_id: int) -> QuerySet[Round]:
    """The rounds below those the agency runs: the rounds answering them, to every level.

    One query with a join per level up the parent chain, never a query per round: as a
    subquery of the reader's query (ORM) or of the roll-up's SQL (analytics.rollup).
    """
    below = Q()
    for depth in range(1, LEVELS_BELOW + 1):
        below |= Q(**{"parent__" * depth + "coordinator_id": agency_id})
    return Round.objects.filter(below)


def rounds_for_user(user: User) -> QuerySet[Round]:
    """Rounds the user may see: all for admin and leadership; for a coordinator the rounds its
    agency runs and every round below them (read-only); for an officer its agency's."""
    rounds = Round.objects.select_related("period", "coordinator", "request", "plan")
    if is_admin(user) or user.role == Role.VIEWER:
        return rounds
    if user.role == Role.COORDINATOR:
        if user.agency_id is None:
            return rounds.none()
        below = subtree_rounds(user.agency_id).values("pk")
        return rounds.filter(Q(coordinator_id=user.agency_id) | Q(pk__in=below))
    if user.agency_id is None:  # IS NULL would match the rounds without any report
        return rounds.none()
    return rounds.filter(reports__agency_id=user.agency_id).distinct()


def overseen_rounds(user: User) -> QuerySet[Round]:
    """Rounds whose completeness page the user may read (not the officers)."""
    if user.role == Role.OFFICER:
        return Round.objects.none()
    return rounds_for_user(user)


def reports_for_user(user: User) -> QuerySet[Report]:
    """Reports the user may read: an agency's drafts are visible to that agency only.

    A returned report stays readable by the round's coordinator, as it changes, marked "Đang
    sửa, chưa nộp lại" on its page; value_scope counts it only once accepted (FILED_STATUSES).
    A coordinator reads the filed reports of the rounds its agency runs, the accepted reports
    of every round below them (a ministry down to the communes' rounds) and its own agency's
    reports (the answers it sends up).
    """
    reports = Report.objects.select_related("round", "round__period", "agency__unit")
    if user.role == Role.OFFICER:
        return reports.filter(agency_id=user.agency_id) if user.agency_id else reports.none()
    if user.role == Role.VIEWER:
        return reports.filter(status=ReportStatus.ACCEPTED)
    filed = reports.filter(status__in=FILED_STATUSES)
    if is_admin(user):
        return filed
    if user.role == Role.COORDINATOR and user.agency_id:
        below = subtree_rounds(user.agency_id).values("pk")
        return reports.filter(
            Q(status__in=FILED_STATUSES, round__coordinator_id=user.agency_id)
            | Q(status=ReportStatus.ACCEPTED, round__in=below)
            | Q(agency_id=user.agency_id)
        )
    return reports.none()


def can_read_uploads(user: User) -> bool:
    """Leadership reads accepted reports, not the files uploaded to them."""
    return user.is_authenticated and user.role != Role.VIEWER


def upload_reports_for_user(user: User) -> QuerySet[Report]:
    """Reports whose uploaded documents the user may read: the agency's own officers, and the
    coordinator once the report is filed (reports_for_user); none for leadership."""
    if not can_read_uploads(user):
        return Report.objects.none()
    return reports_for_user(user)


@dataclass(frozen=True)
class ValueScope:
    """Whose data values a reader counts: which agencies, which rounds' reports, drafts or not.

    Values outside any report (entered by the coordinator) count for every reader of their
    agency. A report's values count once it is accepted, or before when drafts are asked for; a
    returned report is a draft again (back with its agency) and counts only then.
    """

    agency_ids: frozenset[int] | None = None  # None: every agency
    include_drafts: bool = False
    coordinator_id: int | None = None  # only the reports of rounds this agency runs; None: all
    # Beside those, the accepted reports of every round below them (subtree_rounds).
    below: bool = False
    # Drafts of reports filed at least once (submitted, returned), never one still being
    # written: a reader who cannot open a report's page reads none of its figures either.
    filed_only: bool = False

    def report_statuses(self) -> tuple[str, ...] | None:
        """The states in which a report's values count; None: any state."""
        if not self.include_drafts:
            return (ReportStatus.ACCEPTED,)
        if self.filed_only:
            return tuple(sorted(FILED_STATUSES))
        return None

    def condition(self, answers: bool = False) -> Q:
        """The scope as a filter on DataValue (analytics.rollup writes the same in SQL).

        The values of a report answering a parent round with a child round's compilation
        (`Report.compiled_from`) repeat the child's: they count only for a reader of that one
        round or value (`answers`), never in a roll-up over every round.
        """
        reports = Q(report__isnull=False)
        if not answers:
            reports &= Q(report__compiled_from__isnull=True)
        statuses = self.report_statuses()
        own = Q()
        if statuses is not None:
            own &= Q(report__status__in=statuses)
        if self.coordinator_id is not None:
            own &= Q(report__round__coordinator_id=self.coordinator_id)
        if self.below and self.coordinator_id is not None:
            below = subtree_rounds(self.coordinator_id).values("pk")
            own |= Q(report__round_id__in=below, report__status=ReportStatus.ACCEPTED)
        reports &= own
        condition = Q(report__isnull=True) | reports
        if self.agency_ids is not None:
            condition &= Q(agency_id__in=self.agency_ids)
        return condition


def value_scope(user: User, include_drafts: bool = False) -> ValueScope:
    """The values a user may read, within reports_for_user: the one rule for every value read.

    Officers: their own agency, its drafts on request. Coordinators: the rounds their agency
    runs (accepted reports; on request also the submitted and returned reports of those rounds,
    never a draft its agency has not sent, whose page they cannot open either) and the accepted
    reports of every round below them, never their drafts. Leadership:
    accepted reports, never drafts. Administrators: every round, likewise.
    """
    if user.role == Role.OFFICER:
        return ValueScope(frozenset({user.agency_id} if user.agency_id else ()), include_drafts)
    if user.role == Role.COORDINATOR:
        if user.agency_id is None:  # runs no round: 0 matches none
            return ValueScope(None, include_drafts, coordinator_id=0, filed_only=True)
        return ValueScope(None, include_drafts, user.agency_id, below=True, filed_only=True)
    if is_admin(user):
        return ValueScope(None, include_drafts, filed_only=True)
    if user.role == Role.VIEWER:
        return ValueScope(None, False)
    return ValueScope(frozenset(), False)


def round_scope(round_: Round, include_drafts: bool = False) -> ValueScope:
    """What a round's compiled documents count: what its coordinating agency reads.

    The same document whoever renders it (the coordinator or an administrator), and the same
    figures as the coordinator's compilation page.
    """
    return ValueScope(None, include_drafts, coordinator_id=round_.coordinator_id, filed_only=True)


def values_for_user(
    user: User, include_drafts: bool = False, answers: bool = False
) -> QuerySet[DataValue]:
    """The data values the user may read (drafts only when asked for and allowed); with
    `answers`, the reports answering a parent round too (for a reader of one round)."""
    return DataValue.objects.filter(value_scope(user, include_drafts).condition(answers))


def readable_report_ids(user: User, report_ids: Iterable[int]) -> set[int]:
    """Which of these reports the user may open (get_report_for_user): a page links only those."""
    return set(reports_for_user(user).filter(pk__in=list(report_ids)).values_list("pk", flat=True))


def lineage_values_for_user(user: User) -> QuerySet[DataValue]:
    """The values whose lineage page the user may open: those it reads, answers included."""
    return values_for_user(user, answers=True)


def readable_lineage_ids(user: User, value_ids: Iterable[int]) -> set[int]:
    """Which of these values' lineage pages the user may open: a page links only those."""
    values = lineage_values_for_user(user).filter(pk__in=list(value_ids))
    return set(values.values_list("pk", flat=True))


def get_report_for_user(user: User, pk: int) -> Report:
    return get_object_or_404(reports_for_user(user), pk=pk)


def get_editable_report(user: User, pk: int) -> Report:
    """The user's own agency report, for writing; 404 for anyone else."""
    report = get_report_for_user(user, pk)
    if not can_edit_report(user, report):
        raise Http404("Không tìm thấy báo cáo.")
    return report


def lock_editable_report(user: User, pk: int) -> Report:
    """get_editable_report's report locked for the rest of the caller's transaction, with what
    the workflow's writes read (rounds.actions.lock_report): the access check and the lock in
    one query. Pass it to the action with locked=True."""
    reports = reports_for_user(user).select_related("agency").select_for_update(of=("self",))
    report = get_object_or_404(reports, pk=pk)
    if not can_edit_report(user, report):
        raise Http404("Không tìm thấy báo cáo.")
    return report


def get_reviewable_report(user: User, pk: int) -> Report:
    report = get_report_for_user(user, pk)
    if not can_review(user, report.round):
        raise Http404("Không tìm thấy báo cáo.")
    return report


def received_reports(user: User) -> QuerySet[Report]:
    """The requests a coordinator's agency received: its reports in rounds another agency runs.

    The coordinator sees the request (round, indicators, deadline) and opens a round to answer
    it; the report's figures stay readable through reports_for_user only.
    """
    if user.role != Role.COORDINATOR or user.agency_id is None:
        return Report.objects.none()
    return (
        Report.objects.select_related("round", "round__period", "round__coordinator", "agency")
        .filter(agency_id=user.agency_id)
        .exclude(round__coordinator_id=user.agency_id)
    )


def get_received_report(user: User, pk: int) -> Report:
    return get_object_or_404(received_reports(user), pk=pk)


def get_overseen_round(user: User, pk: int) -> Round:
    return get_object_or_404(overseen_rounds(user), pk=pk)


def get_reviewable_round(user: User, pk: int) -> Round:
    round_ = get_overseen_round(user, pk)
    if not can_review(user, round_):
        raise Http404("Không tìm thấy đợt báo cáo.")
    return round_
