"""Completeness and timeliness of a round, and its results against the plan's targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from datavalues.figures import Figure, add, province_figure, rounded
from rounds.models import DataValue, Report, ReportStatus, Round, Target
from rounds.targets import TargetCheck


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


def target_results(round_: Round) -> list[TargetCheck]:
    """Each target of the round's plan against the accepted reports' province figures.

    Summed indicators add up across agencies, stocks take the highest value reported, and a rate
    is computed from its parts summed over the agencies that gave both (datavalues.figures):
    one agency's own rate is never the province's.
    """
    if round_.plan_id is None:
        return []
    targets = list(Target.objects.filter(plan_id=round_.plan_id).select_related("indicator"))
    wanted = {t.indicator_id for t in targets}
    wanted |= {
        pk
        for t in targets
        for pk in (t.indicator.numerator_id, t.indicator.denominator_id)
        if pk is not None
    }
    values = DataValue.objects.filter(
        report__round=round_,
        report__status=ReportStatus.ACCEPTED,
        indicator_id__in=wanted,
        category__isnull=True,
        place_id=F("agency__unit_id"),
    ).values_list("indicator_id", "agency_id", "value", "qualifier")
    parts: dict[tuple[int, int], list[Figure]] = {}
    for indicator_id, agency_id, value, qualifier in values:
        parts.setdefault((indicator_id, agency_id), []).append(Figure(value, qualifier))
    figures = {key: add(found) for key, found in parts.items()}
    results = []
    for target in targets:
        figure = province_figure(target.indicator, figures)
        actual = rounded(figure, target.indicator).value if figure else None
        results.append(TargetCheck(target, actual))
    return results
