"""gunicorn configuration for bench/deadline_day.py only: each worker's WSGI application wrapped
to note, per request, its kind, the worker thread's CPU time, its queries and their time, and the
part of it spent in the audit trail's record(); one JSON line per request to the file named by
DEADLINE_MEASURE_FILE. Nothing of it is in the app's settings: it exists only under the bench.

    gunicorn --config bench/deadline_measure.py tonghop.wsgi:application
"""

from __future__ import annotations

import json
import os
import re
import threading
import time

_LEVEL_HEADER = "HTTP_X_BENCH_LEVEL"
# (method, path pattern, kind): the kinds of bench/deadline_day.py's client.
KINDS = [
    ("PUT", re.compile(r"^/api/reports/\d+/values$"), "save draft"),
    ("GET", re.compile(r"^/api/reports/\d+(/values)?$"), "open form"),
    ("POST", re.compile(r"^/api/reports/\d+/submit$"), "submit"),
    ("GET", re.compile(r"^/api/rounds/\d+$"), "completeness"),
]
COMPILATION = re.compile(r"^/[^/]+/dot/\d+/$")  # analytics:compilation
_local = threading.local()


def kind_of(environ: dict) -> str:
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
    for wanted, pattern, kind in KINDS:
        if method == wanted and pattern.match(path):
            return kind
    if "dinh-dang=xlsx" in environ.get("QUERY_STRING", ""):
        return "export"
    return "compile" if method == "GET" and COMPILATION.match(path) else "other"


def _counted(execute, sql, params, many, context):
    stats = _local.stats
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        stats["queries"] += 1
        stats["db_ms"] += (time.perf_counter() - started) * 1000


def _timed_record(record):
    def timed(*args, **kwargs):
        stats = getattr(_local, "stats", None)
        if stats is None:
            return record(*args, **kwargs)
        cpu, wall, queries = time.thread_time(), time.perf_counter(), stats["queries"]
        try:
            return record(*args, **kwargs)
        finally:
            stats["audit_cpu_ms"] += (time.thread_time() - cpu) * 1000
            stats["audit_ms"] += (time.perf_counter() - wall) * 1000
            stats["audit_queries"] += stats["queries"] - queries

    return timed


def measured(application, path: str):
    from django.db import connection

    lock = threading.Lock()
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (the worker's life)

    def wrapped(environ, start_response):
        stats = dict.fromkeys(("queries", "db_ms", "audit_cpu_ms", "audit_ms", "audit_queries"), 0)
        _local.stats = stats
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            with connection.execute_wrapper(_counted):
                body = application(environ, start_response)
                content = b"".join(body)  # the response built inside the measure
                if hasattr(body, "close"):
                    body.close()
        finally:
            _local.stats = None
        stats |= {
            "kind": kind_of(environ),
            "level": environ.get(_LEVEL_HEADER, ""),
            "cpu_ms": (time.thread_time() - cpu) * 1000,
            "ms": (time.perf_counter() - wall) * 1000,
        }
        with lock:
            out.write(json.dumps(stats) + "\n")
        return [content]

    return wrapped


def post_worker_init(worker) -> None:
    """gunicorn hook: wrap the loaded application and rounds' calls to the audit trail
    (record, and record_many for a save's values)."""
    import rounds.actions

    rounds.actions.record = _timed_record(rounds.actions.record)
    rounds.actions.record_many = _timed_record(rounds.actions.record_many)
    worker.wsgi = measured(worker.wsgi, os.environ["DEADLINE_MEASURE_FILE"])
