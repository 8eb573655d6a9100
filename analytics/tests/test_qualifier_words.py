"""The qualifier's word through sums, roll-ups, the compiled page and its exports."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from accounts.models import ApiToken
from accounts.testing import login_verified
from analytics.exchange import ADX_NAMESPACE
from analytics.rollup import Question, rollup
from catalogue.models import Indicator
from datavalues.figures import Figure, add
from datavalues.models import WORDS, Qualifier, check_qualifier_word
from places.models import Era, Level
from rounds.models import ReportStatus
from rounds.testing import make_report, make_round, make_value

EXACT, MORE, ABOUT = Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.ABOUT


def fig(value: int, qualifier: str = EXACT, word: str = "") -> Figure:
    return Figure(Decimal(value), qualifier, check_qualifier_word(qualifier, word))


@pytest.mark.parametrize(
    ("parts", "printed"),
    [
        ([fig(540, MORE), fig(120)], "trên 660"),
        ([fig(500, MORE, "hơn"), fig(40, MORE, "trên")], "trên 540"),
        ([fig(500, MORE, "hơn"), fig(40)], "hơn 540"),
        ([fig(500, MORE, "hơn"), fig(40, MORE, "hơn")], "hơn 540"),
        ([fig(100, ABOUT, "ước"), fig(20, ABOUT, "gần")], "khoảng 120"),
        ([fig(500, MORE, "hơn"), fig(20, ABOUT, "ước")], "ước 520"),
        ([fig(500, MORE, "hơn"), fig(20, ABOUT, "ước"), fig(5, ABOUT)], "khoảng 525"),
        ([fig(2), fig(3)], "5"),
    ],
)
def test_a_sum_keeps_the_word_its_qualified_parts_share(parts, printed):
    assert str(add(parts)) == printed


WORDED = st.sampled_from(
    [(EXACT, "")] + [(kind, w) for kind in (MORE, ABOUT) for w in ("", *WORDS[kind])]
)
FIGURES = st.builds(lambda value, qualified: fig(value, *qualified), st.integers(0, 10**9), WORDED)


def expected(parts: list[Figure]) -> Figure:
    """The rule written out independently: rank the kinds, then look at that kind's words."""
    kinds = {p.qualifier for p in parts}
    kind = ABOUT if ABOUT in kinds else MORE if MORE in kinds else EXACT
    written = [p.word or {EXACT: "", MORE: "trên", ABOUT: "khoảng"}[kind] for p in parts]
    words = {w for p, w in zip(parts, written, strict=True) if p.qualifier == kind}
    word = words.pop() if len(words) == 1 else ""
    return Figure(sum((p.value for p in parts), Decimal(0)), kind, check_qualifier_word(kind, word))


@given(st.lists(FIGURES, min_size=1, max_size=12))
def test_the_sum_rule_holds_for_any_parts(parts):
    assert add(parts) == expected(parts)


@given(st.lists(st.lists(FIGURES, min_size=1, max_size=5), min_size=1, max_size=5))
def test_summing_in_stages_gives_what_summing_at_once_gives(groups):
    """Roll-ups add agencies, then places, then periods: the word may not depend on the order."""
    assert add(add(group) for group in groups) == add(f for group in groups for f in group)


@pytest.fixture
def worded(cast):
    """2023: BDT wrote "hơn 500" lượt người, the police 40 with no qualifier; BDT's breakdown at
    Sơn Động "ước 300", the police's there "ước 20"; 2022: both "trên"."""
    for year, words in ((2022, ("", "")), (2023, ("hơn", ""))):
        round_ = make_round(cast, year, ["propaganda_attendance"])
        bdt, police = make_report(round_, cast.bdt), make_report(round_, cast.police)
        period = round_.period
        make_value(
            "propaganda_attendance", cast.bdt, 500, period=period, report=bdt,
            qualifier=MORE, word=words[0],
        )  # fmt: skip
        make_value("propaganda_attendance", cast.police, 40, period=period, report=police)
        if year == 2023:
            for agency, report, value in ((cast.bdt, bdt, 300), (cast.police, police, 20)):
                make_value(
                    "propaganda_attendance", agency, value, period=period, report=report,
                    place=cast.son_dong, qualifier=ABOUT, word="ước",
                )  # fmt: skip
    cast.round = round_
    return cast


