"""Thin views: fetch through rounds.access, validate with a form, call an action, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import Role, User
from accounts.requests import client_ip
from agencies.models import Agency
from audit.log import scope_of
from audit.models import AuditRecord
from rounds import actions
from rounds.access import (
    can_answer_round,
    can_edit_report,
    can_log_activities,
    can_open_round,
    can_review,
    get_editable_report,
    get_overseen_round,
    get_received_report,
    get_report_for_user,
    get_reviewable_report,
    get_reviewable_round,
    overseen_rounds,
    readable_lineage_ids,
    readable_report_ids,
    received_reports,
    reports_for_user,
)
from rounds.completeness import completeness, target_results
from rounds.forms import ActivityForm, ChildRoundForm, ReportForm, ReviewForm, RoundOpenForm
from rounds.models import Activity, ReportStatus, Round
from rounds.offline import entry_rules
from rounds.sheet import build_sheet
from rounds.upward import answer_report, answer_upward, may_answer_upward, outdated_values
from rounds.validation import Findings, validate


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    """Officers see their agency's reports; the others the rounds they oversee."""
    user = request.user
    context: dict[str, object] = {"can_open": can_open_round(user)}
    if user.is_officer:
        context["reports"] = reports_for_user(user).order_by("-round__deadline")
    else:
        context["can_receive"] = user.role == Role.COORDINATOR
        context["rounds"] = overseen_rounds(user).annotate(
            asked=Count("reports"),
            filed=Count(
                "reports",
                filter=Q(reports__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]),
            ),
            accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)),
        )
    return render(request, "rounds/round_list.html", context)


@login_required
def round_open(request: AuthenticatedRequest) -> HttpResponse:
    if not can_open_round(request.user):
        raise Http404("Không tìm thấy.")
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.open_round(
                request.user,
                name=data["name"],
                period=form.period(),
                deadline=data["deadline"],
                agencies=list(data["agencies"]),
                indicators=form.indicator_choices(),
                outline=data["outline"],
                request=data["request"],
                plan=data["plan"],
                ip=client_ip(request),
            )
        except actions.WorkflowError as error:
            form.add_error(None, [error.message, *error.details])
        else:
            messages.success(request, f"Đã mở đợt báo cáo «{round_.name}».")
            return redirect("rounds:round_detail", pk=round_.pk)
    return render(request, "rounds/round_open.html", {"form": form})


@login_required
def received_list(request: AuthenticatedRequest) -> HttpResponse:
    """The requests the coordinator's agency received from the level above."""
    if request.user.role != Role.COORDINATOR:
        raise Http404("Không tìm thấy.")
    received = received_reports(request.user).order_by("-round__deadline")
    return render(request, "rounds/received_list.html", {"received": received})


