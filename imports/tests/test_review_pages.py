"""A document of thousands of figures is reviewed page by page, its choices kept across pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditRecord
from imports.forms import ConfirmForm
from imports.models import FIGURES_PER_PAGE, ImportedDocument
from rounds.models import DataValue
from rounds.sheet import build_sheet

from .hostile import many_figures_text
from .test_upload import upload

pytestmark = pytest.mark.django_db

FIGURES = 250  # three pages: 100, 100, 50; line k holds figures 2k (sessions) and 2k+1 (people)


def _document(client, report, figures: int = FIGURES) -> ImportedDocument:
    response = upload(client, report, f"{figures}-so-lieu.txt", many_figures_text(figures))
    assert response.status_code == 302, response.content.decode()[:1000]
    return ImportedDocument.objects.order_by("-pk").first()


def _review(client, document, page: int | None = None):
    url = reverse("imports:review", args=[document.pk])
    return client.get(url if page is None else f"{url}?trang={page}")


def _page_post(document, page: int, **changes) -> dict:
    """What review page `page` posts when the officer changes only `changes` (None unticks)."""
    document.refresh_from_db()
    report = document.report
    form = ConfirmForm(document, build_sheet(report), page=document.page(page))
    data = {"version": report.version, "trang": page}
    for i in form.page.indexes:
        choice = form.choice(i)
        if choice.include:
            data[f"include_{i}"] = "on"
        data |= {f"value_{i}": choice.value, f"qualifier_{i}": choice.qualifier}
        data[f"cell_{i}"] = choice.cell
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


def test_a_long_document_shows_one_page_of_figures_and_the_text_around_them(officer, bdt_report):
    document = _document(officer, bdt_report)
    page = _review(officer, document, 2).content.decode()
    rows = [int(n) for n in re.findall(r'<tr id="row-(\d+)"', page)]
    assert rows == list(range(FIGURES_PER_PAGE, 2 * FIGURES_PER_PAGE))
    assert "Trang 2/3" in page
    marks = [int(n) for n in re.findall(r'<mark id="fig-(\d+)"', page)]
    assert marks == rows  # the text panel holds this page's lines and marks only them
    assert "với 100 lượt người" not in page  # line 0 belongs to page 1
    assert 'name="den_trang" value="3"' in page


def test_a_short_document_has_no_pages(officer, bdt_report):
    document = _document(officer, bdt_report, 40)
    page = _review(officer, document).content.decode()
    assert len(re.findall(r'<tr id="row-', page)) == 40
    assert len(re.findall(r'<mark id="fig-', page)) == 40
    assert "figure-pages" not in page and "Trang 1/" not in page


@pytest.mark.parametrize("value", ["0", "4", "²", "abc", "99999999999999999999999"])
def test_a_bad_page_number_is_a_vietnamese_400(officer, bdt_report, value):
    document = _document(officer, bdt_report)
    response = officer.get(reverse("imports:review", args=[document.pk]), {"trang": value})
    assert response.status_code == 400
    assert "Tham số “trang”" in response.content.decode()


def test_review_queries_do_not_grow_with_the_figures(officer, bdt_report):
    counts = []
    for figures in (60, 1200):
        document = _document(officer, bdt_report, figures)
        _review(officer, document)  # warm the session and caches alike for both
        with CaptureQueriesContext(connection) as queries:
            assert (
                _review(officer, document, 2 if figures > FIGURES_PER_PAGE else 1).status_code
                == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_choices_made_on_each_page_are_kept_and_confirmed_together(officer, cast, bdt_report):
    document = _document(officer, bdt_report)
    sessions_cell = build_sheet(bdt_report).find("propaganda_sessions")
    people_cell = build_sheet(bdt_report).find("propaganda_attendance")
    assert document.figures[0]["quote"] == "2 hội nghị"  # line 0: figures 0 and 1
    # Page 1: the first line's 2 sessions become 7, the second line's 3 sessions left out.
    first = _page_post(document, 1, value_0="7", include_2=None, den_trang="3")
    response = officer.post(reverse("imports:choose", args=[document.pk]), first)
    assert response.status_code == 302
    assert response["Location"].endswith("?trang=3")
    assert AuditRecord.objects.filter(action="import_choices").count() == 1
    again = _review(officer, document, 1).content.decode()
    assert 'name="value_0" value="7"' in again
    assert not re.search(r'name="include_2"[^>]*checked', again)
    assert re.search(r'name="include_4"[^>]*checked', again)
    # Page 3: line 100's 200 people become 1.000, the last line's people left out; page 2
    # never opened counts as proposed.
    last = _page_post(document, 3, **{"value_201": "1.000", "include_249": None})
    response = officer.post(reverse("imports:confirm", args=[document.pk]), last, follow=True)
    assert response.status_code == 200
    assert "trên cả 3 trang" in response.content.decode()

    lines = range(FIGURES // 2)
    sessions = sum(k % 90 + 2 for k in lines) - 2 + 7 - 3
    people = sum(k + 100 for k in lines) - 200 + 1000 - (124 + 100)
    stored = {
        value.indicator.code: value.value
        for value in DataValue.objects.filter(agency=cast.bdt, place=sessions_cell.place)
    }
    assert stored["propaganda_sessions"] == Decimal(sessions)
    assert stored["propaganda_attendance"] == Decimal(people)
    assert people_cell.place == sessions_cell.place


def test_an_error_on_the_page_keeps_the_officer_there_and_stores_nothing(officer, bdt_report):
    document = _document(officer, bdt_report)
    data = _page_post(document, 1, value_0="bảy", den_trang="2")
    response = officer.post(reverse("imports:choose", args=[document.pk]), data)
    assert response.status_code == 400
    assert "Nhập một số không âm" in response.content.decode()
    document.refresh_from_db()
    assert document.choices == {}
    assert not AuditRecord.objects.filter(action="import_choices").exists()


def test_the_line_above_the_button_counts_every_page(officer, bdt_report):
    document = _document(officer, bdt_report)
    page = _review(officer, document, 2).content.decode()
    assert f"Xác nhận sẽ đưa vào báo cáo {FIGURES} trong {FIGURES} số liệu của cả 3 trang" in page
    # Two cells (sessions, attendance), both new: the figures of pages 1 and 3 count too.
    assert '<strong data-count="changed">2</strong>' in page
