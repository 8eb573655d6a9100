"""`audit verify` checks each stored value against its audit trail, and the admin writes none."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from accounts.testing import login_verified
from audit.testing import run_sql
from audit.verify import verify
from rounds import actions
from rounds.models import DataValue, Report
from rounds.testing import open_seed_round, seed_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(cast) -> Report:
    report = open_seed_round(cast).reports.get(agency=cast.bdt)
    return actions.save_draft(report, cast.officer, seed_draft(report), version=0)


def _value(code: str) -> DataValue:
    return DataValue.objects.select_related("indicator", "agency").get(indicator__code=code)


def test_values_saved_through_the_actions_match_their_trail(saved):
    assert verify().intact


def test_a_value_changed_in_sql_is_detected(saved):
    leaflets = _value("leaflets")
    run_sql("UPDATE datavalues_datavalue SET value = 1043000 WHERE id = %s", params=[leaflets.pk])
    assert verify().problems == [
        f"Báo cáo số {saved.pk} của {leaflets.agency.name}, {leaflets.indicator.name} — "
        f"{saved.agency.unit.name}: đang lưu «1.043.000» nhưng nhật ký ghi «43.000»."
    ]


def test_a_value_deleted_or_added_in_sql_is_detected(saved, cast):
    leaflets = _value("leaflets")
    run_sql("DELETE FROM datavalues_datavalue WHERE id = %s", params=[leaflets.pk])
    DataValue.objects.create(
        indicator=leaflets.indicator,
        agency=leaflets.agency,
        place=leaflets.place,
        period=leaflets.period,
        value=Decimal(7),
        report=saved,
    )
    problems = verify().problems
    assert len(problems) == 2
    assert "nhật ký ghi «43.000» nhưng giá trị đã bị xóa ngoài hệ thống." in problems[0]
    assert problems[1].endswith("đang lưu «7» nhưng nhật ký không ghi giá trị này.")


def test_a_value_cleared_through_the_actions_matches_its_trail(saved, cast):
    key = (_value("leaflets").indicator_id, saved.agency.unit_id)
    actions.save_draft(saved, cast.officer, actions.Draft(values={key: None}), version=1)
    assert not DataValue.objects.filter(indicator__code="leaflets").exists()
    assert verify().intact


@pytest.mark.parametrize("model", ["report", "datavalue", "round", "activity", "target"])
def test_the_admin_shows_audited_models_read_only(cast, model):
    request = RequestFactory().get("/quan-tri/")
    request.user = cast.coordinator
    request.user.is_superuser = True
    admin = next(a for m, a in site._registry.items() if m._meta.model_name == model)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)
    assert admin.has_view_permission(request)
    assert all(
        not inline.has_change_permission(request) for inline in admin.get_inline_instances(request)
    )


def test_the_admin_pages_point_to_the_audited_pages(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    login_verified(client, cast.admin)
    report = open_seed_round(cast).reports.get(agency=cast.bdt)
    listing = client.get("/quan-tri/rounds/report/")
    page = client.get(f"/quan-tri/rounds/report/{report.pk}/change/")
    for response in (listing, page):
        assert response.status_code == 200
        assert "chỉ được thay đổi trên các trang của tonghop" in response.text
    assert 'name="_save"' not in page.text
    refused = client.post(f"/quan-tri/rounds/report/{report.pk}/change/", {"title": "Sửa"})
    assert refused.status_code == 403
