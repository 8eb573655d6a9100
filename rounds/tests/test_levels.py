"""Levels and scope: the ministry above the province, a commune below it, each reading its own
subtree, and return, accept and reopen at every level with their audit records."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from accounts.models import Role
from accounts.testing import aware, make_agency, make_levels, make_unit, make_user, make_year
from analytics.rollup import Question, rollup
from audit.models import AuditRecord
from catalogue.models import Indicator
from places.models import Era, Level
from rounds import actions
from rounds.access import (
    reports_for_user,
    rounds_for_user,
    subtree_rounds,
    value_scope,
    values_for_user,
)
from rounds.models import DataValue, Report, ReportStatus, Round
from rounds.outline import DEFAULT_OUTLINE, parse_outline
from rounds.sheet import build_sheet
from rounds.upward import answer_upward, outdated_values

CODES = ["leaflets", "trainings"]
REVIEW_TRAIL = ["submit", "return", "accept", "reopen"]


def _fill(report: Report, officer, figures: dict[str, int]) -> Report:
    """Save and submit the report with the figures at the agency's own unit."""
    sheet = build_sheet(report)
    values = {
        sheet.find(code).key: actions.CellInput(Decimal(value)) for code, value in figures.items()
    }
    saved = actions.save_draft(
        report, officer, actions.Draft(values=values), version=report.version
    )
    return actions.submit_report(saved, officer, version=saved.version)


@pytest.fixture
def world(cast):
    """Bộ LĐTBXH asks Bắc Giang and Lạng Sơn; Bắc Giang asks BDT, the police and the commune
    of An Lập, which asks its own police; Lạng Sơn asks one agency of its own."""
    levels = make_levels(cast)
    indicators = [(i, False) for i in Indicator.objects.filter(code__in=CODES).order_by("code")]
    lang_son = make_unit(Level.PROVINCE, "Lạng Sơn", code="20")
    other_department = make_agency("LĐTBXH-LS", "Sở Lao động - Thương binh và Xã hội", lang_son)
    national = actions.open_round(
        levels.ministry_coordinator,
        name="Báo cáo công tác phòng, chống mại dâm năm 2023 (toàn quốc)",
        period=make_year(2023),
        deadline=aware(2023, 12, 31),
        agencies=[cast.coordinating_agency, other_department],
        indicators=indicators,
        outline=parse_outline(DEFAULT_OUTLINE),
    )

    def child(coordinator, parent: Round, agencies) -> Round:
        return actions.open_child_round(
            coordinator,
            parent,
            name=f"Trả lời: {parent.name}",
            deadline=actions.child_deadline(parent),
            agencies=agencies,
            indicators=actions.carried_indicators(parent),
        )

    province = child(cast.coordinator, national, [cast.bdt, cast.police, levels.commune_agency])
    bdt = _fill(province.reports.get(agency=cast.bdt), cast.officer, {"leaflets": 100})
    actions.accept_report(bdt, cast.coordinator)
    _fill(province.reports.get(agency=cast.police), cast.other_officer, {"leaflets": 7})
    commune_police = make_agency("CAXAL", "Công an xã An Lập", cast.commune)
    commune = child(levels.commune_coordinator, province, [commune_police])
    commune_officer = make_user("ca-anlap", Role.OFFICER, commune_police)
    actions.accept_report(
        _fill(commune.reports.get(), commune_officer, {"leaflets": 30}),
        levels.commune_coordinator,
    )
    other_coordinator = make_user("ls", Role.COORDINATOR, other_department)
    other_agency = make_agency("BDT-LS", "Ban Dân tộc", lang_son)
    other_officer = make_user("bdt-ls", Role.OFFICER, other_agency)
    other = child(other_coordinator, national, [other_agency])
    actions.accept_report(
        _fill(other.reports.get(), other_officer, {"leaflets": 50}), other_coordinator
    )
    return {
        "levels": levels,
        "national": national,
        "province": province,
        "commune": commune,
        "other": other,
        "department_officer": make_user("ldtbxh", Role.OFFICER, cast.coordinating_agency),
    }


