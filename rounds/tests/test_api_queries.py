"""The queries of each kind of request deadline day sends (bench/deadline_day.py), counted.

An officer opens the form (the report's values and its state), saves drafts and submits; the
coordinator watches the round's completeness. Each reads the report's sheet (the round's
indicators, the values) at most once, and none reads the activity log, which only the entry
form's suggestions use.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from rounds.testing import seed_draft

pytestmark = pytest.mark.django_db


class Officer:
    """An API client with a token whose first use is behind it (noted once, not per call)."""

    def __init__(self, client, user) -> None:
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'kiểm thử')[1]}"}
        client.get("/api/rounds", **self.headers)

    def send(self, method: str, url: str, body: dict | None = None) -> tuple[dict, list[str]]:
        """The JSON answer (HTTP 200 required) and the SQL of the queries the request made."""
        call = getattr(self.client, method)
        extra = () if body is None else (body, "application/json")
        with CaptureQueriesContext(connection) as captured:
            response = call(url, *extra, **self.headers)
        assert response.status_code == 200, response.content
        return response.json(), [q["sql"] for q in captured.captured_queries]


def _reads(sql: list[str], table: str) -> int:
    return sum(1 for statement in sql if f'FROM "{table}"' in statement)


def _save_body(version: int, leaflets: int) -> dict:
    return {"version": version, "values": [{"indicator": "leaflets", "value": leaflets}]}


def test_opening_the_form_reads_the_sheet_once_without_activities(client, cast, bdt_report):
    officer = Officer(client, cast.officer)
    _, values = officer.send("get", f"/api/reports/{bdt_report.pk}/values")
    _, state = officer.send("get", f"/api/reports/{bdt_report.pk}")
    assert _reads(values, "rounds_roundindicator") == 1
    assert _reads(values, "rounds_activity") == 0
    # token, report with its agency's unit, indicators, the localities of some, values
    assert len(values) <= 6, values
    assert len(state) <= 2, state  # token, report


def test_a_save_reads_the_sheet_once_under_the_lock(client, cast, bdt_report):
    officer = Officer(client, cast.officer)
    url = f"/api/reports/{bdt_report.pk}/values"
    first, first_sql = officer.send("put", url, _save_body(0, 43000))
    later, later_sql = officer.send("put", url, _save_body(first["version"], 43001))
    assert later["version"] == 2 and later["status"] == "draft"
    for sql in (first_sql, later_sql):
        assert _reads(sql, "rounds_roundindicator") == 1
        assert _reads(sql, "rounds_activity") == 0
        assert _reads(sql, "audit_scopehead") <= 2  # the head locked once (created on first use)
    # The first save's start of the report is appended with its values: one insert of records.
    assert sum(1 for s in first_sql if s.startswith('INSERT INTO "audit_auditrecord"')) == 1
    # One read checks the officer's access and locks the report (rounds.access.
    # lock_editable_report): not a read, then a locking read again.
    assert _reads(later_sql, "rounds_report") == 1
    assert len(first_sql) <= 15, first_sql  # the scope's head created on first use
    assert len(later_sql) <= 13, later_sql


def test_a_submission_reads_the_sheet_once_without_activities(client, cast, bdt_report):
    from rounds import actions

    saved = actions.save_draft(bdt_report, cast.officer, seed_draft(bdt_report), version=0)
    officer = Officer(client, cast.officer)
    url = f"/api/reports/{saved.pk}/submit"
    answer, sql = officer.send("post", url, {"version": saved.version})
    assert answer["status"] == "submitted"
    assert _reads(sql, "rounds_roundindicator") == 1
    assert _reads(sql, "rounds_activity") == 0
    assert _reads(sql, "rounds_report") == 2  # the report locked, the round's counts noticed
    assert len(sql) <= 17, sql  # the notification of the coordinators included


def test_completeness_queries_do_not_grow_with_the_reports(client, cast, bdt_report):
    coordinator = Officer(client, cast.coordinator)
    url = f"/api/rounds/{bdt_report.round_id}"
    answer, sql = coordinator.send("get", url)
    assert answer["asked"] == len(answer["reports"]) >= 2
    assert len(sql) <= 3, sql  # token, round, reports with their agencies: none per report


def test_a_save_updating_figures_stores_each_as_sent(client, cast, bdt_report):
    """Updated values are written in one statement whose per-row parts are only the fields
    that differ between the rows: each row still gets its own figure and qualifier."""
    officer = Officer(client, cast.officer)
    url = f"/api/reports/{bdt_report.pk}/values"
    codes = ["leaflets", "contest_participants", "propaganda_sessions"]
    first = {"version": 0, "values": [{"indicator": c, "value": 10} for c in codes]}
    saved, _ = officer.send("put", url, first)
    rows = [
        {"indicator": "leaflets", "value": 43000, "qualifier": "more_than"},
        {"indicator": "contest_participants", "value": "1.200"},
        {"indicator": "propaganda_sessions", "value": 10},  # unchanged: not written again
    ]
    officer.send("put", url, {"version": saved["version"], "values": rows})
    shown, _ = officer.send("get", url)
    displayed = {r["indicator"]: r["display"] for r in shown if r["display"]}
    assert displayed == {
        "leaflets": "trên 43.000",
        "contest_participants": "1.200",
        "propaganda_sessions": "10",
    }
