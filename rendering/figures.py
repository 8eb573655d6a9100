"""The figures of a round for its documents, read through analytics' roll-ups.

Analytics has no compilation of a round yet (only `rollup`); this thin adapter asks `rollup` the
questions a compiled report needs, so no second aggregation lives here. When analytics offers
a compilation of a round, `compile_round` becomes a call to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from agencies.models import Agency
from analytics.rollup import Figure, Question, Scope, rollup
from catalogue.models import Indicator
from datavalues.models import Qualifier
from places.models import AdministrativeUnit, Era, Level
from rounds.models import Report, ReportStatus, Round

YEARS_CHARTED = 5


@dataclass(frozen=True)
class Compilation:
    """A round's figures in its province: totals, last year's, per agency, per locality, by year."""

    round: Round
    province: AdministrativeUnit
    indicators: list[Indicator]
    by_locality: frozenset[int]  # indicators the round asks per locality
    reports: list[Report]  # the reports whose figures count
    asked: int
    totals: dict[int, Figure]
    previous: dict[int, Figure]
    agencies: list[Agency]
    by_agency: dict[tuple[int, int], Figure]
    localities: list[AdministrativeUnit]
    by_place: dict[tuple[int, int], Figure]
    by_year: dict[tuple[int, int], Figure]

    @property
    def year(self) -> int:
        return self.round.period.year


def round_province(round_: Round) -> AdministrativeUnit:
    """The province of the round's coordinating agency."""
    return round_.coordinator.unit.province()


def counted_reports(round_: Round, include_drafts: bool) -> list[Report]:
    """Accepted reports, or every report that holds something when drafts are included."""
    reports = round_.reports.select_related("agency").order_by("agency__name")
    if not include_drafts:
        reports = reports.filter(status=ReportStatus.ACCEPTED)
    else:
        reports = reports.exclude(status=ReportStatus.NOT_STARTED)
    return list(reports)


def compile_round(round_: Round, include_drafts: bool = False) -> Compilation:
    """Every figure a compiled report prints, with analytics' aggregation and qualifier rules."""
    province = round_province(round_)
    period = round_.period
    links = list(round_.round_indicators.select_related("indicator"))
    indicators = [link.indicator for link in links]
    ids = tuple(i.pk for i in indicators)
    scope = Scope(None, include_drafts)
    era = province.era

    def ask(by: tuple[str, ...], level: str = Level.PROVINCE, first: int | None = None) -> dict:
        question = Question(
            ids,
            by=(*by, "period"),
            level=level,
            era=era,
            within=province.pk,
            period_kind=period.kind,
            first_year=first or period.year - 1,
            last_year=period.year,
            scope=scope,
        )
        return rollup(question)

    cell = (period.year, period.number)
    earlier = (period.year - 1, period.number)
    per_year = ask((), first=period.year - YEARS_CHARTED + 1)
    per_agency = ask(("agency",))
    locality_level = Level.DISTRICT if era == Era.BEFORE_2025 else Level.COMMUNE
    per_place = ask(("place",), level=locality_level)
    by_agency = {(i, a): f for (i, a, c), f in per_agency.items() if c == cell}
    by_place = {(i, p): f for (i, p, c), f in per_place.items() if c == cell}
    return Compilation(
        round=round_,
        province=province,
        indicators=indicators,
        by_locality=frozenset(link.indicator_id for link in links if link.by_locality),
        reports=counted_reports(round_, include_drafts),
        asked=round_.reports.count(),
        totals={i: f for (i, c), f in per_year.items() if c == cell},
        previous={i: f for (i, c), f in per_year.items() if c == earlier},
        agencies=list(Agency.objects.filter(pk__in={a for _, a in by_agency}).order_by("name")),
        by_agency=by_agency,
        localities=list(
            AdministrativeUnit.objects.filter(pk__in={p for _, p in by_place}).order_by("name")
        ),
        by_place=by_place,
        by_year={(i, c[0]): f for (i, c), f in per_year.items() if c[1] == period.number},
    )


def change_percent(now: Figure, before: Figure | None) -> Decimal | None:
    """The change in % from last period, when both figures are exact and last one is not 0."""
    exact = now.qualifier == Qualifier.EXACT and before is not None
    if not exact or before.qualifier != Qualifier.EXACT or not before.value:
        return None
    return (now.value - before.value) * 100 / before.value
