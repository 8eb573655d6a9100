"""A round's accepted compilation carried up as its coordinator's answer in the parent round.

The figures are computed here with datavalues.figures, by the rule of analytics.rollup (an
agency's figure for a place is its value at the coarsest unit inside it; summed indicators add
up, the others take the highest; a rate is its parts' ratio), so they equal the child round's
compilation (rounds may not import analytics). Each carried value keeps the child values it
was made of (`DataValue.carried_from`), which is its lineage and what marks it outdated.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from audit.log import Change, record
from catalogue.models import Aggregation, Indicator
from datavalues.figures import Figure, across, rate
from datavalues.models import Source, check_qualifier_word
from places.models import LEVEL_DEPTH, AdministrativeUnit
from rounds import actions
from rounds.access import ValueScope, lineage_values_for_user, value_scope
from rounds.models import DataValue, Report, ReportStatus, Round
from rounds.sheet import CellKey, Sheet, build_sheet

STORED_PLACES = Decimal("0.0001")
OUTDATED_MESSAGE = "Số liệu cấp dưới đã thay đổi sau khi gửi, chưa gửi lại"


@dataclass(frozen=True)
class Carried:
    """One figure of the answer and the child values it is made of."""

    figure: Figure
    sources: frozenset[int]


@dataclass(frozen=True)
class _Source:
    pk: int
    indicator_id: int
    agency_id: int
    place_id: int
    depth: int
    figure: Figure


def may_answer_upward(user: User, child: Round) -> bool:
    """Only the child round's coordinating agency sends its compilation up."""
    return (
        user.role == Role.COORDINATOR
        and child.parent_id is not None
        and user.agency_id == child.coordinator_id
    )


def answer_report(child: Round) -> Report | None:
    """The coordinator's report in the parent round, which the child's compilation answers."""
    if child.parent_id is None:
        return None
    return Report.objects.filter(round_id=child.parent_id, agency_id=child.coordinator_id).first()


def _accepted_sources(child: Round, indicator_ids: Iterable[int]) -> list[_Source]:
    rows = DataValue.objects.filter(
        report__round=child,
        report__status=ReportStatus.ACCEPTED,
        category__isnull=True,
        indicator_id__in=set(indicator_ids),
    ).values_list(
        "pk",
        "indicator_id",
        "agency_id",
        "place_id",
        "place__level",
        "value",
        "qualifier",
        "qualifier_word",
    )
    return [
        _Source(pk, ind, agency, place, LEVEL_DEPTH[level], Figure(value, qualifier, word))
        for pk, ind, agency, place, level, value, qualifier, word in rows
    ]


def _coarsest(sources: Iterable[_Source]) -> list[_Source]:
    """Each agency's values at the coarsest unit it gave (its total outranks its breakdown)."""
    by_agency: dict[int, list[_Source]] = defaultdict(list)
    for source in sources:
        by_agency[source.agency_id].append(source)
    chosen = []
    for items in by_agency.values():
        top = min(s.depth for s in items)
        chosen += [s for s in items if s.depth == top]
    return chosen


def _combined(rule: str, sources: list[_Source]) -> Carried | None:
    if not sources:
        return None
    return Carried(across(rule, [s.figure for s in sources]), frozenset(s.pk for s in sources))


def _rate(indicator: Indicator, sources: list[_Source]) -> Carried | None:
    """A rate from its parts summed over the agencies that gave both (figures.rate)."""
    parts = [
        s
        for s in _coarsest(sources)
        if s.indicator_id in (indicator.numerator_id, indicator.denominator_id)
    ]
    by_agency: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    for s in parts:
        by_agency[s.indicator_id, s.agency_id].append(s.figure)
    figures = {key: across(Aggregation.SUM, items) for key, items in by_agency.items()}
    result = rate(indicator, figures)
    if result.figure is None:
        return None
    agencies = {a for (pk, a) in figures if pk == indicator.numerator_id} & {
        a for (pk, a) in figures if pk == indicator.denominator_id
    }
    figure = result.figure._replace(value=result.figure.value.quantize(STORED_PLACES))
    return Carried(figure, frozenset(s.pk for s in parts if s.agency_id in agencies))


