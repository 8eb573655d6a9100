"""The compilation of a round: province totals, breakdowns, change, targets and quality flags."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from agencies.models import Agency
from analytics.comparison import Comparison, Coverage, compare, earlier_label, format_figure
from analytics.rollup import Executor, Question, Result, answer, django_executor, rollup
from analytics.tables import FigureTable
from analytics.units import ensure_unit_map
from catalogue.models import Aggregation, Indicator, PeriodKind
from datavalues.figures import Figure, Rate, add, province_figure, rate, rounded
from datavalues.models import Qualifier
from lib.exact import from_database
from lib.vnformat import format_number
from places.models import AdministrativeUnit, Era, Level
from rounds.access import ValueScope
from rounds.models import FILED_STATUSES, Report, ReportStatus, Round, Target
from rounds.targets import TargetCheck
from rounds.upward import OUTDATED_MESSAGE, outdated_answers
from rounds.validation import breakdown_above_total, is_outlier

ACCEPTED_ONLY = ValueScope()


@dataclass
class Line:
    indicator: Indicator
    total: Figure | None  # a rate's is computed from its parts (see `rate`)
    previous: Figure | None
    comparison: Comparison
    rate: Rate | None  # for rates: the province's rate and how many agencies it counts
    target: Decimal | None
    by_agency: dict[int, Figure]
    by_place: dict[int, Figure]
    unallocated: Figure | None

    def total_note(self) -> str:
        """What a rate's total stands on; empty for other indicators."""
        return self.rate.note() if self.rate else ""


@dataclass
class Compilation:
    round: Round
    previous_round: Round | None
    province: AdministrativeUnit
    agencies: list[Agency]
    places: list[AdministrativeUnit]
    lines: list[Line]
    coverage: Coverage
    previous_coverage: Coverage | None
    flags: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # the plan's, for the round's indicators

    def target_checks(self) -> list[TargetCheck]:
        """Each target against the compiled total shown on the page (a rate rounded as shown)."""
        totals = {line.indicator.pk: line.total for line in self.lines}
        checks = []
        for target in self.targets:
            total = totals.get(target.indicator_id)
            actual = rounded(total, target.indicator).value if total else None
            checks.append(TargetCheck(target, actual))
        return checks

    def summary_table(self) -> FigureTable:
        previous = f"Kỳ trước ({self.previous_coverage})" if self.previous_coverage else "Kỳ trước"
        table = FigureTable(
            f"Tổng hợp: {self.round.name}",
            [
                "Chỉ tiêu",
                "Đơn vị tính",
                f"Kỳ này ({self.coverage})",
                "Ghi chú",
                previous,
                "So sánh trên cùng cơ quan, đơn vị",
                "Mục tiêu",
            ],
        )
        earlier = earlier_label(self.round.period)
        for line in self.lines:
            compared = line.comparison
            table.rows.append(
                [
                    line.indicator.name,
                    line.indicator.unit,
                    _shown(line.total, line.indicator),
                    line.total_note(),
                    _shown(line.previous, line.indicator),
                    compared.describe(line.indicator, earlier, "cả hai kỳ")
                    if line.total and line.previous
                    else "",
                    line.target,
                ]
            )
            table.row_decimals.append(line.indicator.decimals)
        return table

    def agency_table(self) -> FigureTable:
        table = FigureTable(
            "Chi tiết theo cơ quan, đơn vị",
            ["Chỉ tiêu", *(a.short_name or a.name for a in self.agencies)],
        )
        for line in self.lines:
            table.rows.append(
                [line.indicator.name, *(line.by_agency.get(a.pk) for a in self.agencies)]
            )
            table.row_decimals.append(line.indicator.decimals)
        return table

    def place_table(self) -> FigureTable:
        table = FigureTable(
            "Chi tiết theo địa bàn",
            ["Chỉ tiêu", *(p.name for p in self.places), "Chưa phân theo địa bàn"],
        )
        for line in self.lines:
            cells = [line.by_place.get(p.pk) for p in self.places]
            table.rows.append([line.indicator.name, *cells, line.unallocated])
            table.row_decimals.append(line.indicator.decimals)
        return table


def _shown(figure: Figure | None, indicator: Indicator) -> Figure | None:
    return rounded(figure, indicator) if figure else None


def round_coverage(round_: Round, include_drafts: bool) -> Coverage:
    """How many of the round's agencies its totals count: accepted reports, or any filed."""
    reports = round_.reports.all()
    counted = (
        reports.filter(status__in=FILED_STATUSES)
        if include_drafts
        else reports.filter(status=ReportStatus.ACCEPTED)
    )
    return Coverage(counted.count(), reports.count())


