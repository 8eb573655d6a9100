"""What a reader's values are: the rule of the report pages, and the returned report's place in it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import ApiToken, Role
from accounts.testing import (
    aware,
    login_verified,
    make_agency,
    make_second_coordinator,
    make_user,
    make_year,
)
from catalogue.models import Indicator
from rendering.figures import document_figures
from rounds import actions
from rounds.access import reports_for_user, rounds_for_user, values_for_user
from rounds.models import FILED_STATUSES, ReportStatus
from rounds.outline import DEFAULT_OUTLINE, parse_outline
from rounds.sheet import build_sheet
from rounds.testing import SEED_FIGURES, make_round, open_seed_round, seed_draft, submitted

RETURNED_MARK = "Đang sửa, chưa nộp lại."
CORRECTED_LEAFLETS = 51234  # what BDT types after the return; the seed says 43.000


@pytest.fixture
def returned(cast):
    """BDT's seed report, submitted, returned, then corrected (not yet resubmitted)."""
    round_ = open_seed_round(cast)
    report = submitted(round_.reports.get(agency=cast.bdt), cast.officer)
    report = actions.return_report(report, cast.coordinator, comment="Kiểm tra lại số tờ rơi.")
    cell = build_sheet(report).find("leaflets")
    draft = actions.Draft(values={cell.key: actions.CellInput(Decimal(CORRECTED_LEAFLETS))})
    return actions.save_draft(report, cast.officer, draft, version=report.version)


def _api_rows(client, user, drafts: bool) -> set[tuple[str, str, str]]:
    token = ApiToken.issue(user, "kiểm thử")[1]
    query = "?indicator=leaflets&year=2023" + ("&drafts=true" if drafts else "")
    response = client.get(reverse("api:values_csv") + query, HTTP_AUTHORIZATION=f"Bearer {token}")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    return {(row["agency"], row["value"], row["report_status"]) for row in reader}


def test_coordinator_reads_a_returned_report_as_it_changes_under_a_mark(client, cast, returned):
    login_verified(client, cast.coordinator)
    page = client.get(reverse("rounds:report_detail", args=[returned.pk])).content.decode()
    assert RETURNED_MARK in page
    assert "51.234" in page  # the agency's current figure, not the one returned


def test_the_agency_sees_no_mark_on_its_own_returned_report(client, cast, returned):
    login_verified(client, cast.officer)
    page = client.get(reverse("rounds:report_detail", args=[returned.pk])).content.decode()
    assert RETURNED_MARK not in page


def test_a_returned_report_counts_only_once_resubmitted_and_accepted(client, cast, returned):
    assert _api_rows(client, cast.coordinator, drafts=False) == set()
    # The preview of every unaccepted report shows it, with its state.
    assert _api_rows(client, cast.coordinator, drafts=True) == {
        ("BDT", str(CORRECTED_LEAFLETS), ReportStatus.RETURNED)
    }
    report = actions.submit_report(returned, cast.officer, version=returned.version)
    assert _api_rows(client, cast.coordinator, drafts=False) == set()
    actions.accept_report(report, cast.coordinator)
    assert _api_rows(client, cast.coordinator, drafts=False) == {
        ("BDT", str(CORRECTED_LEAFLETS), ReportStatus.ACCEPTED)
    }


def test_the_returned_preview_stays_with_the_rounds_own_coordinator(client, cast, returned):
    outsider = make_second_coordinator(cast)
    assert _api_rows(client, outsider, drafts=True) == set()
    assert _api_rows(client, cast.viewer, drafts=True) == set()


@pytest.mark.parametrize("drafts", [False, True])
def test_every_readable_report_value_belongs_to_a_report_the_reader_may_open(cast, drafts):
    """Without drafts the value scope never reaches past the report pages' rule."""
    round_ = open_seed_round(cast)
    submitted(round_.reports.get(agency=cast.bdt), cast.officer)
    police = round_.reports.get(agency=cast.police)
    actions.save_draft(police, cast.other_officer, seed_draft(police), version=0)
    actions.accept_report(round_.reports.get(agency=cast.bdt), cast.coordinator)
    second = make_second_coordinator(cast)
    readers = [cast.admin, cast.coordinator, second, cast.officer, cast.other_officer, cast.viewer]
    for user in readers:
        values = values_for_user(user, include_drafts=drafts).filter(report__isnull=False)
        reports = set(values.values_list("report_id", flat=True))
        if drafts and user.role in ("admin", "coordinator"):
            # The preview adds the drafts of the rounds they may review, nothing else.
            assert reports <= set(round_.reports.values_list("pk", flat=True))
            assert (user == second) == (reports == set())
        else:
            assert reports <= set(reports_for_user(user).values_list("pk", flat=True)), user
            assert all(
                status in FILED_STATUSES or user.role == "officer"
                for status in values.values_list("report__status", flat=True)
            )


def test_a_rounds_documents_never_count_another_coordinators_drafts(cast):
    """The compiled document's yearly totals span rounds: only its own agency's drafts count."""
    ours = open_seed_round(cast)
    submitted(ours.reports.get(agency=cast.bdt), cast.officer)
    second = make_second_coordinator(cast)
    justice = make_agency("STP", "Sở Tư pháp", cast.province)
    theirs = actions.open_round(
        second,
        name="Báo cáo chuyên đề năm 2023",
        period=make_year(2023),
        deadline=aware(2023, 12, 25),
        agencies=[justice],
        indicators=[(Indicator.objects.get(code="leaflets"), False)],
        outline=parse_outline(DEFAULT_OUTLINE),
    )
    draft = theirs.reports.get()
    cell = build_sheet(draft).find("leaflets")
    values = {cell.key: actions.CellInput(Decimal(777))}
    stp = make_user("stp", "officer", justice)
    saved = actions.save_draft(draft, stp, actions.Draft(values), version=0)
    actions.submit_report(saved, stp, version=saved.version)  # filed: previewed with drafts

    leaflets = Indicator.objects.get(code="leaflets").pk
    series, _ = document_figures(ours, include_drafts=True).trends[leaflets]
    assert series[2023].value == SEED_FIGURES["leaflets"][0]  # 43.000, not 43.777
    series, _ = document_figures(theirs, include_drafts=True).trends[leaflets]
    assert series[2023].value == 777


def test_an_officer_without_an_agency_sees_no_round(cast):
    """Found by the type checker: filtering on the user's missing agency asked for IS NULL, which
    a round no agency reports in yet (a LEFT JOIN to no report) matches."""
    make_round(cast, 2023, ["leaflets"])  # no report yet
    assert not rounds_for_user(make_user("khong_co_quan", Role.OFFICER))
