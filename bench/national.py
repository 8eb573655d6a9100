"""The national reporting tree on PostgreSQL against DuckDB over Parquet.

    .venv/bin/python bench/national.py [--small] [--repeat 15]

Builds the 2025 chain on today's units (vietnam-provinces): the Ministry of Health's national
round to the 34 provinces; in each province the Department of Health's round answering it, asked
of 40 provincial agencies and of every commune's People's Committee (3,321 in all: since 1/7/2025
communes report to the province as member agencies of its round, as rounds.tests do), 30
indicators each; each province's accepted compilation carried into the national round with its
lineage, bulk loaded as rounds.upward.answer_upward writes it (checked against answer_upward on
one province). Times, with medians over --repeat runs: the national round's compilation
(analytics.compilation.compile_round, by province) and the drill-down of one national figure to
its agencies' and communes' entries (rounds.upward.get_lineage, as the lineage API), each also
answered by DuckDB over Parquet exports of the same tables (the floor). --small: 3 provinces.
The last line is `national compilation median N ms, ratio R; drill-down median N ms, ratio R`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

from aggregate import (
    EXPORTS,
    ROOT,
    _communes_by_province,
    bulk_load,
    duckdb_executor,
    export_parquet,
    median_ms,
    open_database,
)

PG_DATABASE = "tonghop_bench_national"
PARQUET_DIR = ROOT / "var" / "bench-national-parquet"
AGENCIES_PER_PROVINCE = 40
INDICATORS = 30
YEAR = 2025
ACCEPTED_SHARE = 0.9
# Cao Bằng, Lạng Sơn, Bắc Giang and Bắc Ninh of 2008: three provinces of 2025.
SMALL_OLD_PROVINCES = {4, 20, 24, 27}
NATIONAL_EXPORTS = {
    **EXPORTS,
    "rounds_report": "id, round_id, agency_id, status, compiled_from_id",
    "rounds_round": "id, name",
    "datavalues_datavalue_carried_from": "from_datavalue_id, to_datavalue_id",
    "places_administrativeunit": "id, name, parent_id",
    "catalogue_indicator": "id, name",
}

# The lineage API's reading for a leadership viewer (accepted reports, answers included) in one
# recursive statement: the floor the ORM's level-by-level walk is measured against.
LINEAGE_SQL = """
WITH RECURSIVE tree (id, depth) AS (
    SELECT id, 0 FROM datavalues_datavalue WHERE id IN ({roots})
    UNION ALL
    SELECT l.to_datavalue_id, t.depth + 1
    FROM tree t JOIN datavalues_datavalue_carried_from l ON l.from_datavalue_id = t.id
)
SELECT t.depth, v.id, v.value, v.qualifier, i.name, a.name, p.name, pp.name, rr.name
FROM tree t
JOIN datavalues_datavalue v ON v.id = t.id
LEFT JOIN rounds_report r ON r.id = v.report_id
LEFT JOIN rounds_round rr ON rr.id = r.round_id
JOIN catalogue_indicator i ON i.id = v.indicator_id
JOIN agencies_agency a ON a.id = v.agency_id
JOIN places_administrativeunit p ON p.id = v.place_id
LEFT JOIN places_administrativeunit pp ON pp.id = p.parent_id
WHERE v.report_id IS NULL OR r.status = 'accepted'
ORDER BY t.depth, a.name, p.name, v.id
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="three provinces, for a quick check")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    open_database("postgresql", PG_DATABASE)
    from django.db import connection

    started = time.perf_counter()
    tree = build_tree(args.small)
    print(
        f"tree: {tree['provinces']} provinces, {tree['agencies']:,} provincial agencies, "
        f"{tree['communes']:,} communes, {tree['reports']:,} reports, {tree['values']:,} values, "
        f"{tree['carried']:,} carried values with {tree['links']:,} lineage links; "
        f"load {time.perf_counter() - started:.1f} s"
    )
    print(check_against_answer_upward(tree))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    export_parquet(connection, NATIONAL_EXPORTS, PARQUET_DIR)
    measure(tree, args.repeat)


# The tree ---------------------------------------------------------------------------------


