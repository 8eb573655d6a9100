"""A national round read across provinces: ranking, series over the years, progress, drill-down.

No map: no maintained registry package (npm, PyPI) carries the boundaries of the 34 provinces of
1/7/2025 as far as we know, so provinces are compared in a ranked table with CSS bars.

Series over the years read the national rounds of each year (one per year, the latest by its
deadline) by province of the 2025 map: the unit map (analytics.units) takes a former province's
figures to its successor, so a province formed from several shows their sum for the years before
1/7/2025, and the page says which ones ("gộp từ tỉnh A, tỉnh B").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from analytics.rollup import Question, Result, rollup
from catalogue.models import Indicator, PeriodKind
from datavalues.figures import Figure
from places.models import LAST_DAY_BEFORE_REFORM, AdministrativeUnit, Era, Level, Succession
from rounds.access import ValueScope
from rounds.models import DataValue, Report, ReportStatus, Round
from rounds.tree import agency_with_place
from rounds.upward import LineageNode, lineage, outdated_ids

SERIES_YEARS = 5


def is_national(round_: Round) -> bool:
    return round_.coordinator.unit.level == Level.COUNTRY


def national_rounds(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """The national rounds among the given ones."""
    return rounds.filter(coordinator__unit__level=Level.COUNTRY)


@dataclass
class ProvinceBar:
    province: AdministrativeUnit
    figure: Figure | None
    width: Decimal  # the bar's length, in % of the highest province's figure


@dataclass
class Ranking:
    """One indicator's provinces, highest first; those without a figure last."""

    indicator: Indicator
    total: Figure | None
    bars: list[ProvinceBar]


@dataclass
class ProvinceSeries:
    province: AdministrativeUnit
    by_year: dict[int, Figure]
    merged_from: list[str]  # the former provinces it was formed from, if more than one
    cells: list[Figure | None] = field(default_factory=list)  # by_year in the series' years

    @property
    def note(self) -> str:
        if len(self.merged_from) < 2:
            return ""
        return "gộp từ " + ", ".join(self.merged_from)


@dataclass
class Series:
    indicator: Indicator
    years: list[int]
    rounds: dict[int, Round]
    provinces: list[ProvinceSeries]

    @property
    def merged_years(self) -> list[int]:
        """The years whose round ended before 1/7/2025: figures of former provinces."""
        return [y for y in self.years if self.rounds[y].period.end <= LAST_DAY_BEFORE_REFORM]


@dataclass
class Progress:
    """A round's reports: how many accepted of those asked, how many filed on time."""

    round: Round
    level: str
    coordinator: str
    accepted: int
    expected: int
    on_time: int

    @classmethod
    def of(cls, round_: Round, level: str, reports: list[Report]) -> Progress:
        return cls(
            round_,
            level,
            agency_with_place(round_.coordinator),
            sum(1 for r in reports if r.status == ReportStatus.ACCEPTED),
            len(reports),
            sum(1 for r in reports if r.filed_at is not None and not r.is_late()),
        )


@dataclass
class DrillDown:
    """A national total, the provinces' answers the reader sees, and how many not."""

    indicator: Indicator
    total: Figure | None
    provinces: list[LineageNode]
    hidden: int
    outdated: set[int]  # carried values their child round no longer gives


@dataclass
class National:
    round: Round
    scope: ValueScope
    era: str
    rankings: list[Ranking]
    indicator: Indicator
    series: Series
    progress: list[Progress] = field(default_factory=list)
    drill: DrillDown | None = None


def _question(round_: Round, indicators: tuple[int, ...], scope: ValueScope, **kwargs) -> Question:
    period = round_.period
    return Question(
        indicators,
        period_kind=period.kind if period.kind != PeriodKind.CUSTOM else PeriodKind.YEAR,
        first_year=period.start.year,
        last_year=period.end.year,
        round=round_.pk,
        scope=scope,
        **kwargs,
    )


def _provinces_asked(round_: Round) -> list[AdministrativeUnit]:
    units = {r.agency.unit.province() for r in round_.reports.select_related("agency__unit")}
    return sorted(units, key=lambda u: u.name)


def rankings(round_: Round, indicators: list[Indicator], scope: ValueScope) -> list[Ranking]:
    """Each indicator's figure per province of the round, ranked, with the national total."""
    ids = tuple(i.pk for i in indicators)
    era = round_.coordinator.unit.era
    by_place = rollup(_question(round_, ids, scope, by=("place",), era=era))
    totals = rollup(_question(round_, ids, scope, era=era))
    provinces = _provinces_asked(round_)
    found = []
    for indicator in indicators:
        figures = {p.pk: by_place.get((indicator.pk, p.pk)) for p in provinces}
        top = max((f.value for f in figures.values() if f), default=Decimal(0))
        bars = [
            ProvinceBar(p, figures[p.pk], _width(figures[p.pk], top))
            for p in sorted(provinces, key=lambda p: _rank_key(figures[p.pk], p))
        ]
        found.append(Ranking(indicator, totals.get((indicator.pk,)), bars))
    return found


