"""The qualifier's word on the entry form, the report page, the API and in the audit trail."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from datavalues.models import Qualifier
from rounds.models import DataValue
from rounds.sheet import build_sheet
from rounds.tests.test_api import _auth

pytestmark = pytest.mark.django_db


def _posted(report, **values: tuple[str, str]) -> dict:
    """The entry form's post: code -> (value as typed, qualifier choice)."""
    sheet = build_sheet(report)
    data = {"version": report.version, "action": "save"}
    for code, (value, choice) in values.items():
        suffix = sheet.find(code).field_suffix
        data[f"v_{suffix}"], data[f"q_{suffix}"] = value, choice
    return data


def test_entry_form_offers_the_words_grouped_by_kind(client, bdt_report, cast):
    client.force_login(cast.officer)
    page = client.get(reverse("rounds:report_edit", args=[bdt_report.pk])).content.decode()
    assert '<optgroup label="Trên, hơn">' in page and '<optgroup label="Khoảng, gần">' in page
    assert '<option value="more_than:hơn">hơn</option>' in page
    assert '<option value="about:ước tính">ước tính</option>' in page
    assert '<option value="more_than">trên</option>' in page


def test_the_word_typed_on_the_form_is_stored_and_printed_back(client, bdt_report, cast):
    client.force_login(cast.officer)
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    data = _posted(
        bdt_report,
        contests=("2", "exact"),
        contest_participants=("500", "more_than:hơn"),
        respected_persons_reached=("540", "more_than"),
        leaflets=("43.000", "about:ước"),
    )
    assert client.post(url, data).status_code == 302
    stored = {
        v.indicator.code: (v.qualifier, v.qualifier_word)
        for v in DataValue.objects.select_related("indicator")
    }
    assert stored["contest_participants"] == (Qualifier.MORE_THAN, "hơn")
    assert stored["respected_persons_reached"] == (Qualifier.MORE_THAN, "")
    assert stored["leaflets"] == (Qualifier.ABOUT, "ước")
    detail = client.get(reverse("rounds:report_detail", args=[bdt_report.pk])).content.decode()
    assert "hơn 500" in detail and "trên 540" in detail and "ước 43.000" in detail
    edit = client.get(url).content.decode()
    assert re.search(r'<option value="more_than:hơn" selected>hơn</option>', edit)
    assert AuditRecord.objects.filter(action="value", old="", new="hơn 500").exists()


def test_changing_only_the_word_is_a_change(client, bdt_report, cast):
    client.force_login(cast.officer)
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    client.post(url, _posted(bdt_report, contest_participants=("500", "more_than")))
    bdt_report.refresh_from_db()
    data = _posted(bdt_report, contest_participants=("500", "more_than:không dưới"))
    assert client.post(url, data).status_code == 302
    assert DataValue.objects.get().qualifier_word == "không dưới"
    assert AuditRecord.objects.filter(action="value").count() == 2


def test_a_choice_that_is_not_offered_is_refused_and_nothing_stored(client, bdt_report, cast):
    client.force_login(cast.officer)
    url = reverse("rounds:report_edit", args=[bdt_report.pk])
    data = _posted(bdt_report, contest_participants=("500", "more_than:khoảng"))
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Mức độ «more_than:khoảng» không có trong danh sách" in response.content.decode()
    assert not DataValue.objects.exists()


def test_the_api_takes_and_gives_the_word(client, bdt_report, cast):
    headers = _auth(cast.officer)
    body = {
        "version": 0,
        "values": [
            {
                "indicator": "contest_participants",
                "value": 500,
                "qualifier": "more_than",
                "qualifier_word": "hơn",
            },
            {"indicator": "respected_persons_reached", "value": 540, "qualifier": "more_than"},
        ],
    }
    url = f"/api/reports/{bdt_report.pk}/values"
    assert client.put(url, body, "application/json", **headers).status_code == 200
    rows = {row["indicator"]: row for row in client.get(url, **headers).json()}
    assert rows["contest_participants"]["qualifier_word"] == "hơn"
    assert rows["contest_participants"]["display"] == "hơn 500"
    assert rows["respected_persons_reached"]["qualifier_word"] == "trên"
    assert rows["respected_persons_reached"]["display"] == "trên 540"
    assert rows["leaflets"]["qualifier_word"] is None


def test_the_api_refuses_a_word_of_another_kind_and_stores_nothing(client, bdt_report, cast):
    body = {
        "version": 0,
        "values": [
            {"indicator": "leaflets", "value": 43000},
            {
                "indicator": "contest_participants",
                "value": 500,
                "qualifier": "more_than",
                "qualifier_word": "khoảng",
            },
        ],
    }
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **_auth(cast.officer)
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "Dòng 2: Từ «khoảng» không dùng được cho mức độ «Trên, hơn» "
        "(dùng: «hơn», «trên», «ít nhất», «tối thiểu», «không dưới»)."
    ]
    assert not DataValue.objects.exists()