def previous_round(round_: Round) -> Round | None:
    """The same coordinator's round for the period of the same kind just before."""
    return (
        Round.objects.filter(
            coordinator_id=round_.coordinator_id,
            period__kind=round_.period.kind,
            period__end__lt=round_.period.start,
        )
        .select_related("period")
        .order_by("-period__end")
        .first()
    )


def _question(round_: Round, indicators: tuple[int, ...], scope: ValueScope, **kwargs) -> Question:
    period = round_.period
    kind = period.kind if period.kind != PeriodKind.CUSTOM else PeriodKind.YEAR
    return Question(
        indicators,
        period_kind=kind,
        first_year=period.start.year,
        last_year=period.end.year,
        scope=scope,
        **kwargs,
    )


def compile_round(
    round_: Round, scope: ValueScope = ACCEPTED_ONLY, execute: Executor = django_executor
) -> Compilation:
    """Everything the coordinator's compiled report needs, from the counted values."""
    province = round_.coordinator.unit.province()
    era = province.era
    indicators = [ri.indicator for ri in round_.round_indicators.select_related("indicator")]
    ids = tuple(i.pk for i in indicators)

    def ask(round_: Round, **kwargs) -> Result:
        return answer(_question(round_, ids, scope, era=era, round=round_.pk, **kwargs), execute)

    ensure_unit_map()
    local = _localities(province)
    # A rate's parts are asked for too: the province's rate is computed from them.
    parts = {
        pk
        for i in indicators
        if i.has_parts
        for pk in (i.numerator_id, i.denominator_id)
        if pk is not None
    }
    with_parts = tuple(sorted(set(ids) | parts))
    totals = ask(round_)
    by_agency = answer(
        _question(round_, with_parts, scope, era=era, round=round_.pk, by=("agency",)), execute
    )
    by_place = ask(round_, by=("place",), **local)
    before = previous_round(round_)
    earlier = (
        answer(
            _question(before, with_parts, scope, era=era, round=before.pk, by=("agency",)), execute
        )
        if before
        else {}
    )
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(plan_id=round_.plan_id, indicator_id__in=ids).select_related(
            "indicator"
        )
    }
    agency_ids = sorted({key[1] for key in by_agency if key[0] in ids})
    place_ids = {key[1] for key in by_place}
    agencies = list(
        Agency.objects.filter(pk__in=agency_ids).only("name", "short_name").order_by("name")
    )
    places = list(
        AdministrativeUnit.objects.filter(pk__in=place_ids).only("name", "code").order_by("name")
    )
    agency_split, place_split = _split(by_agency), _split(by_place)
    lines = []
    for indicator in indicators:
        placed = place_split.get(indicator.pk, {})
        rate_ = rate(indicator, by_agency) if indicator.is_rate else None
        total = rate_.figure if rate_ else totals.get((indicator.pk,))
        lines.append(
            Line(
                indicator=indicator,
                total=total,
                previous=province_figure(indicator, earlier),
                comparison=compare(indicator, by_agency, earlier),
                rate=rate_,
                target=targets[indicator.pk].value if indicator.pk in targets else None,
                by_agency=agency_split.get(indicator.pk, {}),
                by_place=placed,
                unallocated=_unallocated(indicator, total, placed.values()),
            )
        )
    compilation = Compilation(
        round_,
        before,
        province,
        agencies,
        places,
        lines,
        round_coverage(round_, scope.include_drafts),
        round_coverage(before, scope.include_drafts) if before else None,
        targets=[targets[pk] for pk in ids if pk in targets],
    )
    compilation.flags = quality_flags(compilation, scope, execute)
    return compilation


def _localities(unit: AdministrativeUnit) -> dict:
    """The places a round's compilation lists: a national round's are the era's provinces
    (which have no parent), a province's its districts, or its communes after the reform."""
    if unit.level == Level.COUNTRY:
        return {"level": Level.PROVINCE}
    level = Level.DISTRICT if unit.era == Era.BEFORE_2025 else Level.COMMUNE
    return {"level": level, "within": unit.pk}


def _split(result: Result) -> dict[int, dict[int, Figure]]:
    """(indicator, other) -> figure, as indicator -> other -> figure."""
    split: dict[int, dict[int, Figure]] = {}
    for (indicator, other), figure in result.items():
        split.setdefault(indicator, {})[other] = figure
    return split


def _unallocated(indicator: Indicator, total: Figure | None, parts) -> Figure | None:
    """What the localities do not account for, for summed indicators; None when nothing."""
    if total is None or indicator.aggregation != Aggregation.SUM:
        return None
    parts = list(parts)
    rest = total.value - (add(parts).value if parts else 0)
    return total._replace(value=rest) if rest > 0 else None