@login_required
def received_request(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A request the coordinator's agency received (its report in another agency's round):
    what is asked, by when, and the rounds it opened to answer it."""
    report = get_received_report(request.user, pk)
    parent = report.round
    context = {
        "report": report,
        "parent": parent,
        "asked": parent.round_indicators.select_related("indicator"),
        "answers": parent.children.filter(coordinator_id=report.agency_id),
        "can_answer": can_answer_round(request.user, parent),
    }
    return render(request, "rounds/received_request.html", context)


@login_required
def child_round_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Open a round of one's own agencies to answer a received request."""
    report = get_received_report(request.user, pk)
    parent, agency = report.round, report.agency
    form = ChildRoundForm(parent, agency, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.open_child_round(
                request.user,
                parent,
                name=data["name"],
                deadline=data["deadline"],
                agencies=list(data["agencies"]),
                indicators=form.indicators(),
                outline=data["outline"],
                ip=client_ip(request),
            )
        except actions.WorkflowError as error:
            form.add_error(None, [error.message, *error.details])
        else:
            messages.success(request, f"Đã mở đợt báo cáo «{round_.name}» để trả lời cấp trên.")
            return redirect("rounds:round_detail", pk=round_.pk)
    context = {"form": form, "parent": parent, "report": report}
    return render(request, "rounds/child_round_open.html", context)


def _chain(user: User, round_: Round) -> dict[str, object]:
    """The request a round answers and the rounds answering it, each linked where readable."""
    related = [round_.parent] if round_.parent else []
    children = list(round_.children.select_related("coordinator", "period"))
    readable = set(
        overseen_rounds(user)
        .filter(pk__in=[r.pk for r in related + children])
        .values_list("pk", flat=True)
    )
    received = None
    if round_.parent is not None:
        received = received_reports(user).filter(round=round_.parent).first()
    return {
        "parent_readable": round_.parent_id in readable,
        "parent_received": received,
        "children": [(child, child.pk in readable) for child in children],
    }


@login_required
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Completeness and timeliness of the round, and results against the plan's targets."""
    round_ = get_overseen_round(request.user, pk)
    summary = completeness(round_)
    context = {
        **_chain(request.user, round_),
        **_answer(request.user, round_),
        "round": round_,
        "summary": summary,
        "readable_reports": readable_report_ids(request.user, [r.pk for r in summary.reports]),
        "targets": target_results(round_),
        "can_review": can_review(request.user, round_),
    }
    return render(request, "rounds/round_detail.html", context)


def _answer(user: User, round_: Round) -> dict[str, object]:
    """For the coordinator of a round that answers a request: its report there, whether the
    round's figures were sent, and what changed since."""
    if not may_answer_upward(user, round_):
        return {}
    report = answer_report(round_)
    if report is None:
        return {}
    sent = report.compiled_from_id == round_.pk
    return {
        "answer": report,
        "answer_sent": sent,
        "answer_outdated": outdated_values(report) if sent else None,
    }


@require_POST
@login_required
def round_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Carry the round's accepted compilation into the agency's report to the level above."""
    round_ = get_overseen_round(request.user, pk)
    if not may_answer_upward(request.user, round_):
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, "Thiếu phiên bản của báo cáo cấp trên; tải lại trang rồi gửi lại.")
        return redirect("rounds:round_detail", pk=round_.pk)
    try:
        answer_upward(request.user, round_, version=version, ip=client_ip(request))
    except actions.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "Đã chuyển số liệu tổng hợp (các báo cáo đã tiếp nhận) vào báo cáo gửi cấp trên.",
        )
    return redirect("rounds:round_detail", pk=round_.pk)


@require_POST
@login_required
def round_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_reviewable_round(request.user, pk)
    result = actions.send_reminders(round_, request.user, ip=client_ip(request))
    if _is_htmx(request):
        return render(request, "rounds/_reminders.html", {"result": result})
    if result.reminded:
        messages.success(
            request, f"Đã gửi thư nhắc tới {len(result.reminded)} cơ quan, đơn vị chưa nộp."
        )
    if result.without_address:
        names = ", ".join(a.name for a in result.without_address)
        messages.warning(request, f"Chưa có địa chỉ thư điện tử của: {names}.")
    if not result.reminded and not result.without_address:
        messages.info(request, "Mọi cơ quan, đơn vị đều đã nộp báo cáo.")
    # The home page's to-do list sends its own address back; anything off-site is ignored.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("rounds:round_detail", pk=round_.pk)


@login_required
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    sheet = build_sheet(report)
    carried = [v.pk for v in sheet.values.values() if v.source == "carried"]
    context = {
        "report": report,
        "sheet_rows": [(cell, sheet.values.get(cell.key)) for cell in sheet.cells],
        "readable_lineage": readable_lineage_ids(request.user, carried),
        "narratives": {n.section_id: n.text for n in report.narratives.all()},
        "sections": report.round.sections.all(),
        "history": AuditRecord.objects.for_scope(scope_of(report)),
        "can_edit": can_edit_report(request.user, report) and report.is_editable,
        "can_review": can_review(request.user, report.round),
        "review_form": ReviewForm(),
        "outdated": {v.pk for v in outdated_values(report).values},
    }
    return render(request, "rounds/report_detail.html", context)


def _render_sheet(request, report, form, findings: Findings, problem=None, status=200):
    context = {
        "report": report,
        "form": form,
        "parts": form.parts(),
        "figures_filled": form.figures_filled(),
        "figures_total": len(form.sheet.cells),
        "findings": findings,
        "problem": problem,
        "offline_rules": entry_rules(form.sheet),
    }
    return render(request, "rounds/report_edit.html", context, status=status)


@login_required
def report_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The officer's sheet: save a draft, or save and submit."""
    report = get_editable_report(request.user, pk)
    if not report.is_editable:
        messages.info(request, f"Báo cáo đang ở trạng thái «{report.get_status_display()}».")
        return redirect("rounds:report_detail", pk=report.pk)
    sheet = build_sheet(report)
    findings = validate(sheet)
    if request.method != "POST":
        return _render_sheet(request, report, ReportForm(sheet, findings), findings)
    form = ReportForm(sheet, findings, data=request.POST)
    if not form.is_valid():
        return _render_sheet(request, report, form, findings, status=400)
    ip = client_ip(request)
    try:
        saved = actions.save_draft(
            report, request.user, form.to_draft(), version=form.cleaned_data["version"], ip=ip
        )
        if request.POST.get("action") != "submit":
            messages.success(request, "Đã lưu bản nháp.")
            return redirect("rounds:report_edit", pk=report.pk)
        actions.submit_report(saved, request.user, version=saved.version, ip=ip)
    except actions.VersionConflict as error:
        # Onto the report as stored now: its version, the other person's values, the choices.
        report.refresh_from_db()
        sheet = build_sheet(report)
        findings = validate(sheet)
        form = form.rebased(sheet, findings)
        problem = actions.VersionConflict(error.message, form.conflict_details())
        return _render_sheet(request, report, form, findings, problem, status=409)
    except actions.SubmissionRefused as error:
        messages.warning(request, "Đã lưu bản nháp nhưng chưa nộp được.")
        report.refresh_from_db()
        sheet = build_sheet(report)
        fresh = ReportForm(sheet, error.findings)
        return _render_sheet(request, report, fresh, error.findings, error, status=400)
    except actions.WorkflowError as error:
        return _render_sheet(request, report, form, findings, error, status=400)
    messages.success(request, "Đã nộp báo cáo tới cơ quan thường trực.")
    return redirect("rounds:report_detail", pk=report.pk)


@require_POST
@login_required
def report_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """htmx: run a save's checks on the form as typed so far, without saving it: the findings,
    and each figure's messages swapped in beside it (the form checks them as the officer types)."""
    report = get_editable_report(request.user, pk)
    sheet = build_sheet(report)
    form = ReportForm(sheet, Findings(), data=request.POST)
    form.is_valid()
    values = {key: entry.value for key, entry in form.values.items() if entry is not None}
    findings = validate(sheet, values)
    context = {
        "findings": findings,
        "form_errors": form.errors,
        "field_messages": form.field_messages(findings),
    }
    return render(request, "rounds/_report_check.html", context)


def _review_view(request: AuthenticatedRequest, pk: int, step, done: str) -> HttpResponse:
    report = get_reviewable_report(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        step(report, request.user, form.cleaned_data.get("comment", ""), client_ip(request))
    except actions.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("rounds:report_detail", pk=report.pk)


@require_POST
@login_required
def report_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review_view(
        request,
        pk,
        lambda report, user, text, ip: actions.return_report(report, user, comment=text, ip=ip),
        "Đã trả lại báo cáo để cơ quan, đơn vị chỉnh sửa.",
    )


@require_POST
@login_required
def report_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review_view(
        request,
        pk,
        lambda report, user, text, ip: actions.accept_report(report, user, comment=text, ip=ip),
        "Đã tiếp nhận báo cáo.",
    )


@require_POST
@login_required
def report_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review_view(
        request,
        pk,
        lambda report, user, text, ip: actions.reopen_report(report, user, reason=text, ip=ip),
        "Đã mở lại báo cáo; cơ quan, đơn vị có thể chỉnh sửa.",
    )


def _officer_only(request: AuthenticatedRequest) -> Agency:
    """The officer's agency (can_log_activities: an officer has one); 404 for the other roles."""
    agency = request.user.agency
    if agency is None or not can_log_activities(request.user):
        raise Http404("Không tìm thấy.")
    return agency


@login_required
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    """The agency's activity log: contests, conferences, trainings, media pieces, leaflets."""
    agency = _officer_only(request)
    form = ActivityForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        actions.log_activity(request.user, form.instance, ip=client_ip(request))
        messages.success(request, "Đã ghi hoạt động.")
        return redirect("rounds:activity_list")
    activities = Activity.objects.filter(agency=agency).select_related("locality")
    return render(request, "rounds/activity_list.html", {"form": form, "activities": activities})


@require_POST
@login_required
def activity_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _officer_only(request)
    activity = get_object_or_404(Activity, pk=pk, agency_id=request.user.agency_id)
    try:
        actions.delete_activity(request.user, activity, ip=client_ip(request))
    except PermissionDenied:
        raise Http404("Không tìm thấy.") from None
    messages.success(request, "Đã xóa hoạt động.")
    return redirect("rounds:activity_list")
