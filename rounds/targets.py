"""A figure against a plan's target: "Đạt", "Chưa đạt" or "Chưa có số liệu"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from datavalues.figures import Figure, rounded
from rounds.models import DataValue, Report, Target, TargetComparison

ACHIEVED = "Đạt"
MISSED = "Chưa đạt"
NO_DATA = "Chưa có số liệu"


def target_status(comparison: str, target: Decimal, actual: Decimal | None) -> str:
    """The verdict on `actual` (already rounded as shown) for a target "≥", "≤" or "=" `target`."""
    if actual is None:
        return NO_DATA
    met = {
        TargetComparison.AT_LEAST: actual >= target,
        TargetComparison.AT_MOST: actual <= target,
        TargetComparison.EQUAL: actual == target,
    }[TargetComparison(comparison)]
    return ACHIEVED if met else MISSED


@dataclass(frozen=True)
class TargetCheck:
    """One target beside the figure it is judged on (None when nobody reported it)."""

    target: Target
    actual: Decimal | None

    @property
    def status(self) -> str:
        return target_status(self.target.comparison, self.target.value, self.actual)

    @property
    def achieved(self) -> bool | None:
        return None if self.actual is None else self.status == ACHIEVED


def report_targets(report: Report) -> list[TargetCheck]:
    """Each target of the round's plan for an indicator the round asks, against the report's
    own figure for its agency's unit (rounded as shown, for a rate)."""
    round_ = report.round
    if round_.plan_id is None:
        return []
    order = dict(round_.round_indicators.values_list("indicator_id", "order"))
    targets = sorted(
        Target.objects.filter(plan_id=round_.plan_id, indicator_id__in=order).select_related(
            "indicator"
        ),
        key=lambda target: order[target.indicator_id],
    )
    values = dict(
        DataValue.objects.filter(
            report=report, place_id=report.agency.unit_id, category__isnull=True
        ).values_list("indicator_id", "value")
    )
    checks = []
    for target in targets:
        value = values.get(target.indicator_id)
        actual = None if value is None else rounded(Figure(value), target.indicator).value
        checks.append(TargetCheck(target, actual))
    return checks
