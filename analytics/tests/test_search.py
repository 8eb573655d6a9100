"""Search across narratives and imported documents: diacritics, filters, access, the index kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.testing import PASSWORD, make_agency
from analytics.models import SearchEntry
from analytics.search import fold, search
from imports.models import ImportedDocument
from rounds.models import Narrative, ReportStatus, Section
from rounds.testing import make_report, make_round

pytestmark = pytest.mark.django_db

SON_DONG = "Tổ chức 02 hội nghị tuyên truyền tại xã Sơn Động cho 150 lượt người."
KARAOKE = "Kiểm tra 12 cơ sở karaoke trên địa bàn huyện Lục Ngạn."


@pytest.fixture
def written(cast):
    """2023: the Ethnic Affairs Committee's accepted narrative and the police's draft."""
    round_ = make_round(cast, 2023, ["trainings"])
    section = Section.objects.create(round=round_, label="I", title="Kết quả thực hiện")
    cast.accepted = make_report(round_, cast.bdt)
    cast.draft = make_report(round_, cast.police, ReportStatus.DRAFT)
    Narrative.objects.bulk_create(
        [
            Narrative(report=cast.accepted, section=section, text=SON_DONG),
            Narrative(report=cast.draft, section=section, text=KARAOKE + " Bí mật Sơn Động."),
        ]
    )
    cast.section = section
    return cast


def found(user, query: str, **filters) -> list[str]:
    return [hit.entry.agency.code for hit in search(user, query, **filters)]


def test_fold_removes_diacritics_character_for_character():
    assert fold("Sơn Động, ĐỒNG") == "son dong, dong"
    assert len(fold(SON_DONG)) == len(SON_DONG)


def test_search_with_or_without_diacritics_finds_the_passage(written):
    for query in ("son dong", "Sơn Động", "SƠN dong", "tuyen truyen"):
        assert found(written.coordinator, query) == ["BDT"], query
    hit = search(written.coordinator, "son dong")[0]
    assert hit.match == "Sơn Động" and hit.before.endswith("tại xã ")
    assert hit.url.startswith(reverse("rounds:report_detail", args=[written.accepted.pk]))
    assert found(written.coordinator, "hội thi") == []


def test_filters_by_agency_place_and_year(written):
    other = make_agency("SYT", "Sở Y tế", written.new_province)
    round_ = make_round(written, 2025, ["trainings"])
    section = Section.objects.create(round=round_, label="I", title="Kết quả")
    Narrative.objects.create(report=make_report(round_, other), section=section, text=SON_DONG)
    assert sorted(found(written.admin, "son dong")) == ["BDT", "SYT"]
    assert found(written.admin, "son dong", agency=other.pk) == ["SYT"]
    assert found(written.admin, "son dong", year=2023) == ["BDT"]
    assert found(written.admin, "son dong", place=written.province.pk) == ["BDT"]
    # Today's province holds its predecessor's passages too.
    assert sorted(found(written.admin, "son dong", place=written.new_province.pk)) == [
        "BDT",
        "SYT",
    ]


def test_officer_never_finds_another_agencys_draft(written):
    assert found(written.officer, "son dong") == ["BDT"]
    assert found(written.officer, "karaoke") == []
    assert found(written.other_officer, "karaoke") == ["CAT"]  # the police's own draft
    assert found(written.coordinator, "karaoke") == []  # not filed yet
    assert found(written.viewer, "karaoke") == []
    written.draft.status = ReportStatus.ACCEPTED
    written.draft.save()
    assert found(written.viewer, "karaoke") == ["CAT"]


def test_index_follows_edits_and_deletions(written):
    narrative = Narrative.objects.get(report=written.accepted)
    narrative.text = KARAOKE
    narrative.save()
    assert found(written.coordinator, "son dong") == []
    assert found(written.coordinator, "luc ngan") == ["BDT"]
    narrative.delete()
    assert found(written.coordinator, "luc ngan") == []
    Narrative.objects.filter(report=written.draft).update(text="")
    assert not SearchEntry.objects.exists()


def test_imported_documents_are_searched_by_their_agency_and_coordinator(written):
    ImportedDocument.objects.create(
        report=written.accepted,
        file_name="bao-cao-bdt.docx",
        sha256="0" * 64,
        size=1,
        text="Phát hành 43.000 tờ rơi tại Tuấn Đạo.",
    )
    assert found(written.officer, "tuan dao") == ["BDT"]
    assert found(written.coordinator, "tuan dao") == ["BDT"]
    assert found(written.other_officer, "tuan dao") == []
    assert found(written.viewer, "tuan dao") == []


def test_search_page_marks_the_passage_and_needs_a_login(client, written):
    url = reverse("analytics:search") + "?q=son+dong"
    assert client.get(url).status_code == 302
    assert client.login(username=written.officer.username, password=PASSWORD)
    text = client.get(url).content.decode()
    assert "<mark>Sơn Động</mark>" in text and "Kết quả thực hiện" in text
    assert "Bí mật" not in text
