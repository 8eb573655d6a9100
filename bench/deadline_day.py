"""Deadline day: the app under gunicorn on PostgreSQL, officers of a national round all at once.

    .venv/bin/python bench/deadline_day.py [--levels 8,16,32,64] [--seconds 40] [--workers 4]
        [--threads 4] [--database tonghop_deadline] [--port 8731]
        [--hosts 2 --replica] [--renders [--render-workers 2]]

Creates a fresh database (tonghop_deadline on 127.0.0.1:5432), a national round of 34 provinces
x 40 agencies with one officer and one API token each, starts gunicorn on 127.0.0.1, and replays
the day from a separate client process (asyncio + aiohttp, loopback only, bounded in requests
and time) at increasing concurrency: officers open their form, save drafts (a few share a report
with a colleague, so conflicts happen), submit; coordinators watch completeness, compile and
export. A warm-up of 5 seconds at 4 clients comes first, not measured (each process's first
requests: imports, connections, the unit map); its saves are checked with the others.

--hosts 2 runs two gunicorn processes (each --workers x --threads) on the next ports, behind
HAProxy (Debian's /usr/sbin/haproxy, its configuration written to a temporary folder) on
--port, against the one PostgreSQL. --replica sets DATABASE_REPLICA_URL, so that the analytics
pages (compile, export) read through the replica router's alias: here a second connection to
the same database, which shows the routing works under load, not what a streaming replica on
another machine would take off the primary. --renders plays each level twice, the second time
with the coordinator also asking the round's compiled PDF (with and without drafts) on each
round of its loop: task workers beside gunicorn make them (rendering.tasks, at most
TONGHOP_MAX_PDF_CONVERSIONS LibreOffice at once), and the level prints the PDFs made and the
save p95 with them against the same level without.

It prints, per level, the sustained requests per second and p50/p95/p99 per kind of request, the
error count, and where the time goes (bench/deadline_measure.py, a gunicorn configuration of the
bench only): per kind, the median CPU time of the app's thread, queries and their time; per
level, the CPU time of the gunicorn workers, of PostgreSQL's backends for this database (from
/proc), of HAProxy and the task workers when they run, and of the client; the saves per second
and the audit trail's share of a save (its record() calls timed apart), with the saves per
second a save without it would allow. Then the consistency check: every value any client was
told was saved is in the database (folding each report's acknowledged saves in version order),
and no save carrying a stale version was accepted. Last line: `rate R req/s, save p95 P ms at
C clients, errors E, lost L` for the highest rate sustained with zero errors and p95 of draft
saves under 300 ms (levels with PDF renders left out).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's tonghop, whatever the venv installed
SERVER = "postgres://postgres@127.0.0.1:5432"
PROVINCES, AGENCIES_PER_PROVINCE = 34, 40
# Indicators saved together keep the round's cross rules (attendance not below sessions ...).
GROUPS = [
    ("propaganda_sessions", "propaganda_attendance"),
    ("contests", "contest_participants"),
    ("establishments_fined", "violations_found"),
    ("trainings",),
    ("media_features",),
    ("media_articles",),
    ("media_news",),
    ("leaflets",),
    ("banners",),
    ("establishments_inspected",),
    ("fines_amount",),
    ("criminal_cases",),
    ("support_health",),
]
INDICATORS = [code for group in GROUPS for code in group]
SHARED_EVERY = 20  # one agency in 20 has two officers editing its report at once
WARM_UP_SECONDS = 5  # 4 clients, before the levels, not measured


# ---------------------------------------------------------------- setup (in this process)


def create_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER}/{name}"


def build_round(url: str) -> dict:
    """Migrate, load units and catalogue, open the national round; return the client's config."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import ApiToken, Role, User
    from agencies.models import Agency, AgencyKind
    from catalogue.models import Indicator, Period, PeriodKind
    from places.models import AdministrativeUnit, Era, Level
    from rounds.actions import open_round
    from rounds.outline import DEFAULT_OUTLINE, parse_outline

    call_command("demo", empty=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    provinces = list(AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=Level.PROVINCE))
    assert len(provinces) == PROVINCES
    ministry = Agency.objects.create(
        code="BYT", name="Bộ Y tế", kind=AgencyKind.DEPARTMENT, unit=provinces[0]
    )
    Agency.objects.bulk_create(
        Agency(
            code=f"P{p.code}-{n:02d}",
            name=f"Cơ quan {n:02d} {p.full_name}",
            kind=AgencyKind.DEPARTMENT,
            unit=p,
        )
        for p in provinces
        for n in range(1, AGENCIES_PER_PROVINCE + 1)
    )
    agencies = list(Agency.objects.exclude(pk=ministry.pk).order_by("code"))
    password = "khong-dung-mat-khau"
    users = [User(username=f"cb-{a.code.lower()}", role=Role.OFFICER, agency=a) for a in agencies]
    users += [
        User(username=f"cb-{a.code.lower()}-2", role=Role.OFFICER, agency=a)
        for a in agencies[::SHARED_EVERY]
    ]
    coordinators = [
        User(username=f"dieuphoi-{n}", role=Role.COORDINATOR, agency=ministry) for n in range(4)
    ]
    for user in [*users, *coordinators]:
        user.set_unusable_password()
    User.objects.bulk_create([*users, *coordinators])
    coordinator = User.objects.get(username="dieuphoi-0")
    coordinator.set_password(password)
    coordinator.save()
    from accounts.otp import ensure_demo_device

    secret = ensure_demo_device(coordinator)  # coordinators pass a TOTP step after the password
    round_ = open_round(
        coordinator,
        name="Báo cáo công tác phòng, chống mại dâm năm 2026",
        period=Period.objects.get_or_create_standard(PeriodKind.YEAR, 2026),
        deadline=timezone.now() + dt.timedelta(hours=6),
        agencies=agencies,
        indicators=[(i, False) for i in Indicator.objects.filter(code__in=INDICATORS)],
        outline=parse_outline(DEFAULT_OUTLINE),
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a live database has them
    reports = dict(round_.reports.values_list("agency__code", "pk"))
    officers = [
        {"token": ApiToken.issue(u, "deadline")[1], "report": reports[u.agency.code]}
        for u in User.objects.filter(role=Role.OFFICER).select_related("agency").order_by("pk")
    ]
    officers.sort(key=lambda o: o["report"])  # colleagues of one agency start side by side
    watchers = [
        ApiToken.issue(User.objects.get(username=f"dieuphoi-{n}"), "deadline")[1] for n in range(4)
    ]
    return {
        "round": round_.pk,
        "officers": officers,
        "coordinators": watchers,
        "coordinator_login": {"username": "dieuphoi-0", "password": password, "secret": secret},
    }


# ---------------------------------------------------------------- the server


def server_env(url: str, measure_file: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TONGHOP_LOG_LEVEL": "ERROR",
        "DEADLINE_MEASURE_FILE": measure_file,
    }


# ---------------------------------------------------------------- the client (separate process)


@dataclass
class Answer:
    """What the client keeps of a response: its status and body."""

    status_code: int
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


async def send(session, method: str, url: str, follow: bool = False, **kwargs) -> Answer:
    """One request (redirects not followed unless asked), its body read whole."""
    async with session.request(method, url, allow_redirects=follow, **kwargs) as response:
        return Answer(response.status, await response.read())


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.conflicts = 0
        self.acks: list[dict] = []  # acknowledged saves: report, version, values

    async def call(self, client, kind: str, method: str, url: str, **kwargs):
        started = time.perf_counter()
        try:
            response = await send(client, method, url, **kwargs)
        except Exception as error:  # a refused or dropped connection is an error of the run
            self.errors.append(f"{kind}: {type(error).__name__}")
            return None
        self.latencies[kind].append(time.perf_counter() - started)
        if response.status_code == 409:
            self.conflicts += 1
        elif response.status_code != 200:  # a redirect (to a login page) is a failure too
            self.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:120]}")
        return response


