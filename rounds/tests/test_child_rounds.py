"""Opening a round that answers a received request, and the tree of rounds (CLI, API, pages).

The chain of the seed: the ministry (Bộ LĐTBXH) asks the province's labour department, which
opens its own round (Công văn 3579) to its agencies; a commune's round answers the province.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, Role
from accounts.testing import aware, login_verified, make_agency, make_user, make_year, totp_for
from agencies.models import Agency, AgencyKind
from audit.models import AuditRecord
from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from places.models import AdministrativeUnit, Era
from rendering.builders import request_dispatch
from rendering.spec import Paragraph
from rounds import actions
from rounds.models import ReportStatus, Round
from rounds.outline import DEFAULT_OUTLINE, parse_outline
from rounds.tree import agency_with_place, level_name
from tonghop.testing import CHROMIUM, login_in_browser

PARENT_DEADLINE = aware(2023, 12, 20)


def make_ministry() -> Agency:
    country = AdministrativeUnit.objects.create(
        era=Era.BEFORE_2025, level="country", code="VN", name="Việt Nam", full_name="Việt Nam"
    )
    return make_agency(
        "BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", country, kind=AgencyKind.OTHER
    )


@pytest.fixture
def ministry_round(cast) -> Round:
    """The ministry's national round, asking the province's labour department (the cast's)."""
    ministry = make_ministry()
    minister = make_user("bo", Role.COORDINATOR, ministry)
    request = LegalDocument.objects.create(
        kind=DocumentKind.CONG_VAN,
        number="4120",
        symbol="LĐTBXH-PCTNXH",
        date=dt.date(2023, 11, 15),
        issuer=ministry,
        issuer_name="Bộ Lao động - Thương binh và Xã hội",
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=["leaflets", "trainings"])}
    return actions.open_round(
        minister,
        name="Báo cáo công tác phòng, chống mại dâm năm 2023 (toàn quốc)",
        period=make_year(2023),
        deadline=PARENT_DEADLINE,
        agencies=[cast.coordinating_agency],
        indicators=[(indicators["leaflets"], False), (indicators["trainings"], True)],
        outline=parse_outline(DEFAULT_OUTLINE),
        request=request,
    )


def open_child(cast, parent: Round, **changes) -> Round:
    arguments = {
        "name": "Báo cáo công tác phòng, chống mại dâm năm 2023",
        "deadline": actions.child_deadline(parent),
        "agencies": [cast.bdt, cast.police],
        "indicators": actions.carried_indicators(parent),
        **changes,
    }
    return actions.open_child_round(cast.coordinator, parent, **arguments)


def test_child_round_carries_the_request_indicators_period_and_outline(cast, ministry_round):
    child = open_child(cast, ministry_round)
    assert child.parent == ministry_round and child.period == ministry_round.period
    carried = {
        ri.indicator.code: (ri.answers.code if ri.answers else None, ri.by_locality)
        for ri in child.round_indicators.select_related("indicator", "answers")
    }
    assert carried == {"leaflets": ("leaflets", False), "trainings": ("trainings", True)}
    assert [s.title for s in child.sections.all()] == [
        s.title for s in ministry_round.sections.all()
    ]
    assert set(child.reports.values_list("agency__code", flat=True)) == {"BDT", "CAT"}
    opened = AuditRecord.objects.get(
        action="open", object_id=str(child.pk), field="trả lời đợt báo cáo"
    )
    assert opened.new == (
        "Báo cáo công tác phòng, chống mại dâm năm 2023 (toàn quốc) của Bộ Lao động - Thương binh "
        "và Xã hội"
    )


def test_internal_deadline_is_lead_days_before_the_request(cast, ministry_round, settings):
    assert actions.child_deadline(ministry_round) == PARENT_DEADLINE - dt.timedelta(days=5)
    settings.TONGHOP_CHILD_LEAD_DAYS = 10
    assert actions.child_deadline(ministry_round) == aware(2023, 12, 10)


