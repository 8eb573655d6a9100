"""AgencyTotal and the unit map stay correct on every kind of write."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.testing import make_unit, make_year
from analytics.models import AgencyTotal, UnitMap
from analytics.units import ensure_unit_map
from catalogue.models import Indicator
from places.models import Era, Level, Succession
from rounds.models import DataValue
from rounds.testing import make_value

pytestmark = pytest.mark.django_db


def totals() -> set[tuple]:
    return set(AgencyTotal.objects.values_list("datavalue_id", "agency_id", "value"))


def expected() -> set[tuple]:
    return {
        (v.pk, v.agency_id, v.value)
        for v in DataValue.objects.select_related("agency")
        if v.category_id is None and v.place_id == v.agency.unit_id
    }


def test_agency_totals_follow_inserts_updates_bulk_writes_and_deletes(cast):
    year = make_year(2023)
    total = make_value("leaflets", cast.bdt, 100, period=year)
    make_value("leaflets", cast.bdt, 40, period=year, place=cast.son_dong)
    assert totals() == expected() == {(total.pk, cast.bdt.pk, Decimal(100))}
    total.value = Decimal(120)
    total.save()
    DataValue.objects.bulk_create(
        [
            DataValue(
                indicator=total.indicator,
                agency=cast.police,
                place=cast.province,
                period=year,
                value=7,
            ),
            DataValue(
                indicator=total.indicator,
                agency=cast.police,
                place=cast.luc_ngan,
                period=year,
                value=3,
            ),
        ]
    )
    DataValue.objects.filter(agency=cast.police).update(value=Decimal(9))
    assert totals() == expected()
    assert len(totals()) == 2
    DataValue.objects.filter(place=cast.son_dong).update(
        place=cast.province, indicator=Indicator.objects.get(code="trainings")
    )
    assert totals() == expected()
    assert len(totals()) == 3
    DataValue.objects.filter(agency=cast.bdt).delete()
    assert totals() == expected()
    assert len(totals()) == 1


def test_agency_totals_follow_a_change_of_the_agencys_unit(cast):
    year = make_year(2023)
    make_value("leaflets", cast.bdt, 100, period=year)
    make_value("leaflets", cast.bdt, 40, period=year, place=cast.son_dong)
    cast.bdt.unit = cast.son_dong
    cast.bdt.save()
    assert totals() == expected()
    assert {v for _, _, v in totals()} == {Decimal(40)}


def test_unit_map_is_rebuilt_when_units_or_successions_change(cast):
    ensure_unit_map()
    mapped = UnitMap.objects.get(unit=cast.commune, era=Era.FROM_2025, level=Level.COMMUNE)
    assert mapped.target_id == cast.new_commune.pk
    other = make_unit(Level.COMMUNE, "Yên Định", cast.new_province, era=Era.FROM_2025, code="7699")
    Succession.objects.filter(predecessor=cast.commune).update(successor=other)
    ensure_unit_map()
    assert (
        UnitMap.objects.get(unit=cast.commune, era=Era.FROM_2025, level=Level.COMMUNE).target_id
        == other.pk
    )
    district = UnitMap.objects.get(unit=cast.son_dong, era=Era.FROM_2025, level=Level.PROVINCE)
    assert district.target_id == cast.new_province.pk
    assert not UnitMap.objects.filter(
        unit=cast.son_dong, era=Era.FROM_2025, level=Level.COMMUNE
    ).exists()