async def officer(client, recorder: Recorder, who: dict, deadline: float, rng: random.Random):
    headers = {"Authorization": f"Bearer {who['token']}"}
    report = who["report"]
    while time.monotonic() < deadline:
        opened = await recorder.call(
            client, "open form", "GET", f"/api/reports/{report}/values", headers=headers
        )
        state = await recorder.call(
            client, "open form", "GET", f"/api/reports/{report}", headers=headers
        )
        if opened is None or state is None or state.status_code != 200:
            return
        version = state.json()["version"]
        if state.json()["status"] in {"submitted", "accepted"}:
            return
        for _ in range(rng.randint(1, 3)):
            values = {}
            for group in rng.sample(GROUPS, 4):
                small = rng.randint(0, 200)
                values.update(zip(group, (small, small * rng.randint(1, 80)), strict=False))
            body = {
                "version": version,
                "values": [
                    {"indicator": c, "value": v, "qualifier": "exact"} for c, v in values.items()
                ],
            }
            saved = await recorder.call(
                client,
                "save draft",
                "PUT",
                f"/api/reports/{report}/values",
                json=body,
                headers=headers,
            )
            if saved is None or saved.status_code == 409:
                break  # a colleague saved first: reload the form, as the page tells them to
            if saved.status_code == 200:
                version = saved.json()["version"]
                recorder.acks.append({"report": report, "version": version, "values": values})
        else:
            if rng.random() < 0.5:
                await recorder.call(
                    client,
                    "submit",
                    "POST",
                    f"/api/reports/{report}/submit",
                    json={"version": version},
                    headers=headers,
                )
                return


