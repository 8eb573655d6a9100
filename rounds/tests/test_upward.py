"""Answering upward: a province's accepted compilation carried into the ministry's round."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import login_verified, totp_for
from agencies.models import Agency
from analytics.compilation import compile_round
from analytics.rollup import Question, rollup
from audit.models import AuditRecord
from catalogue.models import Indicator
from datavalues.models import Source
from places.models import Era, Level
from rounds import actions
from rounds.access import ValueScope, values_for_user
from rounds.models import DataValue, Report, ReportStatus
from rounds.testing import CHAIN_CODES, national_chain
from rounds.upward import answer_upward, get_lineage, outdated_answers, outdated_values
from tonghop.testing import CHROMIUM, login_in_browser


@pytest.fixture
def chain(cast):
    return national_chain(cast)


def typed(indicator: str, place=None, **filters) -> Decimal:
    """The agencies' own accepted entries, summed independently of the roll-up."""
    values = DataValue.objects.filter(
        indicator__code=indicator,
        report__status=ReportStatus.ACCEPTED,
        report__compiled_from__isnull=True,
        category__isnull=True,
        **filters,
    )
    values = values.filter(place=place) if place else values.filter(place_id=F("agency__unit_id"))
    return sum((v.value for v in values), Decimal(0))


def carried(answer: Report, code: str, place=None) -> DataValue:
    return DataValue.objects.get(
        report=answer, indicator__code=code, place=place or answer.agency.unit
    )


def send(cast, chain) -> Report:
    answer = Report.objects.get(pk=chain["answer"].pk)
    return answer_upward(cast.coordinator, chain["child"], version=answer.version)


def test_answer_carries_the_accepted_compilation_with_its_lineage(cast, chain):
    answer = send(cast, chain)
    assert answer.compiled_from == chain["child"]
    contests = carried(answer, "contests")
    assert contests.value == 5 and contests.source == Source.CARRIED
    expected = set(
        DataValue.objects.filter(
            report__round=chain["child"], indicator__code="contests"
        ).values_list("pk", flat=True)
    )
    assert set(contests.carried_from.values_list("pk", flat=True)) == expected
    participants = carried(answer, "contest_participants")
    assert (participants.value, participants.qualifier) == (540, "more_than")
    son_dong = carried(answer, "propaganda_sessions", cast.son_dong)
    assert son_dong.value == 60
    assert AuditRecord.objects.filter(action="value", object_id=str(contests.pk)).exists()


def test_carried_totals_equal_the_child_compilation(cast, chain):
    answer = send(cast, chain)
    compilation = compile_round(chain["child"])
    for line in compilation.lines:
        if line.indicator.code not in CHAIN_CODES:
            continue
        value = carried(answer, line.indicator.code)
        assert (value.value, value.qualifier) == (line.total.value, line.total.qualifier)
        for place_id, figure in line.by_place.items():
            if line.indicator.code == "propaganda_sessions":
                assert carried(answer, line.indicator.code, place_id).value == figure.value


def test_only_the_child_coordinator_answers_and_nothing_is_written_on_failure(cast, chain):
    answer = chain["answer"]
    for user in (cast.officer, cast.admin, chain["minister"]):
        with pytest.raises(PermissionDenied):
            answer_upward(user, chain["child"], version=answer.version)
    with pytest.raises(actions.VersionConflict):
        answer_upward(cast.coordinator, chain["child"], version=answer.version + 1)
    assert not DataValue.objects.filter(report=answer).exists()
    Report.objects.filter(pk=answer.pk).update(status=ReportStatus.SUBMITTED)
    with pytest.raises(actions.WorkflowError):
        answer_upward(cast.coordinator, chain["child"], version=answer.version)
    assert not DataValue.objects.filter(report=answer).exists()
    assert Report.objects.get(pk=answer.pk).compiled_from is None


