"""The data-exchange API: JSON, CSV and ADX equal the raw values, filters, access per role."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from accounts.models import ApiToken
from analytics import api
from analytics.exchange import ADX_NAMESPACE, COLUMNS, iso_period, org_unit
from catalogue.models import BreakdownCategory, Indicator, Period, PeriodKind
from datavalues.models import Qualifier
from rounds.models import DataValue, ReportStatus
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db
ISO_PERIOD = re.compile(r"^\d{4}-\d{2}-\d{2}/P(1Y|6M|3M|1M|\d+D)$")


@pytest.fixture
def data(cast):
    """2022 and 2023: BDT accepted (with a locality and a sex breakdown), the police's 2023 report
    submitted but not yet accepted, a coordinator's quarterly value outside any report."""
    old = make_round(cast, 2022, ["trainings"])
    make_value("trainings", cast.bdt, 4, period=old.period, report=make_report(old, cast.bdt))
    round_ = make_round(cast, 2023, ["trainings", "propaganda_attendance"])
    accepted = make_report(round_, cast.bdt)
    draft = make_report(round_, cast.police, ReportStatus.SUBMITTED)
    year = round_.period
    make_value("trainings", cast.bdt, 5, period=year, report=accepted, qualifier=Qualifier.ABOUT)
    make_value("trainings", cast.bdt, 2, period=year, report=accepted, place=cast.son_dong)
    make_value(
        "propaganda_attendance",
        cast.bdt,
        "43000",
        period=year,
        report=accepted,
        qualifier=Qualifier.MORE_THAN,
    )
    make_value("propaganda_attendance", cast.police, 70, period=year, report=draft)
    DataValue.objects.create(
        indicator=Indicator.objects.get(code="establishment_workers"),
        agency=cast.bdt,
        place=cast.province,
        period=year,
        category=BreakdownCategory.objects.get(breakdown__code="sex", code="female"),
        value=Decimal("12.5"),
        report=accepted,
    )
    second_quarter = Period.objects.get_or_create_standard(PeriodKind.QUARTER, 2023, 2)
    make_value("trainings", cast.coordinating_agency, 3, period=second_quarter)
    return cast


