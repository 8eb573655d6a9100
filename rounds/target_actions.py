"""Writes of a round's targets: the plan it answers and the targets that plan sets.

Targets belong to the plan, so every round answering the same plan shares them. Each write
runs in one transaction with its audit records, as rounds.actions does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from audit.log import Change, record, scope_of
from catalogue.models import Indicator
from documents.models import LegalDocument
from lib.vnformat import format_number
from rounds.access import can_review
from rounds.actions import WorkflowError
from rounds.models import Round, Target, TargetComparison

# Larger than any count a province reports, small enough to catch a mistyped figure.
LARGEST_TARGET = Decimal(10) ** 12


@dataclass(frozen=True)
class TargetInput:
    """A target as the coordinator typed it, before it is checked."""

    indicator: Indicator
    comparison: str
    value: Decimal
    note: str = ""


def _check_reviewer(round_: Round, by: User) -> None:
    if not can_review(by, round_):
        raise WorkflowError("Chỉ cơ quan thường trực của đợt báo cáo được đặt mục tiêu.")


def check_target(round_: Round, target: TargetInput) -> list[str]:
    """What is wrong with a target for this round, in words for the coordinator."""
    problems = []
    if round_.plan_id is None:
        problems.append("Đợt báo cáo chưa gắn với kế hoạch; hãy chọn kế hoạch trước.")
    if not round_.round_indicators.filter(indicator=target.indicator).exists():
        problems.append(f"Chỉ tiêu «{target.indicator.name}» không có trong đợt báo cáo này.")
    if target.comparison not in TargetComparison.values:
        problems.append("Cách so sánh phải là ≥, ≤ hoặc =.")
    if target.value < 0:
        problems.append("Mức mục tiêu không được là số âm.")
    elif target.indicator.is_rate and target.value > 100:
        problems.append(f"Mục tiêu «{target.indicator.name}» là tỷ lệ, không vượt quá 100%.")
    elif target.value >= LARGEST_TARGET:
        problems.append("Mức mục tiêu quá lớn; hãy kiểm tra lại con số.")
    return problems


def set_round_plan(round_: Round, by: User, plan: LegalDocument, *, ip: str | None = None) -> Round:
    """Name the plan the round answers; its targets are then the round's."""
    _check_reviewer(round_, by)
    with transaction.atomic():
        old = str(round_.plan) if round_.plan_id else ""
        round_.plan = plan
        round_.save(update_fields=["plan"])
        record(by, "edit", round_, changes=[Change("kế hoạch", old, str(plan))], ip=ip)
    return round_


def _described(target: Target) -> dict[str, str]:
    return {
        "so sánh": target.sign,
        "mức mục tiêu": format_number(target.value.normalize()),
        "lời văn trong kế hoạch": target.note,
    }


def save_target(round_: Round, by: User, typed: TargetInput, *, ip: str | None = None) -> Target:
    """Set (or change) the plan's target for an indicator; refused whole when any rule fails."""
    _check_reviewer(round_, by)
    problems = check_target(round_, typed)
    if problems:
        raise WorkflowError("Chưa lưu được mục tiêu.", problems)
    with transaction.atomic():
        target = (
            Target.objects.select_for_update()
            .filter(plan_id=round_.plan_id, indicator=typed.indicator)
            .first()
        )
        before = _described(target) if target else {}
        if target is None:
            target = Target(plan=round_.plan, indicator=typed.indicator)
        target.comparison = typed.comparison
        target.value = typed.value
        target.note = typed.note.strip()
        target.save()
        after = _described(target)
        changes = [
            Change(name, before.get(name, ""), new)
            for name, new in after.items()
            if before.get(name, "") != new
        ]
        record(by, "target", target, scope=scope_of(round_), changes=changes, ip=ip)
    return target


def delete_target(round_: Round, by: User, target: Target, *, ip: str | None = None) -> None:
    """Remove a target of the round's plan."""
    _check_reviewer(round_, by)
    if target.plan_id != round_.plan_id:
        raise WorkflowError("Mục tiêu này không thuộc kế hoạch của đợt báo cáo.")
    with transaction.atomic():
        record(by, "delete", target, scope=scope_of(round_), ip=ip)
        target.delete()
