import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from places.loader import load_units, short_name
from places.models import AdministrativeUnit, Era, Level, Succession

BAC_GIANG = 24


@pytest.fixture
def bac_giang(db):
    load_units({BAC_GIANG})
    return AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=Level.PROVINCE, code="24")


def test_a_2023_figure_for_son_dong_is_attributed_to_todays_bac_ninh(bac_giang):
    son_dong = AdministrativeUnit.objects.get(
        era=Era.BEFORE_2025, level=Level.DISTRICT, name="Sơn Động"
    )
    assert son_dong.parent == bac_giang
    assert [p.name for p in son_dong.current_provinces()] == ["Bắc Ninh"]
    assert son_dong.current_provinces()[0].era == Era.FROM_2025


def test_old_communes_follow_their_successor_communes(bac_giang):
    commune = AdministrativeUnit.objects.filter(
        era=Era.BEFORE_2025, level=Level.COMMUNE, parent__name="Sơn Động"
    ).first()
    successors = list(commune.successors.all())
    assert successors and all(s.era == Era.FROM_2025 for s in successors)
    assert {p.code for p in commune.current_provinces()} == {"24"}


def test_units_carry_validity_dates_on_both_sides_of_the_reform(bac_giang):
    new = AdministrativeUnit.objects.get(era=Era.FROM_2025, level=Level.PROVINCE, code="24")
    assert bac_giang.is_valid_on(dt.date(2023, 12, 15))
    assert not bac_giang.is_valid_on(dt.date(2025, 7, 1))
    assert new.is_valid_on(dt.date(2026, 1, 1)) and not new.is_valid_on(dt.date(2025, 6, 30))
    on_2023 = AdministrativeUnit.objects.valid_on(dt.date(2023, 12, 15)).provinces()
    assert list(on_2023) == [bac_giang]


def test_loading_again_creates_nothing_and_restores_edited_names(bac_giang):
    units, links = AdministrativeUnit.objects.count(), Succession.objects.count()
    bac_giang.name = "Bắc Giang (sửa nhầm)"
    bac_giang.save()
    counts = load_units({BAC_GIANG})
    assert counts == {"units_created": 0, "units_updated": 1, "successions_created": 0}
    assert AdministrativeUnit.objects.count() == units and Succession.objects.count() == links
    bac_giang.refresh_from_db()
    assert bac_giang.name == "Bắc Giang"


@pytest.mark.django_db
def test_the_whole_country_before_and_after_the_reform():
    load_units()
    units = AdministrativeUnit.objects
    assert units.filter(era=Era.BEFORE_2025, level=Level.PROVINCE).count() == 63
    assert units.filter(era=Era.FROM_2025, level=Level.PROVINCE).count() == 34
    assert units.filter(era=Era.FROM_2025, level=Level.COMMUNE).count() == 3321
    assert units.filter(era=Era.FROM_2025, level=Level.DISTRICT).count() == 0
    assert units.filter(era=Era.BEFORE_2025, level=Level.DISTRICT).count() > 690
    # Every old province has a successor province.
    orphans = units.filter(era=Era.BEFORE_2025, level=Level.PROVINCE, successors__isnull=True)
    assert not orphans.exists()


@pytest.mark.django_db
def test_load_places_command_refuses_an_unknown_province():
    with pytest.raises(CommandError, match="Không có tỉnh"):
        call_command("load_places", old_province=[99])


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Huyện Sơn Động", "Sơn Động"),
        ("Thành phố Bắc Giang", "Bắc Giang"),
        ("Thị xã Việt Yên", "Việt Yên"),
        ("Phường 1", "Phường 1"),
        ("Tỉnh Bắc Giang", "Bắc Giang"),
        ("Đặc khu Phú Quốc", "Phú Quốc"),
    ],
)
def test_short_names_drop_the_unit_type(full, short):
    assert short_name(full) == short
