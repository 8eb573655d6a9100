"""Number, date, signer and recipients of a round's documents: defaults, the page, the issue."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.testing import login_verified
from agencies.models import AUTHORITY_PREFIXES
from audit.models import AuditRecord
from lib.vndates import PartialDate
from rendering.actions import save_issued_document
from rendering.builders import agency_report, compiled_report, request_dispatch
from rendering.docx_writer import render_docx
from rendering.models import IssuedDocument, RoundDocument
from rendering.spec import Authority
from rendering.tests.inspect_docx import open_docx
from rounds.models import Report, Round

COMPILED, REQUEST = RoundDocument.COMPILED.value, RoundDocument.REQUEST.value


@pytest.fixture
def round_2023(demo_db, db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def _url(round_: Round, document: str = COMPILED) -> str:
    return reverse("rendering:issuance", args=[round_.pk, document])


def _login(client, username: str) -> User:
    user = User.objects.get(username=username)
    login_verified(client, user)
    return user


def _form(**changes) -> dict:
    data = {
        "number": "125",
        "symbol": "BC-LĐTBXH",
        "issued_on": "2023-12-18",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Trần Minh Họa",
        "recipients": "- Bộ Lao động - Thương binh và Xã hội;\nUBND tỉnh",
        "archive_unit": "PCTNXH",
    }
    return {**data, **changes}


def _foot(data: bytes) -> tuple[list[str], list[str], str]:
    """The number line, then the "Nơi nhận" and signer columns of the signature table."""
    document = open_docx(data)
    number = document.tables[0].cell(1, 0).paragraphs[0].text
    (table,) = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    recipients = [p.text for p in table.cell(0, 0).paragraphs]
    signer = [p.text for p in table.cell(0, 1).paragraphs if p.text]
    return recipients, signer, number


def test_the_compiled_report_is_signed_numbered_and_filed_by_default(round_2023):
    recipients, signer, number = _foot(render_docx(compiled_report(round_2023)))
    assert number.startswith("Số:") and number.endswith("/BC-LĐTBXH")
    assert recipients == [
        "Nơi nhận:",
        "- Bộ Lao động - Thương binh và Xã hội;",
        "- Cục Phòng, chống tệ nạn xã hội;",
        "- UBND tỉnh;",
        "- Ban Chỉ đạo 138 tỉnh;",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Lưu: VT, PCTNXH.",
    ]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Mẫu"]


def test_the_request_dispatch_keeps_its_registered_number_and_date(round_2023):
    spec = request_dispatch(round_2023)
    assert (spec.number, spec.symbol, spec.date) == (
        "3579",
        "LĐTBXH-PCTNXH",
        PartialDate(2023, 12, 1),
    )
    assert spec.recipients[0] == "Như trên" and "UBND tỉnh" in spec.recipients
    assert spec.archive_unit == "PCTNXH"
    assert spec.signer.title_lines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_an_agency_report_without_its_own_footer_takes_the_agency_defaults(round_2023):
    answer = Report.objects.get(round=round_2023.parent, agency=round_2023.coordinator)
    assert (answer.signer_name, answer.recipients) == ("", [])
    spec = agency_report(answer)
    assert (spec.signer.name, spec.archive_unit) == ("Nguyễn Văn Mẫu", "PCTNXH")
    assert spec.recipients[0] == "Bộ Lao động - Thương binh và Xã hội"
    police = agency_report(round_2023.reports.get(agency__code="CAT"))
    assert (police.signer.name, police.archive_unit, police.recipients) == (
        "",
        "",
        ("Sở Lao động - Thương binh và Xã hội",),
    )


def test_the_page_shows_the_defaults_before_anything_is_stored(client, round_2023):
    _login(client, "dieuphoi")
    page = client.get(_url(round_2023)).content.decode()
    assert 'value="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"' in page and 'value="Nguyễn Văn Mẫu"' in page
    assert 'value="PCTNXH"' in page and "Chưa lưu" in page
    assert "- Lưu: VT, PCTNXH." in page
    assert not IssuedDocument.objects.exists()


def test_the_coordinator_edits_before_issue_and_the_documents_follow(client, round_2023):
    _login(client, "dieuphoi")
    response = client.post(_url(round_2023), _form())
    assert response.status_code == 302
    stored = IssuedDocument.objects.get(round=round_2023, document=COMPILED)
    assert stored.recipients == ["Bộ Lao động - Thương binh và Xã hội", "UBND tỉnh"]
    assert not stored.is_issued
    changes = AuditRecord.objects.filter(action="issued_document", object_id=str(round_2023.pk))
    assert {c.field for c in changes} >= {"số văn bản", "người ký", "nơi nhận"}
    spec = compiled_report(round_2023)
    assert (spec.number, spec.date, spec.archive_unit) == (
        "125",
        PartialDate(2023, 12, 18),
        "PCTNXH",
    )
    assert (spec.signer.title_lines(), spec.signer.name) == (["GIÁM ĐỐC"], "Trần Minh Họa")
    # The dispatch has its own record, still the defaults.
    assert request_dispatch(round_2023).number == "3579"
    client.post(_url(round_2023, REQUEST), _form(symbol="LĐTBXH-PCTNXH", number="3580"))
    assert request_dispatch(round_2023).number == "3580"


def test_an_issued_document_is_no_longer_editable(client, round_2023):
    coordinator = _login(client, "dieuphoi")
    response = client.post(_url(round_2023), {**_form(), "issue": ""})
    assert response.status_code == 302
    issued = IssuedDocument.objects.get(round=round_2023, document=COMPILED)
    audited = AuditRecord.objects.filter(action="issue_document")
    assert issued.is_issued and {r.comment for r in audited} == {"Ban hành báo cáo tổng hợp."}
    response = client.post(_url(round_2023), _form(number="999"), follow=True)
    assert "Văn bản đã ban hành, không sửa được nữa." in response.content.decode()
    assert IssuedDocument.objects.get(pk=issued.pk).number == "125"
    page = client.get(_url(round_2023)).content.decode()
    assert "disabled" in page and "Ban hành</button>" not in page
    with pytest.raises(ValidationError, match="không sửa được nữa"):
        save_issued_document(IssuedDocument.of(round_2023, RoundDocument.COMPILED), coordinator)


def test_issue_needs_a_number_a_day_and_a_signer(client, round_2023):
    _login(client, "dieuphoi")
    response = client.post(_url(round_2023), {**_form(number="", issued_on=""), "issue": ""})
    assert "Chưa ban hành được: còn thiếu số văn bản, ngày ban hành." in response.content.decode()
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": "12a"}, "Số văn bản chỉ gồm chữ số"),
        ({"signer_title": "Giám đốc"}, "viết in hoa"),
        ({"signer_title": "GIÁM ĐỐC / PHÓ GIÁM ĐỐC"}, "dòng đầu bắt đầu bằng"),
        ({"signer_name": "TS. Trần Minh Họa"}, "không ghi học hàm, học vị"),
        ({"signer_name": ""}, "cả chức vụ và họ tên người ký"),
        ({"recipients": "UBND tỉnh\n- Lưu: VT, PCTNXH."}, "không ghi vào danh sách nơi nhận"),
        ({"symbol": "BC LĐTBXH"}, "không có khoảng trắng"),
        ({"issued_on": "18/13/2023"}, "Nhập một ngày hợp lệ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(client, round_2023, changes, message):
    _login(client, "dieuphoi")
    response = client.post(_url(round_2023), _form(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("username", ["bdt", "soytebn", "boyte", "lanhdao"])
def test_a_forged_post_from_outside_the_coordinating_agency_is_not_found(
    client, round_2023, username
):
    _login(client, username)
    audited = AuditRecord.objects.count()
    assert client.post(_url(round_2023), {**_form(), "issue": ""}).status_code == 404
    assert client.get(_url(round_2023)).status_code == 404
    assert not IssuedDocument.objects.exists() and AuditRecord.objects.count() == audited


def test_an_unknown_document_is_not_found(client, round_2023):
    _login(client, "dieuphoi")
    assert client.get(_url(round_2023, "cong-van-khac")).status_code == 404


def test_the_round_page_links_both_records_for_its_coordinator(client, round_2023):
    _login(client, "dieuphoi")
    page = client.get(reverse("rounds:round_detail", args=[round_2023.pk])).content.decode()
    assert _url(round_2023) in page and _url(round_2023, REQUEST) in page


def test_the_render_command_signer_overrides_the_record(round_2023, tmp_path):
    target = tmp_path / "cong-van.docx"
    options = ["--year", "2023", "-o", str(target)]
    call_command("render", "request", *options, stdout=io.StringIO())
    assert _foot(target.read_bytes())[1] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Mẫu"]
    override = ["--signer-title", "GIÁM ĐỐC", "--signer-name", "Trần Minh Họa"]
    call_command("render", "request", *options, *override, stdout=io.StringIO())
    recipients, signer, number = _foot(target.read_bytes())
    assert signer == ["GIÁM ĐỐC", "Trần Minh Họa"]
    assert number == "Số: 3579/LĐTBXH-PCTNXH" and recipients[-1] == "- Lưu: VT, PCTNXH."


def test_the_agencies_authority_prefixes_are_the_documents():
    assert set(AUTHORITY_PREFIXES) == {a.value for a in Authority}


def test_the_record_default_date_is_the_deadline_month(round_2023):
    issued = IssuedDocument.of(round_2023, RoundDocument.COMPILED)
    assert issued.issued_on is None and issued.pk is None
    assert compiled_report(round_2023).date == PartialDate(2023, 12)
    assert IssuedDocument.of(round_2023, RoundDocument.REQUEST).issued_on == dt.date(2023, 12, 1)
