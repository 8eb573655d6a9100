"""Roll-up speed at national scale: PostgreSQL and SQLite against DuckDB over Parquet.

    .venv/bin/python bench/aggregate.py [--small] [--repeat 15]

Generates the real units of both eras (vietnam-provinces), 60 indicators, 12 agencies per
province and ten years (2017-2024 on the pre-2025 units, 2025-2026 on today's), with four agencies
per province giving 30 indicators by commune: about 12 million values. Each engine is loaded by a
worker process; the PostgreSQL worker also exports the tables to Parquet and runs the same grouped
SQL in DuckDB, the floor. The last line is `worst median N ms, worst ratio R` on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "tonghop_bench"
SQLITE_FILE = ROOT / "var" / "bench.sqlite3"
PARQUET_DIR = ROOT / "var" / "bench-parquet"
AGENCIES_PER_PROVINCE = 12
BREAKDOWN_AGENCIES = 4
LOCALITY_INDICATORS = 30
YEARS = range(2017, 2027)
QUESTIONS = ("compilation", "pivot", "trend", "dashboard")
VALUE_COLUMNS = (
    "indicator_id",
    "agency_id",
    "place_id",
    "period_id",
    "value",
    "qualifier",
    "source",
    "source_file",
    "source_quote",
    "report_id",
    "updated_at",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="two provinces, for a quick check")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--worker", choices=["postgresql", "sqlite"])
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(work(args.worker, args.small, args.repeat)))
        return
    runs = {}
    for engine in ("postgresql", "sqlite"):
        command = [sys.executable, __file__, "--worker", engine, "--repeat", str(args.repeat)]
        output = subprocess.run(
            command + (["--small"] if args.small else []),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        runs[engine] = json.loads(output.stdout.strip().splitlines()[-1])
    report(runs)


def report(runs: dict) -> None:
    pg, lite = runs["postgresql"], runs["sqlite"]
    print(f"values: {pg['values']:,}; load: PostgreSQL {pg['load_s']} s, SQLite {lite['load_s']} s")
    print(f"{'question':<12} {'PostgreSQL':>11} {'SQLite':>9} {'DuckDB':>9} {'PG/DuckDB':>10}")
    worst_median = worst_ratio = 0.0
    for question in QUESTIONS:
        duck = pg["duckdb"].get(question)
        ratio = pg["medians"][question] / duck if duck else None
        worst_median = max(worst_median, pg["medians"][question])
        worst_ratio = max(worst_ratio, ratio or 0)
        print(
            f"{question:<12} {pg['medians'][question]:>9.1f}ms {lite['medians'][question]:>7.1f}ms"
            f" {(f'{duck:.1f}ms' if duck else '-'):>9} {(f'{ratio:.2f}' if ratio else '-'):>10}"
        )
    print(f"worst median {worst_median:.0f} ms, worst ratio {worst_ratio:.2f}")


def open_database(engine: str, pg_database: str = PG_DATABASE) -> None:
    """A fresh, migrated database for the engine, with Django set up on it."""
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {pg_database}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{pg_database}"
    else:
        SQLITE_FILE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def work(engine: str, small: bool, repeat: int) -> dict:
    open_database(engine)
    started = time.perf_counter()
    world = generate(small)
    load_s = round(time.perf_counter() - started, 1)
    questions = make_questions(world)
    medians = {name: median_ms(run, repeat) for name, run in questions.items()}
    duck = {}
    if engine == "postgresql":
        executor = duckdb_executor()
        duck = {
            name: median_ms(lambda run=run: run(executor), repeat)
            for name, run in make_questions(world, sql_only=True).items()
        }
    return {"values": world["values"], "load_s": load_s, "medians": medians, "duckdb": duck}


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def generate(small: bool) -> dict:
    """Units, indicators, agencies, rounds, reports and the values, bulk loaded."""
    from django.db import connection

    from accounts.models import Role, User
    from agencies.models import Agency, AgencyKind
    from analytics import triggers
    from analytics.units import ensure_unit_map
    from catalogue.defaults import load_default_catalogue
    from catalogue.models import Indicator, IndicatorGroup, Period, PeriodKind
    from places.loader import load_units
    from places.models import AdministrativeUnit, Era, Level
    from rounds.models import Report, ReportStatus, Round, RoundIndicator

    load_units({24, 27} if small else None)
    load_default_catalogue()
    group = IndicatorGroup.objects.first()
    for n in range(60 - Indicator.objects.count()):
        Indicator.objects.create(
            code=f"bench_{n}",
            name=f"Chỉ tiêu thử {n}",
            unit="lượt",
            value_type="count",
            group=group,
        )
    indicators = list(Indicator.objects.order_by("pk"))
    summed = [i for i in indicators if i.aggregation == "sum"]
    by_locality = summed[:LOCALITY_INDICATORS]
    periods = {y: Period.objects.get_or_create_standard(PeriodKind.YEAR, y) for y in YEARS}
    rng = random.Random(2026)
    provinces = list(AdministrativeUnit.objects.filter(level=Level.PROVINCE))
    communes = _communes_by_province(provinces)
    agencies: dict[int, list[Agency]] = {}
    for province in provinces:
        agencies[province.pk] = Agency.objects.bulk_create(
            Agency(
                code=f"A{province.era}-{province.code}-{n}",
                name=f"Cơ quan {n} tỉnh {province.name}",
                kind=AgencyKind.DEPARTMENT,
                unit=province,
            )
            for n in range(AGENCIES_PER_PROVINCE)
        )
    User.objects.create_user("lanhdao", password="bench", role=Role.VIEWER)
    deadline = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    rounds = []
    for year in YEARS:
        era = Era.BEFORE_2025 if year < 2025 else Era.FROM_2025
        for province in provinces:
            if province.era == era:
                rounds.append(
                    Round(
                        name=f"Báo cáo năm {year} tỉnh {province.name}",
                        coordinator=agencies[province.pk][0],
                        period=periods[year],
                        deadline=deadline.replace(year=year, month=12, day=15),
                    )
                )
    rounds = Round.objects.bulk_create(rounds)
    RoundIndicator.objects.bulk_create(
        RoundIndicator(round=r, indicator=i, order=n, by_locality=i in by_locality)
        for r in rounds
        for n, i in enumerate(indicators)
    )
    reports = Report.objects.bulk_create(
        Report(
            round=r,
            agency=agency,
            status=ReportStatus.ACCEPTED if rng.random() < 0.9 else ReportStatus.SUBMITTED,
        )
        for r in rounds
        for agency in agencies[r.coordinator.unit_id]
    )
    if not all(r.pk for r in reports):
        reports = list(Report.objects.select_related("round", "agency"))
    now = dt.datetime.now(dt.UTC)

    rows = _value_rows(reports, indicators, by_locality, communes, rng)
    count = bulk_load(connection, rows, now)
    triggers.rebuild_agency_totals(connection)
    ensure_unit_map()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if connection.vendor == "postgresql":
        export_parquet(connection)
    pivot_year = 2024
    coordinator = Round.objects.filter(period=periods[2026]).order_by("pk").first()
    return {
        "values": count,
        "indicators": [i.pk for i in indicators],
        "trend_indicator": summed[0].pk,
        "pivot_year": pivot_year,
        "round": coordinator.pk,
    }


def _communes_by_province(provinces: list) -> dict[int, list[int]]:
    """Each province's communes, found by walking up the parents."""
    from places.models import AdministrativeUnit, Level

    communes: dict[int, list[int]] = {p.pk: [] for p in provinces}
    parents = dict(AdministrativeUnit.objects.values_list("pk", "parent_id"))
    levels = dict(AdministrativeUnit.objects.values_list("pk", "level"))
    for pk, level in levels.items():
        if level == Level.COMMUNE:
            top = pk
            while parents[top] is not None:
                top = parents[top]
            if top in communes:  # a commune of a province not asked for (another era's)
                communes[top].append(pk)
    return communes


