"""Reading at every level of the chain: a national round's ADX carries the provinces' compiled
answers when the round is named, no read over every round counts them twice, and the dashboard
names the rounds it reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import ApiToken, Role
from accounts.testing import login_verified, make_user
from analytics.exchange import ADX_NAMESPACE, org_unit
from rounds import actions
from rounds.models import DataValue, Report, ReportStatus
from rounds.testing import national_chain
from rounds.upward import answer_upward

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(cast):
    """Bắc Giang's answer sent to the ministry, submitted and accepted there."""
    chain = national_chain(cast)
    answer = Report.objects.get(pk=chain["answer"].pk)
    answer = answer_upward(cast.coordinator, chain["child"], version=answer.version)
    officer = make_user("ldtbxh", Role.OFFICER, cast.coordinating_agency)
    answer = actions.submit_report(answer, officer, version=answer.version)
    actions.accept_report(answer, chain["minister"])
    return chain


def adx(client, user, **params) -> set[tuple]:
    token = ApiToken.issue(user, "kiểm thử")[1]
    response = client.get("/api/data/values.adx", params, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        (group.get("orgUnit"), value.get("agency"), value.get("dataElement"), value.get("value"))
        for group in root.iter(f"{{{ADX_NAMESPACE}}}group")
        for value in group.iter(f"{{{ADX_NAMESPACE}}}dataValue")
    }


def expected(values) -> set[tuple]:
    return {
        (org_unit(v.place), v.agency.code, v.indicator.code, f"{v.value.normalize():f}")
        for v in values
    }


def test_the_national_round_exports_the_provinces_answers(client, cast, sent):
    national = sent["national"]
    accepted = DataValue.objects.filter(
        report__round=national,
        report__status=ReportStatus.ACCEPTED,
        category__isnull=True,
    )
    totals = [v for v in accepted if v.place_id == v.agency.unit_id]
    assert expected(totals) == adx(client, sent["minister"], round=national.pk)
    carried = {v for v in totals if v.report_id == sent["answer"].pk}
    assert carried and Decimal(5) in {v.value for v in carried}


def test_without_a_round_the_answers_are_not_counted_again(client, cast, sent):
    everything = adx(client, cast.admin)
    answer_values = expected(
        v
        for v in DataValue.objects.filter(report=sent["answer"], category__isnull=True)
        if v.place_id == v.agency.unit_id
    )
    assert answer_values and not answer_values & everything
    # The province's own round, named, gives its agencies' accepted entries.
    child = sent["child"]
    own = DataValue.objects.filter(
        report__round=child, report__status=ReportStatus.ACCEPTED, category__isnull=True
    )
    own_totals = expected(v for v in own if v.place_id == v.agency.unit_id)
    assert own_totals == adx(client, cast.coordinator, round=child.pk)


def test_the_dashboard_says_which_rounds_it_reads(client, cast, sent):
    login_verified(client, sent["minister"])
    page = client.get(reverse("analytics:dashboard"), {"nam": 2023}).content.decode()
    listed = page.split('id="rounds-read"')[1].split("</p>")[0]
    for round_ in (sent["national"], sent["child"]):
        assert f"«{round_.name}» ({round_.coordinator.name})" in listed
    assert "2 đợt báo cáo" in listed
    assert "không được cộng lại" in listed
