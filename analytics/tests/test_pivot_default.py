"""The pivot opens on the latest round's indicators by agency; views saved by name, shared by link."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.db.models import F
from django.urls import reverse

from accounts.testing import login_verified
from analytics.models import SavedView
from analytics.tables import show
from audit.models import AuditRecord
from datavalues.figures import Figure
from datavalues.models import Qualifier
from rounds.models import DataValue, ReportStatus
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db

CODES = ["propaganda_attendance", "trainings"]


@pytest.fixture
def filled(cast):
    """Rounds of 2022 and 2023; in 2023 the police's report is submitted, not yet accepted, and
    the coordinator typed a BDT figure outside any report (not the round's)."""
    for year, bdt, police in ((2022, 100, 30), (2023, 540, 70)):
        round_ = make_round(cast, year, CODES)
        accepted = make_report(round_, cast.bdt)
        other = make_report(
            round_, cast.police, ReportStatus.SUBMITTED if year == 2023 else ReportStatus.ACCEPTED
        )
        period = round_.period
        make_value(
            "propaganda_attendance", cast.bdt, bdt, period=period, report=accepted,
            qualifier=Qualifier.MORE_THAN,
        )  # fmt: skip
        make_value("propaganda_attendance", cast.police, police, period=period, report=other)
        make_value("trainings", cast.bdt, 5, period=period, report=accepted)
        make_value("trainings", cast.bdt, 2, period=period, report=accepted, place=cast.son_dong)
        make_value("trainings", cast.police, 3, period=period, report=other)
    make_value("trainings", cast.bdt, 900, period=round_.period)
    cast.round = round_
    return cast


def expected_cells(round_, agency_ids=None) -> dict[tuple[str, str], str]:
    """The round's accepted figures, each agency's value at its own unit, read from the
    values themselves (not through the roll-up)."""
    values = DataValue.objects.filter(
        report__round=round_, report__status=ReportStatus.ACCEPTED, place=F("agency__unit")
    ).select_related("indicator", "agency")
    if agency_ids is not None:
        values = values.filter(agency_id__in=agency_ids)
    return {
        (f"{v.indicator.name} ({v.indicator.unit})", v.agency.short_name): show(
            Figure(v.value, v.qualifier, v.qualifier_word), v.indicator.decimals
        )
        for v in values
    }


def shown_cells(response) -> dict[tuple[str, str], str]:
    table = response.context["table"]
    return {
        (row[0], column): cell
        for row in table["rows"]
        for column, cell in zip(table["header"][1:], row[1:], strict=True)
        if cell
    }


def test_bare_pivot_opens_on_the_latest_rounds_indicators_by_agency(client, filled):
    login_verified(client, filled.viewer)
    response = client.get(reverse("analytics:pivot"))
    assert response.status_code == 200
    expected = expected_cells(filled.round)
    assert shown_cells(response) == expected
    assert (
        expected[("Lượt người dự hội nghị, buổi tuyên truyền (lượt người)", "Ban Dân tộc")]
        == "trên 540"
    )
    assert response.context["table"]["header"][0] == "Chỉ tiêu"
    text = response.content.decode()
    assert "Chưa có số liệu phù hợp" not in text
    assert f"«{filled.round.name}»" in text
    # The round's indicators are ticked, as checkboxes (no Ctrl-click list).
    assert 'type="checkbox" name="chi-tieu"' in text and "multiple" not in text
    assert text.count('name="chi-tieu" value=') > len(CODES)
    assert text.count(" checked>") == len(CODES)


def test_default_of_an_officer_is_their_agencys_figures_only(client, filled):
    login_verified(client, filled.other_officer)
    response = client.get(reverse("analytics:pivot"))
    # The police's 2023 report is not accepted: an officer reads it only when asking for drafts.
    assert shown_cells(response) == {}
    with_drafts = client.get(f"{reverse('analytics:pivot')}?{response.context['query']}&nhap=1")
    assert shown_cells(with_drafts) == {
        ("Lượt người dự hội nghị, buổi tuyên truyền (lượt người)", "Công an tỉnh"): "70",
        ("Lớp, hội nghị tập huấn (lớp)", "Công an tỉnh"): "3",
    }


def test_saved_view_round_trip(client, filled):
    login_verified(client, filled.coordinator)
    pivot = client.get(reverse("analytics:pivot"))
    query = pivot.context["query"]
    saved = client.post(
        reverse("analytics:saved_views"), {"name": "  Tuyên truyền   2023 ", "query": query}
    )
    assert saved.status_code == 302
    view = SavedView.objects.get(owner=filled.coordinator)
    assert view.name == "Tuyên truyền 2023" and view.query == query
    assert AuditRecord.objects.filter(action="save_view", object_id=str(view.pk)).exists()
    listing = client.get(reverse("analytics:saved_views")).content.decode()
    link = reverse("analytics:saved_view", args=[view.token])
    assert "Tuyên truyền 2023" in listing and link in listing
    opened = client.get(link)
    assert opened.status_code == 302
    again = client.get(opened["Location"])
    assert again.context["query"] == query
    assert shown_cells(again) == shown_cells(pivot)


def test_saved_query_keeps_only_what_the_pivot_reads(client, filled):
    login_verified(client, filled.coordinator)
    client.post(
        reverse("analytics:saved_views"),
        {"name": "Lạ", "query": "hang=agency&cot=period&dinh-dang=xlsx&la=1&chi-tieu=7"},
    )
    query = SavedView.objects.get().query
    assert "dinh-dang" not in query and "la=" not in query
    assert "hang=agency" in query and "chi-tieu=7" in query


def test_shared_link_shows_the_readers_own_figures(client, filled):
    """The coordinator saves the round with drafts; the police officer opens the link and reads
    their own agency's figures, never the BDT's."""
    login_verified(client, filled.coordinator)
    query = client.get(reverse("analytics:pivot")).context["query"] + "&nhap=1"
    coordinator_sees = shown_cells(client.get(f"{reverse('analytics:pivot')}?{query}"))
    assert {agency for _, agency in coordinator_sees} == {"Ban Dân tộc", "Công an tỉnh"}
    client.post(reverse("analytics:saved_views"), {"name": "Có bản nháp", "query": query})
    link = reverse("analytics:saved_view", args=[SavedView.objects.get().token])

    client.logout()
    login_verified(client, filled.other_officer)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    seen = shown_cells(response)
    assert seen == {k: v for k, v in coordinator_sees.items() if k[1] == "Công an tỉnh"}
    assert seen and all(agency == "Công an tỉnh" for _, agency in seen)
    # The reader cannot delete the owner's view.
    delete = reverse("analytics:saved_view_delete", args=[SavedView.objects.get().token])
    assert client.post(delete).status_code == 404
    assert SavedView.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Hãy đặt tên cho bảng."),
        ("x" * 121, "Tên bảng dài tối đa 120 ký tự (đang có 121)."),
        ("bảng CỦA TÔI", "Bạn đã lưu một bảng tên «bảng CỦA TÔI»; hãy chọn tên khác"),
    ],
)
def test_bad_name_is_refused_in_vietnamese(client, filled, name, message):
    login_verified(client, filled.coordinator)
    client.post(reverse("analytics:saved_views"), {"name": "Bảng của tôi", "query": "hang=agency"})
    response = client.post(reverse("analytics:saved_views"), {"name": name, "query": "cot=place"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SavedView.objects.count() == 1


def test_unknown_link_is_a_vietnamese_404(client, filled):
    login_verified(client, filled.viewer)
    response = client.get(reverse("analytics:saved_view", args=["khong-co"]))
    assert response.status_code == 404


def test_saved_views_need_a_login(client, filled):
    response = client.get(reverse("analytics:saved_views"))
    assert response.status_code == 302 and urlsplit(response["Location"]).path != ""