def test_deadline_after_the_request_is_refused(cast, ministry_round):
    with pytest.raises(actions.WorkflowError) as refused:
        open_child(cast, ministry_round, deadline=PARENT_DEADLINE + dt.timedelta(hours=1))
    assert refused.value.details == [
        "Hạn nộp của đợt phải trước hạn báo cáo cấp trên (17:00 ngày 20/12/2023)."
    ]
    assert not ministry_round.children.exists()


def test_own_indicator_mapped_onto_the_request_and_own_ones_added(cast, ministry_round):
    leaflets, trainings, contests, sessions = (
        Indicator.objects.get(code=code)
        for code in ["leaflets", "trainings", "contests", "propaganda_sessions"]
    )
    child = open_child(
        cast,
        ministry_round,
        indicators=[
            actions.ChildIndicator(leaflets, False, leaflets),
            actions.ChildIndicator(sessions, True, trainings),  # the province's own, mapped
            actions.ChildIndicator(contests),  # the province's own, not asked above
        ],
    )
    mapping = {
        ri.indicator.code: ri.answers.code if ri.answers else None
        for ri in child.round_indicators.select_related("indicator", "answers")
    }
    assert mapping == {
        "leaflets": "leaflets",
        "propaganda_sessions": "trainings",
        "contests": None,
    }


def test_every_requested_indicator_must_be_answered_at_its_detail(cast, ministry_round):
    leaflets, trainings, contests = (
        Indicator.objects.get(code=code) for code in ["leaflets", "trainings", "contests"]
    )
    with pytest.raises(actions.WorkflowError) as refused:
        open_child(
            cast,
            ministry_round,
            indicators=[
                actions.ChildIndicator(leaflets, False, leaflets),
                actions.ChildIndicator(trainings, False, contests),
            ],
        )
    assert refused.value.details == [
        f"«{contests.name}» không phải chỉ tiêu của đợt báo cáo cấp trên.",
        f"Chưa có chỉ tiêu nào trả lời chỉ tiêu «{trainings.name}» của cấp trên.",
    ]
    with pytest.raises(actions.WorkflowError) as refused:
        open_child(
            cast,
            ministry_round,
            indicators=[
                actions.ChildIndicator(leaflets, False, leaflets),
                actions.ChildIndicator(trainings, False, trainings),
            ],
        )
    assert refused.value.details == [
        f"Chỉ tiêu «{trainings.name}»: cấp trên yêu cầu chi tiết theo địa bàn."
    ]


def test_only_the_asked_agency_coordinator_opens_a_child_round(cast, ministry_round):
    other = make_user("bcd", Role.COORDINATOR, make_agency("BCĐ", "Ban Chỉ đạo", cast.province))
    for user in (other, cast.officer, cast.admin):
        with pytest.raises(PermissionDenied):
            actions.open_child_round(
                user,
                ministry_round,
                name="x",
                deadline=actions.child_deadline(ministry_round),
                agencies=[cast.bdt],
                indicators=actions.carried_indicators(ministry_round),
            )


def _texts(spec) -> list[str]:
    return [block.text for block in spec.body if isinstance(block, Paragraph)]


def test_child_dispatch_cites_the_request_it_answers(cast, ministry_round):
    child = open_child(cast, ministry_round)
    assert _texts(request_dispatch(child))[0] == (
        "Thực hiện Công văn số 4120/LĐTBXH-PCTNXH ngày 15/11/2023 của Bộ Lao động - Thương binh "
        "và Xã hội."
    )
    # A round answering nothing cites nothing of the kind.
    assert not any(
        text.startswith("Thực hiện Công văn") for text in _texts(request_dispatch(ministry_round))
    )


# Pages --------------------------------------------------------------------------------------


