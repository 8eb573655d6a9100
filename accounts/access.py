"""Who may see and do what: every view and API endpoint fetches through these helpers.

Objects outside the user's reach are reported as missing (404), never as forbidden, so an id
or a URL reveals nothing about another agency's work.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from rounds.models import FILED_STATUSES, Report, ReportStatus, Round


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def can_open_round(user: User) -> bool:
    return is_admin(user) or (user.role == Role.COORDINATOR and user.agency_id is not None)


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


def rounds_for_user(user: User) -> QuerySet[Round]:
    """Rounds the user may see: all for admin and leadership, own for coordinator and officer."""
    rounds = Round.objects.select_related("period", "coordinator", "request", "plan")
    if is_admin(user) or user.role == Role.VIEWER:
        return rounds
    if user.role == Role.COORDINATOR:
        return rounds.filter(coordinator_id=user.agency_id)
    return rounds.filter(reports__agency_id=user.agency_id).distinct()


def overseen_rounds(user: User) -> QuerySet[Round]:
    """Rounds whose completeness page the user may read (not the officers)."""
    if user.role == Role.OFFICER:
        return Round.objects.none()
    return rounds_for_user(user)


def reports_for_user(user: User) -> QuerySet[Report]:
    """Reports the user may read: an agency's drafts are visible to that agency only."""
    reports = Report.objects.select_related("round", "round__period", "agency")
    if user.role == Role.OFFICER:
        return reports.filter(agency_id=user.agency_id) if user.agency_id else reports.none()
    if user.role == Role.VIEWER:
        return reports.filter(status=ReportStatus.ACCEPTED)
    filed = reports.filter(status__in=FILED_STATUSES)
    if is_admin(user):
        return filed
    if user.role == Role.COORDINATOR and user.agency_id:
        return filed.filter(round__coordinator_id=user.agency_id)
    return reports.none()


def get_report_for_user(user: User, pk: int) -> Report:
    return get_object_or_404(reports_for_user(user), pk=pk)


def get_editable_report(user: User, pk: int) -> Report:
    """The user's own agency report, for writing; 404 for anyone else."""
    report = get_report_for_user(user, pk)
    if not can_edit_report(user, report):
        raise Http404("Không tìm thấy báo cáo.")
    return report


def get_reviewable_report(user: User, pk: int) -> Report:
    report = get_report_for_user(user, pk)
    if not can_review(user, report.round):
        raise Http404("Không tìm thấy báo cáo.")
    return report


def get_overseen_round(user: User, pk: int) -> Round:
    return get_object_or_404(overseen_rounds(user), pk=pk)


def get_reviewable_round(user: User, pk: int) -> Round:
    round_ = get_overseen_round(user, pk)
    if not can_review(user, round_):
        raise Http404("Không tìm thấy đợt báo cáo.")
    return round_


def client_ip(request) -> str | None:
    """The client's address: the peer's, or what our trusted proxies wrote in X-Forwarded-For."""
    peer = request.META.get("REMOTE_ADDR") or None
    hops = settings.TONGHOP_TRUSTED_PROXY_COUNT
    if not hops:
        return peer  # the header is anyone's to write; only the connection is known
    # Each proxy appends the address it saw, so entries left of the last `hops` are the client's
    # own claims; a request that did not pass through every proxy keeps its peer address.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-hops].strip()))
    except ValueError:
        return peer