@pytest.mark.django_db
def test_province_and_district_rollups_carry_the_word(worded):
    ids = (Indicator.objects.get(code="propaganda_attendance").pk,)
    province = rollup(Question(ids, by=("indicator", "period"), first_year=2022))
    assert {key[1][0]: str(f) for key, f in province.items()} == {
        2022: "trên 540",
        2023: "hơn 540",
    }
    by_agency = rollup(Question(ids, by=("indicator", "agency"), first_year=2023))
    assert {key[1]: str(f) for key, f in by_agency.items()} == {
        worded.bdt.pk: "hơn 500",
        worded.police.pk: "40",
    }
    districts = rollup(
        Question(ids, by=("indicator", "place"), level=Level.DISTRICT, era=Era.BEFORE_2025)
    )
    assert str(districts[ids[0], worded.son_dong.pk]) == "ước 320"


@pytest.mark.django_db
def test_compiled_page_and_its_exports_print_the_agencys_word(client, worded):
    login_verified(client, worded.coordinator)
    url = reverse("analytics:compilation", args=[worded.round.pk])
    page = client.get(url).content.decode()
    assert "hơn 540" in page and "hơn 500" in page and "ước 320" in page
    assert "trên 540" in page  # 2022, beside it: the default word, as nobody wrote another
    rows = list(csv.reader(io.StringIO(client.get(url + "?dinh-dang=csv").content.decode())))
    assert any("hơn 540" in row for row in rows), rows
    book = load_workbook(io.BytesIO(client.get(url + "?dinh-dang=xlsx").content))
    formats = {
        (cell.value, cell.number_format)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    }
    assert (540, '"hơn "#,##0') in formats and (500, '"hơn "#,##0') in formats
    assert (320, '"ước "#,##0') in formats


@pytest.mark.django_db
def test_a_draft_with_another_word_turns_the_sum_to_the_default(client, worded):
    report = worded.round.reports.get(agency=worded.police)
    report.status = ReportStatus.SUBMITTED  # sent, not yet accepted: counted with drafts
    report.save()
    report.values.filter(place=worded.police.unit).update(
        qualifier=MORE, qualifier_word="tối thiểu"
    )
    login_verified(client, worded.coordinator)
    url = reverse("analytics:compilation", args=[worded.round.pk])
    assert "hơn 500" in client.get(url).content.decode()  # accepted only: BDT's own word
    with_drafts = client.get(url + "?nhap=1").content.decode()
    assert "trên 540" in with_drafts and "tối thiểu 40" in with_drafts


@pytest.mark.django_db
def test_the_data_api_and_adx_give_the_word(client, worded):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(worded.admin, 'kiểm thử')[1]}"}
    query = {"breakdown": "true"}
    rows = client.get("/api/data/values", query, **headers).json()["items"]
    words = {(r["agency"], r["period"][:4], r["place"], r["qualifier_word"]) for r in rows}
    assert (worded.bdt.code, "2023", worded.province.pk, "hơn") in words
    assert (worded.bdt.code, "2022", worded.province.pk, "trên") in words
    assert (worded.police.code, "2023", worded.son_dong.pk, "ước") in words
    assert (worded.police.code, "2023", worded.province.pk, "") in words
    table = list(
        csv.DictReader(
            io.StringIO(client.get("/api/data/values.csv", query, **headers).content.decode())
        )
    )
    assert {r["qualifier_word"] for r in table} == {"", "hơn", "trên", "ước"}
    root = ET.fromstring(client.get("/api/data/values.adx", query, **headers).content)
    values = root.iter(f"{{{ADX_NAMESPACE}}}dataValue")
    assert sorted(v.get("qualifier_word", "") for v in values) == sorted(
        r["qualifier_word"] for r in rows
    )