async def coordinator(
    client,
    recorder: Recorder,
    token: str,
    round_id: int,
    deadline: float,
    pages: list[tuple[str, str]],
    pdfs: list[str],
):
    """Completeness, the compiled round and its export, in a loop; with pdfs, also asks the
    round's PDFs (rendering.jobs queues each, the task workers make them off the web workers)."""
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        await recorder.call(
            client, "completeness", "GET", f"/api/rounds/{round_id}", headers=headers
        )
        for kind, url in pages:  # the national export is queued: its file's page follows
            await recorder.call(client, kind, "GET", url, follow=kind == "export")
        for url in pdfs:  # answered by the page following the queued file
            await recorder.call(client, "ask PDF", "GET", url, follow=True)
        await asyncio.sleep(0.5)


def _csrf(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


async def login(client, username: str, password: str, secret: str) -> None:
    """The login form, then the TOTP step every coordinator passes."""
    page = await send(client, "GET", "/tai-khoan/dang-nhap/")
    await send(
        client,
        "POST",
        "/tai-khoan/dang-nhap/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": _csrf(page)},
    )
    page = await send(client, "GET", "/tai-khoan/dang-nhap/ma-xac-thuc/")
    from django_otp.oath import totp

    code = f"{totp(base64.b32decode(secret)):06d}"
    answer = await send(
        client,
        "POST",
        "/tai-khoan/dang-nhap/ma-xac-thuc/",
        data={"code": code, "csrfmiddlewaretoken": _csrf(page)},
    )
    if answer.status_code != 302:
        raise SystemExit("the coordinator could not pass the TOTP step")