def _leaflets(reports) -> set[tuple[str, str]]:
    return {(r.agency.code, r.status) for r in reports}


def test_ministry_reads_down_its_subtree_accepted_reports_only(cast, world):
    ministry = world["levels"].ministry_coordinator
    readable = reports_for_user(ministry).filter(round__period__year=2023)
    # Bắc Giang's answer is not filed yet: not readable; below, accepted reports only.
    assert _leaflets(readable) == {
        ("BDT", ReportStatus.ACCEPTED),
        ("CAXAL", ReportStatus.ACCEPTED),
        ("BDT-LS", ReportStatus.ACCEPTED),
    }
    values = values_for_user(ministry).filter(indicator__code="leaflets")
    assert sorted(v.value for v in values) == [30, 50, 100]  # not the police's submitted 7
    assert set(rounds_for_user(ministry)) == {
        world["national"],
        world["province"],
        world["commune"],
        world["other"],
    }


def test_the_roll_up_counts_what_the_orm_scope_reads(cast, world):
    """One rule: analytics.rollup's SQL and ValueScope.condition() agree at every level."""
    leaflets = Indicator.objects.get(code="leaflets")
    people = [world["levels"].ministry_coordinator, cast.coordinator]
    people += [world["levels"].commune_coordinator, cast.viewer, cast.admin]
    for user in people:
        for drafts in (False, True):
            scope = value_scope(user, drafts)
            question = Question(
                (leaflets.pk,),
                by=("agency",),
                era=Era.BEFORE_2025,  # Lạng Sơn has no successor in the cast
                first_year=2023,
                last_year=2023,
                scope=scope,
            )
            rolled = rollup(question)
            summed = {key[1]: figure.value for key, figure in rolled.items() if figure is not None}
            typed: dict[int, Decimal] = {}
            for v in DataValue.objects.filter(scope.condition(), indicator=leaflets):
                typed[v.agency_id] = typed.get(v.agency_id, Decimal(0)) + v.value
            assert summed == typed, (user.username, drafts)


def test_a_province_sees_its_subtree_never_another_province(cast, world):
    mine = set(rounds_for_user(cast.coordinator))
    assert mine == {world["province"], world["commune"]}
    readable = _leaflets(reports_for_user(cast.coordinator))
    assert ("CAXAL", ReportStatus.ACCEPTED) in readable
    assert not {code for code, _ in readable} & {"BDT-LS", "LĐTBXH-LS"}
    # The commune's coordinator: its own round, and its own committee's report above.
    commune = world["levels"].commune_coordinator
    assert set(rounds_for_user(commune)) == {world["commune"]}
    assert _leaflets(reports_for_user(commune)) == {
        ("CAXAL", ReportStatus.ACCEPTED),
        ("UBNDXAL", ReportStatus.NOT_STARTED),
    }


def test_the_subtree_is_a_subquery_not_a_query_per_round(cast, world, django_assert_num_queries):
    ministry = world["levels"].ministry_coordinator
    assert set(subtree_rounds(ministry.agency_id)) == {
        world["province"],
        world["commune"],
        world["other"],
    }
    with django_assert_num_queries(0):
        scope = value_scope(ministry)
    with django_assert_num_queries(1):
        list(reports_for_user(ministry))
    with django_assert_num_queries(1):
        list(values_for_user(ministry))
    assert scope.below


def _trail(report: Report) -> list[tuple[str, str]]:
    """(actor, action) of the report's status changes, oldest first."""
    records = AuditRecord.objects.filter(
        object_type="rounds.report", object_id=str(report.pk), action__in=REVIEW_TRAIL
    ).order_by("pk")
    return [(r.actor.username, r.action) for r in records]


