"""The HTTP API: bulk values as JSON and CSV, version conflicts, the schema, token auth."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory

from accounts.models import ApiToken
from lib.limits import MAX_LISTED_PROBLEMS, MAX_TABLE_ROWS
from rounds.api import ExactJsonParser
from rounds.models import DataValue
from rounds.testing import submitted

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'kiểm thử')[1]}"}


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/reports/{report_id}/values" in schema["paths"]
    assert "put" in schema["paths"]["/api/reports/{report_id}/values.csv"]


def test_bulk_write_and_read_json(client, bdt_report, cast):
    headers = _auth(cast.officer)
    body = {
        "version": 0,
        "values": [
            {"indicator": "leaflets", "value": 43000},
            {"indicator": "contest_participants", "value": 500, "qualifier": "more_than"},
            {"indicator": "propaganda_sessions", "place": cast.son_dong.pk, "value": 30},
        ],
    }
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **headers
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1
    rows = client.get(f"/api/reports/{bdt_report.pk}/values", **headers).json()
    shown = {(r["indicator"], r["place_name"]): r["display"] for r in rows if r["display"]}
    assert shown == {
        ("leaflets", "Bắc Giang"): "43.000",
        ("contest_participants", "Bắc Giang"): "trên 500",
        ("propaganda_sessions", "Sơn Động"): "30",
    }
    values = {r["indicator"]: r["value"] for r in rows if r["place_name"] == "Sơn Động"}
    assert values["propaganda_sessions"] in ("30", 30)  # a plain number, never "3E+1"


def test_stale_version_gets_409_in_vietnamese(client, bdt_report, cast):
    headers = _auth(cast.officer)
    body = {"version": 0, "values": [{"indicator": "leaflets", "value": 1}]}
    url = f"/api/reports/{bdt_report.pk}/values"
    assert client.put(url, body, "application/json", **headers).status_code == 200
    response = client.put(url, body, "application/json", **headers)
    assert response.status_code == 409
    assert "người khác lưu" in response.json()["detail"]


def test_unknown_indicator_is_refused_and_nothing_stored(client, bdt_report, cast):
    body = {
        "version": 0,
        "values": [{"indicator": "leaflets", "value": 1}, {"indicator": "khong_co", "value": 2}],
    }
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **_auth(cast.officer)
    )
    assert response.status_code == 400
    assert "không có trong đợt báo cáo này" in response.json()["errors"][0]
    assert not DataValue.objects.exists()


def test_csv_round_trip(client, bdt_report, cast):
    headers = _auth(cast.officer)
    csv_body = (
        "indicator,place,value,qualifier,qualifier_word\n"
        "leaflets,,43000,exact,\nrespected_persons_reached,,540,more_than,hơn\n"
    )
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values.csv?version=0", csv_body, "text/csv", **headers
    )
    assert response.status_code == 200, response.content
    raw = client.get(f"/api/reports/{bdt_report.pk}/values.csv", **headers).content
    assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "indicator,place,place_name,value,qualifier,qualifier_word"
    assert f"leaflets,{cast.province.pk},Bắc Giang,43000,exact," in text
    assert f"respected_persons_reached,{cast.province.pk},Bắc Giang,540,more_than,hơn" in text
    edited = text.replace("43000", "43500").encode("utf-8-sig")  # saved back from Excel
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values.csv?version=1", edited, "text/csv", **headers
    )
    assert response.status_code == 200, response.content
    again = client.get(f"/api/reports/{bdt_report.pk}/values.csv", **headers).content
    assert f"leaflets,{cast.province.pk},Bắc Giang,43500,exact," in again.decode("utf-8-sig")
    assert "Bắc Giang,540,more_than,hơn" in again.decode("utf-8-sig")


def test_bad_csv_number_is_refused(client, bdt_report, cast):
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values.csv?version=0",
        "indicator,value\nleaflets,nhiều\n",
        "text/csv",
        **_auth(cast.officer),
    )
    assert response.status_code == 400
    assert "không phải là số" in response.json()["errors"][0]


def test_review_through_the_api(client, bdt_report, cast):
    report = submitted(bdt_report, cast.officer)
    headers = _auth(cast.coordinator)
    response = client.post(
        f"/api/reports/{report.pk}/return", {"comment": ""}, "application/json", **headers
    )
    assert response.status_code == 400
    assert "ý kiến" in response.json()["detail"]
    response = client.post(f"/api/reports/{report.pk}/accept", {}, "application/json", **headers)
    assert response.json()["status_label"] == "Đã tiếp nhận"


def test_revoked_token_is_refused_in_vietnamese(client, cast):
    token, raw = ApiToken.issue(cast.officer, "cũ")
    token.revoke()
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert "mã API" in response.json()["detail"]


def test_missing_report_is_404_in_vietnamese(client, cast):
    response = client.get("/api/reports/999999", **_auth(cast.officer))
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("43,000", "«43,000» có thể hiểu là 43 hoặc 43.000. Nếu là bốn mươi ba nghìn"),
        ("1.5", "«1.5» có thể hiểu là 1,5 hoặc 15"),
    ],
)
def test_a_string_value_that_reads_two_ways_is_refused_and_nothing_stored(
    client, bdt_report, cast, value, message
):
    body = {"version": 0, "values": [{"indicator": "leaflets", "value": value}]}
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **_auth(cast.officer)
    )
    assert response.status_code == 400
    assert any(e.startswith(f"Dòng 1: {message}") for e in response.json()["errors"])
    assert not DataValue.objects.filter(report=bdt_report).exists()


def test_a_string_value_is_read_the_vietnamese_way_and_a_number_exactly(client, bdt_report, cast):
    body = (
        '{"version": 0, "values": [{"indicator": "leaflets", "value": "43.000"},'
        ' {"indicator": "contests", "value": 1234567890123456}]}'
    )
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **_auth(cast.officer)
    )
    assert response.status_code == 200, response.content
    stored = dict(
        DataValue.objects.filter(report=bdt_report).values_list("indicator__code", "value")
    )
    assert stored == {"leaflets": Decimal(43000), "contests": Decimal(1234567890123456)}


def test_a_number_too_large_to_store_is_refused_in_vietnamese(client, bdt_report, cast):
    body = {"version": 0, "values": [{"indicator": "leaflets", "value": 10**16}]}
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values", body, "application/json", **_auth(cast.officer)
    )
    assert response.status_code == 400
    assert "quá lớn" in " ".join(response.json()["errors"])


def test_json_numbers_are_parsed_as_decimals():
    request = RequestFactory().put("/", b'{"value": 1234567890123456.1234}', "application/json")
    assert ExactJsonParser().parse_body(request) == {"value": Decimal("1234567890123456.1234")}


def test_report_csv_neutralises_text_that_would_start_a_formula(client, bdt_report, cast):
    cast.son_dong.name = '=HYPERLINK("http://evil.example","x")'
    cast.son_dong.save()
    response = client.get(f"/api/reports/{bdt_report.pk}/values.csv", **_auth(cast.officer))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row[2] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(name.startswith("=") for name in names)


def test_a_csv_of_many_bad_rows_gets_a_short_answer_with_the_count(client, bdt_report, cast):
    bad = "".join(f"leaflets,,nhiều-{n},exact\n" for n in range(5_000))
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values.csv?version=0",
        "indicator,place,value,qualifier\n" + bad,
        "text/csv",
        **_auth(cast.officer),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == MAX_LISTED_PROBLEMS + 1
    assert errors[0].startswith("Dòng 1: «nhiều-0» không phải là số")
    assert errors[-1].startswith("… và 4.950 lỗi khác (tổng cộng 5.000 lỗi)")
    assert len(response.content) < 20_000
    assert not DataValue.objects.filter(report=bdt_report).exists()


def test_a_csv_longer_than_any_report_is_refused_unread(client, bdt_report, cast):
    rows = "".join("leaflets,,1,exact\n" for _ in range(MAX_TABLE_ROWS + 1))
    response = client.put(
        f"/api/reports/{bdt_report.pk}/values.csv?version=0",
        "indicator,place,value,qualifier\n" + rows,
        "text/csv",
        **_auth(cast.officer),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Tệp CSV có hơn 20.000 dòng số liệu, vượt giới hạn của một báo cáo; chưa lưu gì."
    )
    assert not DataValue.objects.filter(report=bdt_report).exists()


def test_writes_to_a_report_outside_the_officers_agency_are_404_and_change_nothing(
    client, bdt_report, police_report, cast
):
    """Save and submit check access in the read that locks the report: another agency's
    officer, or the coordinator, meet a missing report, and nothing is written or locked."""
    body = {"version": 0, "values": [{"indicator": "leaflets", "value": 1}]}
    for user in (cast.other_officer, cast.coordinator):
        headers = _auth(user)
        for method, url, payload in (
            ("put", f"/api/reports/{bdt_report.pk}/values", body),
            ("post", f"/api/reports/{bdt_report.pk}/submit", {"version": 0}),
        ):
            response = getattr(client, method)(url, payload, "application/json", **headers)
            assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})
    bdt_report.refresh_from_db()
    assert (bdt_report.version, bdt_report.status) == (0, "not_started")
    assert not DataValue.objects.filter(report=bdt_report).exists()
    # The officer's own report is still theirs to save, once submitted no more.
    own = _auth(cast.officer)
    url = f"/api/reports/{bdt_report.pk}/values"
    assert client.put(url, body, "application/json", **own).status_code == 200
    bdt_report.refresh_from_db()
    saved = submitted(bdt_report, cast.officer)
    body["version"] = saved.version
    response = client.put(url, body, "application/json", **own)
    assert response.status_code == 400
    assert "«Đã nộp», không sửa được nữa" in response.json()["detail"]
