import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from catalogue.defaults import default_indicators, load_default_catalogue
from catalogue.models import (
    PHRASE_SLOT,
    Indicator,
    IndicatorSynonym,
    Period,
    PeriodKind,
    ValueType,
    validate_phrase,
)

SEED_LABELS = (
    Path(__file__).resolve().parents[2]
    / "../shared/corpus/seed/bc-pcmd-2023-ban-dan-toc-bac-giang.labels.json"
)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def test_every_figure_of_the_seed_has_an_indicator_with_its_unit():
    if not SEED_LABELS.exists():
        pytest.skip(f"shared corpus not found at {SEED_LABELS}")
    figures = json.loads(SEED_LABELS.read_text(encoding="utf-8"))["figures"]
    phrases = {
        _norm(phrase): item["code"]
        for item in default_indicators()
        for phrase in [item["unit"], *item["synonyms"]]
    }
    unmatched = [f["quote"] for f in figures if _norm(f["unit"]) not in phrases]
    assert not unmatched, f"seed figures without an indicator: {unmatched}"


def test_the_usual_indicators_are_there():
    codes = {item["code"] for item in default_indicators()}
    for code in [
        "establishments_inspected",
        "establishments_fined",
        "fines_amount",
        "criminal_cases",
        "criminal_suspects",
        "support_health",
        "support_vocational",
        "communes_regular_propaganda_pct",
        "establishments_inspected_pct",
    ]:
        assert code in codes
    money = [i for i in default_indicators() if i["value_type"] == ValueType.MONEY]
    assert {i["unit"] for i in money} == {"đồng"}


@pytest.mark.django_db
def test_loading_the_catalogue_twice_keeps_the_administrators_edits():
    assert load_default_catalogue() == len(default_indicators())
    leaflets = Indicator.objects.get(code="leaflets")
    leaflets.description = "Chỉ tính tờ rơi in mới trong năm."
    leaflets.save()
    IndicatorSynonym.objects.create(indicator=leaflets, phrase="tờ bướm")
    load_default_catalogue()
    leaflets.refresh_from_db()
    assert leaflets.description == "Chỉ tính tờ rơi in mới trong năm."
    assert leaflets.synonyms.filter(phrase="tờ bướm").exists()
    assert Indicator.objects.count() == len(default_indicators())
    assert list(leaflets.breakdowns.values_list("code", flat=True)) == ["locality"]


@pytest.mark.django_db
def test_standard_periods_are_named_and_shared():
    year = Period.objects.get_or_create_standard(PeriodKind.YEAR, 2023)
    assert Period.objects.get_or_create_standard(PeriodKind.YEAR, 2023) == year
    assert str(year) == "Năm 2023"
    half = Period.objects.get_or_create_standard(PeriodKind.HALF, 2024, 1)
    assert str(half) == "6 tháng đầu năm 2024"
    assert (half.start.isoformat(), half.end.isoformat()) == ("2024-01-01", "2024-06-30")
    assert [d.isoformat() for d in year.reporting_window()] == ["2022-12-15", "2023-12-14"]
    assert year.contains(Period.objects.get_or_create_standard(PeriodKind.QUARTER, 2023, 4))


@pytest.mark.django_db
def test_a_period_out_of_range_is_refused_in_vietnamese():
    period = Period(kind=PeriodKind.QUARTER, year=2024, number=5)
    with pytest.raises(ValidationError) as caught:
        period.full_clean()
    assert "Số thứ tự của kỳ phải từ 1 đến 4" in str(caught.value)


def test_every_default_indicator_has_a_phrase_holding_its_figure_once():
    for item in default_indicators():
        validate_phrase(item["phrase"])
        assert item["phrase"].count(PHRASE_SLOT) == 1, item["code"]


def test_a_phrase_without_its_figure_or_with_two_is_refused_in_vietnamese():
    for phrase in ("tổ chức hội nghị", "tổ chức {n} hội nghị với {n} lượt người"):
        with pytest.raises(ValidationError) as error:
            validate_phrase(phrase)
        assert "đúng một chỗ “{n}”" in error.value.messages[0]
    validate_phrase("")  # an indicator without a phrase is printed in a safe form


@pytest.mark.django_db
def test_loading_the_catalogue_stores_the_phrases():
    load_default_catalogue()
    assert Indicator.objects.get(code="criminal_cases").phrase == (
        "khởi tố {n} vụ án chứa mại dâm, môi giới mại dâm"
    )
    assert not Indicator.objects.filter(phrase="").exists()