def _send(cast, world) -> Report:
    answer = Report.objects.get(round=world["national"], agency=cast.coordinating_agency)
    sent = answer_upward(cast.coordinator, world["province"], version=answer.version)
    return actions.submit_report(sent, world["department_officer"], version=sent.version)


def test_ministry_and_province_return_accept_and_reopen_with_their_audit(cast, world):
    ministry = world["levels"].ministry_coordinator
    answer = _send(cast, world)
    # The province's accepted reports: BDT's (the police's waits, the commune has not answered).
    assert DataValue.objects.get(report=answer, indicator__code="leaflets").value == 100
    # The ministry returns it; the province corrects below and sends again.
    answer = actions.return_report(answer, ministry, comment="Thiếu số liệu của Công an tỉnh.")
    police = world["province"].reports.get(agency=cast.police)
    actions.accept_report(police, cast.coordinator)
    assert outdated_values(answer)
    answer = _send(cast, world)
    assert DataValue.objects.get(report=answer, indicator__code="leaflets").value == 107
    answer = actions.accept_report(answer, ministry)
    # Reopened by the ministry, the province's officer edits the answer itself and resubmits.
    answer = actions.reopen_report(answer, ministry, reason="Sai số tờ rơi.")
    officer = world["department_officer"]
    key = build_sheet(answer).find("leaflets").key
    edited = actions.save_draft(
        answer,
        officer,
        actions.Draft(values={key: actions.CellInput(Decimal(140))}),
        version=answer.version,
    )
    answer = actions.submit_report(edited, officer, version=edited.version)
    answer = actions.accept_report(answer, ministry)
    assert answer.status == ReportStatus.ACCEPTED
    assert _trail(answer) == [
        ("ldtbxh", "submit"),
        ("bo", "return"),
        ("ldtbxh", "submit"),
        ("bo", "accept"),
        ("bo", "reopen"),
        ("ldtbxh", "submit"),
        ("bo", "accept"),
    ]
    # The province reads its answer; it reviews none of the ministry's round.
    assert reports_for_user(cast.coordinator).filter(pk=answer.pk).exists()
    with pytest.raises(PermissionDenied):
        actions.reopen_report(answer, cast.coordinator, reason="Không được.")


def test_province_and_agency_return_accept_and_reopen_with_their_audit(cast, world):
    police = world["province"].reports.get(agency=cast.police)
    police = actions.return_report(police, cast.coordinator, comment="Ghi rõ số tờ rơi.")
    police = _fill(police, cast.other_officer, {"leaflets": 9})
    police = actions.accept_report(police, cast.coordinator)
    police = actions.reopen_report(police, cast.coordinator, reason="Kiểm tra lại.")
    police = _fill(police, cast.other_officer, {"leaflets": 10})
    police = actions.accept_report(police, cast.coordinator)
    assert _trail(police) == [
        ("congan", "submit"),
        ("dieuphoi", "return"),
        ("congan", "submit"),
        ("dieuphoi", "accept"),
        ("dieuphoi", "reopen"),
        ("congan", "submit"),
        ("dieuphoi", "accept"),
    ]
    # The ministry reads the accepted report, never reviews it.
    ministry = world["levels"].ministry_coordinator
    assert reports_for_user(ministry).filter(pk=police.pk).exists()
    with pytest.raises(PermissionDenied):
        actions.reopen_report(police, ministry, reason="Không được.")


def test_rounds_command_lists_each_rounds_reports_under_it(cast, world):
    out = StringIO()
    call_command("rounds", "--year", "2023", "--reports", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Bộ: Bộ Lao động - Thương binh và Xã hội | Năm 2023")
    assert lines[1:3] == [
        "    - Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang: Chưa nộp",
        "    - Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn: Chưa nộp",
    ]
    bdt = lines.index("        - Ban Dân tộc tỉnh Bắc Giang: Đã tiếp nhận")
    assert lines[bdt - 1].startswith("    Tỉnh: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang")
    assert "            - Công an xã An Lập: Đã tiếp nhận" in lines
