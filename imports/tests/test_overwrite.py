"""An import never silently undoes a correction: current values beside proposed ones, counted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditRecord
from datavalues.models import Source
from imports.models import ImportedDocument
from imports.overwrite import EditMarks, keep_reason
from imports.testing import text_to_docx
from rounds import actions
from rounds.models import DataValue
from rounds.sheet import build_sheet

from .test_upload import default_post, upload

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(dt.datetime(2023, 12, 10, 12))


def _stored(source: str, updated_at: dt.datetime) -> DataValue:
    return DataValue(value=Decimal(4), source=source, updated_at=updated_at)


@pytest.mark.parametrize(
    ("source", "hours", "marks", "expected"),
    [
        (Source.IMPORTED, -1, EditMarks(NOON, None), ""),
        (Source.IMPORTED, 0, EditMarks(None, None), ""),
        (Source.IMPORTED, 1, EditMarks(NOON, None), "Đã sửa ngày 10/12/2023, sau lần nhập"),
        (Source.TYPED, -1, EditMarks(NOON, None), "Số liệu nhập tay ngày 10/12/2023"),
        (Source.ACTIVITIES, 0, EditMarks(None, None), "Số liệu cộng từ nhật ký hoạt động"),
        (Source.TYPED, 2, EditMarks(NOON, NOON), "Đã sửa sau khi trả lại ngày 10/12/2023"),
        (
            Source.IMPORTED,
            2,
            EditMarks(NOON, NOON + dt.timedelta(hours=1)),
            "Đã sửa sau khi trả lại",
        ),
    ],
)
def test_a_value_is_kept_when_typed_or_changed_since_the_last_import(
    source, hours, marks, expected
):
    reason = keep_reason(_stored(source, NOON + dt.timedelta(hours=hours)), marks)
    assert reason.startswith(expected) if expected else reason == ""
    if expected:
        assert reason.endswith("— giữ nguyên trừ khi chọn")


def test_nothing_stored_is_never_kept():
    assert keep_reason(None, EditMarks(NOON, NOON)) == ""


@pytest.fixture
def returned_and_corrected(client, cast, bdt_report, seed):
    """The seed imported and submitted, returned, its trainings corrected 5 -> 4 by hand, and
    the agency's Word report (leaflets now 45.000) uploaded again."""
    client.force_login(cast.officer)
    upload(client, bdt_report, "bao-cao-bdt-2023.docx", text_to_docx(seed[0]))
    first = ImportedDocument.objects.get()
    assert (
        client.post(reverse("imports:confirm", args=[first.pk]), default_post(first)).status_code
        == 302
    )
    bdt_report.refresh_from_db()
    report = actions.submit_report(bdt_report, cast.officer, version=bdt_report.version)
    report = actions.return_report(report, cast.coordinator, comment="Tập huấn là 4 lớp.")
    trainings = build_sheet(report).find("trainings").key
    draft = actions.Draft(values={trainings: actions.CellInput(Decimal(4))})
    actions.save_draft(report, cast.officer, draft, version=report.version)
    again = seed[0].replace("phát hành 43.000 tờ rơi", "phát hành 45.000 tờ rơi")
    upload(client, bdt_report, "bao-cao-bdt-2023-sua.docx", text_to_docx(again))
    return ImportedDocument.objects.order_by("-pk").first()


def _row_of(document, code: str) -> int:
    return next(i for i, f in enumerate(document.figures) if f["indicator"] == code)


def test_review_shows_current_values_and_leaves_the_correction_unticked(
    client, returned_and_corrected
):
    document = returned_and_corrected
    page = client.get(reverse("imports:review", args=[document.pk])).content.decode()
    returned_on = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Đã sửa sau khi trả lại ngày {returned_on} — giữ nguyên trừ khi chọn" in page
    assert page.count('class="differs-mark"') == 3  # leaflets, and both parts of the trainings
    assert 'class="current-value differs">43.000<' in page
    assert 'class="current-value differs">4<' in page
    assert 'Sẽ thay đổi <strong data-count="changed">1</strong> số liệu' in page
    assert 'giữ nguyên <strong data-count="kept">1</strong> số liệu đã sửa' in page
    post = default_post(document)
    trainings = [i for i, f in enumerate(document.figures) if f["indicator"] == "trainings"]
    assert trainings and not any(f"include_{i}" in post for i in trainings)
    assert f"include_{_row_of(document, 'leaflets')}" in post


