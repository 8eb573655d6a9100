"""Completeness and timeliness of a round, reminders, and results against the plan's targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import aware, login_verified, make_agency, make_user
from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from rounds import actions
from rounds.completeness import completeness, target_results
from rounds.models import ReportStatus, Target
from rounds.testing import submitted

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