def build_tree(small: bool) -> dict:
    """Units, catalogue, the national round, the provinces' rounds and values, the answers."""
    from django.db import connection

    from analytics import triggers
    from analytics.units import ensure_unit_map
    from catalogue.defaults import load_default_catalogue
    from catalogue.models import Indicator, Period, PeriodKind
    from places.loader import load_units

    load_units(SMALL_OLD_PROVINCES if small else None)
    load_default_catalogue()
    indicators = [i for i in Indicator.objects.order_by("pk") if not i.has_parts][:INDICATORS]
    period = Period.objects.get_or_create_standard(PeriodKind.YEAR, YEAR)
    rng = random.Random(2025)
    tree = _rounds(indicators, period)
    reports = _reports(tree, rng)
    now = dt.datetime.now(dt.UTC)
    tree["values"] = bulk_load(connection, _member_values(reports, indicators, period, rng), now)
    tree["reports"] = len(reports) + len(tree["answers"])
    tree["carried"], tree["links"] = carry_upward(tree)
    triggers.rebuild_agency_totals(connection)
    ensure_unit_map()
    return tree


def _rounds(indicators: list, period) -> dict:
    """The ministry's round, each province's round answering it, their agencies and users."""
    from accounts.models import Role, User
    from agencies.models import Agency, AgencyKind
    from places.models import AdministrativeUnit, Era, Level
    from rounds.models import Round, RoundIndicator

    deadline = dt.datetime(YEAR, 12, 20, 10, tzinfo=dt.UTC)
    ministry = Agency.objects.create(
        code="BYT",
        name="Bộ Y tế",
        kind=AgencyKind.OTHER,
        unit=AdministrativeUnit.country(Era.FROM_2025),
    )
    national = Round.objects.create(
        name=f"Báo cáo công tác phòng, chống mại dâm năm {YEAR} của các tỉnh, thành phố",
        coordinator=ministry,
        period=period,
        deadline=deadline,
    )
    RoundIndicator.objects.bulk_create(
        RoundIndicator(round=national, indicator=i, order=n) for n, i in enumerate(indicators)
    )
    provinces = list(
        AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=Level.PROVINCE).order_by("code")
    )
    communes = _communes_by_province(provinces)
    units = AdministrativeUnit.objects.in_bulk([c for cs in communes.values() for c in cs])
    agencies = {
        p.pk: Agency.objects.bulk_create(
            Agency(
                code=f"SYT-{p.code}" if n == 0 else f"CQ{n}-{p.code}",
                name="Sở Y tế" if n == 0 else f"Cơ quan {n}",
                kind=AgencyKind.DEPARTMENT,
                unit=p,
            )
            for n in range(AGENCIES_PER_PROVINCE)
        )
        for p in provinces
    }
    commune_agencies = {
        p.pk: Agency.objects.bulk_create(
            Agency(
                code=f"UBND-{units[c].code}",
                name=f"Ủy ban nhân dân {units[c].full_name}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                unit=units[c],
            )
            for c in communes[p.pk]
        )
        for p in provinces
    }
    children = Round.objects.bulk_create(
        Round(
            name=f"Báo cáo công tác phòng, chống mại dâm năm {YEAR} tỉnh {p.name}",
            coordinator=agencies[p.pk][0],
            period=period,
            deadline=deadline - dt.timedelta(days=10),
            parent=national,
        )
        for p in provinces
    )
    RoundIndicator.objects.bulk_create(
        RoundIndicator(round=r, indicator=i, order=n, answers=i)
        for r in children
        for n, i in enumerate(indicators)
    )
    coordinators = User.objects.bulk_create(
        User(username=f"syt{p.code}", role=Role.COORDINATOR, agency=agencies[p.pk][0])
        for p in provinces
    )
    User.objects.create_user("lanhdao", password="bench", role=Role.VIEWER)
    return {
        "national": national,
        "provinces": len(provinces),
        "agencies": sum(len(a) for a in agencies.values()),
        "communes": sum(len(a) for a in commune_agencies.values()),
        "children": list(zip(provinces, children, coordinators, strict=True)),
        "members": {p.pk: agencies[p.pk] + commune_agencies[p.pk] for p in provinces},
    }


def _reports(tree: dict, rng: random.Random) -> list:
    """The members' reports in their province's round (nine in ten accepted, the others
    submitted) and each province's answer report in the national round, accepted."""
    from rounds.models import Report, ReportStatus

    def status() -> str:
        return ReportStatus.ACCEPTED if rng.random() < ACCEPTED_SHARE else ReportStatus.SUBMITTED

    members = Report.objects.bulk_create(
        Report(round=child, agency=agency, status=status())
        for province, child, _ in tree["children"]
        for agency in tree["members"][province.pk]
    )
    tree["answers"] = Report.objects.bulk_create(
        Report(
            round=tree["national"],
            agency=child.coordinator,
            compiled_from=child,
            status=ReportStatus.ACCEPTED,
        )
        for _, child, _ in tree["children"]
    )
    return members


