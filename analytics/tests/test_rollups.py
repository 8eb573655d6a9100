"""Roll-ups against totals computed independently from the raw values."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from accounts.models import Role
from accounts.testing import make_agency, make_unit, make_user, make_year
from analytics.rollup import Question, over_time, rollup
from catalogue.models import Aggregation, Indicator, Period, PeriodKind
from datavalues.figures import Figure, add, highest
from datavalues.models import Qualifier
from places.models import Era, Level
from rounds.access import ValueScope, value_scope
from rounds.models import DataValue, ReportStatus
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db
EXACT, MORE, ABOUT = Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.ABOUT


def fig(value: int, qualifier: str = EXACT) -> Figure:
    return Figure(Decimal(value), qualifier)


def test_more_than_plus_exact_is_more_than():
    assert add([fig(540, MORE), fig(300)]) == fig(840, MORE)
    assert str(add([fig(540, MORE), fig(300)])) == "trên 840"


def test_about_dominates_more_than_in_a_sum():
    assert add([fig(540, MORE), fig(300, ABOUT), fig(1)]) == fig(841, ABOUT)
    assert str(add([fig(42000, ABOUT), fig(1000)])) == "khoảng 43.000"


def test_highest_keeps_its_own_qualifier_and_prefers_exact_on_a_tie():
    assert highest([fig(5, ABOUT), fig(7, MORE), fig(3)]) == fig(7, MORE)
    assert highest([fig(7, ABOUT), fig(7)]) == fig(7)


def test_latest_takes_the_last_periods_value():
    import datetime as dt

    dated = [(dt.date(2023, 3, 31), fig(9)), (dt.date(2023, 12, 31), fig(4, ABOUT))]
    assert over_time(Aggregation.LATEST, dated) == fig(4, ABOUT)
    assert over_time(Aggregation.MAX, dated) == fig(9)
    assert over_time(Aggregation.SUM, dated) == fig(13, ABOUT)


@pytest.fixture
def world(cast):
    """The cast's province with a district agency, a second commune and a post-reform agency."""
    cast.other_commune = make_unit(Level.COMMUNE, "Tuấn Đạo", cast.son_dong, code="7620")
    cast.luc_commune = make_unit(Level.COMMUNE, "Biển Động", cast.luc_ngan, code="7630")
    cast.district_agency = make_agency("UBND-SĐ", "UBND huyện Sơn Động", cast.son_dong)
    cast.new_agency = make_agency("SYT", "Sở Y tế", cast.new_province)
    return cast


def counted(include_drafts: bool = False):
    values = DataValue.objects.select_related("agency", "place", "report", "period", "indicator")
    return [
        v
        for v in values.filter(category__isnull=True)
        if include_drafts or v.report is None or v.report.status == ReportStatus.ACCEPTED
    ]


def expected_sum(parts: list[DataValue]) -> Figure:
    """Independently: the plain sum and the qualifier rule written out."""
    qualifiers = {p.qualifier for p in parts}
    qualifier = ABOUT if ABOUT in qualifiers else MORE if MORE in qualifiers else EXACT
    return Figure(sum((p.value for p in parts), Decimal(0)), qualifier)


def populate(cast, seed: int) -> list[str]:
    """Random yearly values: totals and district and commune breakdowns, mixed statuses."""
    rng = random.Random(seed)
    codes = ["propaganda_sessions", "leaflets", "trainings"]
    for year in (2022, 2023, 2026):
        round_ = make_round(cast, year, codes)
        agencies = (
            [cast.new_agency] if year == 2026 else [cast.bdt, cast.police, cast.district_agency]
        )
        for agency in agencies:
            status = rng.choice([ReportStatus.ACCEPTED] * 3 + [ReportStatus.SUBMITTED])
            report = make_report(round_, agency, status)
            below = [u for u in _units_below(cast, agency.unit)]
            for code in codes:
                kwargs = dict(period=round_.period, report=report)
                make_value(code, agency, rng.randint(50, 500), qualifier=_q(rng), **kwargs)
                for unit in rng.sample(below, k=rng.randint(0, len(below))):
                    make_value(
                        code, agency, rng.randint(1, 40), place=unit, qualifier=_q(rng), **kwargs
                    )
    return codes