def _locality_of(sources: list[_Source], localities: set[int]) -> dict[int, int]:
    """Each source's place -> the locality of the parent's sheet it lies in (if any)."""
    parent_of: dict[int, int | None] = {}
    frontier = {s.place_id for s in sources}
    while frontier:
        rows = AdministrativeUnit.objects.filter(pk__in=frontier).values_list("pk", "parent_id")
        parent_of.update(rows)
        frontier = {p for _, p in rows if p is not None and p not in parent_of}
    found = {}
    for place in {s.place_id for s in sources}:
        unit: int | None = place
        while unit is not None and unit not in localities:
            unit = parent_of.get(unit)
        if unit is not None:
            found[place] = unit
    return found


def carried_figures(child: Round, sheet: Sheet) -> dict[CellKey, Carried]:
    """The answer's cells on the parent report's sheet, from the child's accepted reports."""
    mapping = dict(
        child.round_indicators.filter(answers__isnull=False).values_list(
            "indicator_id", "answers_id"
        )
    )
    indicators = Indicator.objects.in_bulk(set(mapping) | set(mapping.values()))
    parts = {
        pk
        for child_id in mapping
        if (ind := indicators[child_id]).has_parts
        for pk in (ind.numerator_id, ind.denominator_id)
        if pk is not None
    }
    sources = _accepted_sources(child, set(mapping) | parts)
    home = sheet.report.agency.unit_id
    localities = {cell.place.pk for cell in sheet.cells if not cell.is_total}
    locality = _locality_of(sources, localities)
    found: dict[CellKey, Carried] = {}
    by_indicator: dict[int, list[_Source]] = defaultdict(list)
    for s in sources:
        by_indicator[s.indicator_id].append(s)
    for child_id, parent_id in mapping.items():
        indicator = indicators[child_id]
        rule = indicators[parent_id].aggregation
        given = by_indicator[child_id]
        total = (
            _rate(indicator, sources) if indicator.is_rate else _combined(rule, _coarsest(given))
        )
        cells = [(parent_id, home, total)]
        by_place: dict[int, list[_Source]] = defaultdict(list)
        for s in given:
            if s.place_id in locality:
                by_place[locality[s.place_id]].append(s)
        cells += [
            (parent_id, p, _combined(rule, _coarsest(items))) for p, items in by_place.items()
        ]
        for indicator_id, place, carried in cells:
            if carried is not None and sheet.cell((indicator_id, place)) is not None:
                found[indicator_id, place] = _merged(
                    found.get((indicator_id, place)), carried, rule
                )
    return found


def _merged(earlier: Carried | None, carried: Carried, rule: str) -> Carried:
    """Two child indicators answering one parent indicator: combined as agencies are."""
    if earlier is None:
        return carried
    return Carried(
        across(rule, [earlier.figure, carried.figure]), earlier.sources | carried.sources
    )


def _mapped_cells(child: Round, sheet: Sheet) -> list[CellKey]:
    answered = set(
        child.round_indicators.filter(answers__isnull=False).values_list("answers_id", flat=True)
    )
    missing = answered - {cell.key[0] for cell in sheet.cells}
    if missing:
        names = Indicator.objects.filter(pk__in=missing).values_list("name", flat=True)
        raise actions.WorkflowError(
            "Có chỉ tiêu được gắn với chỉ tiêu không có trong đợt báo cáo cấp trên.", list(names)
        )
    return [cell.key for cell in sheet.cells if cell.key[0] in answered]


