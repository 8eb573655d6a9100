"""The leadership dashboard: headline figures, trends over years, the current round's completeness."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from analytics.charts import Chart, Series, chart
from analytics.comparison import Comparison, Coverage, compare, earlier_label, steady_series
from analytics.compilation import round_coverage
from analytics.rollup import Question, rollup
from catalogue.models import Indicator, Period, PeriodKind
from datavalues.figures import AgencyFigures, Figure, province_figure
from places.models import Level
from rounds.access import ValueScope
from rounds.completeness import Completeness, completeness
from rounds.models import Round

HEADLINES = (
    "propaganda_sessions",
    "propaganda_attendance",
    "establishments_inspected",
    "establishments_fined",
    "criminal_cases",
    "support_health",
)
TREND_YEARS = 10


@dataclass
class Headline:
    indicator: Indicator
    current: Figure | None
    comparison: Comparison
    change: str  # the comparison as the card prints it; empty when there is nothing to compare
    # Over the agencies that gave the indicator in every year shown, and how many they are.
    trend: list[tuple[int, Figure]]
    trend_agencies: int


@dataclass
class Dashboard:
    year: int
    headlines: list[Headline]
    round: Round | None
    completeness: Completeness | None
    coverage: Coverage | None  # of the year's round, when the dashboard's year has one

    def charts(self) -> list[Chart]:
        """The trends, one chart per unit of measure, only the years with a figure."""
        years = list(range(self.year - TREND_YEARS + 1, self.year + 1))
        charts = []
        for unit in dict.fromkeys(h.indicator.unit for h in self.headlines):
            series = [
                Series(
                    f"{h.indicator.name} ({h.trend_agencies} cơ quan, đơn vị)",
                    [dict(h.trend)[y].value if y in dict(h.trend) else None for y in years],
                )
                for h in self.headlines
                if h.indicator.unit == unit
            ]
            charts.append(chart(unit, [str(y) for y in years], series))
        return [c for c in charts if c is not None]


def build_dashboard(year: int, scope: ValueScope, round_: Round | None) -> Dashboard:
    indicators = list(Indicator.objects.filter(code__in=HEADLINES))
    indicators.sort(key=lambda i: HEADLINES.index(i.code))
    result = rollup(
        Question(
            tuple(i.pk for i in indicators),
            by=("agency", "period"),
            first_year=year - TREND_YEARS + 1,
            last_year=year,
            scope=scope,
        )
    )
    by_year: dict[int, dict[tuple[int, int], Figure]] = {}
    for (indicator, agency, cell), figure in result.items():
        by_year.setdefault(cell[0], {})[indicator, agency] = figure
    now: AgencyFigures = by_year.get(year, {})
    before: AgencyFigures = by_year.get(year - 1, {})
    earlier = earlier_label(Period(kind=PeriodKind.YEAR, year=year))
    headlines = []
    for indicator in indicators:
        comparison = compare(indicator, now, before)
        change = comparison.describe(indicator, earlier) if comparison.agencies_previous else ""
        trend, agencies = steady_series(indicator, by_year)
        headlines.append(
            Headline(
                indicator,
                province_figure(indicator, now),
                comparison,
                change,
                sorted(trend.items()),
                agencies,
            )
        )
    this_year = round_ if round_ and round_.period.year == year else None
    return Dashboard(
        year,
        headlines,
        round_,
        completeness(round_) if round_ else None,
        round_coverage(this_year, scope.include_drafts) if this_year else None,
    )


def national_round(rounds: QuerySet[Round], year: int) -> Round | None:
    """The year's national round among those the reader oversees: the dashboard links to its
    page comparing provinces."""
    national = rounds.filter(coordinator__unit__level=Level.COUNTRY, period__year=year)
    return national.order_by("-deadline").first()
