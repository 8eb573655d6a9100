"""A save's queries do not grow with the number of values it writes, through the API and the form.

The audit trail's included: it keeps one record per changed value (audit verify compares each
value with its own trail), appended together in one insert.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken
from accounts.testing import login_verified
from audit.models import AuditRecord
from catalogue.models import Indicator
from rounds.models import DataValue, Report
from rounds.sheet import SheetCell, build_sheet
from rounds.testing import open_full_round

pytestmark = pytest.mark.django_db

SIZES = (2, 16, 60)
Save = Callable[[Report, list[SheetCell], str | None], None]


def _report(cast) -> Report:
    """A fresh BDT report whose sheet has well over 60 cells (every indicator by locality)."""
    codes = tuple(Indicator.objects.active().values_list("code", flat=True))
    report = open_full_round(cast, by_locality=codes).reports.get(agency=cast.bdt)
    assert len(build_sheet(report).cells) >= max(SIZES)
    return report


def _counted(save: Save, report: Report, cells: list[SheetCell], text: str | None) -> int:
    """Queries of one save setting `cells` to `text` (None: clear), its audit records included."""
    report.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        save(report, cells, text)
    return len(queries.captured_queries)


def _api_save(client, cast) -> Save:
    token = ApiToken.issue(cast.officer, "kiểm thử")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.get("/api/rounds", **headers)  # the token's first use is noted once, not per save

    def save(report: Report, cells: list[SheetCell], text: str | None) -> None:
        rows = [
            {
                "indicator": cell.indicator.code,
                "place": None if cell.is_total else cell.place.pk,
                "value": text,
            }
            for cell in cells
        ]
        body = {"version": report.version, "values": rows}
        url = f"/api/reports/{report.pk}/values"
        response = client.put(url, body, "application/json", **headers)
        assert response.status_code == 200, response.content

    return save


def _form_save(client, cast) -> Save:
    login_verified(client, cast.officer)

    def save(report: Report, cells: list[SheetCell], text: str | None) -> None:
        data = {"version": report.version, "action": "save"}
        if text is not None:
            data |= {f"v_{cell.field_suffix}": text for cell in cells}
        response = client.post(reverse("rounds:report_edit", args=[report.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]

    return save


@pytest.mark.parametrize("make_save", [_api_save, _form_save], ids=["api", "form"])
def test_save_queries_do_not_grow_with_the_values_saved(client, cast, make_save):
    save = make_save(client, cast)
    counts = {}
    for size in SIZES:
        report = _report(cast)
        cells = build_sheet(report).cells[:size]
        written = [
            _counted(save, report, cells, "12"),  # every cell new
            _counted(save, report, cells, "13"),  # every cell changed
            _counted(save, report, cells, None),  # every cell cleared
        ]
        counts[size] = written
        trail = AuditRecord.objects.filter(action="value", scope=f"rounds.report:{report.pk}")
        assert trail.count() == 3 * size  # still one audit record per value written
        assert list(trail.order_by("pk").values_list("new", flat=True)[size - 1 :: size]) == [
            "12",
            "13",
            "",
        ]
        assert not DataValue.objects.filter(report=report).exists()
    assert counts[2] == counts[16] == counts[60], counts