def _width(figure: Figure | None, top: Decimal) -> Decimal:
    if figure is None or not top:
        return Decimal(0)
    return (figure.value * 100 / top).quantize(Decimal("0.1"))


def _rank_key(figure: Figure | None, province: AdministrativeUnit) -> tuple:
    return (figure is None, -(figure.value if figure else 0), province.name)


def _series_rounds(round_: Round) -> dict[int, Round]:
    """One national round per year up to the round's own, the latest by deadline."""
    rounds = national_rounds(
        Round.objects.filter(
            period__kind=round_.period.kind,
            period__year__gt=round_.period.year - SERIES_YEARS,
            period__year__lte=round_.period.year,
        )
    ).select_related("period", "coordinator")
    chosen: dict[int, Round] = {}
    for item in rounds.order_by("deadline", "pk"):
        chosen[item.period.year] = item
    chosen[round_.period.year] = round_
    return dict(sorted(chosen.items()))


def merged_from(provinces: list[AdministrativeUnit]) -> dict[int, list[str]]:
    """Each 2025 province -> the former provinces it was formed from ("tỉnh Bắc Giang", ...)."""
    found: dict[int, list[str]] = defaultdict(list)
    links = (
        Succession.objects.filter(
            successor__in=provinces,
            predecessor__level=Level.PROVINCE,
            predecessor__era=Era.BEFORE_2025,
        )
        .select_related("predecessor")
        .order_by("predecessor__name")
    )
    for link in links:
        unit = link.predecessor
        full = unit.full_name or unit.name
        found[link.successor_id].append(full[:1].lower() + full[1:])
    return found


def series(round_: Round, indicator: Indicator, scope: ValueScope) -> Series:
    """The indicator by province of the 2025 map, one column per year's national round."""
    rounds = _series_rounds(round_)
    by_year: dict[int, Result] = {
        year: rollup(_question(item, (indicator.pk,), scope, by=("place",), era=Era.FROM_2025))
        for year, item in rounds.items()
    }
    place_ids = {key[1] for result in by_year.values() for key in result}
    provinces = list(AdministrativeUnit.objects.filter(pk__in=place_ids).order_by("name"))
    before_reform = any(r.period.end <= LAST_DAY_BEFORE_REFORM for r in rounds.values())
    merged = merged_from(provinces) if before_reform else {}
    rows = [
        ProvinceSeries(
            province,
            {
                year: figure
                for year, result in by_year.items()
                if (figure := result.get((indicator.pk, province.pk)))
            },
            merged.get(province.pk, []),
        )
        for province in provinces
    ]
    for row in rows:
        row.cells = [row.by_year.get(year) for year in rounds]
    return Series(indicator, list(rounds), rounds, rows)


def progress(round_: Round) -> list[Progress]:
    """The national round's provinces, then each province's own round answering it (2 queries)."""
    rounds = [round_, *round_.children.select_related("coordinator__unit", "period")]
    reports: dict[int, list[Report]] = defaultdict(list)
    for report in Report.objects.filter(round__in=rounds).select_related("round"):
        reports[report.round_id].append(report)
    found = [Progress.of(round_, "Bộ", reports[round_.pk])]
    children = sorted(rounds[1:], key=lambda r: agency_with_place(r.coordinator))
    found += [Progress.of(child, "Tỉnh", reports[child.pk]) for child in children]
    return found


def drill_down(
    round_: Round, indicator: Indicator, scope: ValueScope, total: Figure | None
) -> DrillDown:
    """The provinces' answers for the indicator and their lineage, as far as the reader sees."""
    answers = DataValue.objects.filter(
        report__round=round_, indicator=indicator, category__isnull=True
    ).select_related("agency__unit")
    own = [v.pk for v in answers if v.place_id == v.agency.unit_id]
    shown = (
        DataValue.objects.filter(scope.condition(answers=True), pk__in=own)
        .select_related("indicator", "agency", "place", "report", "report__round")
        .order_by("-value", "agency__name")
    )
    nodes = [lineage(value, scope) for value in shown]
    outdated = {pk for node in nodes for pk in outdated_ids(node)}
    return DrillDown(indicator, total, nodes, len(own) - len(nodes), outdated)


def national(round_: Round, scope: ValueScope, indicator_id: int | None = None) -> National:
    """Everything the national page shows for the round, read through the reader's scope."""
    indicators = [ri.indicator for ri in round_.round_indicators.select_related("indicator")]
    chosen = next((i for i in indicators if i.pk == indicator_id), indicators[0])
    ranked = rankings(round_, indicators, scope)
    total = next(r.total for r in ranked if r.indicator == chosen)
    return National(
        round=round_,
        scope=scope,
        era=round_.coordinator.unit.era,
        rankings=ranked,
        indicator=chosen,
        series=series(round_, chosen, scope),
        progress=progress(round_),
        drill=drill_down(round_, chosen, scope, total),
    )