def answer_upward(by: User, child_round: Round, *, version: int, ip: str | None = None) -> Report:
    """Carry the child round's accepted compilation into its coordinator's parent report.

    One transaction: the parent report's version is checked, each changed value is audited
    (store_draft), the carried values replace those of an earlier sending.
    """
    if not may_answer_upward(by, child_round):
        raise PermissionDenied("Chỉ cơ quan chủ trì đợt báo cáo được gửi số liệu lên cấp trên.")
    report = answer_report(child_round)
    if report is None:
        raise actions.WorkflowError(
            "Cơ quan chủ trì không có báo cáo trong đợt báo cáo cấp trên để gửi số liệu."
        )
    with transaction.atomic():
        locked = actions.lock_report(report)
        if locked.version != version:
            raise actions.VersionConflict(actions.CONFLICT_MESSAGE)
        if not locked.is_editable:
            raise actions.WorkflowError(
                f"Báo cáo ở đợt cấp trên đang ở trạng thái «{locked.get_status_display()}», "
                "không gửi số liệu được nữa."
            )
        state = child_states([child_round.pk]).get(child_round.pk, "")  # before reading
        sheet = build_sheet(locked)
        carried = carried_figures(child_round, sheet)
        values: dict[CellKey, actions.CellInput | None] = {}
        for key in _mapped_cells(child_round, sheet):
            if key in carried:
                values[key] = _input(child_round, carried[key].figure)
            elif (current := sheet.values.get(key)) and current.source == Source.CARRIED:
                values[key] = None
        note = f"Tổng hợp từ đợt «{child_round.name}»"
        actions.store_draft(locked, by, actions.Draft(values=values, note=note), ip, sheet)
        for value in DataValue.objects.filter(report=locked, category__isnull=True):
            key = (value.indicator_id, value.place_id)
            if key in carried:
                value.carried_from.set(carried[key].sources)
        locked.compiled_state = state
        locked.save(update_fields=["compiled_state"])
        if locked.compiled_from_id != child_round.pk:
            old = str(locked.compiled_from or "")
            locked.compiled_from = child_round
            locked.save(update_fields=["compiled_from"])
            record(
                by,
                "edit",
                locked,
                changes=[Change("tổng hợp từ đợt", old, child_round.name)],
                ip=ip,
            )
    return locked


def _input(child: Round, figure: Figure) -> actions.CellInput:
    return actions.CellInput(
        value=figure.value,
        qualifier=figure.qualifier,
        qualifier_word=figure.word,
        source=Source.CARRIED,
        source_quote=f"Tổng hợp từ đợt «{child.name}»",
    )


@dataclass
class Outdated:
    """An answer's carried values the child's accepted figures no longer give, and the cells
    the child now gives that were not carried."""

    values: list[DataValue] = field(default_factory=list)
    new_cells: list[CellKey] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.values or self.new_cells)


def outdated_values(report: Report, child_state: str | None = None) -> Outdated:
    """What of an answer report no longer matches its child round's accepted figures.

    Nothing when the child round's reports are as they were when it was sent (its fingerprint,
    `child_state` when the caller read it already); otherwise the figures are recomputed.
    """
    child = report.compiled_from
    if child is None:
        return Outdated()
    if child_state is None:
        child_state = child_states([child.pk]).get(child.pk, "")
    if report.compiled_state and report.compiled_state == child_state:
        return Outdated()
    sheet = build_sheet(report)
    fresh = carried_figures(child, sheet)
    stored = {
        (v.indicator_id, v.place_id): v
        for v in report.values.filter(source=Source.CARRIED, category__isnull=True).order_by(
            "indicator_id", "place_id"
        )
    }
    # The links' ids only: a province's answer has thousands, not worth a model instance each.
    links: dict[int, set[int]] = defaultdict(set)
    for into, source in DataValue.carried_from.through.objects.filter(
        from_datavalue__report=report
    ).values_list("from_datavalue_id", "to_datavalue_id"):
        links[into].add(source)
    stale = [
        value
        for key, value in stored.items()
        if key not in fresh or not _same(value, links[value.pk], fresh[key])
    ]
    return Outdated(stale, sorted(set(fresh) - set(stored)))


