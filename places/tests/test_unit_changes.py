"""Units as they were: the change lists of resolutions, the forms of a round, comparisons."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.testing import aware, make_agency, make_year
from agencies.models import Agency
from analytics.pivot import PivotChoice, pivot_table
from analytics.rollup import Question, rollup
from catalogue.defaults import load_default_catalogue
from catalogue.models import Indicator, Period, PeriodKind
from datavalues.figures import Figure
from places.changes import CHANGES_DIR, UnitChangeError, load_unit_changes
from places.loader import load_units
from places.models import AdministrativeUnit, Era, Level, Succession
from places.succession import carried_forward
from rounds.access import ValueScope
from rounds.forms import ActivityForm
from rounds.models import DataValue, Report, Round, RoundIndicator
from rounds.sheet import build_sheet, localities

BAC_GIANG = 24
CHANGES = CHANGES_DIR / "bac_giang.csv"
HEADER = "resolution,signed,effective,kind,level,old_unit,new_unit,from_parent,source\n"
# Written down from the resolutions, not from the package: Bắc Giang had 9 huyện and 1 thành phố
# (quochoi.vn, 27/5/2022, after 510/NQ-UBTVQH15); 938/NQ-UBTVQH15 made Việt Yên a thị xã from
# 1/2/2024 without changing the list; 1191/NQ-UBTVQH15 merged Yên Dũng into thành phố Bắc Giang
# and established thị xã Chũ from part of Lục Ngạn on 1/1/2025.
DISTRICTS_2023 = [
    "Bắc Giang",
    "Hiệp Hòa",
    "Lạng Giang",
    "Lục Nam",
    "Lục Ngạn",
    "Sơn Động",
    "Tân Yên",
    "Việt Yên",
    "Yên Dũng",
    "Yên Thế",
]
DISTRICTS_2025 = sorted([*(n for n in DISTRICTS_2023 if n != "Yên Dũng"), "Chũ"])


def district(name: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=Level.DISTRICT, name=name)


@pytest.fixture
def province(db):
    load_units({BAC_GIANG})
    load_unit_changes(CHANGES)
    return AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=Level.PROVINCE, code="24")


def write(tmp_path, *rows: str):
    path = tmp_path / "changes.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_yen_dung_exists_until_the_day_before_its_merger_with_the_resolution_cited(province):
    yen_dung = district("Yên Dũng")
    assert (yen_dung.code, yen_dung.full_name, yen_dung.parent) == (
        "221",
        "Huyện Yên Dũng",
        province,
    )
    assert yen_dung.valid_to == dt.date(2024, 12, 31)
    link = Succession.objects.get(predecessor=yen_dung)
    assert link.successor == district("Bắc Giang") and link.whole
    assert link.citation == (
        "Nghị quyết số 1191/NQ-UBTVQH15 ngày 28/9/2024, hiệu lực từ 01/01/2025"
    )
    assert district("Chũ").valid_from == dt.date(2025, 1, 1)
    # Chũ took part of Lục Ngạn, which goes on: a partial link, Lục Ngạn still in force.
    part = Succession.objects.get(predecessor=district("Lục Ngạn"), successor=district("Chũ"))
    assert not part.whole and district("Lục Ngạn").valid_to == dt.date(2025, 6, 30)


def test_the_districts_of_a_day_are_those_the_resolutions_left(province):
    names = lambda day: [u.name for u in province.children_on(day).order_by("name")]  # noqa: E731
    assert names(dt.date(2023, 12, 31)) == DISTRICTS_2023
    assert names(dt.date(2024, 12, 31)) == DISTRICTS_2023
    assert names(dt.date(2025, 6, 30)) == DISTRICTS_2025
    # After the reform the district level is gone; the old province shows its last map.
    assert names(dt.date(2025, 12, 31)) == DISTRICTS_2025


def test_loading_the_changes_again_changes_nothing(province):
    units, links = AdministrativeUnit.objects.count(), Succession.objects.count()
    assert load_unit_changes(CHANGES) == {
        "changes": 17,
        "units_created": 0,
        "successions_created": 0,
        "transfers_created": 0,
    }
    assert AdministrativeUnit.objects.count() == units and Succession.objects.count() == links


def test_reloading_the_package_keeps_the_first_days_the_resolutions_gave(province):
    load_units({BAC_GIANG})
    assert district("Chũ").valid_from == dt.date(2025, 1, 1)
    assert district("Yên Dũng").valid_to == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            "1191/NQ-UBTVQH15,28/09/2024,31/02/2025,merge,district,221 Huyện Yên Dũng,213 Thành phố Bắc Giang,,x",
            "Dòng 3: ngày hiệu lực “31/02/2025” không phải ngày",
        ),
        (
            "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,sáp nhập,district,221 Huyện Yên Dũng,213 Thành phố Bắc Giang,,x",
            "Dòng 3: loại thay đổi “sáp nhập” không có",
        ),
        (
            "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,merge,district,Huyện Yên Dũng,213 Thành phố Bắc Giang,,x",
            "Dòng 3: đơn vị cũ “Huyện Yên Dũng” phải gồm mã và tên đầy đủ",
        ),
        (
            "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,merge,district,221 Huyện Yên Dũng",
            "Dòng 3: có 6 cột, cần đúng 9 cột",
        ),
        # Well formed, but its new unit is not in the list: found only while applying, after
        # the line before it (a later change, applied first) was written, which is undone.
        (
            "9/NQ-UBTVQH15,01/02/2020,01/03/2020,merge,commune,99998 Xã Cũ,99999 Xã Không Có,,x",
            "Dòng 3: không có đơn vị 99999 (Xã Không Có) trong danh mục",
        ),
    ],
)
def test_a_malformed_line_is_refused_by_its_number_and_nothing_is_stored(
    db, tmp_path, bad_row, message
):
    load_units({BAC_GIANG})
    units, links = AdministrativeUnit.objects.count(), Succession.objects.count()
    good = (
        "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,establish,district,"
        "219 Huyện Lục Ngạn,224 Thị xã Chũ,,x"
    )
    with pytest.raises(UnitChangeError, match=re.escape(message)):
        load_unit_changes(write(tmp_path, good, bad_row))
    assert AdministrativeUnit.objects.count() == units and Succession.objects.count() == links
    assert district("Chũ").valid_from is None


def test_the_command_refuses_a_bad_file_naming_the_line(db, tmp_path):
    load_units({BAC_GIANG})
    path = write(tmp_path, "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,merge,huyện,1 A,2 B,,x")
    with pytest.raises(CommandError, match="Dòng 2: cấp “huyện” không có"):
        call_command("load_unit_changes", str(path))


def test_a_merged_unit_goes_to_its_successor_and_a_split_one_to_none(province, tmp_path):
    yen_dung, city = district("Yên Dũng"), district("Bắc Giang")
    assert carried_forward([yen_dung.pk], dt.date(2023, 12, 31)) == {yen_dung.pk: yen_dung.pk}
    assert carried_forward([yen_dung.pk], dt.date(2025, 3, 1)) == {yen_dung.pk: city.pk}
    # After the reform a pre-reform unit stays on its era's last map.
    assert carried_forward([yen_dung.pk], dt.date(2026, 1, 1)) == {yen_dung.pk: city.pk}
    # An invented split of Sơn Động into Lục Ngạn and Chũ in 2025: allocated to neither.
    load_unit_changes(
        write(
            tmp_path,
            "1/NQ-UBTVQH15,01/02/2025,01/03/2025,dissolve,district,220 Huyện Sơn Động,219 Huyện Lục Ngạn,,x",
            "1/NQ-UBTVQH15,01/02/2025,01/03/2025,dissolve,district,220 Huyện Sơn Động,224 Thị xã Chũ,,x",
        )
    )
    son_dong = district("Sơn Động")
    assert carried_forward([son_dong.pk], dt.date(2025, 6, 30)) == {son_dong.pk: None}


def make_round(province: AdministrativeUnit, year: int, code: str, half: int = 0) -> Report:
    coordinator = make_agency("LĐTBXH", "Sở Lao động - Thương binh và Xã hội", province)
    bdt = make_agency("BDT", "Ban Dân tộc", province)
    period = (
        Period.objects.get_or_create_standard(PeriodKind.HALF, year, half)
        if half
        else make_year(year)
    )
    round_ = Round.objects.create(
        name=f"Báo cáo năm {year}",
        coordinator=coordinator,
        period=period,
        deadline=aware(year, 12, 15),
    )
    RoundIndicator.objects.create(
        round=round_, indicator=Indicator.objects.get(code=code), order=0, by_locality=True
    )
    return Report.objects.create(round=round_, agency=bdt)


def test_the_2023_form_lists_the_districts_of_2023(province):
    load_default_catalogue()
    report = make_round(province, 2023, "trainings")
    assert [u.name for u in localities(report)] == DISTRICTS_2023
    sheet = build_sheet(report)
    assert [c.place.name for c in sheet.cells if not c.is_total] == DISTRICTS_2023


def test_a_2025_form_lists_the_districts_after_the_2025_resolution(province):
    load_default_catalogue()
    report = make_round(province, 2025, "trainings", half=1)
    assert [u.name for u in localities(report)] == DISTRICTS_2025


def test_a_2023_figure_for_yen_dung_counts_for_the_city_when_compared_with_2025(province):
    load_default_catalogue()
    indicator = Indicator.objects.get(code="trainings")
    agency = Agency.objects.create(code="BDT", name="Ban Dân tộc", short_name="BDT", unit=province)
    yen_dung, city, son_dong = district("Yên Dũng"), district("Bắc Giang"), district("Sơn Động")
    first_half_2025 = Period.objects.get_or_create_standard(PeriodKind.HALF, 2025, 1)
    for place, value, period in [
        (yen_dung, 7, make_year(2023)),
        (city, 5, make_year(2023)),
        (son_dong, 2, make_year(2023)),
        (city, 20, first_half_2025),
    ]:
        DataValue.objects.create(
            indicator=indicator, agency=agency, place=place, period=period, value=Decimal(value)
        )

    def table(first: int, last: int) -> dict[str, list]:
        choice = PivotChoice(
            indicators=(indicator.pk,),
            rows="place",
            columns="period",
            level=Level.DISTRICT,
            period_kind=PeriodKind.YEAR,
            first_year=first,
            last_year=last,
            agencies=(),
            include_drafts=False,
        )
        found = pivot_table(choice, ValueScope())
        return {row[0]: row[1:] for row in found.rows}

    # The 2023 table alone keeps the units of 2023.
    assert table(2023, 2023) == {
        "Huyện Yên Dũng": [Figure(Decimal(7))],
        "Thành phố Bắc Giang": [Figure(Decimal(5))],
        "Huyện Sơn Động": [Figure(Decimal(2))],
    }
    # Compared with 2025, Yên Dũng's 7 joins the city it merged into: 7 + 5.
    assert table(2023, 2025) == {
        "Thành phố Bắc Giang": [Figure(Decimal(7 + 5)), Figure(Decimal(20))],
        "Huyện Sơn Động": [Figure(Decimal(2)), None],
    }


def test_an_activity_is_placed_in_a_district_of_its_own_date(province):
    agency = make_agency("BDT", "Ban Dân tộc", province)

    def form(day: str) -> ActivityForm:
        data = {
            "kind": "conference",
            "date": day,
            "title": "Hội nghị tuyên truyền",
            "locality": district("Yên Dũng").pk,
            "quantity": 1,
            "participants": 40,
        }
        return ActivityForm(data, agency=agency)

    assert form("2023-06-01").is_valid()
    refused = form("2025-03-05")
    assert not refused.is_valid()
    assert refused.errors["locality"] == [
        "Huyện Yên Dũng không phải đơn vị hành chính vào ngày 05/03/2025 (đã sáp nhập hoặc chưa "
        "thành lập); hãy chọn đơn vị của ngày đó."
    ]


# The ten communes of huyện Lục Ngạn that became thị xã Chũ (1191/NQ-UBTVQH15, cafef.vn).
CHU_COMMUNES = {
    "Chũ", "Hồng Giang", "Kiên Lao", "Kiên Thành", "Mỹ An",
    "Nam Dương", "Quý Sơn", "Phượng Sơn", "Thanh Hải", "Trù Hựu",
}  # fmt: skip


def test_communes_moved_to_chu_lay_under_luc_ngan_until_then(province):
    luc_ngan, chu = district("Lục Ngạn"), district("Chũ")
    in_2023 = {u.name for u in luc_ngan.children_on(dt.date(2023, 12, 31))}
    in_2025 = {u.name for u in luc_ngan.children_on(dt.date(2025, 3, 1))}
    assert in_2023 >= CHU_COMMUNES and not CHU_COMMUNES & in_2025
    assert in_2023 - CHU_COMMUNES == in_2025
    assert {u.name for u in chu.children_on(dt.date(2025, 3, 1))} == CHU_COMMUNES
    assert set(luc_ngan.children_ever().values_list("name", flat=True)) == in_2023


def test_a_transfer_needs_the_parent_it_left_and_only_a_transfer_has_one(db, tmp_path):
    load_units({BAC_GIANG})
    for row, message in [
        (
            "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,transfer,commune,07525 Thị trấn Chũ,"
            "07525 Phường Chũ,,x",
            "Dòng 2: cột from_parent ghi đơn vị cấp trên cũ khi và chỉ khi",
        ),
        (
            "1191/NQ-UBTVQH15,28/09/2024,01/01/2025,merge,district,221 Huyện Yên Dũng,"
            "213 Thành phố Bắc Giang,24 Tỉnh Bắc Giang,x",
            "Dòng 2: cột from_parent ghi đơn vị cấp trên cũ khi và chỉ khi",
        ),
    ]:
        with pytest.raises(UnitChangeError, match=re.escape(message)):
            load_unit_changes(write(tmp_path, row))


def test_a_2023_figure_for_a_commune_later_moved_to_chu_never_rolls_up_to_chu(province):
    load_default_catalogue()
    indicator = Indicator.objects.get(code="trainings")
    luc_ngan = district("Lục Ngạn")
    agency = make_agency("UBND-LN", "Ủy ban nhân dân huyện Lục Ngạn", luc_ngan)
    kien_lao = AdministrativeUnit.objects.get(era=Era.BEFORE_2025, code="7552")
    for place, value in [(luc_ngan, 10), (kien_lao, 4)]:
        DataValue.objects.create(
            indicator=indicator, agency=agency, place=place, period=make_year(2023), value=value
        )
    question = Question(
        (indicator.pk,), by=("indicator", "place"), level=Level.DISTRICT, era=Era.BEFORE_2025
    )
    assert rollup(question) == {(indicator.pk, luc_ngan.pk): Figure(Decimal(10))}
