"""The home page's to-do lists (rounds.todo): each role's items, days left, scoping, query cost."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.testing import aware, login_verified, make_agency, make_levels, make_user
from rounds import actions
from rounds.models import Report, ReportStatus, Round
from rounds.testing import (
    SEED_CODES,
    SEED_FIGURES,
    make_report,
    make_round,
    make_value,
    national_chain,
    open_seed_round,
    seed_draft,
    submitted,
)
from rounds.todo import coordinator_todo, due, officer_todo, todo_for

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HANOI)


# The deadline: 17:00 on 20/12/2023 in Vietnam, 10:00 UTC.
DEADLINE = vn(2023, 12, 20, 17)


@pytest.mark.parametrize(
    ("now", "days_left", "overdue", "words"),
    [
        (vn(2023, 12, 17, 9), 3, False, "còn 3 ngày"),
        # 23:30 in Vietnam is still the 19th there, 16:30 UTC: one day left, not two.
        (vn(2023, 12, 19, 23, 30), 1, False, "còn 1 ngày"),
        (vn(2023, 12, 20, 8), 0, False, "hết hạn 17:00 hôm nay"),
        (vn(2023, 12, 20, 17), 0, False, "hết hạn 17:00 hôm nay"),
        (vn(2023, 12, 20, 17, 1), 0, True, "quá hạn từ 17:00 hôm nay"),
        # 00:30 on the 21st in Vietnam is 17:30 on the 20th in UTC: a day late already.
        (vn(2023, 12, 21, 0, 30), -1, True, "quá hạn 1 ngày"),
        (vn(2023, 12, 22, 8), -2, True, "quá hạn 2 ngày"),
    ],
)
def test_days_left_counted_in_vietnamese_calendar_days(now, days_left, overdue, words):
    result = due(DEADLINE.astimezone(dt.UTC), now.astimezone(dt.UTC))
    assert (result.days_left, result.overdue, result.words) == (days_left, overdue, words)


def test_days_left_tone_marks_three_days_as_soon():
    assert due(DEADLINE, vn(2023, 12, 16, 9)).tone == "ok"
    assert due(DEADLINE, vn(2023, 12, 17, 9)).tone == "soon"
    assert due(DEADLINE, vn(2023, 12, 21, 9)).tone == "late"


@pytest.fixture
def officer_world(cast):
    """BDT: a returned seed report, a draft of 2 out of 3 indicators, a round not begun, and
    one accepted; the police have drafts of their own in the same rounds."""
    seed = open_seed_round(cast)
    bdt_report = submitted(seed.reports.get(agency=cast.bdt), cast.officer)
    actions.return_report(bdt_report, cast.coordinator, comment="Bổ sung số lớp tập huấn.")
    police_seed = seed.reports.get(agency=cast.police)
    actions.save_draft(
        police_seed, cast.other_officer, seed_draft(police_seed), version=police_seed.version
    )

    drafting = make_round(cast, 2024, ["contests", "trainings", "leaflets"])
    drafting.deadline = aware(2024, 12, 15)
    drafting.save()
    bdt_draft = make_report(drafting, cast.bdt, ReportStatus.DRAFT)
    for code in ("contests", "trainings"):
        make_value(code, cast.bdt, 3, period=drafting.period, report=bdt_draft)
    make_value(
        "contests", cast.bdt, 3, period=drafting.period, place=cast.son_dong, report=bdt_draft
    )
    make_report(drafting, cast.police, ReportStatus.DRAFT)

    fresh = make_round(cast, 2025, ["contests"])
    make_report(fresh, cast.bdt, ReportStatus.NOT_STARTED)
    done = make_round(cast, 2022, ["contests"])
    make_report(done, cast.bdt, ReportStatus.ACCEPTED)
    return {"seed": seed, "drafting": drafting, "fresh": fresh, "done": done}


def test_officer_sees_returned_drafts_and_rounds_to_start(cast, officer_world):
    now = vn(2024, 12, 12, 9)
    todo = officer_todo(cast.officer, now)

    (returned,) = todo.returned
    assert returned.report.round == officer_world["seed"]
    assert returned.report.review_comment == "Bổ sung số lớp tập huấn."
    assert returned.returned_at is not None
    assert timezone.localdate(returned.returned_at) == timezone.localdate()
    # The seed figures, one per indicator, of the seed's indicators.
    assert (returned.filled, returned.asked) == (len(SEED_FIGURES), len(SEED_CODES))
    assert returned.due.words == "quá hạn 358 ngày"  # 20/12/2023 to 12/12/2024

    (draft,) = todo.drafts
    assert draft.report.round == officer_world["drafting"]
    # Two indicators given (one at two places), out of three asked.
    assert (draft.filled, draft.asked) == (2, 3)
    assert draft.due.words == "còn 3 ngày"

    (fresh,) = todo.to_start
    assert fresh.report.round == officer_world["fresh"]
    assert (fresh.filled, fresh.asked) == (0, 1)
    assert [g.key for g in todo.groups] == ["returned", "drafts", "to-start"]


def test_officer_never_sees_another_agencys_reports(cast, officer_world):
    for user, agency in ((cast.officer, cast.bdt), (cast.other_officer, cast.police)):
        todo = officer_todo(user)
        items = todo.returned + todo.drafts + todo.to_start
        assert items and {item.report.agency for item in items} == {agency}
    police = officer_todo(cast.other_officer)
    assert len(police.drafts) == 2 and not police.returned


def test_officer_without_agency_has_nothing_to_do(cast):
    stray = make_user("lac", Role.OFFICER)
    assert officer_todo(stray).groups == []


@pytest.fixture
def coordinator_world(cast):
    """Rounds of the Sở LĐTBXH in every state, and a round of another coordinating agency."""
    now = aware(2024, 6, 10, 9)
    police_pd = make_agency("PC", "Phòng Cảnh sát hình sự", cast.province)
    # Open, two reports waiting for review, submitted at different hours.
    open_ = make_round(cast, 2024, ["contests"])
    open_.deadline = aware(2024, 6, 30)
    open_.save()
    for agency, hour in ((cast.bdt, 15), (cast.police, 8)):
        report = make_report(open_, agency, ReportStatus.SUBMITTED)
        report.submitted_at = aware(2024, 6, 5, hour)
        report.save()
    make_report(open_, police_pd, ReportStatus.DRAFT)
    # Past its deadline: one accepted, two late (a draft and a returned report).
    late = make_round(cast, 2023, ["contests"])
    late.deadline = aware(2024, 6, 7)
    late.save()
    make_report(late, cast.bdt, ReportStatus.ACCEPTED)
    make_report(late, cast.police, ReportStatus.RETURNED)
    make_report(late, police_pd, ReportStatus.NOT_STARTED)
    # Every report accepted before the deadline.
    complete = make_round(cast, 2025, ["contests"])
    complete.deadline = aware(2024, 7, 30)
    complete.save()
    make_report(complete, cast.bdt, ReportStatus.ACCEPTED)
    # Past the deadline with nothing accepted: nothing to compile.
    empty = make_round(cast, 2022, ["contests"])
    empty.deadline = aware(2024, 5, 1)
    empty.save()
    make_report(empty, cast.bdt, ReportStatus.NOT_STARTED)
    # Another coordinating agency's round, late and with a report waiting.
    committee = make_agency("BCĐ", "Ban Chỉ đạo 138 tỉnh", cast.province)
    other = Round.objects.create(
        name="Báo cáo của Ban Chỉ đạo",
        coordinator=committee,
        period=open_.period,
        deadline=aware(2024, 6, 1),
    )
    make_report(other, cast.bdt, ReportStatus.SUBMITTED)
    make_report(other, cast.police, ReportStatus.DRAFT)
    other_coordinator = make_user("bcd", Role.COORDINATOR, committee)
    return {
        "now": now,
        "open": open_,
        "late": late,
        "complete": complete,
        "empty": empty,
        "other": other,
        "other_coordinator": other_coordinator,
    }


def test_coordinator_sees_waiting_oldest_first_late_agencies_and_rounds_to_compile(
    cast, coordinator_world
):
    world = coordinator_world
    todo = coordinator_todo(cast.coordinator, world["now"])
    assert [w.report.agency for w in todo.waiting] == [cast.police, cast.bdt]
    assert {w.report.round for w in todo.waiting} == {world["open"]}

    # The earliest deadline first: the round with nothing accepted is late too.
    empty, late = todo.late
    assert (empty.round, [r.agency for r in empty.late]) == (world["empty"], [cast.bdt])
    assert empty.due.words == "quá hạn 40 ngày"  # 01/5 to 10/6/2024
    assert late.round == world["late"] and late.reminded_at is None
    assert late.due.words == "quá hạn 3 ngày"
    assert sorted(r.agency.code for r in late.late) == ["CAT", "PC"]

    assert [(r.round, r.accepted, r.asked, r.all_accepted) for r in todo.ready] == [
        (world["complete"], 1, 1, True),
        (world["late"], 1, 3, False),
    ]
    assert todo.received == [] and todo.units == "cơ quan, đơn vị"


def test_coordinator_sees_only_the_rounds_its_agency_runs(cast, coordinator_world):
    world = coordinator_world
    other = coordinator_todo(world["other_coordinator"], world["now"])
    assert [w.report.round for w in other.waiting] == [world["other"]]
    assert [r.round for r in other.late] == [world["other"]]
    assert [r.agency for r in other.late[0].late] == [cast.police]
    assert other.ready == []


def test_late_round_says_when_it_was_last_reminded(cast, coordinator_world):
    world = coordinator_world
    actions.send_reminders(world["late"], cast.coordinator)
    todo = coordinator_todo(cast.coordinator, world["now"])
    reminded = {late.round: late.reminded_at for late in todo.late}
    assert reminded[world["empty"]] is None
    assert reminded[world["late"]] is not None
    assert abs(reminded[world["late"]] - timezone.now()) < dt.timedelta(minutes=5)


def test_ministry_sees_provinces_late_and_the_province_its_request(cast):
    chain = national_chain(cast)
    after = aware(2024, 1, 5)
    ministry = coordinator_todo(chain["minister"], after)
    assert ministry.units == "tỉnh, thành phố"
    (late,) = ministry.late
    assert late.round == chain["national"]
    assert [r.agency for r in late.late] == [cast.coordinating_agency]
    assert late.due.words == "quá hạn 5 ngày"
    # Lạng Sơn's report is accepted and the deadline passed: the round can be compiled.
    assert [r.round for r in ministry.ready] == [chain["national"]]

    province = coordinator_todo(cast.coordinator, after)
    (request,) = province.received
    assert request.report == chain["answer"]
    assert request.answer_round_id == chain["child"].pk
    assert request.due.words == "quá hạn 5 ngày"
    # The province's own round, every report accepted, is ready; the request is not its own.
    assert [r.round for r in province.ready] == [chain["child"]]


def test_commune_officer_and_coordinator_see_the_request_to_their_commune(cast):
    levels = make_levels(cast)
    round_ = make_round(cast, 2024, ["contests"])
    round_.deadline = aware(2024, 12, 15)
    round_.save()
    report = make_report(round_, levels.commune_agency, ReportStatus.NOT_STARTED)
    now = aware(2024, 12, 14, 9)
    officer = officer_todo(levels.commune_officer, now)
    assert [item.report for item in officer.to_start] == [report]
    assert officer.to_start[0].due.words == "còn 1 ngày"
    coordinator = coordinator_todo(levels.commune_coordinator, now)
    assert [(r.report, r.answer_round_id) for r in coordinator.received] == [(report, None)]
    assert coordinator.units == "cơ quan, đơn vị"
    assert not coordinator.waiting and not coordinator.late


def test_leadership_has_no_list_and_the_administrator_the_entry_points(cast, client):
    assert todo_for(cast.viewer) is None
    todo = todo_for(cast.admin)
    assert todo is not None and todo.kind == "admin"
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    login_verified(client, cast.admin)
    for entry in todo.entry_points:
        assert client.get(entry.url).status_code == 200, entry.label


def _queries(function, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(*args)
    return len(captured.captured_queries)


def _more_rounds(cast, count: int, start: int, third) -> None:
    for n in range(count):
        round_ = make_round(cast, start + n, ["contests", "trainings"])
        round_.deadline = aware(2024, 6, 1 + n)
        round_.save()
        draft = make_report(round_, cast.bdt, ReportStatus.DRAFT)
        make_value("contests", cast.bdt, 1, period=round_.period, report=draft)
        make_report(round_, cast.police, ReportStatus.RETURNED)
        submitted_ = make_report(round_, third, ReportStatus.SUBMITTED)
        submitted_.submitted_at = aware(2024, 5, 1 + n)
        submitted_.save()


def test_lists_cost_the_same_queries_for_two_rounds_or_twelve(cast):
    national_chain(cast)
    third = make_agency("PC", "Phòng Cảnh sát hình sự", cast.province)
    now = aware(2024, 7, 1)
    _more_rounds(cast, 2, 2000, third)
    few = {
        "officer": _queries(officer_todo, cast.officer, now),
        "returned": _queries(officer_todo, cast.other_officer, now),
        "coordinator": _queries(coordinator_todo, cast.coordinator, now),
    }
    _more_rounds(cast, 10, 2010, third)
    many = {
        "officer": _queries(officer_todo, cast.officer, now),
        "returned": _queries(officer_todo, cast.other_officer, now),
        "coordinator": _queries(coordinator_todo, cast.coordinator, now),
    }
    assert many == few
    assert len(officer_todo(cast.officer, now).drafts) == 12
    assert len(coordinator_todo(cast.coordinator, now).waiting) == 12


def test_home_shows_the_officer_the_days_left_and_the_link_to_the_form(cast, client):
    round_ = make_round(cast, 2024, ["contests", "trainings"])
    round_.deadline = timezone.now() + dt.timedelta(days=10)
    round_.save()
    report = make_report(round_, cast.bdt, ReportStatus.DRAFT)
    make_value("contests", cast.bdt, 4, period=round_.period, report=report)
    other = make_report(round_, cast.police, ReportStatus.DRAFT)
    client.force_login(cast.officer)
    page = client.get(reverse("home")).content.decode()
    days = (timezone.localdate(round_.deadline) - timezone.localdate()).days
    assert f"Còn {days} ngày" in page
    assert "1/2 chỉ tiêu đã nhập" in page
    assert reverse("rounds:report_edit", args=[report.pk]) in page
    assert reverse("rounds:report_edit", args=[other.pk]) not in page
    assert timezone.localtime(round_.deadline).strftime("%d/%m/%Y") in page


def test_home_sends_leadership_to_the_dashboard(cast, client):
    client.force_login(cast.viewer)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("analytics:dashboard")


def test_reminder_from_home_comes_back_home_and_ignores_another_site(
    cast, client, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = make_round(cast, 2024, ["contests"])
    round_.deadline = timezone.now() - dt.timedelta(days=2)
    round_.save()
    make_report(round_, cast.bdt, ReportStatus.NOT_STARTED)
    cast.officer.email = "bdt@example.vn"
    cast.officer.save()
    login_verified(client, cast.coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Quá hạn 2 ngày" in page and "Ban Dân tộc" in page
    url = reverse("rounds:round_remind", args=[round_.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"next": "/"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Đã gửi thư nhắc tới 1 cơ quan, đơn vị chưa nộp." in response.content.decode()
    assert len(mailoutbox) == 1
    response = client.post(url, {"next": "https://example.com/"})
    assert response["Location"] == reverse("rounds:round_detail", args=[round_.pk])


def test_an_officer_cannot_remind_from_home(cast, client):
    round_ = make_round(cast, 2024, ["contests"])
    make_report(round_, cast.bdt, ReportStatus.NOT_STARTED)
    client.force_login(cast.officer)
    url = reverse("rounds:round_remind", args=[round_.pk])
    assert client.post(url, {"next": "/"}).status_code == 404
    assert Report.objects.get(round=round_).status == ReportStatus.NOT_STARTED
