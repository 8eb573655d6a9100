"""Two people saving the same report: the second save is refused, nothing is overwritten."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from datavalues.models import DataValue
from rounds import actions
from rounds.models import Report
from rounds.sheet import build_sheet
from rounds.tests.conftest import open_seed_round
from tonghop.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _leaflets(report: Report, value: int) -> actions.Draft:
    cell = build_sheet(report).find("leaflets")
    return actions.Draft(values={cell.key: actions.CellInput(Decimal(value))})


def test_second_session_with_a_stale_version_is_refused(bdt_report, cast):
    colleague = make_user("bdt2", "officer", cast.bdt)
    actions.save_draft(bdt_report, cast.officer, _leaflets(bdt_report, 43000), version=0)
    with pytest.raises(actions.VersionConflict, match="người khác lưu"):
        actions.save_draft(bdt_report, colleague, _leaflets(bdt_report, 99), version=0)
    assert DataValue.objects.get().value == 43000


def test_two_browser_sessions_get_the_conflict_message(bdt_report, cast):
    """The form carries the version it was loaded with; the loser keeps what was typed."""
    colleague = make_user("bdt2", "officer", cast.bdt)
    first, second = Client(), Client()
    first.login(username="bdt", password=PASSWORD)
    second.login(username=colleague.username, password=PASSWORD)
    url = f"/bao-cao/{bdt_report.pk}/soan/"
    cell = build_sheet(bdt_report).find("leaflets")
    field = f"v_{cell.field_suffix}"
    assert first.get(url).status_code == second.get(url).status_code == 200
    base = {"version": "0", "action": "save", f"q_{cell.field_suffix}": "exact"}
    assert first.post(url, {**base, field: "43.000"}).status_code == 302
    response = second.post(url, {**base, field: "50.000"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "vừa được người khác lưu" in page
    assert 'value="50.000"' in page
    assert DataValue.objects.get().value == 43000


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
)
def test_concurrent_saves_on_real_threads(cast):
    round_ = open_seed_round(cast)
    report = round_.reports.get(agency=cast.bdt)
    colleague = make_user("bdt2", "officer", cast.bdt)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, value):
        try:
            barrier.wait()
            actions.save_draft(report, user, _leaflets(report, value), version=0)
            outcomes.append("saved")
        except actions.VersionConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(cast.officer, 43000)),
        threading.Thread(target=save, args=(colleague, 50000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert Report.objects.get(pk=report.pk).version == 1
    assert DataValue.objects.count() == 1
