"""Deadline day, one request of each kind in this process: queries, CPU time, and a profile.

    .venv/bin/python bench/deadline_profile.py [--repeat 30] [--profile "save draft"]
        [--database tonghop_deadline_profile] [--reuse]

The national round of bench/deadline_day.py (built afresh unless --reuse finds it built), then
each kind of the bench's requests sent through Django's test client (no server, no network):
per kind, the queries of one request, the median CPU time of this thread over --repeat
requests, the mean CPU time of PostgreSQL's backend serving them (from /proc), and the Python
function calls of one (cProfile, in a pass of its own). Load on the
machine from other processes does not change the queries nor the calls and changes the CPU time
less than the bench's requests per second: they are the figures to compare an optimisation
with. --profile KIND prints cProfile's costliest functions for that kind (the app's by
cumulative time, all by own time).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from deadline_day import GROUPS, build_round, create_database  # noqa: E402


def _config(database: str, reuse: bool) -> dict:
    import os

    url = f"postgres://postgres@127.0.0.1:5432/{database}"
    if reuse:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
        import django

        django.setup()
        from accounts.models import ApiToken, Role, User
        from rounds.models import Round

        round_ = Round.objects.latest("pk")
        officers = []
        editable = round_.reports.filter(status__in=["not_started", "draft"])
        for report in editable.order_by("pk")[:400]:
            user = User.objects.filter(role=Role.OFFICER, agency=report.agency_id).first()
            officers.append({"token": ApiToken.issue(user, "profile")[1], "report": report.pk})
        watcher = User.objects.get(username="dieuphoi-0")
        return {
            "round": round_.pk,
            "officers": officers,
            "coordinators": [ApiToken.issue(watcher, "profile")[1]],
        }
    print("Preparing the national round (34 provinces x 40 agencies) ...", flush=True)
    return build_round(create_database(database))


def _body(version: int, n: int) -> dict:
    values = {}
    for group in GROUPS[n % 5 : n % 5 + 4]:
        small = random.randint(0, 200)  # new figures on every run, as a save brings
        values.update(zip(group, (small, small * 3), strict=False))
    rows = [{"indicator": c, "value": v, "qualifier": "exact"} for c, v in values.items()]
    return {"version": version, "values": rows}


def requests_by_kind(config: dict):
    """kind -> a function sending the n-th request of that kind with the test client."""
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="127.0.0.1")
    officers = config["officers"]
    coordinator = {"HTTP_AUTHORIZATION": f"Bearer {config['coordinators'][0]}"}
    compilation = reverse("analytics:compilation", args=[config["round"]])
    web = Client(HTTP_HOST="127.0.0.1")
    from accounts.models import User
    from accounts.testing import login_verified

    login_verified(web, User.objects.get(username="dieuphoi-0"))

    def auth(n: int) -> tuple[int, dict]:
        who = officers[n % len(officers)]
        return who["report"], {"HTTP_AUTHORIZATION": f"Bearer {who['token']}"}

    def version(report: int, headers: dict) -> int:
        return client.get(f"/api/reports/{report}", **headers).json()["version"]

    def open_values(n):
        report, headers = auth(n)
        return client.get(f"/api/reports/{report}/values", **headers), None

    def open_state(n):
        report, headers = auth(n)
        return client.get(f"/api/reports/{report}", **headers), None

    def save(n):
        report, headers = auth(n)
        body = _body(version(report, headers), n)
        url = f"/api/reports/{report}/values"
        return lambda: client.put(url, body, "application/json", **headers)

    # From the end (saves use the start), one officer per report: colleagues sharing a report
    # sit side by side in the list, and a report is submitted once.
    last_of_report = {who["report"]: m for m, who in enumerate(officers)}
    submitted = iter(sorted(last_of_report.values(), reverse=True))

    def submit(n):
        m = next(submitted)
        report, headers = auth(m)
        client.put(
            f"/api/reports/{report}/values",
            _body(version(report, headers), m),
            "application/json",
            **headers,
        )
        body = {"version": version(report, headers)}
        url = f"/api/reports/{report}/submit"
        return lambda: client.post(url, body, "application/json", **headers)

    return {
        "open form (values)": lambda n: (None, lambda: open_values(n)[0]),
        "open form (state)": lambda n: (None, lambda: open_state(n)[0]),
        "save draft": lambda n: (None, save(n)),
        "submit": lambda n: (None, submit(n)),
        "completeness": lambda n: (
            None,
            lambda: client.get(f"/api/rounds/{config['round']}", **coordinator),
        ),
        "compile": lambda n: (None, lambda: web.get(compilation)),
        "export": lambda n: (None, lambda: web.get(f"{compilation}?dinh-dang=xlsx")),
    }


def _on_cpu(pid: int) -> float:
    """Seconds the process has run on a CPU, to the nanosecond (/proc/PID/schedstat)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def _backend() -> int:
    """The pid of PostgreSQL's process serving this one's connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def measure(
    send, repeat: int, profiler: cProfile.Profile | None, sql: bool
) -> tuple[int, float, float]:
    """(queries of one request, median thread CPU ms, mean PostgreSQL CPU ms) over repeat
    requests, then one more whose queries are counted: Django's query capture formats each
    query's SQL with its parameters, a cost a server never pays, so it stays out of the timed
    requests. PostgreSQL's CPU is its backend's, read from /proc around each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def sent(response) -> None:
        if response.status_code != 200:
            raise SystemExit(f"HTTP {response.status_code}: {response.content[:300]!r}")

    cpu: list[float] = []
    database: list[float] = []
    for n in range(repeat):
        _, request = send(n)
        backend = _backend()
        before = _on_cpu(backend)
        started = time.thread_time()
        if profiler:
            profiler.enable()
        response = request()
        if profiler:
            profiler.disable()
        cpu.append((time.thread_time() - started) * 1000)
        # The connection may have reached its age and closed after the request.
        with contextlib.suppress(OSError):
            database.append(_on_cpu(backend) - before)
        sent(response)
    if profiler:
        return 0, statistics.median(cpu), 0.0
    _, request = send(repeat)
    with CaptureQueriesContext(connection) as captured:
        sent(request())
    if sql:
        for query in captured.captured_queries:
            print("    ", query["sql"][:200])
    return len(captured.captured_queries), statistics.median(cpu), statistics.mean(database) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", metavar="KIND", help="cProfile this kind of request")
    parser.add_argument("--database", default="tonghop_deadline_profile")
    parser.add_argument("--reuse", action="store_true", help="the database is already built")
    parser.add_argument("--sql", action="store_true", help="print each kind's queries")
    args = parser.parse_args()
    config = _config(args.database, args.reuse)
    kinds = requests_by_kind(config)
    for kind, send in kinds.items():
        repeat = min(args.repeat, 10) if kind in {"compile", "export"} else args.repeat
        queries, cpu, database = measure(send, repeat, None, args.sql)
        # A pass of its own, its overhead kept out of the CPU time; timed by this thread's CPU
        # (waiting on PostgreSQL would be most of the wall-clock time).
        profiler = cProfile.Profile(time.thread_time)
        measure(send, min(repeat, 10), profiler, False)
        stats = pstats.Stats(profiler)
        calls = stats.total_calls / min(repeat, 10)  # type: ignore[attr-defined]
        print(
            f"  {kind:<20} queries {queries:3d}  app CPU median {cpu:6.1f} ms  "
            f"PostgreSQL CPU mean {database:5.1f} ms  Python calls {calls / 1000:6.1f} k  "
            f"(n={repeat})"
        )
        if kind == args.profile:
            out = io.StringIO()
            stats.stream = out  # type: ignore[attr-defined]
            stats.sort_stats("cumulative").print_stats(str(ROOT), 30)  # the app's own functions
            stats.sort_stats("tottime").print_stats(25)
            print(out.getvalue())


if __name__ == "__main__":
    main()