def _q(rng: random.Random) -> str:
    return rng.choice([EXACT] * 6 + [MORE, ABOUT])


def _units_below(cast, unit):
    every = [cast.son_dong, cast.luc_ngan, cast.commune, cast.other_commune, cast.luc_commune]
    every.append(cast.new_commune)
    found = []
    for candidate in every:
        parent = candidate.parent
        while parent is not None:
            if parent == unit:
                found.append(candidate)
                break
            parent = parent.parent
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("include_drafts", [False, True])
def test_province_rollup_matches_raw_totals_attributed_to_successors(world, seed, include_drafts):
    codes = populate(world, seed)
    expected = defaultdict(list)
    for v in counted(include_drafts):
        if v.place_id == v.agency.unit_id:
            (province,) = v.place.current_provinces()
            expected[(v.indicator_id, province.pk, v.period.year)].append(v)
    ids = tuple(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True))
    result = rollup(
        Question(
            ids,
            by=("indicator", "place", "period"),
            scope=ValueScope(include_drafts=include_drafts),
        )
    )
    assert {(k[0], k[1], k[2][0]): f for k, f in result.items()} == {
        k: expected_sum(parts) for k, parts in expected.items()
    }
    assert {k[1] for k in result} == {world.new_province.pk}


@pytest.mark.parametrize("seed", [4, 5])
def test_district_rollup_uses_totals_inside_and_breakdowns_never_both(world, seed):
    codes = populate(world, seed)
    districts = {world.son_dong.pk, world.luc_ngan.pk}
    per_agency = defaultdict(lambda: defaultdict(list))
    for v in counted():
        if v.period.year == 2026:
            continue
        district = v.place if v.place_id in districts else v.place.parent
        if district is None or district.pk not in districts:
            continue
        depth = 1 if v.place_id in districts else 2
        per_agency[(v.indicator_id, district.pk, v.period.year, v.agency_id)][depth].append(v)
    expected = defaultdict(list)
    for (indicator, district, year, _), by_depth in per_agency.items():
        expected[(indicator, district, year)] += by_depth[min(by_depth)]
    ids = tuple(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True))
    result = rollup(
        Question(
            ids, by=("indicator", "place", "period"), level=Level.DISTRICT, era=Era.BEFORE_2025
        )
    )
    assert {(k[0], k[1], k[2][0]): f for k, f in result.items()} == {
        k: expected_sum(parts) for k, parts in expected.items()
    }


def test_pre_reform_commune_rolls_up_to_its_successor_commune(world):
    round_ = make_round(world, 2023, ["trainings"])
    report = make_report(round_, world.bdt)
    make_value("trainings", world.bdt, 5, period=round_.period, report=report)
    make_value("trainings", world.bdt, 2, period=round_.period, report=report, place=world.commune)
    sessions = Indicator.objects.get(code="trainings").pk
    result = rollup(Question((sessions,), by=("place",), level=Level.COMMUNE))
    assert result == {(sessions, world.new_commune.pk): fig(2)}


def test_agency_rollup_and_rates_take_the_highest(world):
    round_ = make_round(world, 2023, ["communes_regular_propaganda_pct", "leaflets"])
    for agency, pct, leaflets in ((world.bdt, "72.5", 100), (world.police, "65", 20)):
        report = make_report(round_, agency)
        make_value(
            "communes_regular_propaganda_pct", agency, pct, period=round_.period, report=report
        )
        make_value(
            "leaflets", agency, leaflets, period=round_.period, report=report, qualifier=MORE
        )
    pct = Indicator.objects.get(code="communes_regular_propaganda_pct").pk
    leaflets = Indicator.objects.get(code="leaflets").pk
    assert rollup(Question((pct, leaflets))) == {
        (pct,): Figure(Decimal("72.5")),
        (leaflets,): fig(120, MORE),
    }
    by_agency = rollup(Question((leaflets,), by=("agency",)))
    assert by_agency == {
        (leaflets, world.bdt.pk): fig(100, MORE),
        (leaflets, world.police.pk): fig(20, MORE),
    }


