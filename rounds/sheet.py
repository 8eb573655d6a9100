"""A report's data-entry sheet: the cells the round asks for, their values, activity totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from datavalues.models import written_word
from lib.vnformat import figure_text
from places.models import AdministrativeUnit
from rounds.models import (
    ACTIVITY_INDICATORS,
    Activity,
    DataValue,
    Report,
    RoundIndicator,
    Section,
)
from rounds.outline import results_leaves, section_for_group

CellKey = tuple[int, int]  # (indicator id, place id)


@dataclass(frozen=True)
class SheetCell:
    """One figure the entry sheet asks for: an indicator, for the agency's unit or a locality."""

    round_indicator: RoundIndicator
    place: AdministrativeUnit
    is_total: bool

    @property
    def key(self) -> CellKey:
        return (self.round_indicator.indicator_id, self.place.pk)

    @property
    def field_suffix(self) -> str:
        return f"{self.key[0]}_{self.key[1]}"

    @property
    def indicator(self):
        return self.round_indicator.indicator

    @property
    def label(self) -> str:
        if self.is_total:
            return self.indicator.name
        return f"{self.indicator.name} — {self.place.name}"


@dataclass
class Sheet:
    report: Report
    cells: list[SheetCell]
    values: dict[CellKey, DataValue]

    @cached_property
    def suggestions(self) -> dict[CellKey, int]:
        """The activity totals the entry form offers, read when a page first asks for them:
        a save, a submission or the API's values never do."""
        return activity_totals(self)

    def cell(self, key: CellKey) -> SheetCell | None:
        return self._by_key.get(key)

    def __post_init__(self) -> None:
        self._by_key = {cell.key: cell for cell in self.cells}

    def find(self, indicator_code: str, place_id: int | None = None) -> SheetCell | None:
        for cell in self.cells:
            if cell.indicator.code == indicator_code and (
                cell.place.pk == place_id if place_id else cell.is_total
            ):
                return cell
        return None


def localities(report: Report) -> list[AdministrativeUnit]:
    """The units directly below the agency's own as they stood at the end of the round's period.

    A 2023 form of tỉnh Bắc Giang lists huyện Yên Dũng (merged away on 1/1/2025), not thị xã Chũ.
    """
    day = report.round.period.end
    return list(report.agency.unit.children_on(day).order_by("name"))


def build_sheet(report: Report) -> Sheet:
    """Everything the entry form and validation need, in a fixed handful of queries."""
    round_indicators = list(
        report.round.round_indicators.select_related("indicator__group").order_by(
            "order", "indicator__group__order", "indicator__order"
        )
    )
    home = report.agency.unit
    units = localities(report) if any(ri.by_locality for ri in round_indicators) else []
    cells: list[SheetCell] = []
    for ri in round_indicators:
        cells.append(SheetCell(ri, home, True))
        if ri.by_locality:
            cells.extend(SheetCell(ri, unit, False) for unit in units)
    values = {
        (v.indicator_id, v.place_id): v
        for v in DataValue.objects.filter(
            report=report,
            category__isnull=True,
            indicator_id__in=[ri.indicator_id for ri in round_indicators],
            place_id__in=[home.pk, *(u.pk for u in units)],
        )
    }
    return Sheet(report, cells, values)


def activity_totals(sheet: Sheet) -> dict[CellKey, int]:
    """Sums of the agency's logged activities in the period, for the cells they feed."""
    by_code = {cell.indicator.code: cell.indicator.pk for cell in sheet.cells if cell.is_total}
    if not any(code in by_code for pair in ACTIVITY_INDICATORS.values() for code in pair):
        return {}
    report = sheet.report
    start, end = report.round.period.reporting_window()
    home_id = report.agency.unit_id
    totals: dict[CellKey, int] = defaultdict(int)
    for activity in Activity.objects.filter(agency_id=report.agency_id, date__range=(start, end)):
        quantity_code, participants_code = ACTIVITY_INDICATORS[activity.kind]
        for code, amount in (
            (quantity_code, activity.quantity),
            (participants_code, activity.participants),
        ):
            if code not in by_code or not amount:
                continue
            totals[(by_code[code], home_id)] += amount
            if activity.locality_id and sheet.cell((by_code[code], activity.locality_id)):
                totals[(by_code[code], activity.locality_id)] += amount
    return dict(totals)


def display_value(value: Decimal, qualifier: str, word: str = "") -> str:
    """43000, more_than, "hơn" -> "hơn 43.000": the way the figure reads in a report."""
    return figure_text(value, word=written_word(qualifier, word))


@dataclass
class OutlinePart:
    """One heading of the outline on the entry form, with the figures its text reports on.

    `cells` of a heading are those whose group section_for_group places under it; the first
    part also takes, as `other_cells`, the figures no heading speaks of.
    """

    section: Section | None  # None: a round without an outline
    cells: list[SheetCell]
    children: list[OutlinePart]
    other_cells: list[SheetCell]


def outline_parts(sheet: Sheet, outline: list[Section]) -> list[OutlinePart]:
    """The outline's top headings, each with its sub-headings and their figures, in order."""
    leaves = results_leaves(outline)
    placed: dict[int | None, list[SheetCell]] = defaultdict(list)
    for cell in sheet.cells:
        section = section_for_group(cell.indicator.group.code, leaves)
        placed[section.pk if section else None].append(cell)
    parts = [
        OutlinePart(
            top,
            placed.get(top.pk, []),
            [
                OutlinePart(s, placed.get(s.pk, []), [], [])
                for s in outline
                if s.parent_id == top.pk
            ],
            [],
        )
        for top in outline
        if top.parent_id is None
    ]
    if not parts:
        return [OutlinePart(None, [], [], placed.get(None, []))]
    parts[0].other_cells = placed.get(None, [])
    return parts
