"""The figures of a round for its documents: analytics.compilation's, keyed as builders read them.

No aggregation lives here: totals, rates from their parts, like-for-like comparisons, the splits
by agency and locality and the yearly trend all come from analytics (compile_round,
yearly_by_agency and analytics.comparison).
"""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Agency
from analytics import compilation
from analytics.comparison import Comparison, Coverage, steady_series
from catalogue.models import Indicator
from datavalues.figures import Figure, Rate
from places.models import AdministrativeUnit
from rounds.access import round_scope
from rounds.models import FILED_STATUSES, Report, ReportStatus, Round

YEARS_CHARTED = 5


@dataclass(frozen=True)
class DocumentFigures:
    """A round's figures as its documents print them, from analytics.compilation.Compilation:
    totals, last year's, per agency, per locality, by year, and the reports they count."""

    round: Round
    province: AdministrativeUnit
    indicators: list[Indicator]
    by_locality: frozenset[int]  # indicators the round asks per locality
    reports: list[Report]  # the reports whose figures count
    asked: int
    coverage: Coverage
    totals: dict[int, Figure]  # a rate's computed from its parts
    previous: dict[int, Figure]
    comparisons: dict[int, Comparison]  # like for like with the previous period
    rates: dict[int, Rate]
    agencies: list[Agency]
    by_agency: dict[tuple[int, int], Figure]
    localities: list[AdministrativeUnit]
    by_place: dict[tuple[int, int], Figure]
    # Per indicator: its yearly figures over the agencies that gave it every year, and how many.
    trends: dict[int, tuple[dict[int, Figure], int]]

    @property
    def year(self) -> int:
        return self.round.period.year


def round_province(round_: Round) -> AdministrativeUnit:
    """The province of the round's coordinating agency."""
    return round_.coordinator.unit.province()


def counted_reports(round_: Round, include_drafts: bool) -> list[Report]:
    """Accepted reports, or every filed one (submitted, returned) when drafts are included."""
    reports = round_.reports.select_related("agency").order_by("agency__name")
    if not include_drafts:
        reports = reports.filter(status=ReportStatus.ACCEPTED)
    else:
        reports = reports.filter(status__in=FILED_STATUSES)
    return list(reports)


def document_figures(round_: Round, include_drafts: bool = False) -> DocumentFigures:
    """Every figure a compiled report prints, as analytics compiles the round."""
    scope = round_scope(round_, include_drafts)
    compiled = compilation.compile_round(round_, scope)
    by_year = compilation.yearly_by_agency(round_, YEARS_CHARTED, scope)
    lines = compiled.lines
    links = round_.round_indicators.filter(by_locality=True).values_list("indicator_id", flat=True)
    return DocumentFigures(
        round=round_,
        province=compiled.province,
        indicators=[line.indicator for line in lines],
        by_locality=frozenset(links),
        reports=counted_reports(round_, include_drafts),
        asked=round_.reports.count(),
        coverage=compiled.coverage,
        totals={line.indicator.pk: line.total for line in lines if line.total},
        previous={line.indicator.pk: line.previous for line in lines if line.previous},
        comparisons={line.indicator.pk: line.comparison for line in lines},
        rates={line.indicator.pk: line.rate for line in lines if line.rate},
        agencies=compiled.agencies,
        by_agency={
            (line.indicator.pk, agency): f for line in lines for agency, f in line.by_agency.items()
        },
        localities=compiled.places,
        by_place={
            (line.indicator.pk, place): f for line in lines for place, f in line.by_place.items()
        },
        trends={
            line.indicator.pk: steady_series(line.indicator, by_year)
            for line in lines
            if not line.indicator.is_rate
        },
    )