async def level(
    config: dict,
    base: str,
    concurrency: int,
    seconds: float,
    max_requests: int,
    renders: bool,
    key: str,
):
    import aiohttp

    recorder = Recorder()
    rng = random.Random(concurrency)
    deadline = time.monotonic() + seconds
    timeout = aiohttp.ClientTimeout(total=30)
    # bench/deadline_measure.py's key: the level, and whether PDFs are rendered meanwhile
    level_header = {"X-Bench-Level": key}
    async with (
        aiohttp.ClientSession(
            base,
            connector=aiohttp.TCPConnector(limit=concurrency + 4),
            timeout=timeout,
            headers=level_header,
        ) as client,
        aiohttp.ClientSession(  # the coordinator's session cookie, from 127.0.0.1
            base, timeout=timeout, headers=level_header, cookie_jar=aiohttp.CookieJar(unsafe=True)
        ) as web,
    ):
        # One login for the run: a TOTP code is accepted once, and the next level may start
        # within the same 30 seconds.
        if "coordinator_cookies" not in config:
            await login(web, **config["coordinator_login"])
            config["coordinator_cookies"] = {c.key: c.value for c in web.cookie_jar}
        web.cookie_jar.update_cookies(config["coordinator_cookies"])
        pages = [(kind, url) for kind, url in config["pages"]]
        queue = asyncio.Queue()
        for who in config["officers"]:
            queue.put_nowait(who)

        async def officers_in_turn():
            while time.monotonic() < deadline and not queue.empty():
                if sum(len(v) for v in recorder.latencies.values()) > max_requests:
                    return
                await officer(client, recorder, queue.get_nowait(), deadline, rng)

        started = time.perf_counter()
        await asyncio.gather(
            *(officers_in_turn() for _ in range(concurrency)),
            coordinator(
                web,
                recorder,
                config["coordinators"][0],
                config["round"],
                deadline,
                pages,
                config["pdfs"] if renders else [],
            ),
        )
        elapsed = time.perf_counter() - started
    return recorder, elapsed


def level_key(concurrency: int, renders: bool) -> str:
    return f"{concurrency}{' with PDFs' if renders else ''}"


def client_main(
    config_path: str, base: str, levels: list[int], seconds: float, renders: bool
) -> None:
    """Runs in its own process: the load, per level, written as JSON lines on stdout. With
    renders, each level is played twice: as usual, then with the coordinator asking PDFs."""
    config = json.loads(Path(config_path).read_text())
    # Unmeasured: each process's first requests (imports, connections, the unit map's build).
    recorder, _ = asyncio.run(level(config, base, 4, WARM_UP_SECONDS, 200_000, False, "warm-up"))
    print(json.dumps({"warm_up": len(recorder.errors), "acks": recorder.acks}), flush=True)
    for concurrency, rendering in [(c, r) for c in levels for r in (False, True)[: 1 + renders]]:
        print(json.dumps({"starting": concurrency, "client_cpu": time.process_time()}), flush=True)
        key = level_key(concurrency, rendering)
        recorder, elapsed = asyncio.run(
            level(config, base, concurrency, seconds, 200_000, rendering, key)
        )
        print(
            json.dumps(
                {
                    "client_cpu": time.process_time(),
                    "concurrency": concurrency,
                    "renders": rendering,
                    "elapsed": elapsed,
                    "latencies": recorder.latencies,
                    "errors": recorder.errors,
                    "conflicts": recorder.conflicts,
                    "acks": recorder.acks,
                }
            ),
            flush=True,
        )
        # Submitted reports are done; the next level starts with reports still open.
        config["officers"] = [
            o for o in config["officers"] if o["report"] not in {a["report"] for a in recorder.acks}
        ] or config["officers"]


# ---------------------------------------------------------------- checking and printing


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def consistency(acks: list[dict]) -> tuple[int, int, int]:
    """(values checked, values lost, stale saves accepted) against the database."""
    from decimal import Decimal

    from rounds.models import DataValue

    by_report: dict[int, list[dict]] = defaultdict(list)
    for ack in acks:
        by_report[ack["report"]].append(ack)
    stale = 0
    expected: dict[tuple[int, str], int] = {}
    for report, saves in by_report.items():
        versions = [s["version"] for s in saves]
        stale += len(versions) - len(set(versions))  # two saves acknowledged on one version
        for save in sorted(saves, key=lambda s: s["version"]):
            for code, value in save["values"].items():
                expected[(report, code)] = value
    stored = {
        (r, c): v
        for r, c, v in DataValue.objects.filter(report_id__in=by_report).values_list(
            "report_id", "indicator__code", "value"
        )
    }
    lost = sum(1 for key, value in expected.items() if stored.get(key) != Decimal(value))
    return len(expected), lost, stale


