"""Deadline day: the app under gunicorn on PostgreSQL, officers of a national round all at once.

    .venv/bin/python bench/deadline_day.py [--levels 8,16,32,64] [--seconds 40] [--workers 4]

Creates a fresh database (tonghop_deadline on 127.0.0.1:5432), a national round of 34 provinces
x 40 agencies with one officer and one API token each, starts gunicorn on 127.0.0.1, and replays
the day from a separate client process (asyncio + httpx, loopback only, bounded in requests and
time) at increasing concurrency: officers open their form, save drafts (a few share a report with
a colleague, so conflicts happen), submit; coordinators watch completeness, compile and export.

It prints, per level, the sustained requests per second and p50/p95/p99 per kind of request, the
error count, then the consistency check: every value any client was told was saved is in the
database (folding each report's acknowledged saves in version order), and no save carrying a
stale version was accepted. Last line: the highest rate sustained with zero errors and p95 of
draft saves under 300 ms.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's tonghop, whatever the venv installed
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "tonghop_deadline"
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


# ---------------------------------------------------------------- setup (in this process)


def create_database() -> str:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{SERVER}/{DATABASE}"


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


def server_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TONGHOP_LOG_LEVEL": "ERROR",
    }


# ---------------------------------------------------------------- the client (separate process)


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.conflicts = 0
        self.acks: list[dict] = []  # acknowledged saves: report, version, values

    async def call(self, client, kind: str, method: str, url: str, **kwargs):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
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
    client, recorder: Recorder, token: str, round_id: int, deadline: float, pages: list[str]
):
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        await recorder.call(
            client, "completeness", "GET", f"/api/rounds/{round_id}", headers=headers
        )
        for kind, url in pages:
            await recorder.call(client, kind, "GET", url)
        await asyncio.sleep(0.5)


def _csrf(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


async def login(client, username: str, password: str, secret: str) -> None:
    """The login form, then the TOTP step every coordinator passes."""
    page = await client.get("/tai-khoan/dang-nhap/")
    await client.post(
        "/tai-khoan/dang-nhap/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": _csrf(page)},
    )
    page = await client.get("/tai-khoan/dang-nhap/ma-xac-thuc/")
    from django_otp.oath import totp

    code = f"{totp(base64.b32decode(secret)):06d}"
    answer = await client.post(
        "/tai-khoan/dang-nhap/ma-xac-thuc/", data={"code": code, "csrfmiddlewaretoken": _csrf(page)}
    )
    if answer.status_code != 302:
        raise SystemExit("the coordinator could not pass the TOTP step")


async def level(config: dict, base: str, concurrency: int, seconds: float, max_requests: int):
    import httpx

    recorder = Recorder()
    rng = random.Random(concurrency)
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with (
        httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client,
        httpx.AsyncClient(base_url=base, timeout=30) as web,
    ):
        await login(web, **config["coordinator_login"])
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
            coordinator(web, recorder, config["coordinators"][0], config["round"], deadline, pages),
        )
        elapsed = time.perf_counter() - started
    return recorder, elapsed


def client_main(config_path: str, base: str, levels: list[int], seconds: float) -> None:
    """Runs in its own process: the load, per level, written as JSON lines on stdout."""
    config = json.loads(Path(config_path).read_text())
    for concurrency in levels:
        recorder, elapsed = asyncio.run(level(config, base, concurrency, seconds, 200_000))
        print(
            json.dumps(
                {
                    "concurrency": concurrency,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="8,16,32,64")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--client", nargs=2, metavar=("CONFIG", "BASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    if args.client:
        client_main(args.client[0], args.client[1], levels, args.seconds)
        return

    print("Preparing the national round (34 provinces x 40 agencies) ...", flush=True)
    url = create_database()
    config = build_round(url)
    from django.urls import reverse

    compilation = reverse("analytics:compilation", args=[config["round"]])
    config["pages"] = [("compile", compilation), ("export", f"{compilation}?dinh-dang=xlsx")]
    print(f"{len(config['officers'])} officers, round {config['round']}", flush=True)
    from tonghop.serving import running_gunicorn

    all_acks: list[dict] = []
    summary = []
    with running_gunicorn(
        server_env(url),
        *("--worker-class", "gthread", "--threads", "4", "--timeout", "60"),
        *("--log-level", "warning", "--preload"),
        port=args.port,
        workers=args.workers,
        quiet=False,
    ):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(config, handle)
        client = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--client",
                handle.name,
                f"http://127.0.0.1:{args.port}",
                "--levels",
                args.levels,
                "--seconds",
                str(args.seconds),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for line in client.stdout:
            result = json.loads(line)
            all_acks += result["acks"]
            total = sum(len(v) for v in result["latencies"].values())
            rate = total / result["elapsed"]
            print(
                f"\nconcurrency {result['concurrency']}: {total} requests in "
                f"{result['elapsed']:.1f} s = {rate:.0f} req/s, errors {len(result['errors'])}, "
                f"version conflicts {result['conflicts']} (refused with 409, as designed)"
            )
            for kind, values in sorted(result["latencies"].items()):
                print(
                    f"  {kind:<13} n={len(values):>6}  p50 {percentile(values, 0.5):6.0f} ms  "
                    f"p95 {percentile(values, 0.95):6.0f} ms  p99 {percentile(values, 0.99):6.0f} ms"
                )
            for error in result["errors"][:5]:
                print(f"  error: {error}")
            saves = result["latencies"].get("save draft", [])
            summary.append(
                (
                    result["concurrency"],
                    rate,
                    len(result["errors"]),
                    percentile(saves, 0.95) if saves else float("inf"),
                )
            )
        client.wait()
    checked, lost, stale = consistency(all_acks)
    print(
        f"\nconsistency: {checked} acknowledged values checked, {lost} lost, "
        f"{stale} stale saves accepted"
    )
    good = [(c, r) for c, r, errors, p95 in summary if errors == 0 and p95 < 300]
    best = max(good, key=lambda item: item[1]) if good else None
    print(f"median of levels' save p95: {statistics.median(s[3] for s in summary):.0f} ms")
    if best:
        print(
            f"sustained {best[1]:.0f} req/s at concurrency {best[0]} with zero errors and save "
            f"p95 under 300 ms; lost values {lost}"
        )
    else:
        print(f"no level met zero errors with save p95 under 300 ms; lost values {lost}")


if __name__ == "__main__":
    main()
