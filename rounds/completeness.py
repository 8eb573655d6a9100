"""Completeness and timeliness of a round, and its results against the plan's targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Sum

from catalogue.models import Aggregation
from datavalues.models import DataValue
from rounds.models import Report, ReportStatus, Round, Target


@dataclass
class Completeness:
    reports: list[Report]
    counts: dict[str, int]
    asked: int
    submitted: int
    on_time: int
    late: int

    @property
    def rate(self) -> Decimal:
        """Share of agencies asked that have submitted (accepted or waiting for review), in %."""
        if not self.asked:
            return Decimal(0)
        return Decimal(self.submitted * 100) / Decimal(self.asked)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.counts.get(s.value, 0)) for s in ReportStatus]


def completeness(round_: Round) -> Completeness:
    reports = list(round_.reports.select_related("agency", "round").order_by("agency__name"))
    counts: dict[str, int] = {}
    for report in reports:
        counts[report.status] = counts.get(report.status, 0) + 1
    filed = [r for r in reports if r.filed_at is not None]
    late = sum(1 for r in reports if r.is_late())
    submitted = counts.get(ReportStatus.SUBMITTED, 0) + counts.get(ReportStatus.ACCEPTED, 0)
    return Completeness(
        reports=reports,
        counts=counts,
        asked=len(reports),
        submitted=submitted,
        on_time=sum(1 for r in filed if not r.is_late()),
        late=late,
    )


@dataclass
class TargetResult:
    target: Target
    actual: Decimal | None

    @property
    def achieved(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.target.value


def target_results(round_: Round) -> list[TargetResult]:
    """Each target of the round's plan against the accepted reports' totals.

    Summed indicators add up across agencies; the others (rates, stocks) take the highest value
    reported, since a rate cannot be added.
    """
    if round_.plan_id is None:
        return []
    targets = list(Target.objects.filter(plan_id=round_.plan_id).select_related("indicator"))
    values = (
        DataValue.objects.filter(
            report__round=round_,
            report__status=ReportStatus.ACCEPTED,
            indicator_id__in=[t.indicator_id for t in targets],
            category__isnull=True,
            place_id=F("agency__unit_id"),
        )
        .values("indicator_id")
        .annotate(total=Sum("value"), highest=Max("value"))
    )
    by_indicator = {row["indicator_id"]: row for row in values}
    results = []
    for target in targets:
        row = by_indicator.get(target.indicator_id)
        key = "total" if target.indicator.aggregation == Aggregation.SUM else "highest"
        results.append(TargetResult(target, row[key] if row else None))
    return results