# Each agency's total and the sum of its locality rows, per indicator, where it has both;
# which of them is "a breakdown above its total" is rounds.validation.breakdown_above_total's
# to say. (Without both there is nothing to compare: a national round's thousands of totals
# without localities stay in the database.)
_TOTALS_AND_BREAKDOWNS = """
SELECT v.indicator_id, COALESCE(NULLIF(a.short_name, ''), a.name),
 SUM(CASE WHEN v.place_id = a.unit_id THEN v.value END),
 MAX(CASE WHEN v.place_id = a.unit_id THEN v.qualifier END),
 MAX(CASE WHEN v.place_id = a.unit_id THEN v.qualifier_word END),
 SUM(CASE WHEN v.place_id <> a.unit_id THEN v.value END)
FROM rounds_report r
JOIN datavalues_datavalue v ON v.report_id = r.id AND v.category_id IS NULL
JOIN agencies_agency a ON a.id = v.agency_id
WHERE r.round_id = %s
GROUP BY r.id, v.indicator_id, v.period_id, a.id, a.short_name, a.name
HAVING SUM(CASE WHEN v.place_id = a.unit_id THEN v.value END) IS NOT NULL
 AND SUM(CASE WHEN v.place_id <> a.unit_id THEN v.value END) IS NOT NULL
"""


def quality_flags(compilation: Compilation, scope: ValueScope, execute: Executor) -> list[str]:
    """Reports not counted, breakdowns above their totals, estimates and unusual changes."""
    flags = []
    counted = (
        "được tính vì đã chọn gồm cả bản chưa tiếp nhận"
        if scope.include_drafts
        else "chưa được tính"
    )
    statuses = dict(ReportStatus.choices)
    pending = (
        Report.objects.filter(round=compilation.round)
        .exclude(status=ReportStatus.ACCEPTED)
        .order_by("agency__name")
        .values_list("agency__short_name", "agency__name", "status")
    )
    for short_name, name, status in pending:
        flags.append(f"{short_name or name}: báo cáo {statuses[status].lower()}, {counted}.")
    for report in outdated_answers(compilation.round):
        flags.append(f"{report.agency.short_name or report.agency.name}: {OUTDATED_MESSAGE}.")
    indicators = {line.indicator.pk: line.indicator for line in compilation.lines}
    above = [
        (indicator_id, agency, from_database(total), qualifier, word, from_database(parts))
        for indicator_id, agency, total, qualifier, word, parts in execute(
            _TOTALS_AND_BREAKDOWNS, [compilation.round.pk]
        )
        if breakdown_above_total(from_database(total), from_database(parts))
    ]
    for indicator_id, agency, total, qualifier, word, parts in sorted(above):
        if indicator_id in indicators:
            flags.append(
                f"{indicators[indicator_id].name}: số liệu theo địa bàn của "
                f"{agency} ({format_number(parts)}) lớn hơn tổng số "
                f"({Figure(total, qualifier, word)})."
            )
    for line in compilation.lines:
        indicator = line.indicator
        if line.total and line.total.qualifier != Qualifier.EXACT:
            estimated = format_figure(rounded(line.total, indicator), indicator)
            flags.append(f"{indicator.name}: tổng số {estimated} có phần là số ước tính.")
        now, before = line.comparison.current, line.comparison.previous
        if now and before and is_outlier(now.value, [before.value]):
            flags.append(
                f"{indicator.name}: {format_figure(now, indicator)} khác nhiều so với kỳ trước "
                f"({format_figure(before, indicator)}) trên cùng các cơ quan, đơn vị."
            )
    return flags


def yearly_by_agency(
    round_: Round,
    years: int,
    scope: ValueScope = ACCEPTED_ONLY,
    execute: Executor = django_executor,
) -> dict[int, dict[tuple[int, int], Figure]]:
    """Each agency's figures for the round's indicators in the `years` years up to its own.

    By agency, so that a chart over the years can keep to the same agencies (steady_series).
    """
    period = round_.period
    question = _question(
        round_,
        tuple(round_.round_indicators.values_list("indicator_id", flat=True)),
        scope,
        by=("agency", "period"),
        era=round_.coordinator.unit.province().era,
    )
    question = replace(question, first_year=period.start.year - years + 1)
    by_year: dict[int, dict[tuple[int, int], Figure]] = {}
    for (indicator, agency, cell), figure in rollup(question, execute).items():
        if cell[1] == period.number:
            by_year.setdefault(cell[0], {})[indicator, agency] = figure
    return by_year