def test_receiving_coordinator_opens_the_child_round_from_the_form(client, cast, ministry_round):
    report = ministry_round.reports.get()
    login_verified(client, cast.coordinator)
    assert (
        reverse("rounds:received_list") in client.get(reverse("rounds:round_list")).content.decode()
    )
    listing = client.get(reverse("rounds:received_list")).content.decode()
    assert reverse("rounds:received_request", args=[report.pk]) in listing
    page = client.get(reverse("rounds:received_request", args=[report.pk])).content.decode()
    assert "Mở đợt báo cáo để trả lời" in page
    form = client.get(reverse("rounds:child_round_open", args=[report.pk]))
    initial = form.context["form"].initial
    assert initial["deadline"].date() == dt.date(2023, 12, 15)
    assert initial["name"] == ministry_round.name
    leaflets, trainings = (Indicator.objects.get(code=c) for c in ["leaflets", "trainings"])
    response = client.post(
        reverse("rounds:child_round_open", args=[report.pk]),
        {
            "name": "Báo cáo công tác phòng, chống mại dâm năm 2023",
            "deadline": "2023-12-25T17:00",
            "agencies": [cast.bdt.pk],
            f"answer_{leaflets.pk}": leaflets.pk,
            f"answer_{trainings.pk}": trainings.pk,
            "outline": DEFAULT_OUTLINE,
        },
    )
    assert response.status_code == 200
    assert "Hạn nộp của đợt phải trước hạn báo cáo cấp trên" in response.content.decode()
    response = client.post(
        reverse("rounds:child_round_open", args=[report.pk]),
        {
            "name": "Báo cáo công tác phòng, chống mại dâm năm 2023",
            "deadline": "2023-12-15T17:00",
            "agencies": [cast.bdt.pk],
            f"answer_{leaflets.pk}": leaflets.pk,
            f"answer_{trainings.pk}": trainings.pk,
            "outline": DEFAULT_OUTLINE,
        },
    )
    child = ministry_round.children.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "rounds:round_detail", args=[child.pk]
    )
    assert child.round_indicators.get(indicator=trainings).by_locality  # asked by locality
    detail = client.get(response["Location"]).content.decode()
    assert f'Trả lời: <a href="{reverse("rounds:received_request", args=[report.pk])}">' in detail
    assert "của Bộ Lao động - Thương binh và Xã hội" in detail


def test_another_coordinator_cannot_reach_the_received_request(client, cast, ministry_round):
    report = ministry_round.reports.get()
    other = make_user("bcd", Role.COORDINATOR, make_agency("BCĐ", "Ban Chỉ đạo", cast.province))
    for user in (other, cast.officer, cast.viewer, cast.admin):
        login_verified(client, user)
        for name in ("rounds:received_request", "rounds:child_round_open"):
            assert client.get(reverse(name, args=[report.pk])).status_code == 404, (user, name)
        if user != other:
            assert client.get(reverse("rounds:received_list")).status_code == 404


# The tree: CLI and API ----------------------------------------------------------------------


@pytest.fixture
def three_levels(cast, ministry_round) -> Round:
    """Ministry -> province (the cast's labour department) -> a commune's People's Committee."""
    commune_agency = make_agency("UBNDXAL", "Ủy ban nhân dân xã An Lập", cast.commune)
    province_round = open_child(
        cast, ministry_round, agencies=[cast.bdt, cast.police, commune_agency]
    )
    accepted = province_round.reports.get(agency=cast.bdt)
    accepted.status = ReportStatus.ACCEPTED
    accepted.save()
    commune_coordinator = make_user("anlap", Role.COORDINATOR, commune_agency)
    return actions.open_child_round(
        commune_coordinator,
        province_round,
        name="Báo cáo của xã An Lập năm 2023",
        deadline=actions.child_deadline(province_round),
        agencies=[cast.police],
        indicators=actions.carried_indicators(province_round),
    )


def test_levels_and_names_as_people_say_them(cast):
    ministry = make_ministry()
    assert (level_name(ministry), agency_with_place(ministry)) == (
        "Bộ",
        "Bộ Lao động - Thương binh và Xã hội",
    )
    assert agency_with_place(cast.coordinating_agency) == (
        "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
    )
    assert agency_with_place(cast.police) == "Công an tỉnh Bắc Giang"
    assert level_name(cast.bdt) == "Tỉnh"
    cast.bdt.unit.level = "region"  # a level the tree does not know reads as a province
    assert level_name(cast.bdt) == "Tỉnh"


