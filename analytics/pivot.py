"""The pivot: indicators, rows and columns chosen from the URL, rolled up into a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.http import QueryDict

from agencies.models import Agency
from analytics.rollup import (
    DIMENSIONS,
    Question,
    Result,
    answer,
    period_label,
    rollup,
)
from analytics.tables import FigureTable
from analytics.units import carry_forward
from catalogue.models import Indicator, PeriodKind
from datavalues.figures import Figure, rate
from lib import params
from places.models import AdministrativeUnit, Era, Level
from rounds.access import ValueScope
from rounds.models import Round

DIMENSION_NAMES = {
    "indicator": "Chỉ tiêu",
    "agency": "Cơ quan, đơn vị",
    "place": "Địa bàn",
    "period": "Kỳ",
}
LEVELS = {
    Level.PROVINCE: "Tỉnh, thành phố",
    Level.DISTRICT: "Huyện (trước 01/7/2025)",
    Level.COMMUNE: "Xã, phường",
}


@dataclass(frozen=True)
class PivotChoice:
    """What the URL asks for; every field has a default so a bare URL shows something.

    A choice the page does not offer falls back to its default; a number that is not one
    (lib.params) is refused with a 400.
    """

    indicators: tuple[int, ...]
    rows: str
    columns: str
    level: str
    period_kind: str
    first_year: int
    last_year: int
    agencies: tuple[int, ...]
    include_drafts: bool
    round: int | None = None  # only the values of this round's reports
    within: int | None = None  # only the places inside this unit

    @classmethod
    def from_query(cls, query: QueryDict, default_year: int) -> PivotChoice:
        def year(name: str) -> int:
            found = params.year(name, query.get(name))
            return default_year if found is None else found

        def offered(name: str, choices: Collection[str], default: str) -> str:
            chosen = query.get(name, "")
            return chosen if chosen in choices else default

        rows = offered("hang", DIMENSIONS, "indicator")
        columns = offered("cot", DIMENSIONS, "period")
        if columns == rows:
            columns = "period" if rows != "period" else "indicator"
        level = offered("cap", LEVELS, Level.PROVINCE)
        kind = offered("ky", dict(PeriodKind.choices), "year")
        first, last = sorted((year("tu-nam"), year("den-nam")))
        indicators = params.identifiers("chi-tieu", query.getlist("chi-tieu"))
        if "indicator" not in (rows, columns):
            # Without an indicator axis the cells could not tell two indicators apart.
            indicators = indicators[:1]
        return cls(
            indicators=indicators,
            rows=rows,
            columns=columns,
            level=level,
            period_kind=PeriodKind.YEAR if kind == PeriodKind.CUSTOM else kind,
            first_year=first,
            last_year=last,
            agencies=params.identifiers("co-quan", query.getlist("co-quan")),
            include_drafts=query.get("nhap") == "1",
            round=params.identifier("dot", query.get("dot")),
            within=params.identifier("dia-ban", query.get("dia-ban")),
        )

    @classmethod
    def of_round(cls, round_: Round) -> PivotChoice:
        """A round's indicators by agency: what the pivot opens on."""
        kind = round_.period.kind
        return cls(
            indicators=tuple(
                round_.round_indicators.order_by("order", "pk").values_list(
                    "indicator_id", flat=True
                )
            ),
            rows="indicator",
            columns="agency",
            level=Level.PROVINCE,
            period_kind=PeriodKind.YEAR if kind == PeriodKind.CUSTOM else kind,
            first_year=round_.period.year,
            last_year=round_.period.year,
            agencies=(),
            include_drafts=False,
            round=round_.pk,
        )

    def query(self) -> str:
        """The choice as the URL writes it: what a saved view keeps and its link opens."""
        query = QueryDict(mutable=True)
        query.setlist("chi-tieu", [str(pk) for pk in self.indicators])
        query.update(
            {
                "hang": self.rows,
                "cot": self.columns,
                "cap": self.level,
                "ky": self.period_kind,
                "tu-nam": str(self.first_year),
                "den-nam": str(self.last_year),
            }
        )
        query.setlist("co-quan", [str(pk) for pk in self.agencies])
        optional = {"dot": self.round, "dia-ban": self.within, "nhap": self.include_drafts or None}
        for name, value in optional.items():
            if value is not None:
                query[name] = str(int(value))
        return query.urlencode()

    def last_day(self) -> dt.date:
        """The end of the period in view: its units come first in the place picker."""
        return dt.date(self.last_year, 12, 31)

    def question(self, scope: ValueScope, within_era: str | None = None) -> Question:
        """The roll-up asked; a place filter of the old map reads the old map (districts
        always do), one of today's map today's."""
        era = within_era or (Era.BEFORE_2025 if self.level == Level.DISTRICT else Era.FROM_2025)
        return Question(
            self.indicators,
            by=tuple(dict.fromkeys(("indicator", self.rows, self.columns))),
            level=self.level,
            era=era,
            within=self.within,
            period_kind=self.period_kind,
            first_year=self.first_year,
            last_year=self.last_year,
            agencies=self.agencies,
            round=self.round,
            scope=scope,
        )


