"""Faults: an oversized body, the database connection cut mid-save, a worker killed mid-submit."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from accounts.models import ApiToken
from audit.models import AuditRecord
from rounds.models import DataValue, ReportStatus
from rounds.testing import open_seed_round
from tonghop.middleware import RETRY_MESSAGE
from tonghop.serving import free_port, running_gunicorn
from tonghop.wsgi import application

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="cuts PostgreSQL connections (runs with DATABASE_URL=postgres://...)"
)


def wsgi_call(**environ):
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(b"")
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return seen["status"], body.decode()


def test_a_body_over_the_upload_limit_is_refused_before_django_reads_it():
    too_big = settings.TONGHOP_MAX_UPLOAD_BYTES + 2 * 1024 * 1024
    status, body = wsgi_call(
        REQUEST_METHOD="POST", PATH_INFO="/nhap-bao-cao/bao-cao/1/", CONTENT_LENGTH=str(too_big)
    )
    assert status.startswith("413")
    assert "Tệp gửi lên quá lớn" in body and "20 MB" in body


def test_a_chunked_body_without_a_length_is_refused():
    status, body = wsgi_call(
        REQUEST_METHOD="POST", PATH_INFO="/api/reports/1/values", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert status.startswith("411") and "Content-Length" in body


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/data/values.adx?indicator=a%00b", "/tong-hop/bang/?nam=%00"])
def test_a_nul_character_in_a_request_gets_a_message_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"comment": "sai\\u0000"}', "application/json"),
        ("comment=sai%00", "application/x-www-form-urlencoded"),
    ],
)
def test_a_nul_character_in_a_body_gets_a_message(client, body, content_type):
    response = client.post("/api/reports/1/return", body, content_type=content_type)
    assert response.status_code == 400 and "ký tự NUL" in response.json()["detail"]


@pytest.mark.django_db
def test_a_body_over_the_memory_limit_gets_a_vietnamese_answer(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = "indicator,value\n" + "leaflets,1\n" * 200_000  # 2,2 MB
    response = client.put("/api/reports/1/values.csv?version=0", body, content_type="text/csv")
    assert response.status_code == 413
    assert response.json()["detail"].startswith(
        "Nội dung gửi lên quá lớn: giới hạn là 1 MB cho một yêu cầu"
    )


SEED_VALUES = [
    {"indicator": "contests", "value": 2},
    {"indicator": "leaflets", "value": 43000},
    {"indicator": "contest_participants", "value": 500, "qualifier": "more_than"},
]


def _slow_trigger(table: str, seconds: float) -> None:
    """A real pause inside the database, so a connection can be cut in the middle of a write."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE OR REPLACE FUNCTION tonghop_test_pause() RETURNS trigger AS $$ "
            f"BEGIN PERFORM pg_sleep({seconds}); RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            f"CREATE TRIGGER tonghop_test_pause BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tonghop_test_pause()"
        )


def _drop_trigger(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS tonghop_test_pause ON {table}")


def _wait_for_pause() -> list[int]:
    """The backends sleeping in the trigger."""
    for _ in range(100):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                "AND wait_event = 'PgSleep'"
            )
            pids = [row[0] for row in cursor.fetchall()]
        if pids:
            return pids
        time.sleep(0.05)
    raise AssertionError("no write reached the pause")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_save_cut_off_by_the_database_asks_to_retry_and_leaves_nothing(cast):
    report = open_seed_round(cast).reports.get(agency=cast.bdt)
    _, token = ApiToken.issue(cast.officer, "thử lỗi")
    audit_before = AuditRecord.objects.count()
    _slow_trigger("datavalues_datavalue", 5)
    answer = {}

    def save():
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            answer["response"] = client.put(
                f"/api/reports/{report.pk}/values",
                {"version": report.version, "values": SEED_VALUES},
                content_type="application/json",
            )
        finally:
            connections.close_all()

    worker = threading.Thread(target=save)
    try:
        worker.start()
        with connection.cursor() as cursor:
            for pid in _wait_for_pause():
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        worker.join(30)
    finally:
        _drop_trigger("datavalues_datavalue")
    response = answer["response"]
    assert response.status_code == 503
    assert response.json()["detail"] == RETRY_MESSAGE
    assert response["Retry-After"] == "5"
    report.refresh_from_db()
    assert report.version == 0 and report.status == ReportStatus.NOT_STARTED
    assert not DataValue.objects.filter(report=report).exists()
    assert AuditRecord.objects.count() == audit_before


def _children(pid: int) -> list[int]:
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in result.stdout.split()]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_submit_leaves_the_report_as_it_was(cast, tmp_path):
    report = open_seed_round(cast).reports.get(agency=cast.bdt)
    _, token = ApiToken.issue(cast.officer, "thử lỗi")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    saved = client.put(
        f"/api/reports/{report.pk}/values",
        {"version": report.version, "values": SEED_VALUES},
        content_type="application/json",
    ).json()
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
    }
    audit_before = AuditRecord.objects.count()
    port = free_port()
    with running_gunicorn(env, "--timeout", "60", port=port) as server:
        try:
            _slow_trigger("rounds_report", 5)
            outcome = {}

            def submit():
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/reports/{report.pk}/submit",
                    method="POST",
                    data=f'{{"version": {saved["version"]}}}'.encode(),
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
                try:
                    outcome["status"] = urllib.request.urlopen(request, timeout=30).status
                except OSError as error:  # the connection dies with the worker
                    outcome["error"] = error

            caller = threading.Thread(target=submit)
            caller.start()
            _wait_for_pause()
            for worker in _children(server.pid):
                os.kill(worker, signal.SIGKILL)
            caller.join(30)
        finally:
            _drop_trigger("rounds_report")
    assert "status" not in outcome, "the killed worker cannot have answered"
    time.sleep(0.5)  # the killed worker's backend notices its client is gone and rolls back
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.version == saved["version"] and report.submitted_at is None
    assert AuditRecord.objects.count() == audit_before
