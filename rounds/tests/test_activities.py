"""The activity log: activities through the year pre-fill the matching indicators."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from datavalues.models import Source
from rounds import actions
from rounds.models import Activity, ActivityKind, DataValue
from rounds.sheet import build_sheet

pytestmark = pytest.mark.django_db


def _log(cast, kind, day, **fields) -> Activity:
    return actions.log_activity(
        cast.officer, Activity(kind=kind, date=day, title="Hoạt động", **fields)
    )


def test_activities_in_the_period_prefill_indicators(bdt_report, cast):
    _log(cast, ActivityKind.CONTEST, dt.date(2023, 5, 10), participants=300, place="Sơn Động")
    _log(cast, ActivityKind.CONTEST, dt.date(2023, 9, 2), participants=220, partners="Hội LHPN")
    _log(
        cast, ActivityKind.CONFERENCE, dt.date(2023, 6, 1), locality=cast.son_dong, participants=80
    )
    _log(cast, ActivityKind.LEAFLETS, dt.date(2023, 3, 1), quantity=43000)
    _log(cast, ActivityKind.CONTEST, dt.date(2022, 11, 1), participants=999)  # previous window
    sheet = build_sheet(bdt_report)
    totals = {sheet.cell(k).label: v for k, v in sheet.suggestions.items()}
    assert totals == {
        "Hội thi tìm hiểu pháp luật": 2,
        "Người tham gia hội thi": 520,
        "Hội nghị, buổi tuyên truyền, phổ biến pháp luật": 1,
        "Hội nghị, buổi tuyên truyền, phổ biến pháp luật — Sơn Động": 1,
        "Lượt người dự hội nghị, buổi tuyên truyền": 80,
        "Tờ rơi, tờ gấp phát hành": 43000,
    }
    assert AuditRecord.objects.filter(action="activity_add").count() == 5


def test_prefilled_value_is_saved_with_activity_provenance(client, bdt_report, cast):
    _log(cast, ActivityKind.LEAFLETS, dt.date(2023, 3, 1), quantity=43000)
    client.force_login(cast.officer)
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["action"] = "save"
    assert client.post(url, data).status_code == 302
    leaflets = DataValue.objects.get(indicator__code="leaflets")
    assert (leaflets.value, leaflets.source) == (43000, Source.ACTIVITIES)


def test_activity_form_refuses_a_future_date(client, cast):
    client.force_login(cast.officer)
    response = client.post(
        reverse("rounds:activity_list"),
        {
            "kind": "contest",
            "date": "2999-01-01",
            "title": "Hội thi",
            "quantity": 1,
            "participants": 0,
        },
    )
    assert "Ngày hoạt động không được ở tương lai." in response.content.decode()
    assert not Activity.objects.exists()


def test_officer_cannot_delete_another_agency_activity(client, cast):
    activity = _log(cast, ActivityKind.CONTEST, dt.date(2023, 5, 10))
    client.force_login(cast.other_officer)
    response = client.post(reverse("rounds:activity_delete", args=[activity.pk]))
    assert response.status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()
