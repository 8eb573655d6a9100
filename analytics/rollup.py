"""Roll-ups of indicators by agency, place and period, honouring aggregation rules and qualifiers.

The rules:

- An agency's figure for a place is its value at the coarsest unit inside that place: its total
  (the value at its own unit) when the place holds it, otherwise its locality breakdown. A total is
  never added to its own breakdown. Likewise in time: a value for the period itself outranks the
  values of shorter periods inside it (a year's figure outranks its quarters').
- Across agencies and places, summed indicators add up; the others (rates, stocks) take the
  highest value. Over time, summed indicators add up, "max" takes the highest, "latest" the value
  of the latest period that has one.
- Qualifiers: a sum is exact when all its parts are; "about" in any part makes the sum "about"
  (an approximate part may lie on either side); otherwise any "more than" part makes it
  "more than" ("trên 540" + 300 = "trên 840"). A chosen value (highest, latest) keeps its own.
- The qualifier's word, as the agency wrote it: a sum keeps the word of its parts of the winning
  kind when they all wrote the same one ("hơn 500" + 40 = "hơn 540"), else it prints the kind's
  default word ("hơn 500" + "trên 40" = "trên 540"; "ước 100" + "gần 20" = "khoảng 120"). A
  value without a word (blank) counts as one written with the default word. The highest of
  several values of one kind keeps their word when they share one, else the default.
- Values of reports count when accepted (or when the reader asks for drafts and may see them);
  values outside any report count as entered by the coordinator. A report that answers a
  parent round with a child round's compilation repeats the child's values: it counts only in
  a question about its own round, so a year's total counts every typed value once. Who reads what is the
  question's rounds.access.ValueScope, the same rule as the data API and the pages: the
  roll-up only writes it in SQL (build_sql). The figure arithmetic is datavalues.figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from analytics.units import ensure_unit_map
from catalogue.models import Aggregation, Indicator, Period, PeriodKind
from datavalues.figures import Figure, across, add, highest
from lib.exact import from_database
from lib.periods import calendar_range
from places.models import Era, Level
from rounds.access import ValueScope, subtree_rounds
from rounds.models import ReportStatus

KIND_RANK: dict[str, int] = {
    PeriodKind.YEAR: 0,
    PeriodKind.HALF: 1,
    PeriodKind.QUARTER: 2,
    PeriodKind.MONTH: 3,
    PeriodKind.CUSTOM: 4,
}
DIMENSIONS = ("indicator", "agency", "place", "period")


def over_time(aggregation: str, dated: Iterable[tuple[dt.date, Figure]]) -> Figure:
    """Periods in order: add, take the highest, or take the latest period's value."""
    items = list(dated)
    if aggregation == Aggregation.SUM:
        return add(f for _, f in items)
    if aggregation == Aggregation.MAX:
        return highest(f for _, f in items)
    last = max(day for day, _ in items)
    return highest(f for day, f in items if day == last)


PeriodKey = tuple[int, int]  # (year, number) of a period of the question's kind


@dataclass(frozen=True)
class Question:
    """What to roll up: indicators, the dimensions kept, the place level, the years, filters."""

    indicators: tuple[int, ...]
    by: tuple[str, ...] = ()
    level: str = Level.PROVINCE
    era: str = Era.FROM_2025
    within: int | None = None
    period_kind: str = PeriodKind.YEAR
    first_year: int = 2000
    last_year: int = 2100
    agencies: tuple[int, ...] = ()
    round: int | None = None  # only the values of this round's reports
    scope: ValueScope = field(default_factory=ValueScope)


Result = dict[tuple, Figure]
Executor = Callable[[str, Sequence], list[tuple]]


def django_executor(sql: str, params: Sequence) -> list[tuple]:
    """Run the roll-up on the request's connection, never as a prepared statement: PostgreSQL
    would soon plan it once for any parameters (tonghop.settings prepares repeated queries),
    and a plan blind to the periods and places asked costs the compiled round a fifth more
    time in PostgreSQL than one made for them."""
    with connection.cursor() as cursor:
        psycopg = connection.connection
        threshold = getattr(psycopg, "prepare_threshold", None)  # None: SQLite, or not prepared
        if threshold is not None:
            psycopg.prepare_threshold = None
        try:
            cursor.execute(sql, params)
        finally:
            if threshold is not None:
                psycopg.prepare_threshold = threshold
        return cursor.fetchall()


