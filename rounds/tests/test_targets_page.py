"""The coordinator sets a round's targets from its plan on a page; reports and the compilation
show each figure against its target, checked here against an independent reading."""

from __future__ import annotations

import operator
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditRecord
from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from rounds import target_actions
from rounds.models import Target
from rounds.targets import target_status
from rounds.testing import make_report, make_round, make_value

RATE, CONTESTS, SESSIONS = "communes_regular_propaganda_pct", "contests", "propaganda_sessions"
WORDING = "ít nhất 70% xã, phường tổ chức tuyên truyền thường xuyên"
# Figures of the two agencies, and the targets: (comparison, value).
FIGURES = {"bdt": {RATE: "72.5", CONTESTS: 3, SESSIONS: 80}, "police": {CONTESTS: 1, SESSIONS: 45}}
TARGETS = {RATE: ("ge", 70), CONTESTS: ("ge", 5), SESSIONS: ("le", 150)}
# The rule as the plan's words say it, written apart from rounds.targets.
HOLDS = {"ge": operator.ge, "le": operator.le, "eq": operator.eq}


def expected(code: str, actual: Decimal | None) -> str:
    if actual is None:
        return "Chưa có số liệu"
    comparison, value = TARGETS[code]
    return "Đạt" if HOLDS[comparison](actual, value) else "Chưa đạt"


@pytest.fixture
def plan(cast):
    return LegalDocument.objects.create(
        kind=DocumentKind.KE_HOACH, number="21", symbol="KH-BCĐ", issuer=cast.coordinating_agency
    )


@pytest.fixture
def round_(cast):
    round_ = make_round(cast, 2023, [RATE, CONTESTS, SESSIONS])
    for agency in (cast.bdt, cast.police):
        report = make_report(round_, agency)
        key = "bdt" if agency == cast.bdt else "police"
        for code, value in FIGURES[key].items():
            make_value(code, agency, value, period=round_.period, report=report)
    return round_


def _page(round_) -> str:
    return reverse("rounds:round_targets", args=[round_.pk])


def _post(round_, code: str, comparison: str = "ge", value: str = "70", note: str = "") -> dict:
    indicator = Indicator.objects.get(code=code)
    return {"indicator": indicator.pk, "comparison": comparison, "value": value, "note": note}


def test_coordinator_picks_the_plan_and_sets_a_target_with_an_audit_record(
    client, cast, round_, plan
):
    login_verified(client, cast.coordinator)
    detail = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert _page(round_) in detail
    assert "chưa gắn với kế hoạch" in client.get(_page(round_)).content.decode()

    response = client.post(reverse("rounds:round_plan", args=[round_.pk]), {"plan": plan.pk})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.plan == plan

    response = client.post(_page(round_), _post(round_, RATE, "ge", "70", WORDING))
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.plan, target.indicator.code) == (plan, RATE)
    assert (target.comparison, target.value, target.note) == ("ge", Decimal(70), WORDING)
    page = client.get(_page(round_)).content.decode()
    assert "≥ 70 %" in page and WORDING in page
    assert "Tỷ lệ xã, phường, thị trấn tổ chức tuyên truyền thường xuyên" in page

    audit = AuditRecord.objects.filter(action="target", object_id=str(target.pk))
    assert {(r.field, r.old, r.new) for r in audit} == {
        ("so sánh", "", "≥"),
        ("mức mục tiêu", "", "70"),
        ("lời văn trong kế hoạch", "", WORDING),
    }
    assert {r.actor for r in audit} == {cast.coordinator}
    assert AuditRecord.objects.filter(action="edit", field="kế hoạch", new=str(plan)).exists()

    # The same indicator again changes the target in place, and the audit says from what.
    client.post(_page(round_), _post(round_, RATE, "ge", "72,5", WORDING))
    assert Target.objects.get().value == Decimal("72.5")
    assert AuditRecord.objects.filter(
        action="target", field="mức mục tiêu", old="70", new="72,5"
    ).exists()

    response = client.post(reverse("rounds:target_delete", args=[round_.pk, target.pk]))
    assert response.status_code == 302 and not Target.objects.exists()
    assert AuditRecord.objects.filter(action="delete", object_id=str(target.pk)).exists()


