"""Hostile inputs against the real upload paths: time and peak memory per input.

Each input goes through the app as an officer sends it (Django's test client in a fresh
process, on a throwaway SQLite database with the demo): the Word/PDF import, its review page,
the .xlsx bulk entry and the API's CSV upload. Peak memory is the growth of the process's
peak resident size during the request, and the peak of any child process it started (the
document reader runs in one). Target: every input under 5 s and 300 MB, refused (or served)
with a Vietnamese message, nothing stored by a refused one.

Run: .venv/bin/python bench/hostile_inputs.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "tonghop-hostile"


def _pdf_dense() -> tuple[str, bytes]:
    from imports.tests.hostile import dense_pdf

    return "day-dac-500-trang.pdf", dense_pdf()


def _pdf_bomb() -> tuple[str, bytes]:
    from imports.tests.hostile import inflating_pdf

    return "luong-noi-dung-1GiB.pdf", inflating_pdf(1024)


def _many_figures() -> tuple[str, bytes]:
    from imports.tests.hostile import many_figures_text

    return "12000-so-lieu.txt", many_figures_text(12_000)


def _template(report, extra) -> bytes:
    from openpyxl import load_workbook

    from imports.xlsx_entry import DATA_SHEET, build_template
    from rounds.sheet import build_sheet

    book = load_workbook(io.BytesIO(build_template(build_sheet(report))))
    extra(book[DATA_SHEET])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_far_cell(report) -> tuple[str, bytes]:
    def far(sheet):
        sheet.cell(row=1_000_000, column=1, value="x")

    return "o-hang-trieu.xlsx", _template(report, far)


def _xlsx_million_rows(report) -> tuple[str, bytes]:
    cached = CACHE / "trieu-dong.xlsx"
    if not cached.exists():

        def rows(sheet):
            for n in range(2, 1_000_001):
                sheet.cell(row=n, column=1, value=f"chi-tieu-{n}")
                sheet.cell(row=n, column=4, value=n)

        CACHE.mkdir(exist_ok=True)
        cached.write_bytes(_template(report, rows))
    return "trieu-dong.xlsx", cached.read_bytes()


def _bad_csv() -> bytes:
    lines = ["indicator,place,value,qualifier"]
    lines += [f"leaflets,,không-phải-số-{n},exact" for n in range(300_000)]
    return "\n".join(lines).encode()


# name -> (path kind, what it sends)
INPUTS = {
    "pdf-500-trang-day-dac": "document",
    "pdf-luong-1GiB": "document",
    "txt-12000-so-lieu": "document",
    "txt-12000-so-lieu-trang-xem-lai": "review",
    "xlsx-o-hang-1000000": "xlsx",
    "xlsx-1000000-dong": "xlsx",
    "csv-300000-dong-sai": "csv",
}


def prepare_database() -> str:
    path = CACHE / "bench.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run(
            [sys.executable, "-m", "tonghop.cli", "demo"],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
    return url


def run_one(name: str) -> dict:
    """In a fresh process: send one input and measure it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from accounts.models import ApiToken, User
    from audit.models import AuditRecord
    from imports.models import ImportedDocument
    from rounds.models import DataValue, Report, ReportStatus
    from tonghop.testing import run_queued_tasks

    setup_test_environment()
    officer = User.objects.get(username="bdt")
    report = (
        Report.objects.filter(agency=officer.agency)
        .exclude(status__in=[ReportStatus.ACCEPTED, ReportStatus.SUBMITTED])
        .first()
        or Report.objects.filter(agency=officer.agency).first()
    )
    report.status = ReportStatus.DRAFT  # the bench's own copy of the demo: an open draft
    report.save(update_fields=["status"])
    client = Client()
    client.force_login(officer)
    kind = INPUTS[name]
    makers = {
        "pdf-500-trang-day-dac": _pdf_dense,
        "pdf-luong-1GiB": _pdf_bomb,
        "txt-12000-so-lieu": _many_figures,
        "txt-12000-so-lieu-trang-xem-lai": _many_figures,
        "xlsx-o-hang-1000000": lambda: _xlsx_far_cell(report),
        "xlsx-1000000-dong": lambda: _xlsx_million_rows(report),
    }
    payload = _bad_csv() if kind == "csv" else None
    if kind != "csv":
        file_name, payload = makers[name]()
    before = (DataValue.objects.count(), AuditRecord.objects.count())
    review_url = None
    if kind == "review":  # the import itself is not measured: its review page is
        response = client.post(
            reverse("imports:upload", args=[report.pk]),
            {"file": SimpleUploadedFile(file_name, payload)},
        )
        run_queued_tasks()
        review_url = response["Location"]
        before = (DataValue.objects.count(), AuditRecord.objects.count())
    token = ApiToken.issue(officer, "bench")[1] if kind == "csv" else None
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if kind == "document":
        response = client.post(
            reverse("imports:upload", args=[report.pk]),
            {"file": SimpleUploadedFile(file_name, payload)},
        )
        if response.status_code == 302:  # queued: the task worker reads it, in this process
            run_queued_tasks()
            response = client.get(response["Location"])
    elif kind == "review":
        response = client.get(review_url)
    elif kind == "xlsx":
        response = client.post(
            reverse("imports:xlsx_entry", args=[report.pk]),
            {"file": SimpleUploadedFile(file_name, payload)},
        )
    else:
        response = client.put(
            f"/api/reports/{report.pk}/values.csv?version={report.version}",
            payload,
            content_type="text/csv",
            headers={"Authorization": f"Bearer {token}"},
        )
    seconds = time.perf_counter() - started
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    after = (DataValue.objects.count(), AuditRecord.objects.count())
    ImportedDocument.objects.filter(report=report).delete()
    return {
        "name": name,
        "size_kb": round(len(payload) / 1024),
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "peak_mb": round(max(peak_self, peak_child) / 1024),
        "response_kb": round(len(response.content) / 1024),
        "stored": after != before and response.status_code >= 400,
        "message": _message(response),
    }


def _message(response) -> str:
    import re
    from html import unescape

    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        answer = json.loads(text)
        return f"{answer.get('detail', '')} ({len(answer.get('errors') or [])} dòng lỗi)"[:110]
    found = re.search(r'class="message error"[^>]*>(.*?)</(?:p|div)>', text, re.S)
    return (
        unescape(" ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()))[:110] if found else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one), ensure_ascii=False))
        return
    url = prepare_database()
    print(f"{'input':34} {'KB':>7} {'HTTP':>4} {'s':>6} {'MB':>5} {'resp KB':>7} stored  message")
    worst = (0.0, 0)
    for name in args.only or INPUTS:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode:
            print(f"{name:34} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        worst = (max(worst[0], r["seconds"]), max(worst[1], r["peak_mb"]))
        print(
            f"{r['name']:34} {r['size_kb']:>7} {r['status']:>4} {r['seconds']:>6} "
            f"{r['peak_mb']:>5} {r['response_kb']:>7} {'yes' if r['stored'] else 'no':6}  "
            f"{r['message']}"
        )
    print(f"worst: {worst[0]} s, {worst[1]} MB (target: 5 s, 300 MB)")


if __name__ == "__main__":
    main()