def _member_values(reports: list, indicators: list, period, rng: random.Random) -> Iterator[tuple]:
    """Each member report's figure for every indicator, at its agency's own unit."""
    from agencies.models import AgencyKind

    commune = AgencyKind.PEOPLES_COMMITTEE
    for report in reports:
        for indicator in indicators:
            qualifier = rng.choices(["exact", "more_than", "about"], [93, 5, 2])[0]
            value = rng.randint(0, 60 if report.agency.kind == commune else 900)
            yield (
                indicator.pk,
                report.agency_id,
                report.agency.unit_id,
                period.pk,
                value,
                qualifier,
                report.pk,
            )


def carry_upward(tree: dict) -> tuple[int, int]:
    """Each province's answer as answer_upward writes it: the carried figures of
    rounds.upward.carried_figures as values of the answer report, with their carried_from."""
    from rounds.models import DataValue, Report
    from rounds.upward import child_states

    rows: list[DataValue] = []
    sources: list[frozenset[int]] = []
    for (_, child, coordinator), report in zip(tree["children"], tree["answers"], strict=True):
        for value, carried_from in carried_values(child, report, coordinator):
            rows.append(value)
            sources.append(carried_from)
    DataValue.objects.bulk_create(rows, batch_size=2000)
    through = DataValue.carried_from.through
    links = [
        through(from_datavalue_id=value.pk, to_datavalue_id=source)
        for value, carried_from in zip(rows, sources, strict=True)
        for source in sorted(carried_from)
    ]
    through.objects.bulk_create(links, batch_size=10_000)
    # The children's fingerprints as the answers were sent (outdated_answers skips those).
    states = child_states(child.pk for _, child, _ in tree["children"])
    for (_, child, _), report in zip(tree["children"], tree["answers"], strict=True):
        Report.objects.filter(pk=report.pk).update(compiled_state=states.get(child.pk, ""))
    return len(rows), len(links)


def carried_values(child, report, by) -> Iterator[tuple]:
    """The values (unsaved) and their sources that answer_upward writes on a fresh report."""
    from datavalues.models import Source, check_qualifier_word
    from rounds.models import DataValue
    from rounds.sheet import build_sheet
    from rounds.upward import carried_figures

    quote = f"Tổng hợp từ đợt «{child.name}»"
    for (indicator_id, place_id), carried in carried_figures(child, build_sheet(report)).items():
        figure = carried.figure
        value = DataValue(
            indicator_id=indicator_id,
            place_id=place_id,
            agency_id=report.agency_id,
            period_id=child.period_id,
            value=figure.value,
            qualifier=figure.qualifier,
            qualifier_word=check_qualifier_word(figure.qualifier, figure.word),
            source=Source.CARRIED,
            source_quote=quote,
            report=report,
            updated_by=by,
        )
        yield value, carried.sources


def check_against_answer_upward(tree: dict) -> str:
    """Reload the largest province's answer with answer_upward itself; the rows and the
    lineage links must be the bulk load's."""
    from rounds.models import DataValue, Report, ReportStatus
    from rounds.upward import answer_upward

    province, child, coordinator, report = max(
        ((*c, r) for c, r in zip(tree["children"], tree["answers"], strict=True)),
        key=lambda item: len(tree["members"][item[0].pk]),
    )
    bulk = _snapshot(report)
    bulk_state = Report.objects.get(pk=report.pk).compiled_state
    DataValue.objects.filter(report=report).delete()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.NOT_STARTED)
    answer_upward(coordinator, child, version=Report.objects.get(pk=report.pk).version)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    again = _snapshot(report)
    if bulk != again or Report.objects.get(pk=report.pk).compiled_state != bulk_state:
        raise SystemExit(f"the bulk load differs from answer_upward for {province.name}")
    links = sum(len(row[-1]) for row in again)
    return f"bulk load = answer_upward for {province.name}: {len(again)} values, {links:,} links"