def _same(value: DataValue, sources: set[int], carried: Carried) -> bool:
    figure = carried.figure
    word = check_qualifier_word(figure.qualifier, figure.word)
    return (value.value, value.qualifier, value.qualifier_word) == (
        figure.value,
        figure.qualifier,
        word,
    ) and sources == carried.sources


def child_states(child_ids: Iterable[int]) -> dict[int, str]:
    """A fingerprint of each round's reports (id, version, status), in one query.

    Every write to a report's figures and every step of its workflow bumps its version, so an
    answer whose child round has the fingerprint it had when sent still carries what the child's
    accepted figures give; only the others need recomputing (outdated_answers).
    """
    reports: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    rows = (
        Report.objects.filter(round_id__in=list(child_ids))
        .order_by("round_id", "pk")
        .values_list("round_id", "pk", "version", "status")
    )
    for round_id, pk, version, status in rows:
        reports[round_id].append((pk, version, status))
    return {
        round_id: hashlib.sha256(json.dumps(items).encode()).hexdigest()
        for round_id, items in reports.items()
    }


def outdated_answers(round_: Round) -> dict[Report, Outdated]:
    """The round's answer reports whose child figures changed since they were carried.

    One query finds the answers whose child round changed since sending (child_states); only
    those are recomputed (a few queries each), so a national round whose provinces' rounds are
    as sent costs two queries, not 34 compilations.
    """
    found = {}
    answers = list(
        round_.reports.filter(compiled_from__isnull=False).select_related(
            "compiled_from", "round", "round__period", "agency", "agency__unit"
        )
    )
    states = child_states(report.compiled_from_id for report in answers if report.compiled_from_id)
    for report in answers:
        if outdated := outdated_values(report, states.get(report.compiled_from_id or 0, "")):
            found[report] = outdated
    return found


@dataclass
class LineageNode:
    """A value, the values it was carried from that the reader may see, and how many not."""

    value: DataValue
    children: list[LineageNode] = field(default_factory=list)
    hidden: int = 0


def lineage(value: DataValue, scope: ValueScope) -> LineageNode:
    """The value's carried_from tree down to the typed entries, read through the scope."""
    through = DataValue.carried_from.through
    visible = DataValue.objects.filter(scope.condition(answers=True))
    root = LineageNode(value)
    frontier = {value.pk: root}
    seen = {value.pk}
    while frontier:
        links = list(
            through.objects.filter(from_datavalue_id__in=frontier).values_list(
                "from_datavalue_id", "to_datavalue_id"
            )
        )
        ids = {to for _, to in links if to not in seen}
        seen |= ids
        shown = {v.pk: v for v in _with_names(visible.filter(pk__in=ids))}
        next_frontier = {}
        for parent, child in sorted(links):
            node = frontier[parent]
            if child in shown:
                child_node = LineageNode(shown[child])
                node.children.append(child_node)
                next_frontier[child] = child_node
            elif child in ids:
                node.hidden += 1
        frontier = next_frontier
    return root


def _with_names(values: QuerySet[DataValue]) -> QuerySet[DataValue]:
    return values.select_related(
        "indicator", "agency", "place", "place__parent", "report", "report__round"
    ).order_by("agency__name", "place__name", "pk")


def get_lineage(user: User, pk: int) -> LineageNode:
    """A value's lineage for a reader who may see the value itself; 404 otherwise."""
    value = get_object_or_404(_with_names(lineage_values_for_user(user)), pk=pk)
    return lineage(value, value_scope(user))


def outdated_ids(node: LineageNode) -> set[int]:
    """The carried values of a lineage tree that their child round no longer gives."""
    reports = {}
    stack = [node]
    while stack:
        current = stack.pop()
        report = current.value.report
        if report is not None and report.compiled_from_id is not None:
            reports[report.pk] = report
        stack += current.children
    return {v.pk for report in reports.values() for v in outdated_values(report).values}
