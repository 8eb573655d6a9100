"""The leadership dashboard: headline figures, trends over years, the current round's completeness."""

from __future__ import annotations

from dataclasses import dataclass

from analytics.rollup import Figure, Question, Scope, rollup
from catalogue.models import Indicator
from lib.exact import for_chart
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
    previous: Figure | None
    trend: list[tuple[int, Figure]]


@dataclass
class Dashboard:
    year: int
    headlines: list[Headline]
    round: Round | None
    completeness: Completeness | None

    def chart_data(self) -> dict:
        years = list(range(self.year - TREND_YEARS + 1, self.year + 1))
        return {
            "years": [str(y) for y in years],
            "series": [
                {
                    "name": h.indicator.name,
                    "data": [
                        for_chart(dict(h.trend)[y].value) if y in dict(h.trend) else None
                        for y in years
                    ],
                }
                for h in self.headlines
            ],
        }


def build_dashboard(year: int, scope: Scope, round_: Round | None) -> Dashboard:
    indicators = list(Indicator.objects.filter(code__in=HEADLINES))
    indicators.sort(key=lambda i: HEADLINES.index(i.code))
    result = rollup(
        Question(
            tuple(i.pk for i in indicators),
            by=("period",),
            first_year=year - TREND_YEARS + 1,
            last_year=year,
            scope=scope,
        )
    )
    headlines = []
    for indicator in indicators:
        trend = sorted(
            (key[1][0], figure) for key, figure in result.items() if key[0] == indicator.pk
        )
        by_year = dict(trend)
        headlines.append(Headline(indicator, by_year.get(year), by_year.get(year - 1), trend))
    return Dashboard(year, headlines, round_, completeness(round_) if round_ else None)
