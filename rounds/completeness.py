"""Completeness and timeliness of a round, and its results against the plan's targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import F

from datavalues.figures import Figure, add, province_figure, rounded
from rounds.models import DataValue, Report, ReportStatus, Round, Target, late
from rounds.targets import TargetCheck


@dataclass
class Tally:
    """How many reports a round asked for, in each state, on time and late."""

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

    @staticmethod
    def of(states: list[tuple[str, bool, bool]]) -> Tally:
        """From each report's (status, filed, late)."""
        counts: dict[str, int] = {}
        for status, _, _ in states:
            counts[status] = counts.get(status, 0) + 1
        return Tally(
            counts=counts,
            asked=len(states),
            submitted=counts.get(ReportStatus.SUBMITTED, 0) + counts.get(ReportStatus.ACCEPTED, 0),
            on_time=sum(1 for _, filed, late in states if filed and not late),
            late=sum(1 for _, _, late in states if late),
        )


@dataclass
class Completeness(Tally):
    reports: list[Report]


def completeness(round_: Round) -> Completeness:
    reports = list(round_.reports.select_related("agency", "round").order_by("agency__name"))
    tally = Tally.of([(r.status, r.filed_at is not None, r.is_late()) for r in reports])
    return Completeness(**vars(tally), reports=reports)


class ReportLine(NamedTuple):
    """One report of a round as the API's completeness lists it (no model instance)."""

    id: int
    agency_code: str
    agency: str
    status: str
    status_label: str
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    late: bool
    version: int

    @classmethod
    def of(cls, report: Report) -> ReportLine:
        return cls(
            report.pk,
            report.agency.code,
            report.agency.name,
            report.status,
            STATUS_LABELS[report.status],
            report.first_submitted_at,
            report.submitted_at,
            report.is_late(),
            report.version,
        )


@dataclass
class Progress(Tally):
    lines: list[ReportLine]


STATUS_LABELS = dict(ReportStatus.choices)


def progress(round_: Round) -> Progress:
    """completeness() read as plain rows, for a round of any size polled often (the API): the
    same counts and lateness (Report.is_late), without a model instance per report."""
    deadline = round_.deadline
    rows = round_.reports.order_by("agency__name").values_list(
        "pk",
        "agency__code",
        "agency__name",
        "status",
        "first_submitted_at",
        "submitted_at",
        "version",
    )
    lines, states = [], []
    for pk, code, name, status, first, last, version in rows:
        filed_at = first or last
        is_late = late(filed_at, deadline)
        lines.append(
            ReportLine(pk, code, name, status, STATUS_LABELS[status], first, last, is_late, version)
        )
        states.append((status, filed_at is not None, is_late))
    tally = Tally.of(states)
    return Progress(**vars(tally), lines=lines)


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
