"""Completeness and timeliness of a round, reminders, and results against the plan's targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken
from accounts.testing import aware, login_verified, make_agency, make_user
from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from rounds import actions
from rounds.completeness import completeness, target_results
from rounds.models import Report, ReportStatus, Target
from rounds.testing import DEADLINE, submitted

pytestmark = pytest.mark.django_db


def test_states_lateness_and_rate(seed_round, bdt_report, police_report, cast):
    with time_machine.travel(aware(2023, 12, 18), tick=False):
        actions.accept_report(submitted(bdt_report, cast.officer), cast.coordinator)
    with time_machine.travel(aware(2023, 12, 27), tick=False):
        actions.save_draft(police_report, cast.other_officer, actions.Draft(), version=0)
        summary = completeness(seed_round)
        assert summary.counts == {ReportStatus.ACCEPTED: 1, ReportStatus.DRAFT: 1}
        assert (summary.asked, summary.submitted, summary.on_time, summary.late) == (2, 1, 1, 1)
        assert summary.rate == Decimal(50)
        late = {r.agency.code: r.is_late() for r in summary.reports}
        assert late == {"BDT": False, "CAT": True}


def test_not_late_before_the_deadline(police_report):
    with time_machine.travel(aware(2023, 12, 19), tick=False):
        assert not police_report.is_late()


def test_completeness_page_runs_a_fixed_number_of_queries(client, seed_round, cast):
    login_verified(client, cast.coordinator)
    url = reverse("rounds:round_detail", args=[seed_round.pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(5):
        agency = make_agency(f"SO{n}", f"Sở số {n}", cast.province)
        seed_round.reports.create(agency=agency)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert len(large) == len(small)
    assert page.content.decode().count("Chưa nộp") >= 7


def test_round_list_runs_a_fixed_number_of_queries(
    client, seed_round, cast, django_assert_num_queries
):
    login_verified(client, cast.coordinator)
    client.get(reverse("rounds:round_list"))
    # 4 + the session's TOTP device, which django-otp checks on every verified request
    with django_assert_num_queries(6):  # with the notification bell
        page = client.get(reverse("rounds:round_list"))
    assert "0/2" in page.content.decode()


def test_reminders_go_to_agencies_that_have_not_submitted(
    seed_round, bdt_report, cast, django_capture_on_commit_callbacks
):
    cast.officer.email = "bdt@bacgiang.gov.vn"
    cast.officer.save()
    police = make_user("congan2", "officer", cast.police)
    police.email = "pc@congan.bacgiang.gov.vn"
    police.save()
    submitted(bdt_report, cast.officer)
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.send_reminders(seed_round, cast.coordinator)
    assert [a.code for a in result.reminded] == ["CAT"]
    (message,) = mail.outbox
    assert message.to == ["pc@congan.bacgiang.gov.vn"]
    assert message.subject.startswith("[tonghop] Nhắc nộp báo cáo")


def test_round_shows_results_against_the_plan_targets(seed_round, bdt_report, cast):
    plan = LegalDocument.objects.create(kind=DocumentKind.KE_HOACH, number="21", symbol="KHBCĐ")
    seed_round.plan = plan
    seed_round.save()
    Target.objects.create(plan=plan, indicator=Indicator.objects.get(code="leaflets"), value=40000)
    Target.objects.create(plan=plan, indicator=Indicator.objects.get(code="contests"), value=5)
    assert [r.actual for r in target_results(seed_round)] == [None, None]
    actions.accept_report(submitted(bdt_report, cast.officer), cast.coordinator)
    results = {r.target.indicator.code: (r.actual, r.achieved) for r in target_results(seed_round)}
    assert results == {"leaflets": (Decimal(43000), True), "contests": (Decimal(2), False)}


def _independent_counts(round_, now) -> dict[str, int]:
    """The round's counts straight from the database, filed time and lateness in SQL."""
    reports = Report.objects.filter(round=round_).annotate(
        filed=Coalesce("first_submitted_at", "submitted_at")
    )
    filed_late = reports.filter(filed__gt=round_.deadline).count()
    unfiled = reports.filter(filed__isnull=True).count()
    return {
        "asked": reports.count(),
        "submitted": reports.filter(status__in=["submitted", "accepted"]).count(),
        "on_time": reports.filter(filed__lte=round_.deadline).count(),
        "late": filed_late + (unfiled if now > round_.deadline else 0),
    }


def test_api_completeness_matches_an_independent_count(client, seed_round, bdt_report, cast):
    """The API reads the national round's reports as plain rows (rounds.completeness.progress):
    its counts and each report's lateness are those of the database and of completeness()."""
    before, after = DEADLINE - dt.timedelta(days=2), DEADLINE + dt.timedelta(days=3)
    histories = [  # status, first submitted, last submitted
        (ReportStatus.SUBMITTED, before, before),
        (ReportStatus.SUBMITTED, after, after),
        (ReportStatus.ACCEPTED, None, before),  # imported history: only the last submission
        (ReportStatus.ACCEPTED, None, after),
        (ReportStatus.RETURNED, before, before),
        (ReportStatus.SUBMITTED, before, after),  # resubmitted late: on time by the first
        (ReportStatus.DRAFT, None, None),
        (ReportStatus.NOT_STARTED, None, None),
    ]
    for n, (status, first, last) in enumerate(histories):
        seed_round.reports.create(
            agency=make_agency(f"SO{n}", f"Sở số {n}", cast.province),
            status=status,
            first_submitted_at=first,
            submitted_at=last,
            version=n,
        )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.coordinator, 'kiểm thử')[1]}"}
    url = f"/api/rounds/{seed_round.pk}"
    for now in (DEADLINE - dt.timedelta(days=1), after + dt.timedelta(days=1)):
        with time_machine.travel(now, tick=False):
            answer = client.get(url, **headers).json()
            expected = completeness(seed_round)
            lines = {
                r["agency_code"]: (r["status"], r["late"], r["version"]) for r in answer["reports"]
            }
            assert lines == {
                r.agency.code: (r.status, r.is_late(), r.version) for r in expected.reports
            }
        counts = {key: answer[key] for key in ("asked", "submitted", "on_time", "late")}
        assert counts == _independent_counts(seed_round, now)
        assert Decimal(answer["rate"]) == expected.rate == Decimal(50)  # 5 of 10
        assert [r["agency"] for r in answer["reports"]] == [r.agency.name for r in expected.reports]
    # After the deadline: two filed late, the seed's two reports and two more not filed.
    assert counts["late"] == 6 and counts["on_time"] == 4

    # A write shows in the next poll: nothing of the answer is kept between two.
    saved = submitted(bdt_report, cast.officer)
    answer = client.get(url, **headers).json()
    (line,) = [r for r in answer["reports"] if r["id"] == saved.pk]
    assert (line["status"], line["version"]) == ("submitted", saved.version)
    assert answer["submitted"] == 6
