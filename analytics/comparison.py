"""Like-for-like comparisons and the coverage of a total.

The dashboard, a round's compilation page and the compiled report all compare periods through
this module, so that a figure reads the same wherever it is printed:

- a comparison with another period counts only the agencies that gave the indicator in both
  periods (the same agencies on both sides), and says how many when that leaves some out;
- a rate is compared on its computed values (datavalues.figures.rate: its parts summed over the
  agencies that gave both, in both periods);
- a total over a round that is not complete carries its coverage ("4/8 cơ quan, đơn vị").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from catalogue.models import Indicator, Period, PeriodKind, ValueType
from datavalues.figures import (
    AgencyFigures,
    Figure,
    agencies_giving,
    over_agencies,
    rate,
    rate_agencies,
)
from datavalues.models import Qualifier, written_word
from lib.vnformat import figure_text, format_money, format_number, format_percent

CHANGE_DECIMALS = 1


def format_figure(figure: Figure | Decimal, indicator: Indicator) -> str:
    """ "trên 17.500", "112 triệu đồng", "72,5%": the value as printed, qualifier first."""
    if isinstance(figure, Decimal):
        figure = Figure(figure)
    prefix = figure.prefix
    if indicator.value_type == ValueType.MONEY:
        return prefix + format_money(figure.value)
    if indicator.value_type == ValueType.PERCENT:
        return prefix + format_percent(figure.value, indicator.decimals)
    return figure_text(
        figure.value, indicator.decimals, written_word(figure.qualifier, figure.word)
    )


def earlier_label(period: Period) -> str:
    """ "năm 2022", "cùng kỳ năm 2022": the period a round's figures are compared with."""
    year = period.year - 1
    return f"năm {year}" if period.kind == PeriodKind.YEAR else f"cùng kỳ năm {year}"


@dataclass(frozen=True)
class Coverage:
    """How many of the agencies a round asked have figures in its totals."""

    counted: int
    asked: int

    @property
    def complete(self) -> bool:
        return self.counted >= self.asked

    def __str__(self) -> str:
        return f"{self.counted}/{self.asked} cơ quan, đơn vị"


@dataclass(frozen=True)
class Comparison:
    """An indicator now and before, each side summed over the same agencies."""

    current: Figure | None
    previous: Figure | None
    agencies_compared: int
    agencies_current: int
    agencies_previous: int

    @property
    def like_for_like(self) -> bool:
        """Whether the compared agencies are all those with figures on either side."""
        return self.agencies_compared == self.agencies_current == self.agencies_previous

    @property
    def change_pct(self) -> Decimal | None:
        """The change in % (unrounded), when both sides are exact and the earlier one is not 0."""
        if self.current is None or self.previous is None or not self.previous.value:
            return None
        if {self.current.qualifier, self.previous.qualifier} != {Qualifier.EXACT}:
            return None
        return (self.current.value - self.previous.value) * 100 / self.previous.value

    def describe(self, indicator: Indicator, earlier: str, both: str = "cả hai năm") -> str:
        """ "tính trên 3 cơ quan, đơn vị có số liệu cả hai năm: tăng 13,3% so với năm 2022"."""
        if self.current is None or self.previous is None:
            return f"chưa so sánh được với {earlier}"
        basis = (
            ""
            if self.like_for_like
            else f"tính trên {self.agencies_compared} cơ quan, đơn vị có số liệu {both}: "
        )
        if indicator.has_parts:
            basis = basis.replace("có số liệu", "có đủ tử số và mẫu số")
        percent = None if indicator.is_rate else self.change_pct
        if percent is None:
            now = format_figure(self.current, indicator)
            return f"{basis}{now}, {earlier}: {format_figure(self.previous, indicator)}"
        if not percent:
            return f"{basis}bằng {earlier}"
        direction = "tăng" if percent > 0 else "giảm"
        # A fixed decimal ("tăng 17,0%"), so that changes line up and none looks truncated.
        shown = format_number(abs(percent), CHANGE_DECIMALS)
        return f"{basis}{direction} {shown}% so với {earlier}"


def compare(indicator: Indicator, now: AgencyFigures, before: AgencyFigures) -> Comparison:
    """The indicator in two periods over the agencies that gave it in both.

    A rate compares its computed values over the agencies that gave both parts in both periods;
    a rate without parts is not compared (an agency's own rates cannot be combined).
    """
    if indicator.is_rate:
        if not indicator.has_parts:
            return Comparison(None, None, 0, 0, 0)
        current, previous = rate_agencies(indicator, now), rate_agencies(indicator, before)
        shared = current & previous
        return Comparison(
            rate(indicator, now, shared).figure if shared else None,
            rate(indicator, before, shared).figure if shared else None,
            len(shared),
            len(current),
            len(previous),
        )
    current, previous = agencies_giving(now, indicator.pk), agencies_giving(before, indicator.pk)
    shared = current & previous
    rule = indicator.aggregation
    return Comparison(
        over_agencies(indicator.pk, rule, now, shared) if shared else None,
        over_agencies(indicator.pk, rule, before, shared) if shared else None,
        len(shared),
        len(current),
        len(previous),
    )


def steady_series(
    indicator: Indicator, by_year: Mapping[int, AgencyFigures]
) -> tuple[dict[int, Figure], int]:
    """The indicator year by year over the agencies that gave it in every year that has it.

    A chart of raw totals would show a fall wherever fewer agencies reported; this one compares
    the same agencies throughout. Returns the series and how many agencies it counts.
    """
    present = {year: agencies_giving(figures, indicator.pk) for year, figures in by_year.items()}
    present = {year: agencies for year, agencies in present.items() if agencies}
    if not present:
        return {}, 0
    steady = set.intersection(*present.values())
    if not steady:
        return {}, 0
    rule = indicator.aggregation
    series = {
        year: over_agencies(indicator.pk, rule, by_year[year], steady) for year in sorted(present)
    }
    return series, len(steady)
