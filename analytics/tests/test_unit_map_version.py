"""The unit map is rebuilt after any write to the places, and only then (places.versions)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.testing import login_verified, make_unit
from analytics.models import UnitMap
from analytics.units import ensure_unit_map
from places.changes import CHANGES_DIR, load_unit_changes
from places.loader import load_units
from places.models import AdministrativeUnit, Era, Level, Succession, Transfer

pytestmark = pytest.mark.django_db
BAC_GIANG = 24


def _queries_of_ensure() -> int:
    with CaptureQueriesContext(connection) as queries:
        ensure_unit_map()
    return len(queries.captured_queries)


def _targets(unit: AdministrativeUnit | int) -> set[int]:
    return set(UnitMap.objects.filter(unit=unit).values_list("target_id", flat=True))


@pytest.fixture
def built(cast):
    """The cast's map, built: the next check costs one query."""
    ensure_unit_map()
    return cast


def test_without_a_write_the_map_is_checked_in_one_query_and_not_rebuilt(built):
    assert _queries_of_ensure() == 1
    assert _queries_of_ensure() == 1


def test_a_unit_saved_or_deleted_rebuilds_the_map(built):
    commune = make_unit(Level.COMMUNE, "Tuấn Đạo", built.son_dong, code="7612")
    assert _queries_of_ensure() > 1
    # Itself, its district and province, and (unlinked) its province's successor of 2025.
    expected = {commune.pk, built.son_dong.pk, built.province.pk, built.new_province.pk}
    assert _targets(commune) == expected
    assert _queries_of_ensure() == 1

    commune.parent = built.luc_ngan
    commune.save()
    ensure_unit_map()
    assert built.luc_ngan.pk in _targets(commune)

    pk = commune.pk
    commune.delete()
    assert _queries_of_ensure() > 1
    assert not _targets(pk)


def test_successions_and_transfers_rebuild_the_map(built):
    link = Succession.objects.get(predecessor=built.commune)
    link.delete()
    assert _queries_of_ensure() > 1
    assert built.new_commune.pk not in _targets(built.commune)

    built.commune.successors.add(built.new_commune)  # through the many-to-many
    assert _queries_of_ensure() > 1
    assert built.new_commune.pk in _targets(built.commune)

    Transfer.objects.create(
        unit=built.commune,
        from_parent=built.luc_ngan,
        effective="2020-01-01",
        resolution="1/NQ-UBTVQH14",
        signed="2019-12-01",
    )
    assert _queries_of_ensure() > 1
    assert built.son_dong.pk not in _targets(built.commune)  # moved: no district target


def test_the_loader_and_the_change_lists_rebuild_the_map(db):
    load_units({BAC_GIANG})
    ensure_unit_map()
    assert _queries_of_ensure() == 1

    load_unit_changes(CHANGES_DIR / "bac_giang.csv")
    assert _queries_of_ensure() > 1
    yen_dung = AdministrativeUnit.objects.get(
        era=Era.BEFORE_2025, level=Level.DISTRICT, name="Yên Dũng"
    )
    assert len(_targets(yen_dung)) > 1

    load_units({BAC_GIANG})  # nothing new, yet a load may have changed anything
    assert _queries_of_ensure() > 1
    assert _queries_of_ensure() == 1


def test_an_administrators_edit_rebuilds_the_map(client, built):
    admin = built.admin
    admin.is_staff = admin.is_superuser = True  # as tonghop demo makes its administrator
    admin.save()
    login_verified(client, admin)
    unit = built.commune
    url = f"/quan-tri/places/administrativeunit/{unit.pk}/change/"
    data = {
        "era": unit.era,
        "level": unit.level,
        "code": unit.code,
        "name": unit.name,
        "full_name": unit.full_name,
        "parent": built.luc_ngan.pk,
        "valid_from": "",
        "valid_to": "",
    }
    for prefix in ("successions_out", "transfers"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _queries_of_ensure() > 1
    assert built.luc_ngan.pk in _targets(unit)