def _stat_fields(pid: int | str) -> list[str]:
    """/proc/PID/stat after the command name: state, ppid, ..., utime (11), stime (12)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pids: list[int], with_children: bool = False) -> dict[int, float]:
    """Each process's CPU seconds; with_children, those of its children it has waited for too
    (a task worker's LibreOffice conversions)."""
    tick = os.sysconf("SC_CLK_TCK")
    columns = (11, 12, 13, 14) if with_children else (11, 12)
    used = {}
    for pid in pids:
        try:
            fields = _stat_fields(pid)
        except OSError:  # gone since it was listed
            continue
        used[pid] = sum(int(fields[n]) for n in columns) / tick
    return used


def children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat_fields(entry.name)[1]) == parent:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def backends(database: str) -> list[int]:
    """PostgreSQL's processes serving the bench's database (this process's own left out)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return [pid for (pid,) in cursor.fetchall()]


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two samples; a process that ended in between is not counted."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def measured(path: str, key: str) -> dict[str, list[dict]]:
    """The server's notes (bench/deadline_measure.py) on one level's requests, by kind."""
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["level"] == key:
            by_kind[row["kind"]].append(row)
    return by_kind


def print_where_time_goes(by_kind: dict[str, list[dict]], elapsed: float, cpu: dict) -> float:
    """Per kind and for the level; returns the saves per second."""
    print("  per kind, medians of the server's notes (app CPU: the worker thread's CPU time):")
    for kind, rows in sorted(by_kind.items()):

        def median(key: str, rows=rows) -> float:
            return statistics.median(r[key] for r in rows)

        print(
            f"  {kind:<13} n={len(rows):>6}  app CPU {median('cpu_ms'):6.1f} ms  "
            f"queries {median('queries'):4.0f}  query time {median('db_ms'):6.1f} ms  "
            f"server time {median('ms'):6.1f} ms"
        )
    cores = os.cpu_count() or 1
    used = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in cpu.items())
    print(f"  CPU time over the level ({cores * elapsed:.0f} core-seconds available): {used}")
    saves = by_kind.get("save draft", [])
    if not saves:
        return 0.0
    rate = len(saves) / elapsed
    share = sum(r["audit_ms"] for r in saves) / sum(r["ms"] for r in saves)
    print(
        f"  saves {rate:.1f}/s with the audit trail; its record() calls take {share:.0%} of a "
        f"save's server time (median {statistics.median(r['audit_ms'] for r in saves):.1f} ms, "
        f"{statistics.median(r['audit_queries'] for r in saves):.0f} queries, app CPU "
        f"{statistics.median(r['audit_cpu_ms'] for r in saves):.1f} ms); without them about "
        f"{rate / (1 - share):.1f}/s (estimate: the same server time less record()'s share)"
    )
    return rate


HAPROXY_CONFIG = """global
    maxconn 2048
defaults
    mode http
    option http-keep-alive
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend deadline
    bind 127.0.0.1:{port}
    default_backend hosts