@pytest.mark.parametrize("who", ["officer", "other_officer", "viewer"])
def test_other_users_get_404_and_nothing_changes(client, cast, round_, plan, who):
    round_.plan = plan
    round_.save()
    target = Target.objects.create(plan=plan, indicator=Indicator.objects.get(code=RATE), value=70)
    login_verified(client, getattr(cast, who))
    assert client.get(_page(round_)).status_code == 404
    assert client.post(_page(round_), _post(round_, CONTESTS)).status_code == 404
    other = LegalDocument.objects.create(kind=DocumentKind.KE_HOACH, number="9", symbol="KH-X")
    plan_url = reverse("rounds:round_plan", args=[round_.pk])
    assert client.post(plan_url, {"plan": other.pk}).status_code == 404
    delete = reverse("rounds:target_delete", args=[round_.pk, target.pk])
    assert client.post(delete).status_code == 404
    round_.refresh_from_db()
    assert round_.plan == plan
    assert list(Target.objects.values_list("indicator__code", "value")) == [(RATE, Decimal(70))]
    assert not AuditRecord.objects.filter(action__in=["target", "delete", "edit"]).exists()
    detail = client.get(reverse("rounds:round_detail", args=[round_.pk]))
    assert _page(round_) not in detail.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "bảy mươi"}, "«bảy mươi»"),
        ({"value": "-5"}, "«-5» không phải là số hợp lệ"),
        ({"value": "120"}, "là tỷ lệ, không vượt quá 100%"),
        ({"value": "43,000"}, "có thể hiểu là"),
        ({"value": ""}, "Hãy nhập mức mục tiêu."),
        ({"comparison": "gt"}, "Cách so sánh phải là ≥, ≤ hoặc =."),
        ({"indicator": "trainings"}, "Chỉ tiêu đã chọn không có trong đợt báo cáo này."),
        ({"indicator": ""}, "Hãy chọn chỉ tiêu."),
        ({"note": "x" * 301}, "Lời văn dài quá 300 ký tự"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(
    client, cast, round_, plan, change, message
):
    round_.plan = plan
    round_.save()
    login_verified(client, cast.coordinator)
    data = _post(round_, RATE) | change
    if change.get("indicator"):
        data["indicator"] = Indicator.objects.get(code=change["indicator"]).pk
    response = client.post(_page(round_), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Target.objects.exists()
    assert not AuditRecord.objects.filter(action="target").exists()


def test_a_target_needs_the_plan_first(client, cast, round_):
    login_verified(client, cast.coordinator)
    page = client.get(_page(round_)).content.decode()
    assert 'id="target-form"' not in page
    with pytest.raises(target_actions.WorkflowError) as refused:
        target_actions.save_target(
            round_,
            cast.coordinator,
            target_actions.TargetInput(Indicator.objects.get(code=RATE), "ge", Decimal(70)),
        )
    assert "Đợt báo cáo chưa gắn với kế hoạch" in refused.value.details[0]
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("comparison", "target", "actual", "verdict"),
    [
        ("ge", "70", "72.5", "Đạt"),
        ("ge", "70", "70", "Đạt"),
        ("ge", "70", "69.9", "Chưa đạt"),
        ("le", "100", "125", "Chưa đạt"),
        ("le", "100", "100", "Đạt"),
        ("eq", "12", "12", "Đạt"),
        ("eq", "12", "11", "Chưa đạt"),
        ("ge", "70", None, "Chưa có số liệu"),
    ],
)
def test_target_status_reads_the_plan_as_written(comparison, target, actual, verdict):
    figure = None if actual is None else Decimal(actual)
    assert target_status(comparison, Decimal(target), figure) == verdict


def _statuses(html: str, table_id: str) -> dict[str, tuple[str, str]]:
    """Indicator name -> (figure, verdict) as the page's target table shows them."""
    import re

    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r"<tr><th scope=\"row\">([^<]+).*?</td><td>([^<]*)</td><td class=\"target-status\">([^<]+)</td></tr>",
        table,
        re.S,
    )
    return {name.strip(): (figure.strip(), verdict) for name, figure, verdict in rows}


def test_reports_and_compilation_show_results_against_targets(client, cast, round_, plan):
    round_.plan = plan
    round_.save()
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=TARGETS)}
    for code, (comparison, value) in TARGETS.items():
        target_actions.save_target(
            round_,
            cast.coordinator,
            target_actions.TargetInput(indicators[code], comparison, Decimal(value)),
        )
    login_verified(client, cast.coordinator)

    for key, agency in (("bdt", cast.bdt), ("police", cast.police)):
        report = round_.reports.get(agency=agency)
        html = client.get(reverse("rounds:report_detail", args=[report.pk])).content.decode()
        shown = _statuses(html, "report-targets")
        for code, indicator in indicators.items():
            own = FIGURES[key].get(code)
            actual = None if own is None else Decimal(str(own))
            assert shown[indicator.name][1] == expected(code, actual), (key, code)

    # The compiled total: counts add up over the two agencies; the rate has no parts reported.
    html = client.get(reverse("analytics:compilation", args=[round_.pk])).content.decode()
    shown = _statuses(html, "target-results")
    for code in (CONTESTS, SESSIONS):
        total = sum(Decimal(str(figures.get(code, 0))) for figures in FIGURES.values())
        assert shown[indicators[code].name] == (
            f"{total:f} {indicators[code].unit}",
            expected(code, total),
        )
    assert shown[indicators[RATE].name] == ("", "Chưa có số liệu")
    assert {verdict for _, verdict in shown.values()} == {"Đạt", "Chưa đạt", "Chưa có số liệu"}