def test_months_roll_up_to_quarters_and_a_quarter_value_outranks_its_months(world):
    sessions = Indicator.objects.get(code="propaganda_sessions")
    months = [
        Period.objects.get_or_create_standard(PeriodKind.MONTH, 2023, n) for n in (1, 2, 3, 4)
    ]
    for n, period in enumerate(months, start=1):
        make_value("propaganda_sessions", world.bdt, n, period=period)
        make_value("propaganda_sessions", world.police, 10 * n, period=period)
    q1 = Period.objects.get_or_create_standard(PeriodKind.QUARTER, 2023, 1)
    make_value("propaganda_sessions", world.police, 100, period=q1, qualifier=ABOUT)
    result = rollup(
        Question(
            (sessions.pk,),
            by=("period",),
            period_kind=PeriodKind.QUARTER,
            first_year=2023,
            last_year=2023,
        )
    )
    assert result == {
        (sessions.pk, (2023, 1)): fig(1 + 2 + 3 + 100, ABOUT),
        (sessions.pk, (2023, 2)): fig(4 + 40),
    }
    # Within one target period an agency's coarsest kind wins: the police's quarter, not its months.
    year = rollup(Question((sessions.pk,), first_year=2023, last_year=2023))
    assert year == {(sessions.pk,): fig(1 + 2 + 3 + 4 + 100, ABOUT)}


def test_latest_over_years_and_officer_scope(world):
    stock = Indicator.objects.get(code="establishments_total")
    for year, value in ((2022, 400), (2023, 437)):
        make_value("establishments_total", world.police, value, period=make_year(year))
        make_value("establishments_total", world.bdt, value - 100, period=make_year(year))
    assert rollup(Question((stock.pk,))) == {(stock.pk,): fig(437)}
    mine = ValueScope(agency_ids=frozenset({world.bdt.pk}))
    assert rollup(Question((stock.pk,), scope=mine)) == {(stock.pk,): fig(337)}


def test_drafts_count_only_when_asked(world):
    round_ = make_round(world, 2023, ["leaflets"])
    make_value(
        "leaflets",
        world.bdt,
        7,
        period=round_.period,
        report=make_report(round_, world.bdt, ReportStatus.DRAFT),
    )
    leaflets = Indicator.objects.get(code="leaflets").pk
    assert rollup(Question((leaflets,))) == {}
    assert rollup(Question((leaflets,), scope=ValueScope(include_drafts=True))) == {
        (leaflets,): fig(7)
    }


def test_a_coordinator_sees_drafts_only_of_the_rounds_the_agency_runs(world):
    """Another agency's coordinator asking for drafts still gets accepted figures only."""
    round_ = make_round(world, 2023, ["leaflets"])  # run by the Department of Labour
    report = make_report(round_, world.police, ReportStatus.SUBMITTED)
    make_value("leaflets", world.police, 9, period=round_.period, report=report)
    leaflets = Indicator.objects.get(code="leaflets").pk
    elsewhere = make_user("dieuphoi-khac", Role.COORDINATOR, world.bdt)
    for user, expected in [
        (world.coordinator, {(leaflets,): fig(9)}),
        (elsewhere, {}),
        (world.admin, {(leaflets,): fig(9)}),
        (world.viewer, {}),
        (world.officer, {}),
        (world.other_officer, {(leaflets,): fig(9)}),
    ]:
        question = Question((leaflets,), scope=value_scope(user, include_drafts=True))
        assert rollup(question) == expected, user.username
    # A draft the police have not sent stays theirs: no coordinator reads it.
    report.status = ReportStatus.DRAFT
    report.save(update_fields=["status"])
    for user, expected in [
        (world.coordinator, {}),
        (world.admin, {}),
        (world.other_officer, {(leaflets,): fig(9)}),
    ]:
        question = Question((leaflets,), scope=value_scope(user, include_drafts=True))
        assert rollup(question) == expected, user.username