def test_a_correction_below_marks_the_answer_outdated_until_it_is_sent_again(cast, chain):
    answer = send(cast, chain)
    assert not outdated_values(answer)
    bdt = chain["child"].reports.get(agency=cast.bdt)
    actions.reopen_report(bdt, cast.coordinator, reason="Sửa số hội thi")
    bdt.refresh_from_db()
    contests = actions.build_sheet(bdt).find("contests")
    draft = actions.Draft(values={contests.key: actions.CellInput(Decimal(4))})
    saved = actions.save_draft(bdt, cast.officer, draft, version=bdt.version)
    # Reopened: BDT's figures no longer count, the answer is outdated but unchanged above.
    stale = outdated_values(answer)
    assert carried(answer, "contests") in stale.values
    assert carried(answer, "contests").value == 5
    submitted = actions.submit_report(saved, cast.officer, version=saved.version)
    actions.accept_report(submitted, cast.coordinator)
    assert carried(answer, "contests").value == 5
    assert answer in outdated_answers(chain["national"])
    flags = compile_round(chain["national"]).flags
    assert any("Số liệu cấp dưới đã thay đổi sau khi gửi, chưa gửi lại" in f for f in flags)
    answer = send(cast, chain)
    assert carried(answer, "contests").value == 7
    assert not outdated_values(answer)
    assert not outdated_answers(chain["national"])


def test_roll_ups_count_each_typed_value_once(cast, chain):
    answer = send(cast, chain)
    Report.objects.filter(pk=answer.pk).update(status=ReportStatus.ACCEPTED)
    contests = Indicator.objects.get(code="contests")
    question = Question((contests.pk,), era=Era.BEFORE_2025, first_year=2023, last_year=2023)
    total = rollup(question)[(contests.pk,)].value
    assert total == typed("contests") == 2 + 3 + 7
    assert not values_for_user(cast.admin).filter(report=answer).exists()
    assert DataValue.objects.filter(ValueScope().condition(answers=True), report=answer).exists()
    # The national round's compilation reads its own reports: the provinces' answers.
    national = compile_round(chain["national"])
    line = next(li for li in national.lines if li.indicator.code == "contests")
    answers = DataValue.objects.filter(
        report__round=chain["national"],
        indicator=contests,
        place_id=F("agency__unit_id"),
    )
    assert line.total.value == sum(v.value for v in answers) == 5 + 7
    assert {p.pk for p in national.places} >= {cast.province.pk}
    assert all(p.level == Level.PROVINCE for p in national.places)


def test_lineage_lists_what_the_reader_may_see(cast, chain, client):
    answer = send(cast, chain)
    Report.objects.filter(pk=answer.pk).update(status=ReportStatus.ACCEPTED)
    contests = carried(answer, "contests")
    node = get_lineage(cast.admin, contests.pk)
    assert sorted(c.value.value for c in node.children) == [2, 3]
    # The ministry reads down its subtree: the province round's accepted entries, no others.
    minister = get_lineage(chain["minister"], contests.pk)
    assert sorted(c.value.value for c in minister.children) == [2, 3] and minister.hidden == 0
    police = chain["child"].reports.get(agency=cast.police)
    actions.reopen_report(police, cast.coordinator, reason="Kiểm tra lại.")
    minister = get_lineage(chain["minister"], contests.pk)
    assert [c.value.value for c in minister.children] == [2] and minister.hidden == 1
    actions.accept_report(
        actions.submit_report(police, cast.other_officer, version=police.version + 1),
        cast.coordinator,
    )
    login_verified(client, cast.admin)
    body = client.get(f"/api/values/{contests.pk}/lineage").json()
    assert body["display"] == "5" and len(body["carried_from"]) == 2 and body["hidden"] == 0
    page = client.get(f"/so-lieu/{contests.pk}/nguon/")
    assert page.status_code == 200 and "Ban Dân tộc" in page.content.decode()
    report_page = client.get(f"/bao-cao/{answer.pk}/").content.decode()
    assert "Xem nguồn số liệu" in report_page
    login_verified(client, cast.officer)
    assert client.get(f"/api/values/{contests.pk}/lineage").status_code == 404
    assert client.get(f"/so-lieu/{contests.pk}/nguon/").status_code == 404


def test_agency_of_a_country_unit(chain):
    assert Agency.objects.get(pk=chain["ministry"].pk).unit.province() == chain["country"]