backend hosts
    balance leastconn
{servers}
"""


@contextmanager
def balanced(port: int, hosts: list[int], folder: Path) -> Iterator[subprocess.Popen]:
    """HAProxy (Debian's /usr/sbin/haproxy) on 127.0.0.1:port in front of the hosts' ports,
    from a configuration written to folder."""
    servers = "\n".join(f"    server host{n} 127.0.0.1:{p}" for n, p in enumerate(hosts, 1))
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers))
    proxy = subprocess.Popen(["/usr/sbin/haproxy", "-db", "-f", str(config)])
    try:
        deadline = time.monotonic() + 10
        while not _listening(port):
            if proxy.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"HAProxy did not start on 127.0.0.1:{port}")
            time.sleep(0.1)
        yield proxy
    finally:
        proxy.terminate()
        proxy.wait()


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def serving(args, env: dict[str, str], folder: Path) -> Iterator[dict[str, list[int]]]:
    """gunicorn on --port, or --hosts gunicorn processes behind HAProxy on --port, and the task
    workers beside them (the national export is a task; with --renders, the PDFs too). Yields the processes whose CPU is counted: for
    each group, the pids whose children (gunicorn's workers) or selves are sampled."""
    from tonghop.serving import running_gunicorn, running_workers

    options = (
        *("--worker-class", "gthread", "--threads", str(args.threads), "--timeout", "60"),
        *("--log-level", "warning", "--preload", "--config", "bench/deadline_measure.py"),
    )
    ports = [args.port] if args.hosts == 1 else [args.port + n for n in range(1, args.hosts + 1)]
    with ExitStack() as stack:
        masters = [
            stack.enter_context(
                running_gunicorn(env, *options, port=p, workers=args.workers, quiet=False)
            ).pid
            for p in ports
        ]
        groups = {"gunicorn workers": masters}
        if args.hosts > 1:
            groups["HAProxy"] = [stack.enter_context(balanced(args.port, ports, folder)).pid]
        workers = stack.enter_context(running_workers(args.render_workers, env))
        groups["task workers (LibreOffice included)"] = [w.pid for w in workers]
        yield groups


def cpu_sample(groups: dict[str, list[int]], database: str) -> dict[str, dict[int, float]]:
    sample = {
        "gunicorn workers": cpu_seconds(
            [pid for master in groups["gunicorn workers"] for pid in children(master)]
        ),
        "PostgreSQL backends": cpu_seconds(backends(database)),
    }
    for name, pids in groups.items():
        if name != "gunicorn workers":
            sample[name] = cpu_seconds(pids, with_children=True)
    return sample


def rendered(round_id: int) -> tuple[int, int]:
    """(PDFs of the round made, failed) so far."""
    from rendering.models import RenderedFile

    files = RenderedFile.objects.filter(round_id=round_id)
    return (
        files.filter(status=RenderedFile.Status.DONE).count(),
        files.filter(status=RenderedFile.Status.FAILED).count(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="8,16,32,64")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per host")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--database", default="tonghop_deadline", help="dropped and created")
    parser.add_argument(
        "--hosts", type=int, default=1, help="gunicorn processes behind HAProxy (2: two hosts)"
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="DATABASE_REPLICA_URL set: the analytics pages read through the replica alias "
        "(here a second connection to the same database, not a streaming replica)",
    )
    parser.add_argument(
        "--renders",
        action="store_true",
        help="each level again with the coordinator asking the round's PDFs meanwhile",
    )
    parser.add_argument(
        "--render-workers", type=int, default=2, help="task workers (exports; PDFs with --renders)"
    )
    parser.add_argument("--client", nargs=2, metavar=("CONFIG", "BASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    if args.client:
        client_main(args.client[0], args.client[1], levels, args.seconds, args.renders)
        return

    print("Preparing the national round (34 provinces x 40 agencies) ...", flush=True)
    url = create_database(args.database)
    config = build_round(url)
    from django.urls import reverse

    from rendering.output import DocumentKind

    compilation = reverse("analytics:compilation", args=[config["round"]])
    config["pages"] = [("compile", compilation), ("export", f"{compilation}?dinh-dang=xlsx")]
    compiled = DocumentKind.COMPILED.value
    pdf = reverse("rendering:round_document", args=[config["round"], compiled, "pdf"])
    config["pdfs"] = [pdf, f"{pdf}?nhap=1"]  # two documents: each queued at most once
    print(f"{len(config['officers'])} officers, round {config['round']}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="deadline-"))
    measure_file = str(folder / "measure.jsonl")
    env = server_env(url, measure_file)
    if args.replica:
        env["DATABASE_REPLICA_URL"] = url
    print(
        f"{args.hosts} gunicorn host(s) x {args.workers} workers x {args.threads} threads"
        + (" behind HAProxy" if args.hosts > 1 else "")
        + (", analytics reads through the replica alias" if args.replica else "")
        + (f", {args.render_workers} task workers rendering PDFs" if args.renders else ""),
        flush=True,
    )

    all_acks: list[dict] = []
    summary = []
    plain_p95: dict[int, float] = {}
    with serving(args, env, folder) as groups:
        (folder / "config.json").write_text(json.dumps(config))
        client = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--client",
                str(folder / "config.json"),
                f"http://127.0.0.1:{args.port}",
                "--levels",
                args.levels,
                "--seconds",
                str(args.seconds),
                *(["--renders"] if args.renders else []),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert client.stdout is not None
        for line in client.stdout:
            result = json.loads(line)
            if "warm_up" in result:
                all_acks += result["acks"]  # checked with the rest
                print(f"warm-up: {WARM_UP_SECONDS} s at 4 clients, errors {result['warm_up']}")
                continue
            if "starting" in result:
                cpu_before = cpu_sample(groups, args.database)
                client_before = result["client_cpu"]
                pdfs_before = rendered(config["round"])
                continue
            cpu_after = cpu_sample(groups, args.database)
            cpu = {name: cpu_used(cpu_before[name], cpu_after[name]) for name in cpu_after}
            cpu["client"] = result["client_cpu"] - client_before
            all_acks += result["acks"]
            total = sum(len(v) for v in result["latencies"].values())
            rate = total / result["elapsed"]
            c, renders = result["concurrency"], result["renders"]
            print(
                f"\nconcurrency {c}{' with PDF renders' if renders else ''}: {total} requests "
                f"in {result['elapsed']:.1f} s = {rate:.0f} req/s, errors "
                f"{len(result['errors'])}, version conflicts {result['conflicts']} (refused "
                "with 409, as designed)"
            )
            for kind, values in sorted(result["latencies"].items()):
                print(
                    f"  {kind:<13} n={len(values):>6}  p50 {percentile(values, 0.5):6.0f} ms  "
                    f"p95 {percentile(values, 0.95):6.0f} ms  p99 {percentile(values, 0.99):6.0f} ms"
                )
            for error in result["errors"][:5]:
                print(f"  error: {error}")
            time.sleep(1)  # the workers' last notes of the level reach the file
            by_kind = measured(measure_file, level_key(c, renders))
            print_where_time_goes(by_kind, result["elapsed"], cpu)
            saves = result["latencies"].get("save draft", [])
            p95 = percentile(saves, 0.95) if saves else float("inf")
            if renders:
                done, failed = (
                    a - b for a, b in zip(rendered(config["round"]), pdfs_before, strict=True)
                )
                print(
                    f"  PDFs: {done} made, {failed} failed during the level; save p95 {p95:.0f} "
                    f"ms with them, {plain_p95[c]:.0f} ms without (the level before)"
                )
                continue
            plain_p95[c] = p95
            summary.append((c, rate, len(result["errors"]), p95))
        client.wait()
    checked, lost, stale = consistency(all_acks)
    print(
        f"\nconsistency: {checked} acknowledged values checked, {lost} lost, "
        f"{stale} stale saves accepted"
    )
    good = [item for item in summary if item[2] == 0 and item[3] < 300]
    if not summary:
        raise SystemExit("the client measured no level")
    print(f"median of levels' save p95: {statistics.median(s[3] for s in summary):.0f} ms")
    if not good:
        print("no level met zero errors with save p95 under 300 ms")
    c, rate, errors, p95 = max(good or summary, key=lambda item: item[1])
    print(
        f"rate {rate:.0f} req/s, save p95 {p95:.0f} ms at {c} clients, errors {errors}, lost {lost}"
    )


if __name__ == "__main__":
    main()
