"""Charts never put two units of measure on one axis, and never draw a year without figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.testing import login_verified, make_year
from analytics.dashboard import HEADLINES
from catalogue.models import Indicator
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db

YEARS_WITH_DATA = (2016, 2023)


@pytest.fixture
def two_years(cast):
    """Every headline indicator, by the BDT, in 2016 and 2023 only (the trend spans 2014-2023)."""
    for year in YEARS_WITH_DATA:
        round_ = make_round(cast, year, list(HEADLINES))
        report = make_report(round_, cast.bdt)
        for n, code in enumerate(HEADLINES, 1):
            make_value(code, cast.bdt, n * (year - 2000), period=make_year(year), report=report)
    return cast


def unit_of(series_name: str, indicators: list[Indicator]) -> str:
    """The unit of a series, found from the indicator whose name the series carries."""
    (found,) = [i for i in indicators if series_name.startswith(f"{i.name} (")]
    return found.unit


def test_dashboard_draws_one_chart_per_unit_and_only_years_with_data(client, two_years):
    login_verified(client, two_years.viewer)
    response = client.get(reverse("analytics:dashboard") + "?nam=2023")
    charts = [c["data"] for c in response.context["charts"]]
    indicators = list(Indicator.objects.filter(code__in=HEADLINES))
    units = {i.unit for i in indicators}
    assert len(units) > 1  # the headlines do mix units: the test means something
    assert sorted(c["unit"] for c in charts) == sorted(units)
    drawn = 0
    for chart in charts:
        assert {unit_of(s["name"], indicators) for s in chart["series"]} == {chart["unit"]}
        assert chart["categories"] == [str(y) for y in YEARS_WITH_DATA]
        for s in chart["series"]:
            assert all(v is not None for v in s["data"])
            drawn += 1
    assert drawn == len(HEADLINES)
    # The propaganda sessions are HEADLINES' first: 1 × 16 and 1 × 23.
    name = Indicator.objects.get(code="propaganda_sessions").name
    (sessions,) = [s for c in charts for s in c["series"] if s["name"].startswith(name)]
    assert sessions["data"] == [16.0, 23.0]
    text = response.content.decode()
    assert text.count('class="chart"') == len(units)
    assert "Đơn vị tính: lượt người" in text


def test_dashboard_without_figures_draws_no_chart(client, cast):
    login_verified(client, cast.viewer)
    response = client.get(reverse("analytics:dashboard") + "?nam=2023")
    assert response.context["charts"] == []


def test_pivot_chart_splits_indicators_of_different_units(client, two_years):
    login_verified(client, two_years.viewer)
    sessions, attendance, health = (
        Indicator.objects.get(code=c).pk
        for c in ("propaganda_sessions", "propaganda_attendance", "support_health")
    )
    query = f"chi-tieu={sessions}&chi-tieu={attendance}&chi-tieu={health}&tu-nam=2014&den-nam=2023"
    for rows, columns in (("indicator", "period"), ("period", "indicator")):
        response = client.get(f"{reverse('analytics:pivot')}?{query}&hang={rows}&cot={columns}")
        charts = {c["unit"]: c["data"] for c in response.context["charts"]}
        assert set(charts) == {"hội nghị", "lượt người"}
        years = ["Năm 2016", "Năm 2023"]
        if rows == "indicator":
            assert all(c["categories"] == years for c in charts.values())
            assert len(charts["lượt người"]["series"]) == 2
        else:
            assert [s["name"] for s in charts["hội nghị"]["series"]] == years
            assert len(charts["lượt người"]["categories"]) == 2