def test_the_round_page_sends_the_compilation_up_and_shows_what_changed(cast, chain, client):
    child = chain["child"]
    page = reverse("rounds:round_detail", args=[child.pk])
    answer_url = reverse("rounds:round_answer", args=[child.pk])
    login_verified(client, cast.coordinator)
    assert "Chuyển số liệu tổng hợp lên cấp trên" in client.get(page).content.decode()
    answer = Report.objects.get(pk=chain["answer"].pk)
    client.post(answer_url, {"version": answer.version})
    answer.refresh_from_db()
    assert answer.compiled_from == child
    assert carried(answer, "contests").value == typed("contests", report__round=child) == 5
    text = client.get(page).content.decode()
    assert "khớp với các báo cáo đã tiếp nhận" in text
    assert "Gửi lại số liệu tổng hợp lên cấp trên" in text
    # A correction below: the page says so, the answer is unchanged until sent again.
    bdt = child.reports.get(agency=cast.bdt)
    actions.reopen_report(bdt, cast.coordinator, reason="Sửa số hội thi")
    text = client.get(page).content.decode()
    assert "số liệu cấp dưới đã thay đổi sau khi gửi, chưa gửi lại" in text
    assert carried(answer, "contests").value == 5
    # A stale version is refused with the page's message and writes nothing.
    response = client.post(answer_url, {"version": answer.version - 1}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [actions.CONFLICT_MESSAGE]
    assert carried(answer, "contests").value == 5
    client.post(answer_url, {"version": Report.objects.get(pk=answer.pk).version})
    assert carried(answer, "contests").value == typed("contests", report__round=child) == 3


def test_only_the_child_coordinator_may_send_from_the_page(cast, chain, client):
    answer_url = reverse("rounds:round_answer", args=[chain["child"].pk])
    version = chain["answer"].version
    for user in (cast.officer, cast.admin, chain["minister"]):
        client.force_login(user)
        login_verified(client, user)
        assert client.post(answer_url, {"version": version}).status_code == 404
    assert not DataValue.objects.filter(report=chain["answer"]).exists()


def test_answers_as_sent_are_not_recomputed(cast, chain):
    """outdated_answers recomputes only the answers whose child round changed since sending."""
    send(cast, chain)
    with CaptureQueriesContext(connection) as unchanged:
        assert outdated_answers(chain["national"]) == {}
    assert len(unchanged) == 2  # the answers, the children's fingerprints
    bdt = chain["child"].reports.get(agency=cast.bdt)
    actions.reopen_report(bdt, cast.coordinator, reason="Sửa số hội thi")
    with CaptureQueriesContext(connection) as changed:
        assert list(outdated_answers(chain["national"])) == [chain["answer"]]
    assert len(changed) > 2


def test_the_panel_links_the_answer_its_coordinator_reads(cast, chain, client):
    login_verified(client, cast.coordinator)
    page = client.get(reverse("rounds:round_detail", args=[chain["child"].pk]))
    answer_page = reverse("rounds:report_detail", args=[chain["answer"].pk])
    assert answer_page in page.content.decode()
    assert client.get(answer_page).status_code == 200


# In the browser -----------------------------------------------------------------------------


@pytest.fixture
def chain_for_browser(cast) -> tuple[dict, object]:
    """The chain and the coordinator's TOTP, made before Playwright's loop."""
    return national_chain(cast), totp_for(cast.coordinator)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_province_answers_the_ministry_from_its_round(
    live_server, cast, chain_for_browser, browser, tmp_path
):
    chain, otp = chain_for_browser
    page = login_in_browser(browser, live_server, "dieuphoi", otp=otp)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/dot-bao-cao/{chain['child'].pk}/")
    assert "Số liệu của đợt này chưa được chuyển lên." in page.inner_text("#answer-upward")
    page.click("#answer-upward button:has-text('Chuyển số liệu tổng hợp lên cấp trên')")
    page.wait_for_selector("text=Đã chuyển số liệu tổng hợp")
    page.screenshot(path=tmp_path / "answer-upward-1366.png", full_page=True)
    panel = page.inner_text("#answer-upward")
    assert "khớp với các báo cáo đã tiếp nhận" in panel
    answer = Report.objects.get(pk=chain["answer"].pk)
    assert answer.compiled_from_id == chain["child"].pk
    assert carried(answer, "contests").value == typed("contests", report__round=chain["child"])
    page.click("#answer-upward a")  # the answer itself, which the province then submits
    page.wait_for_url(lambda url: url.endswith(f"/bao-cao/{answer.pk}/"))
    # Its own answer is outside the values it reads (value_scope): the figures show where they
    # come from, without a link to a lineage page that would answer 404 (rounds.access).
    main = page.inner_text("main")
    assert "Tổng hợp từ đợt" in main and "Xem nguồn số liệu" not in main