def _snapshot(report) -> list[tuple]:
    from rounds.models import DataValue

    fields = (
        "indicator_id",
        "agency_id",
        "place_id",
        "period_id",
        "category_id",
        "value",
        "qualifier",
        "qualifier_word",
        "source",
        "source_file",
        "source_quote",
        "source_start",
        "source_end",
        "report_id",
        "updated_by_id",
    )
    values = DataValue.objects.filter(report=report).prefetch_related("carried_from")
    return sorted(
        (*(getattr(v, f) for f in fields), tuple(sorted(s.pk for s in v.carried_from.all())))
        for v in values
    )


# The measures -----------------------------------------------------------------------------


def measure(tree: dict, repeat: int) -> None:
    from django.db import connection

    from analytics.compilation import compile_round
    from analytics.rollup import django_executor
    from rounds.models import DataValue, Round
    from rounds.upward import get_lineage, outdated_answers

    national = Round.objects.select_related("period", "coordinator__unit").get(
        pk=tree["national"].pk
    )
    viewer = _viewer()
    indicator = national.round_indicators.order_by("order").first().indicator_id
    figures = list(
        DataValue.objects.filter(report__round=national, indicator_id=indicator, category=None)
        .order_by("place_id")
        .values_list("pk", flat=True)
    )
    largest = max(figures, key=lambda pk: DataValue.objects.get(pk=pk).carried_from.count())
    duck = duckdb_executor(NATIONAL_EXPORTS, PARQUET_DIR)

    def pg_sql(sql: str, params) -> list[tuple]:
        return django_executor(sql, params)

    def walk(node) -> int:
        return 1 + sum(walk(child) for child in node.children)

    checks = {
        "compilation": (
            _totals(compile_round(national)),
            _totals(compile_round(national, execute=duck)),
        ),
        "drill-down": (
            walk(get_lineage(viewer, largest)),
            len(_lineage_rows(duck, [largest])),
        ),
    }
    for name, (pg, floor) in checks.items():
        if pg != floor:
            raise SystemExit(f"{name}: PostgreSQL and DuckDB disagree: {pg} {floor}")
    runs: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "national compilation": (
            lambda: compile_round(national),
            lambda: compile_round(national, execute=duck),
        ),
        "drill-down": (
            lambda: get_lineage(viewer, largest),
            lambda: _lineage_rows(duck, [largest]),
        ),
        "drill-down SQL": (
            lambda: _lineage_rows(pg_sql, [largest]),
            lambda: _lineage_rows(duck, [largest]),
        ),
        "national drill-down": (
            lambda: [get_lineage(viewer, pk) for pk in figures],
            lambda: _lineage_rows(duck, figures),
        ),
    }
    print(f"drill-down: {checks['drill-down'][0]:,} entries under one province's figure")
    print(f"{'question':<22} {'PostgreSQL':>11} {'DuckDB':>9} {'PG/DuckDB':>10}")
    medians = {}
    for name, (pg_run, duck_run) in runs.items():
        pg_ms, duck_ms = median_ms(pg_run, repeat), median_ms(duck_run, repeat)
        medians[name] = (pg_ms, pg_ms / duck_ms)
        print(f"{name:<22} {pg_ms:>9.1f}ms {duck_ms:>7.1f}ms {pg_ms / duck_ms:>10.2f}")
    # The compilation's flags check each province's answer against its round (rounds.upward):
    # the part of the compilation that grows with the provinces and that DuckDB does not answer.
    outdated = median_ms(lambda: outdated_answers(national), repeat)
    print(f"of the compilation, the outdated-answers check on PostgreSQL: {outdated:.1f}ms")
    connection.close()
    (comp, comp_ratio), (drill, drill_ratio) = (
        medians["national compilation"],
        medians["drill-down"],
    )
    print(
        f"national compilation median {comp:.0f} ms, ratio {comp_ratio:.2f}; "
        f"drill-down median {drill:.0f} ms, ratio {drill_ratio:.2f}"
    )


def _viewer():
    from accounts.models import User

    return User.objects.get(username="lanhdao")


def _totals(compilation) -> list[tuple[int, Decimal | None]]:
    return [(line.indicator.pk, line.total and line.total.value) for line in compilation.lines]


def _lineage_rows(execute: Callable, roots: list[int]) -> list[tuple]:
    return execute(LINEAGE_SQL.format(roots=", ".join(["%s"] * len(roots))), roots)


if __name__ == "__main__":
    main()