def target_period(kind: str, period: Period) -> PeriodKey | None:
    """The period of `kind` that holds `period` entirely, or None."""
    if KIND_RANK[period.kind] < KIND_RANK[kind]:
        return None
    if kind == PeriodKind.YEAR:
        key = (period.start.year, 0)
    else:
        months = {PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}[PeriodKind(kind)]
        key = (period.start.year, (period.start.month - 1) // months + 1)
    start, end = calendar_range(kind, *key)
    return key if start <= period.start and period.end <= end else None


def period_label(kind: str, key: PeriodKey) -> str:
    return str(Period(kind=kind, year=key[0], number=key[1]))


def in_clause(column: str, values: Iterable) -> tuple[str, list]:
    items = list(values)
    return f"{column} IN ({', '.join(['%s'] * len(items))})", items


class RollupSQL(NamedTuple):
    """The grouped SQL of a question, what it is run with, and how to read its rows."""

    sql: str
    params: list
    # The target periods the rows are grouped into, in order: a row's "cell" column indexes it.
    cells: list[PeriodKey]
    # The dimensions among "agency" and "place" the rows carry, in this order, after the
    # indicator: a row is (indicator, *keep, cell, source period, qualifier, sum, max, lowest
    # and highest qualifier word).
    keep: list[str]


def _period_map(
    periods: dict[int, tuple[PeriodKey, int, dt.date]],
) -> tuple[list[PeriodKey], str, list]:
    """The target periods in order, and the VALUES rows (period, cell, rank) that map each
    source period onto its cell, with their parameters."""
    cells = sorted({key for key, _, _ in periods.values()})
    cell_index = {key: n for n, key in enumerate(cells)}
    params: list = []
    for period_id, (key, rank, _) in periods.items():
        params += [period_id, cell_index[key], rank]
    return cells, ", ".join(["(%s, %s, %s)"] * len(periods)), params


def _listed(question: Question) -> tuple[list[str], list]:
    """The IN (...) conditions for the indicators, agencies and agencies in scope asked for."""
    where: list[str] = []
    params: list = []
    for column, values in (
        ("s.indicator_id", question.indicators),
        ("s.agency_id", question.agencies),
        ("s.agency_id", question.scope.agency_ids),
    ):
        if values is not None and (values or column == "s.indicator_id"):
            clause, items = in_clause(column, values or [0])
            where.append(clause)
            params += items
    return where, params


def _report_terms(scope: ValueScope, answers: bool) -> tuple[list[str], list]:
    """ValueScope.condition() on the joined report `r`: its states and, for a coordinator, a
    round its agency runs, or else an accepted report of a round below them."""
    terms = [] if answers else ["r.compiled_from_id IS NULL"]
    own: list[str] = []
    params: list = []
    statuses = scope.report_statuses()
    if statuses is not None:
        clause, params = in_clause("r.status", statuses)
        own.append(clause)
    if scope.coordinator_id is not None:
        own.append("r.round_id IN (SELECT id FROM rounds_round WHERE coordinator_id = %s)")
        params.append(scope.coordinator_id)
    if scope.below and scope.coordinator_id is not None:
        # The rounds below, by the one rule of rounds.access: a subquery, run once.
        rounds = subtree_rounds(scope.coordinator_id).values("pk").query
        below, below_params = rounds.sql_with_params()
        own = [f"(({' AND '.join(own)}) OR (r.round_id IN ({below}) AND r.status = %s))"]
        params += [*below_params, ReportStatus.ACCEPTED]
    return terms + own, params


def build_sql(question: Question, periods: dict[int, tuple[PeriodKey, int, dt.date]]) -> RollupSQL:
    """The SQL that groups the counted values of a question, its parameters and row layout."""
    totals = question.level == Level.PROVINCE
    # AgencyTotal carries no word; only the few qualified values look theirs up, by key.
    word = (
        "CASE WHEN s.qualifier = 'exact' THEN '' ELSE (SELECT w.qualifier_word"
        " FROM datavalues_datavalue w WHERE w.id = s.datavalue_id) END"
        if totals
        else "s.qualifier_word"
    )
    source = (
        "analytics_agencytotal"
        if totals
        else "(SELECT * FROM datavalues_datavalue WHERE category_id IS NULL)"
    )
    cells, values_rows, params = _period_map(periods)
    joins = [
        "JOIN pm ON pm.period_id = s.period_id",
        "JOIN analytics_unitmap m ON m.unit_id = s.place_id AND m.era = %s AND m.level = %s",
    ]
    params += [question.era, question.level]
    where = []
    if question.within is not None:
        joins.append(
            "JOIN analytics_unitmap w ON w.unit_id = s.place_id AND w.era = %s AND w.target_id = %s"
        )
        params += [question.era, question.within]
    scope = question.scope
    if question.round is not None:
        # A join on the round, not a list of its report ids: a national round has 1,360.
        joins.append("JOIN rounds_report r ON r.id = s.report_id AND r.round_id = %s")
        params.append(question.round)
    else:
        joins.append("LEFT JOIN rounds_report r ON r.id = s.report_id")
    # ValueScope.condition() in SQL; an answer report's values repeat its child round's, so
    # only a question on its round reads them.
    terms, terms_params = _report_terms(scope, answers=question.round is not None)
    if terms:
        where.append(f"(s.report_id IS NULL OR ({' AND '.join(terms)}))")
        params += terms_params
    listed, listed_params = _listed(question)
    where += listed
    params += listed_params
    ranked = not totals or len({rank for _, rank, _ in periods.values()}) > 1
    best = (
        ", MIN(m.depth * 10 + pm.rnk) OVER "
        "(PARTITION BY s.agency_id, s.indicator_id, m.target_id, pm.cell) AS best"
        if ranked
        else ""
    )
    inner = (
        "SELECT s.indicator_id, s.agency_id, m.target_id AS place_id, pm.cell, s.period_id,"
        f" s.qualifier, {word} AS word, s.value, m.depth * 10 + pm.rnk AS own{best}"
        f" FROM {source} s {' '.join(joins)}"
        f" WHERE {' AND '.join(where) if where else '1 = 1'}"
    )
    keep: list[str] = [d for d in ("agency", "place") if d in question.by]
    group = ["indicator_id", *(f"{d}_id" for d in keep), "cell", "period_id", "qualifier"]
    sql = (
        f"WITH pm (period_id, cell, rnk) AS (VALUES {values_rows}) "
        f"SELECT {', '.join(group)}, SUM(value), MAX(value), MIN(word), MAX(word)"
        f" FROM ({inner}) c"
        f"{' WHERE own = best' if ranked else ''} GROUP BY {', '.join(group)}"
    )
    return RollupSQL(sql, params, cells, keep)


def question_periods(question: Question) -> dict[int, tuple[PeriodKey, int, dt.date]]:
    """The periods inside the question's years: id -> (target period, kind rank, end)."""
    found = {}
    for period in Period.objects.filter(
        start__gte=dt.date(question.first_year, 1, 1), end__lte=dt.date(question.last_year, 12, 31)
    ):
        key = target_period(question.period_kind, period)
        if key is not None:
            found[period.pk] = (key, KIND_RANK[period.kind], period.end)
    return found


def rollup(question: Question, execute: Executor = django_executor) -> Result:
    """Figures keyed by (indicator, *the other dimensions of `question.by`, in its order)."""
    ensure_unit_map()
    return answer(question, execute)


def answer(question: Question, execute: Executor = django_executor) -> Result:
    """As rollup(), for a caller that has already called ensure_unit_map()."""
    periods = question_periods(question)
    if not periods or not question.indicators:
        return {}
    aggregation = dict(
        Indicator.objects.filter(pk__in=question.indicators).values_list("pk", "aggregation")
    )
    return finish(question, periods, aggregation, execute)


def finish(
    question: Question,
    periods: dict[int, tuple[PeriodKey, int, dt.date]],
    aggregation: dict[int, str],
    execute: Executor,
) -> Result:
    """Run the grouped SQL and apply the aggregation and qualifier rules to its rows."""
    sql, params, cells, keep = build_sql(question, periods)
    ends = {period_id: end for period_id, (_, _, end) in periods.items()}
    summed = {pk for pk, rule in aggregation.items() if rule == Aggregation.SUM}
    others = [1 + keep.index(d) for d in question.by if d not in {"indicator", "period"}]
    width = 1 + len(keep)
    # (key without period, cell) -> [(source period end, figure)]
    grouped: dict[tuple, list[tuple[dt.date, Figure]]] = defaultdict(list)
    for row in execute(sql, params):
        cell, period_id, qualifier, total, top, low_word, high_word = row[width:]
        key = (row[0], *(row[n] for n in others))
        value = total if row[0] in summed else top
        # One word for the group if its values all wrote the same, else the default.
        word = low_word if low_word == high_word else ""
        grouped[key, cell].append((ends[period_id], Figure(from_database(value), qualifier, word)))
    cell_ends = [calendar_range(question.period_kind, *cell)[1] for cell in cells]
    by_cell: dict[tuple, list[tuple[dt.date, Figure]]] = defaultdict(list)
    result: Result = {}
    for (key, cell), items in grouped.items():
        figure = items[0][1] if len(items) == 1 else _combine(aggregation[key[0]], items)
        if "period" in question.by:
            result[_with_period(question, key, cells[cell])] = figure
        else:
            by_cell[key].append((cell_ends[cell], figure))
    for key, dated_cells in by_cell.items():
        result[key] = (
            dated_cells[0][1]
            if len(dated_cells) == 1
            else over_time(aggregation[key[0]], dated_cells)
        )
    return result


def _combine(rule: str, items: list[tuple[dt.date, Figure]]) -> Figure:
    """Within one target period: across agencies and places per source period, then over time."""
    per_period: dict[dt.date, list[Figure]] = defaultdict(list)
    for day, figure in items:
        per_period[day].append(figure)
    return over_time(rule, ((day, across(rule, figs)) for day, figs in per_period.items()))


def _with_period(question: Question, key: tuple, cell: PeriodKey) -> tuple:
    others = [d for d in question.by if d != "indicator"]
    parts = list(key[1:])
    parts.insert(others.index("period"), cell)
    return (key[0], *parts)
