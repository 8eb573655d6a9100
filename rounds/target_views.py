"""The targets page: the coordinator sets a round's targets from the plan it answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.requests import client_ip
from rounds import target_actions
from rounds.access import get_reviewable_round
from rounds.actions import WorkflowError
from rounds.completeness import target_results
from rounds.models import Round, Target
from rounds.target_forms import PlanForm, TargetForm


def _render(
    request, round_: Round, form: TargetForm, plan_form: PlanForm, problem=None, status=200
):
    context = {
        "round": round_,
        "form": form,
        "plan_form": plan_form,
        "problem": problem,
        "targets": target_results(round_),
    }
    return render(request, "rounds/targets.html", context, status=status)


@login_required
def targets(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The plan's targets with their results so far; add or change one."""
    round_ = get_reviewable_round(request.user, pk)
    plan_form = PlanForm(initial={"plan": round_.plan_id})
    if request.method != "POST":
        initial = {}
        if chosen := request.GET.get("chi-tieu"):
            target = Target.objects.filter(plan_id=round_.plan_id, indicator_id=chosen).first()
            if target:
                initial = {
                    "indicator": target.indicator_id,
                    "comparison": target.comparison,
                    "value": target.value.normalize(),
                    "note": target.note,
                }
        return _render(request, round_, TargetForm(round_, initial=initial), plan_form)
    form = TargetForm(round_, request.POST)
    if not form.is_valid():
        return _render(request, round_, form, plan_form, status=400)
    try:
        target = target_actions.save_target(
            round_, request.user, form.target(), ip=client_ip(request)
        )
    except WorkflowError as error:
        return _render(request, round_, form, plan_form, error, status=400)
    messages.success(request, f"Đã lưu mục tiêu «{target}».")
    return redirect("rounds:round_targets", pk=round_.pk)


@require_POST
@login_required
def round_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_reviewable_round(request.user, pk)
    plan_form = PlanForm(request.POST)
    if not plan_form.is_valid():
        return _render(request, round_, TargetForm(round_), plan_form, status=400)
    target_actions.set_round_plan(
        round_, request.user, plan_form.cleaned_data["plan"], ip=client_ip(request)
    )
    messages.success(request, f"Đợt báo cáo thực hiện {round_.plan}.")
    return redirect("rounds:round_targets", pk=round_.pk)


@require_POST
@login_required
def target_delete(request: AuthenticatedRequest, pk: int, target_pk: int) -> HttpResponse:
    round_ = get_reviewable_round(request.user, pk)
    target = get_object_or_404(Target, pk=target_pk, plan_id=round_.plan_id)
    target_actions.delete_target(round_, request.user, target, ip=client_ip(request))
    messages.success(request, f"Đã xóa mục tiêu «{target}».")
    return redirect("rounds:round_targets", pk=round_.pk)