def test_confirming_keeps_the_correction_and_the_history_counts_it(
    client, returned_and_corrected, cast, bdt_report
):
    document = returned_and_corrected
    response = client.post(reverse("imports:confirm", args=[document.pk]), default_post(document))
    assert response.status_code == 302
    values = {
        v.indicator.code: v
        for v in DataValue.objects.filter(agency=cast.bdt).select_related("indicator")
    }
    assert (values["trainings"].value, values["trainings"].source) == (Decimal(4), Source.TYPED)
    assert values["leaflets"].value == Decimal(45000)
    scope = f"rounds.report:{bdt_report.pk}"
    confirm = AuditRecord.objects.filter(scope=scope, action="import_confirm").order_by("-pk")
    counts = {r.field: r.new for r in confirm[:3]}
    assert counts["số liệu thay đổi"] == "1"
    assert counts["số liệu đã sửa được giữ nguyên"] == "1"
    assert confirm[0].comment == "Đã thay đổi 1 số liệu, giữ nguyên 1 số liệu đã sửa"
    change = AuditRecord.objects.get(scope=scope, action="value", new="45.000")
    assert change.old == "43.000"
    assert change.comment == "Nhập từ văn bản bao-cao-bdt-2023-sua.docx"
    detail = client.get(response["Location"]).content.decode()
    assert "Đã thay đổi 1 số liệu, giữ nguyên 1 số liệu đã sửa" in detail
    assert "số liệu đã sửa được giữ nguyên" in detail  # the history table


def test_ticking_a_correction_on_purpose_replaces_it(client, returned_and_corrected, cast):
    document = returned_and_corrected
    ticks = {
        f"include_{i}": "on"
        for i, f in enumerate(document.figures)
        if f["indicator"] == "trainings"
    }
    response = client.post(
        reverse("imports:confirm", args=[document.pk]), default_post(document, **ticks)
    )
    assert response.status_code == 302
    trainings = DataValue.objects.get(indicator__code="trainings", agency=cast.bdt)
    assert (trainings.value, trainings.source) == (Decimal(5), Source.IMPORTED)
    record = AuditRecord.objects.filter(action="import_confirm").order_by("-pk").first()
    assert record.comment == "Đã thay đổi 2 số liệu"


def test_an_untouched_imported_value_is_replaced_by_default(client, returned_and_corrected, cast):
    """The leaflets came from the first import and nobody changed them: no reason to keep them."""
    document = returned_and_corrected
    page = client.get(reverse("imports:review", args=[document.pk])).content.decode()
    row = page.split(f'id="row-{_row_of(document, "leaflets")}"')[1].split("</tr>")[0]
    assert "keep-reason" not in row and 'data-kept="0"' in row


def test_a_correction_made_while_reviewing_refuses_the_confirmation_then_is_kept(
    client, cast, bdt_report, seed
):
    """The review page was loaded before a colleague typed a value: the confirmation is refused,
    the page comes back on the current version with that value unticked, and goes through."""
    client.force_login(cast.officer)
    upload(client, bdt_report, "bao-cao-bdt-2023.docx", text_to_docx(seed[0]))
    document = ImportedDocument.objects.get()
    stale = default_post(document)
    leaflets = build_sheet(bdt_report).find("leaflets").key
    draft = actions.Draft(values={leaflets: actions.CellInput(Decimal(42000))})
    actions.save_draft(bdt_report, cast.officer, draft, version=bdt_report.version)
    url = reverse("imports:confirm", args=[document.pk])
    response = client.post(url, stale)
    assert response.status_code == 409
    form = response.context["form"]
    assert form["version"].value() == 1
    row = _row_of(document, "leaflets")
    assert not form[f"include_{row}"].value()
    assert "Số liệu nhập tay ngày" in response.content.decode()
    again = {name: form.data[name] for name in form.data}
    assert client.post(url, again).status_code == 302
    assert DataValue.objects.get(indicator__code="leaflets", agency=cast.bdt).value == 42000
    assert DataValue.objects.get(indicator__code="trainings", agency=cast.bdt).value == 5
