"""What an agency prints on its documents: signers, the drafting unit, the usual recipients."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.testing import login_verified
from agencies.models import Signer, UsualRecipient


@pytest.mark.parametrize(
    "title",
    [
        "TRƯỞNG BAN",
        "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        "TM. ỦY BAN NHÂN DÂN",
    ],
)
def test_titles_as_decree_30_writes_them_are_accepted(cast, title):
    Signer(agency=cast.bdt, title=title, name="Hoàng Văn Ví Dụ").full_clean()


@pytest.mark.parametrize(
    ("title", "name", "message"),
    [
        ("Trưởng ban", "Hoàng Văn Ví Dụ", "viết in hoa"),
        ("GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Hoàng Văn Ví Dụ", "dòng đầu bắt đầu bằng"),
        ("TM. UBND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Hoàng Văn Ví Dụ", "hai dòng"),
        ("TRƯỞNG BAN", "TS. Hoàng Văn Ví Dụ", "không ghi học hàm, học vị"),
        ("TRƯỞNG BAN", "Hoàng", "ít nhất hai tiếng"),
    ],
)
def test_malformed_signers_are_refused_in_vietnamese(cast, title, name, message):
    with pytest.raises(ValidationError, match=message):
        Signer(agency=cast.bdt, title=title, name=name).full_clean()


def test_the_default_signer_is_the_one_marked_else_the_first(cast):
    assert cast.bdt.default_signer() is None
    first = Signer.objects.create(agency=cast.bdt, order=1, title="TRƯỞNG BAN", name="Hoàng Văn A")
    Signer.objects.create(
        agency=cast.bdt, order=2, title="KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", name="Lê Thị B"
    )
    assert cast.bdt.default_signer() == first
    marked = Signer.objects.create(
        agency=cast.bdt, order=3, title="TRƯỞNG BAN", name="Lê Thị C", is_default=True
    )
    assert cast.bdt.default_signer() == marked
    with pytest.raises(ValidationError, match="chỉ có một người ký mặc định"):
        Signer(agency=cast.bdt, title="TRƯỞNG BAN", name="Lê Thị D", is_default=True).full_clean()


def test_a_usual_recipient_loses_its_list_marks_and_may_not_be_the_filed_copies(cast):
    line = UsualRecipient(agency=cast.bdt, order=1, name="- UBND tỉnh;")
    line.full_clean()
    line.save()
    assert cast.bdt.usual_recipient_lines() == ["UBND tỉnh"]
    with pytest.raises(ValidationError, match="không ghi vào danh sách nơi nhận"):
        UsualRecipient(agency=cast.bdt, name="Lưu: VT, KHTT.").full_clean()


def _admin_form(cast, **changes) -> dict:
    agency = cast.bdt
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "code": agency.code,
        "kind": agency.kind,
        "unit": agency.unit_id,
        "drafting_unit": "KHTT",
        "is_active": "on",
        "signers-TOTAL_FORMS": "2",
        "signers-INITIAL_FORMS": "0",
        "signers-0-order": "1",
        "signers-0-title": "TRƯỞNG BAN",
        "signers-0-name": "Hoàng Văn Ví Dụ",
        "signers-0-is_default": "on",
        "signers-1-order": "2",
        "signers-1-title": "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN",
        "signers-1-name": "Lê Thị Thử",
        "usual_recipients-TOTAL_FORMS": "1",
        "usual_recipients-INITIAL_FORMS": "0",
        "usual_recipients-0-order": "1",
        "usual_recipients-0-name": "Sở Lao động - Thương binh và Xã hội",
    }
    return {**data, **changes}


def test_the_admin_edits_signers_drafting_unit_and_recipients(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    login_verified(client, cast.admin)
    url = reverse("admin:agencies_agency_change", args=[cast.bdt.pk])
    page = client.get(url).content.decode()
    assert "Đơn vị soạn thảo" in page and "Người ký mặc định" in page
    response = client.post(url, _admin_form(cast, **{"signers-1-is_default": "on"}))
    assert "Mỗi cơ quan, đơn vị chỉ có một người ký mặc định." in response.content.decode()
    assert not Signer.objects.exists()
    assert client.post(url, _admin_form(cast)).status_code == 302
    cast.bdt.refresh_from_db()
    assert cast.bdt.drafting_unit == "KHTT" and cast.bdt.default_signer().name == "Hoàng Văn Ví Dụ"
    assert cast.bdt.usual_recipient_lines() == ["Sở Lao động - Thương binh và Xã hội"]