def _value_rows(
    reports: list,
    indicators: list,
    by_locality: list,
    communes: dict[int, list[int]],
    rng: random.Random,
) -> Iterator[tuple]:
    """Each report's values: a total per indicator and, for the agencies that break their
    figures down, one value per commune of the indicators asked by locality."""
    for report in reports:
        province = report.agency.unit_id
        breakdown = report.agency.code.endswith(tuple(f"-{n}" for n in range(BREAKDOWN_AGENCIES)))
        period = report.round.period_id
        for indicator in indicators:
            qualifier = rng.choices(["exact", "more_than", "about"], [93, 5, 2])[0]
            parts = []
            if breakdown and indicator in by_locality:
                parts = [(c, rng.randint(0, 50)) for c in communes[province]]
            total = sum(v for _, v in parts) + rng.randint(20, 5000)
            yield (
                indicator.pk,
                report.agency_id,
                province,
                period,
                total,
                qualifier,
                report.pk,
            )
            for commune, value in parts:
                yield (
                    indicator.pk,
                    report.agency_id,
                    commune,
                    period,
                    value,
                    "exact",
                    report.pk,
                )


def bulk_load(connection, rows: Iterator[tuple], now: dt.datetime) -> int:
    """Bulk load the values with the table's indexes and triggers off, then rebuild them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgresql_load(cursor, rows, now)
        return _sqlite_load(cursor, rows, now)


def _postgresql_load(cursor, rows: Iterator[tuple], now: dt.datetime) -> int:
    """COPY without the indexes and triggers."""
    cursor.execute(
        "SELECT indexdef, indexname FROM pg_indexes WHERE tablename = "
        "'datavalues_datavalue' AND indexname NOT LIKE '%%pkey'"
    )
    indexes = cursor.fetchall()
    for _, name in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute("ALTER TABLE datavalues_datavalue DISABLE TRIGGER ALL")
    count = 0
    columns = ", ".join(VALUE_COLUMNS)
    with cursor.cursor.copy(f"COPY datavalues_datavalue ({columns}) FROM STDIN") as copy:
        for i, a, p, per, v, q, r in rows:
            copy.write_row((i, a, p, per, v, q, "typed", "", "", r, now))
            count += 1
    cursor.execute("ALTER TABLE datavalues_datavalue ENABLE TRIGGER ALL")
    cursor.execute("SET maintenance_work_mem = '512MB'")
    for definition, _ in indexes:
        cursor.execute(definition)
    return count


SQLITE_BATCH = 20_000


def _sqlite_load(cursor, rows: Iterator[tuple], now: dt.datetime) -> int:
    """Without the table's indexes and triggers, no journal, in one transaction, then reindex.

    Maintaining five indexes and a trigger per row while 12 million rows go in made the file
    outgrow the page cache, and the load wrote gigabytes of random pages for over ten minutes.
    """
    cursor.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'datavalues_datavalue'"
        " AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    )
    dropped = cursor.fetchall()
    for kind, name, _ in dropped:
        cursor.execute(f'DROP {kind.upper()} "{name}"')
    for pragma in (
        "journal_mode = OFF",
        "synchronous = OFF",
        "cache_size = -1048576",
        "temp_store = MEMORY",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    columns = ", ".join(VALUE_COLUMNS)
    sql = f"INSERT INTO datavalues_datavalue ({columns}) VALUES ({', '.join(['%s'] * 11)})"
    count = 0
    batch = []
    cursor.execute("BEGIN")
    for i, a, p, per, v, q, r in rows:
        batch.append((i, a, p, per, v, q, "typed", "", "", r, now))
        if len(batch) == SQLITE_BATCH:
            cursor.executemany(sql, batch)
            count += len(batch)
            batch.clear()
    cursor.executemany(sql, batch)
    count += len(batch)
    cursor.execute("COMMIT")
    for _, _, definition in sorted(dropped, key=lambda d: d[0]):  # indexes before triggers
        cursor.execute(definition)
    return count


EXPORTS = {
    "datavalues_datavalue": "id, indicator_id, agency_id, place_id, period_id, category_id,"
    " value, qualifier, qualifier_word, report_id",
    "analytics_agencytotal": "datavalue_id, indicator_id, agency_id, place_id, period_id,"
    " report_id, value, qualifier",
    "analytics_unitmap": "unit_id, era, level, target_id, depth",
    "rounds_report": "id, round_id, status",
    "agencies_agency": "id, name, short_name, unit_id",
}
# Nullable columns, which the CSV sniffer would read as text when its sample holds no value.
COLUMN_TYPES = {
    "value": "DECIMAL(20,4)",
    "category_id": "BIGINT",
    "report_id": "BIGINT",
    "compiled_from_id": "BIGINT",
    "parent_id": "BIGINT",
}


def export_parquet(
    connection, exports: dict[str, str] = EXPORTS, directory: Path = PARQUET_DIR
) -> None:
    import duckdb

    directory.mkdir(parents=True, exist_ok=True)
    raw = connection.connection
    for table, columns in exports.items():
        csv_file = directory / f"{table}.csv"
        with raw.cursor() as cursor, csv_file.open("wb") as out:
            sql = f"COPY (SELECT {columns} FROM {table}) TO STDOUT (FORMAT csv, HEADER)"
            with cursor.copy(sql) as copy:
                for chunk in copy:
                    out.write(chunk)
        types = {
            name: kind
            for name, kind in COLUMN_TYPES.items()
            if name in [c.strip() for c in columns.split(",")]
        }
        duckdb.sql(
            f"COPY (SELECT * FROM read_csv('{csv_file}', header=true, types={types})) "
            f"TO '{directory / table}.parquet' (FORMAT parquet)"
        )
        csv_file.unlink()


def duckdb_executor(exports: dict[str, str] = EXPORTS, directory: Path = PARQUET_DIR):
    import duckdb

    duck = duckdb.connect()
    for table in exports:
        duck.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{directory / table}.parquet')"
        )

    def execute(sql: str, params) -> list[tuple]:
        return duck.execute(sql.replace("%s", "?"), list(params)).fetchall()

    return execute


def make_questions(world: dict, sql_only: bool = False) -> dict[str, Callable]:
    """The benchmark questions; with sql_only they take the executor that runs the SQL."""
    from django.test import Client

    from analytics.compilation import compile_round
    from analytics.rollup import Question, django_executor, rollup
    from rounds.models import Round

    round_ = Round.objects.select_related("period", "coordinator__unit").get(pk=world["round"])
    pivot = Question(
        tuple(world["indicators"]),
        by=("indicator", "place"),
        first_year=world["pivot_year"],
        last_year=world["pivot_year"],
    )
    trend = Question((world["trend_indicator"],), by=("period",))
    runs = {
        "compilation": lambda execute=django_executor: compile_round(round_, execute=execute),
        "pivot": lambda execute=django_executor: rollup(pivot, execute),
        "trend": lambda execute=django_executor: rollup(trend, execute),
    }
    if sql_only:
        return runs
    client = Client()
    client.login(username="lanhdao", password="bench")
    return {
        **{name: (lambda run=run: run()) for name, run in runs.items()},
        "dashboard": lambda: client.get("/tong-hop/"),
    }


if __name__ == "__main__":
    main()
