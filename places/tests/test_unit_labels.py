"""Place pickers tell old and new units apart and list the period's own units first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from accounts.testing import aware, login_verified, make_unit
from places.labels import in_force_first, unit_label, unit_labels
from places.models import AdministrativeUnit, Era, Level
from rounds.forms import ActivityForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def an_giang(db):
    """Tỉnh An Giang before the reform and the new Tỉnh An Giang (with Kiên Giang) after it."""
    old = make_unit(Level.PROVINCE, "An Giang", code="89")
    kien_giang = make_unit(Level.PROVINCE, "Kiên Giang", code="91")
    new = make_unit(Level.PROVINCE, "An Giang", era=Era.FROM_2025, code="91")
    return old, kien_giang, new


def test_a_name_two_units_share_carries_the_era(an_giang):
    old, kien_giang, new = an_giang
    labels = unit_labels([old, kien_giang, new])
    assert labels == {
        old.pk: "Tỉnh An Giang (trước 1/7/2025)",
        kien_giang.pk: "Tỉnh Kiên Giang",
        new.pk: "Tỉnh An Giang (từ 1/7/2025)",
    }
    # Alone in its list, a unit needs no era.
    assert unit_labels([new]) == {new.pk: "Tỉnh An Giang"}
    assert unit_label(kien_giang, with_era=True) == "Tỉnh Kiên Giang (trước 1/7/2025)"


def test_a_commune_is_named_with_its_parent(an_giang):
    old, _, new = an_giang
    district = make_unit(Level.DISTRICT, "Châu Thành", old)
    before = make_unit(Level.COMMUNE, "Bình Hòa", district)
    after = make_unit(Level.COMMUNE, "Bình Hòa", new, era=Era.FROM_2025)
    units = AdministrativeUnit.objects.select_related("parent").filter(pk__in=[before.pk, after.pk])
    assert sorted(unit_labels(units).values()) == [
        "Xã Bình Hòa, Huyện Châu Thành",
        "Xã Bình Hòa, Tỉnh An Giang",
    ]


def test_the_units_of_the_day_come_first(an_giang):
    old, kien_giang, new = an_giang
    provinces = AdministrativeUnit.objects.provinces()
    assert list(in_force_first(provinces, dt.date(2023, 12, 31))) == [old, kien_giang, new]
    assert list(in_force_first(provinces, dt.date(2025, 12, 31))) == [new, old, kien_giang]


def options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select name="dia-ban" id="{select_id}">(.*?)</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(1))


@pytest.mark.parametrize(
    ("url", "select_id"),
    [
        ("analytics:search", "search-place"),
        ("analytics:pivot", "pivot-place"),
    ],
)
def test_page_pickers_label_and_order_by_the_year_in_view(client, cast, an_giang, url, select_id):
    login_verified(client, cast.viewer)
    years = {"analytics:search": "nam={}", "analytics:pivot": "tu-nam={0}&den-nam={0}"}
    before = client.get(f"{reverse(url)}?{years[url].format(2023)}").content.decode()
    after = client.get(f"{reverse(url)}?{years[url].format(2026)}").content.decode()
    assert options(before, select_id) == [
        "Tỉnh An Giang (trước 1/7/2025)",
        "Tỉnh Bắc Giang",
        "Tỉnh Kiên Giang",
        "Tỉnh An Giang (từ 1/7/2025)",
        "Tỉnh Bắc Ninh",
    ]
    assert options(after, select_id)[:2] == [
        "Tỉnh An Giang (từ 1/7/2025)",
        "Tỉnh Bắc Ninh",
    ]
    assert 'data-filter="#' + select_id + '"' in before  # the search-as-you-type box


def test_activity_locality_lists_todays_units_first_with_the_shared_labels(cast):
    # Thị xã Chũ, formed from Lục Ngạn on 1/1/2025; Lục Ngạn ends then.
    chu = AdministrativeUnit.objects.create(
        era=Era.BEFORE_2025, level=Level.DISTRICT, code="T-CHU", name="Chũ",
        full_name="Thị xã Chũ", parent=cast.province,
        valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2025, 6, 30),
    )  # fmt: skip
    AdministrativeUnit.objects.filter(pk=cast.luc_ngan.pk).update(valid_to=dt.date(2024, 12, 31))
    with time_machine.travel(aware(2025, 3, 1), tick=False):
        form = ActivityForm(agency=cast.bdt)
        labels = [label for value, label in form.fields["locality"].choices if value]
    assert labels == [
        "Thị xã Chũ, Tỉnh Bắc Giang",
        "Huyện Sơn Động, Tỉnh Bắc Giang",
        "Huyện Lục Ngạn, Tỉnh Bắc Giang",
    ]
    assert 'data-filter="#id_locality"' in str(form["locality"])
    assert chu.pk in {int(str(v)) for v, _ in form.fields["locality"].choices if v}