class PickerGroup(NamedTuple):
    name: str
    indicators: list[Indicator]


def indicator_groups() -> list[PickerGroup]:
    """The active indicators under their groups, as the pivot's picker lists them."""
    groups: dict[str, list[Indicator]] = {}
    for indicator in Indicator.objects.active().select_related("group"):
        groups.setdefault(indicator.group.name, []).append(indicator)
    return [PickerGroup(name, indicators) for name, indicators in groups.items()]


def labels(
    dimension: str, keys: set, period_kind: str, indicators: dict[int, Indicator] | None = None
) -> dict:
    """Display names of a dimension's keys, in one query (none for indicators given)."""
    if dimension == "period":
        return {k: period_label(period_kind, k) for k in keys}
    if dimension == "indicator" and indicators is not None:
        return {k: f"{indicators[k].name} ({indicators[k].unit})" for k in keys}
    if dimension == "agency":
        return {a.pk: a.short_name or a.name for a in Agency.objects.filter(pk__in=keys)}
    if dimension == "place":
        return {u.pk: u.full_name for u in AdministrativeUnit.objects.filter(pk__in=keys)}
    return {i.pk: f"{i.name} ({i.unit})" for i in Indicator.objects.filter(pk__in=keys)}


def rates_from_parts(question: Question, result: Result, rates: list[Indicator]) -> Result:
    """Rates above the agencies computed from their summed parts, never an agency's own.

    A cell without an agency axis holds, for a rate, its numerator over its denominator summed
    over the agencies that gave both (datavalues.figures.rate); a rate without parts in the
    catalogue, or with no agency giving both, shows nothing there.
    """
    kept = {k: f for k, f in result.items() if k[0] not in {r.pk for r in rates}}
    with_parts = [r for r in rates if r.has_parts]
    parts = tuple(
        {pk for r in with_parts for pk in (r.numerator_id, r.denominator_id) if pk is not None}
    )
    if not parts:
        return kept
    # answer(), not rollup(): the unit map is already in step for the question just asked.
    by_agency = answer(replace(question, indicators=parts, by=(*question.by, "agency")))
    grouped: dict[tuple, dict[tuple[int, int], Figure]] = {}
    for (indicator, *others, agency), figure in by_agency.items():
        grouped.setdefault(tuple(others), {})[indicator, agency] = figure
    for cell, figures in grouped.items():
        for indicator in with_parts:
            if (rated := rate(indicator, figures).figure) is not None:
                kept[(indicator.pk, *cell)] = rated
    return kept


def pivot_table(choice: PivotChoice, scope: ValueScope) -> FigureTable:
    within_era = None
    if choice.within is not None:
        within_era = (
            AdministrativeUnit.objects.filter(pk=choice.within)
            .values_list("era", flat=True)
            .first()
        )
    question = choice.question(scope, within_era)
    result: Result = rollup(question) if choice.indicators else {}
    order = question.by
    indicators = Indicator.objects.in_bulk(choice.indicators)
    rates = [i for i in indicators.values() if i.is_rate]
    if rates and "agency" not in order:
        result = rates_from_parts(question, result, rates)
    if choice.level == Level.DISTRICT and "place" in order:
        # Years compared on one map, the last year's: huyện Yên Dũng's 2023 figure joins
        # thành phố Bắc Giang, into which it merged on 1/1/2025.
        result = carry_forward(result, order.index("place"), dt.date(choice.last_year, 12, 31))

    def part(key: tuple, dimension: str):
        return key[order.index(dimension)]

    row_keys = {part(k, choice.rows) for k in result}
    column_keys = {part(k, choice.columns) for k in result}
    row_names = labels(choice.rows, row_keys, choice.period_kind, indicators)
    column_names = labels(choice.columns, column_keys, choice.period_kind, indicators)
    columns = sorted(
        column_keys, key=lambda k: column_names[k] if choice.columns != "period" else k
    )
    rows = sorted(row_keys, key=lambda k: row_names[k] if choice.rows != "period" else k)
    cells = {(part(k, choice.rows), part(k, choice.columns)): f for k, f in result.items()}
    table = FigureTable(
        "Bảng số liệu",
        [DIMENSION_NAMES[choice.rows], *(column_names[c] for c in columns)],
    )
    decimals = {pk: indicator.decimals for pk, indicator in indicators.items()}
    units = {pk: indicator.unit for pk, indicator in indicators.items()}
    # Without an indicator axis there is one indicator, whose decimals every cell shows.
    only = choice.indicators[0] if choice.indicators else None
    table.unit = units.get(only, "") if only is not None else ""
    for row in rows:
        table.rows.append([row_names[row], *(cells.get((row, c)) for c in columns)])
        if choice.columns != "indicator":
            table.row_decimals.append(decimals.get(row if choice.rows == "indicator" else only))
        if choice.rows == "indicator":
            table.row_units.append(units[row])
    if choice.columns == "indicator":
        table.column_decimals = [None, *(decimals.get(c) for c in columns)]
        table.column_units = [units[c] for c in columns]
    return table