def test_rounds_command_prints_the_tree(cast, three_levels):
    out = StringIO()
    call_command("rounds", "--year", "2023", stdout=out)
    assert out.getvalue().splitlines() == [
        "Bộ: Bộ Lao động - Thương binh và Xã hội | Năm 2023 | hạn 20/12/2023 | "
        "đã tiếp nhận 0/1 báo cáo",
        "    Tỉnh: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang | Năm 2023 | "
        "hạn 15/12/2023 | đã tiếp nhận 1/3 báo cáo",
        "        Xã: Ủy ban nhân dân xã An Lập | Năm 2023 | hạn 10/12/2023 | "
        "đã tiếp nhận 0/1 báo cáo",
    ]
    out = StringIO()
    call_command("rounds", "--year", "2024", stdout=out)
    assert out.getvalue().strip() == "Chưa có đợt báo cáo nào."


def _token(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'kiểm thử')[1]}"}


def test_api_tree_nests_children_within_the_reader_scope(client, cast, three_levels):
    response = client.get(reverse("api:rounds_tree") + "?year=2023", **_token(cast.admin))
    assert response.status_code == 200
    (national,) = response.json()
    (province,) = national["children"]
    (commune,) = province["children"]
    assert (national["level"], province["level"], commune["level"]) == ("Bộ", "Tỉnh", "Xã")
    assert (province["accepted"], province["expected"]) == (1, 3)
    assert commune["coordinator"] == "Ủy ban nhân dân xã An Lập" and commune["children"] == []
    # The province's coordinator sees its subtree: its own round as a root, the commune's
    # round under it, never the ministry's above.
    mine = client.get(reverse("api:rounds_tree"), **_token(cast.coordinator)).json()
    assert [(node["level"], [c["level"] for c in node["children"]]) for node in mine] == [
        ("Tỉnh", ["Xã"])
    ]


# In the browser -----------------------------------------------------------------------------


@pytest.fixture
def received_for_browser(cast, ministry_round) -> tuple[int, str]:
    """The request's report id and the coordinator's TOTP, made before Playwright's loop."""
    Round.objects.filter(pk=ministry_round.pk).update(
        deadline=timezone.now() + dt.timedelta(days=20)
    )
    return ministry_round.reports.get().pk, totp_for(cast.coordinator)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_province_opens_its_round_to_answer_the_ministry(
    live_server, received_for_browser, browser, tmp_path
):
    report_id, otp = received_for_browser
    page = login_in_browser(browser, live_server, "dieuphoi", otp=otp)
    page.goto(f"{live_server.url}/dot-bao-cao/")
    page.click("#received-link")
    page.click("#received >> text=toàn quốc")
    assert "Bộ Lao động - Thương binh và Xã hội" in page.inner_text("main")
    page.click("text=Mở đợt báo cáo để trả lời")
    page.wait_for_url(lambda url: url.endswith(f"/yeu-cau-nhan/{report_id}/mo-dot/"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=tmp_path / "child-round-open-1366.png", full_page=True)
    assert page.is_checked("#mapping input[type=checkbox][disabled]")  # trainings, by locality
    page.fill("#id_name", "Báo cáo công tác phòng, chống mại dâm năm 2023 của tỉnh")
    page.click("button[type=submit]:has-text('Mở đợt báo cáo')")
    page.wait_for_selector("text=để trả lời cấp trên")
    assert page.inner_text("#parent-round") == (
        "Trả lời: Báo cáo công tác phòng, chống mại dâm năm 2023 (toàn quốc) của Bộ Lao động - "
        "Thương binh và Xã hội"
    )
    assert "Ban Dân tộc" in page.inner_text("#completeness")