def get(client, user, path: str, **params):
    token = ApiToken.issue(user, "kiểm thử")[1]
    return client.get(f"/api/data/{path}", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def raw(values) -> set[tuple]:
    return {
        (
            v.agency.code,
            iso_period(v.period),
            v.indicator.code,
            v.place_id,
            v.value,
            v.qualifier,
            f"{v.category.breakdown.code}:{v.category.code}" if v.category else "",
        )
        for v in values
    }


def from_rows(rows) -> set[tuple]:
    return {
        (
            r["agency"],
            r["period"],
            r["indicator"],
            int(r["place"]),
            Decimal(str(r["value"])),
            r["qualifier"],
            r["category"],
        )
        for r in rows
    }


def json_rows(client, user, **params) -> list[dict]:
    response = get(client, user, "values", **params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def csv_rows(client, user, **params) -> list[dict]:
    response = get(client, user, "values.csv", **params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def test_json_and_csv_equal_the_raw_values(client, data):
    everything = raw(DataValue.objects.all())
    assert len(everything) == 7
    for user in (data.admin, data.coordinator):
        both = {"breakdown": "true", "drafts": "true"}
        assert from_rows(json_rows(client, user, **both)) == everything
        assert from_rows(csv_rows(client, user, **both)) == everything


def test_without_breakdown_only_agency_totals_come(client, data):
    totals = raw(
        v
        for v in DataValue.objects.filter(category__isnull=True)
        if v.place_id == v.agency.unit_id and v.agency_id != data.police.pk
    )
    assert from_rows(json_rows(client, data.admin)) == totals
    assert all(r["category"] == "" for r in csv_rows(client, data.admin))


def test_filters(client, data):
    admin = data.admin

    def codes(**params) -> list[tuple]:
        return sorted(
            (r["agency"], r["indicator"], r["period"], r["place_name"])
            for r in json_rows(client, admin, **params)
        )

    assert codes(indicator="trainings", year=2022) == [
        ("BDT", "trainings", "2022-01-01/P1Y", "Bắc Giang")
    ]
    assert codes(kind="quarter") == [("LĐTBXH", "trainings", "2023-04-01/P3M", "Bắc Giang")]
    assert codes(indicator=["trainings", "propaganda_attendance"], agency="BDT", year=2023) == [
        ("BDT", "propaganda_attendance", "2023-01-01/P1Y", "Bắc Giang"),
        ("BDT", "trainings", "2023-01-01/P1Y", "Bắc Giang"),
    ]
    assert codes(place=data.son_dong.pk) == []
    assert codes(place=data.son_dong.pk, breakdown="true") == [
        ("BDT", "trainings", "2023-01-01/P1Y", "Sơn Động")
    ]
    assert len(codes(place=data.province.pk, breakdown="true", agency="BDT", year=2023)) == 4
    assert codes(agency="CAT") == []
    assert codes(agency="CAT", drafts="true") == [
        ("CAT", "propaganda_attendance", "2023-01-01/P1Y", "Bắc Giang")
    ]


def test_json_pages(client, data):
    first = get(client, data.admin, "values", breakdown="true", limit=3).json()
    second = get(client, data.admin, "values", breakdown="true", limit=3, offset=3).json()
    assert first["count"] == second["count"] == 6  # the police's draft is left out
    assert len(first["items"]) == 3 and len(second["items"]) == 3
    assert not from_rows(first["items"]) & from_rows(second["items"])
    too_big = get(client, data.admin, "values", limit=api.MAX_PAGE + 1)
    assert too_big.status_code == 422
    assert too_big.json()["detail"] == "Dữ liệu gửi lên không đúng cấu trúc."


def test_officers_see_their_own_agency_only_and_never_another_agencys_draft(client, data):
    for fmt in (json_rows, csv_rows):
        bdt = fmt(client, data.officer, breakdown="true", drafts="true")
        assert {r["agency"] for r in bdt} == {"BDT"} and len(bdt) == 5
        police = fmt(client, data.other_officer, breakdown="true")
        assert police == []  # its own unaccepted report only when asked for
        police = fmt(client, data.other_officer, breakdown="true", drafts="true")
        assert [(r["agency"], r["report_status"]) for r in police] == [("CAT", "submitted")]


def test_a_coordinator_never_reads_a_draft_its_agency_has_not_sent(client, data):
    """The probe's leak: drafts=true gave a draft whose report page answers 404."""
    report = DataValue.objects.get(agency=data.police).report
    report.status = ReportStatus.DRAFT
    report.save(update_fields=["status"])
    for fmt in (json_rows, csv_rows):
        rows = fmt(client, data.coordinator, breakdown="true", drafts="true")
        assert "CAT" not in {r["agency"] for r in rows}
        officer_rows = fmt(client, data.other_officer, breakdown="true", drafts="true")
        assert [r["agency"] for r in officer_rows] == ["CAT"]  # the agency's own draft


def test_viewers_get_accepted_values_even_when_asking_for_drafts(client, data):
    rows = json_rows(client, data.viewer, breakdown="true", drafts="true")
    assert len(rows) == 6
    assert {r["report_status"] for r in rows} == {"accepted", ""}


def test_coordinator_sees_drafts_only_when_asking(client, data):
    assert "CAT" not in {r["agency"] for r in json_rows(client, data.coordinator)}
    assert "CAT" in {r["agency"] for r in json_rows(client, data.coordinator, drafts="true")}


def test_adx_parses_with_one_group_per_org_unit_and_period(client, data):
    response = get(client, data.admin, "values.adx", breakdown="true", drafts="true")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/adx+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    ns = {"adx": ADX_NAMESPACE}
    assert root.tag == f"{{{ADX_NAMESPACE}}}adx"
    assert dt.datetime.fromisoformat(root.get("exported")).tzinfo is not None
    groups = root.findall("adx:group", ns)
    keys = [(g.get("orgUnit"), g.get("period")) for g in groups]
    assert len(keys) == len(set(keys)) == 4
    assert all(ISO_PERIOD.match(period) for _, period in keys)
    assert {g.get("dataSet") for g in groups} == {"tonghop"}
    found = set()
    for group in groups:
        for value in group.findall("adx:dataValue", ns):
            found.add(
                (
                    group.get("orgUnit"),
                    group.get("period"),
                    value.get("agency"),
                    value.get("dataElement"),
                    Decimal(value.get("value")),
                    value.get("qualifier"),
                    value.get("sex", ""),
                )
            )
    expected = {
        (
            org_unit(v.place),
            iso_period(v.period),
            v.agency.code,
            v.indicator.code,
            v.value,
            v.qualifier,
            v.category.code if v.category else "",
        )
        for v in DataValue.objects.all()
    }
    assert found == expected
    assert ("VN2008-P24", "2023-04-01/P3M") in keys
    assert ("VN2008-D220", "2023-01-01/P1Y") in keys


def test_adx_respects_the_scope(client, data):
    root = ET.fromstring(get(client, data.officer, "values.adx", drafts="true").content)
    agencies = {v.get("agency") for v in root.iter(f"{{{ADX_NAMESPACE}}}dataValue")}
    assert agencies == {"BDT"}


def test_iso_periods_of_every_kind():
    expected = {
        (PeriodKind.YEAR, 0): "2023-01-01/P1Y",
        (PeriodKind.HALF, 2): "2023-07-01/P6M",
        (PeriodKind.QUARTER, 2): "2023-04-01/P3M",
        (PeriodKind.MONTH, 5): "2023-05-01/P1M",
    }
    for (kind, number), text in expected.items():
        assert iso_period(Period.objects.get_or_create_standard(kind, 2023, number)) == text
    custom = Period(
        kind=PeriodKind.CUSTOM, year=2023, start=dt.date(2023, 1, 15), end=dt.date(2023, 2, 13)
    )
    assert iso_period(custom) == "2023-01-15/P30D"


def test_too_many_rows_for_one_download_is_refused(client, data, monkeypatch):
    monkeypatch.setattr(api, "MAX_EXPORT_ROWS", 1)
    for path in ("values.csv", "values.adx"):
        response = get(client, data.admin, path)
        assert response.status_code == 400
        assert "vượt giới hạn 1 dòng" in response.json()["detail"]


def test_anonymous_calls_are_refused(client, data):
    response = client.get("/api/data/values")
    assert response.status_code == 401
    assert "Cần đăng nhập" in response.json()["detail"]


def test_rows_cost_a_fixed_number_of_queries(client, data, django_assert_max_num_queries):
    token = ApiToken.issue(data.admin, "kiểm thử")[1]
    with django_assert_max_num_queries(4):
        response = client.get(
            "/api/data/values.csv", {"breakdown": "true"}, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert len(response.content.decode().splitlines()) == 7
