"""A figure: a value with its qualifier and the word written for it, and how figures combine.

- A sum is exact when all its parts are; "about" in any part makes the sum "about" (an
  approximate part may lie on either side); otherwise any "more than" part makes it "more than"
  ("trên 540" + 300 = "trên 840"). A chosen value (the highest) keeps its own qualifier.
- A sum keeps the word of its parts of the winning kind when they all wrote the same one
  ("hơn 500" + 40 = "hơn 540"), else it prints the kind's default word.
- Across agencies, summed indicators add up and the others (rates, stocks) take the highest; a
  rate above the agency level is its numerator over its denominator, each summed over the
  agencies that gave both: an agency's own rate is never the province's.

The roll-ups, the comparisons, the round's targets and the import review all combine figures
here, so a figure reads the same wherever it is printed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from catalogue.models import Aggregation, Indicator
from datavalues.models import Qualifier, qualifier_prefix, written_word
from lib.vnformat import figure_text

QUALIFIER_RANK: dict[str, int] = {Qualifier.EXACT: 0, Qualifier.MORE_THAN: 1, Qualifier.ABOUT: 2}
NO_COMMON_RATE = "chưa đủ số liệu để tính tỷ lệ chung"


class Figure(NamedTuple):
    """A value with its qualifier and the word written for it, blank for the kind's default
    (a tuple: roll-ups build hundreds of thousands of them)."""

    value: Decimal
    qualifier: str = Qualifier.EXACT
    word: str = ""

    @property
    def prefix(self) -> str:
        """ "hơn ", "khoảng ", "": the text printed before the number."""
        return qualifier_prefix(self.qualifier, self.word)

    def __str__(self) -> str:
        return figure_text(self.value, word=written_word(self.qualifier, self.word))


def add(figures: Iterable[Figure]) -> Figure:
    """The sum, with the weakest qualifier of its parts (about > more than > exact) and their
    word when all parts of that qualifier wrote the same one, else the default (blank)."""
    parts = list(figures)
    qualifier = max((f.qualifier for f in parts), key=QUALIFIER_RANK.__getitem__)
    words = {f.word for f in parts if f.qualifier == qualifier}
    word = words.pop() if len(words) == 1 else ""
    return Figure(sum((f.value for f in parts), Decimal(0)), qualifier, word)


def ratio(numerator: Figure, denominator: Figure) -> Figure | None:
    """The rate in % of two summed parts; None when the denominator is 0.

    Exact only when both parts are; any estimated or open-ended part makes it "about", since a
    "more than" denominator pushes the rate down, not up.
    """
    if not denominator.value:
        return None
    exact = numerator.qualifier == denominator.qualifier == Qualifier.EXACT
    return Figure(
        numerator.value * 100 / denominator.value, Qualifier.EXACT if exact else Qualifier.ABOUT
    )


def highest(figures: Iterable[Figure]) -> Figure:
    """The highest value with its own qualifier; on a tie the most precise one."""
    return max(figures, key=lambda f: (f.value, -QUALIFIER_RANK[f.qualifier]))


def across(aggregation: str, figures: Iterable[Figure]) -> Figure:
    """Agencies and places: summed indicators add up, rates and stocks take the highest."""
    return add(figures) if aggregation == Aggregation.SUM else highest(figures)


# (indicator, agency) -> the agency's figure
AgencyFigures = Mapping[tuple[int, int], Figure]


def rounded(figure: Figure, indicator: Indicator) -> Figure:
    """A computed rate rounded half-up to the decimals its indicator shows, as it is printed."""
    if not indicator.is_rate:
        return figure
    step = Decimal(1).scaleb(-indicator.decimals)
    return figure._replace(value=figure.value.quantize(step, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Rate:
    """A rate computed from its parts; `figure` is None when no agency gave both parts."""

    figure: Figure | None
    agencies: int

    def note(self) -> str:
        if self.figure is None:
            return NO_COMMON_RATE
        return f"tính trên {self.agencies} cơ quan, đơn vị có đủ tử số và mẫu số"


def agencies_giving(figures: AgencyFigures, indicator_id: int | None) -> set[int]:
    """The agencies that gave the indicator."""
    return {agency for (pk, agency) in figures if pk == indicator_id}


def over_agencies(
    indicator_id: int, rule: str, figures: AgencyFigures, agencies: Collection[int]
) -> Figure:
    """The indicator over the given agencies, by its aggregation rule."""
    return across(rule, [figures[indicator_id, a] for a in sorted(agencies)])


def rate_agencies(indicator: Indicator, figures: AgencyFigures) -> set[int]:
    """The agencies that gave both parts of a rate."""
    return agencies_giving(figures, indicator.numerator_id) & agencies_giving(
        figures, indicator.denominator_id
    )


def rate(
    indicator: Indicator, figures: AgencyFigures, agencies: Collection[int] | None = None
) -> Rate:
    """The rate from its parts summed over the agencies (of `agencies`) that gave both."""
    both = rate_agencies(indicator, figures) if indicator.has_parts else set()
    if agencies is not None:
        both &= set(agencies)
    if not both:
        return Rate(None, 0)
    numerator, denominator = indicator.numerator_id, indicator.denominator_id
    assert numerator is not None and denominator is not None  # has_parts, as `both` is not empty
    parts = [add(figures[part, a] for a in sorted(both)) for part in (numerator, denominator)]
    return Rate(ratio(*parts), len(both))


def province_figure(indicator: Indicator, figures: AgencyFigures) -> Figure | None:
    """The figure above the agencies: a rate from its parts, anything else as the roll-up adds it."""
    if indicator.is_rate:
        return rate(indicator, figures).figure
    agencies = agencies_giving(figures, indicator.pk)
    return (
        over_agencies(indicator.pk, indicator.aggregation, figures, agencies) if agencies else None
    )
