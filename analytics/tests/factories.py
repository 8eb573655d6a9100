"""Test data for the analytics tests: rounds, reports and values in the cast's province."""

from __future__ import annotations

from decimal import Decimal

from agencies.models import Agency
from catalogue.models import Indicator, Period
from datavalues.models import Qualifier
from places.models import AdministrativeUnit
from rounds.models import DataValue, Report, ReportStatus, Round, RoundIndicator
from tonghop.testing import Cast, aware, make_year


def make_round(cast: Cast, year: int, codes: list[str]) -> Round:
    round_ = Round.objects.create(
        name=f"Báo cáo kết quả công tác phòng, chống mại dâm năm {year}",
        coordinator=cast.coordinating_agency,
        period=make_year(year),
        deadline=aware(year, 12, 15),
    )
    for n, code in enumerate(codes):
        RoundIndicator.objects.create(
            round=round_, indicator=Indicator.objects.get(code=code), order=n, by_locality=True
        )
    return round_


def make_report(round_: Round, agency: Agency, status: str = ReportStatus.ACCEPTED) -> Report:
    return Report.objects.create(round=round_, agency=agency, status=status)


def make_value(
    indicator: str,
    agency: Agency,
    value: int | str,
    *,
    period: Period,
    place: AdministrativeUnit | None = None,
    qualifier: str = Qualifier.EXACT,
    report: Report | None = None,
    word: str = "",
) -> DataValue:
    return DataValue.objects.create(
        indicator=Indicator.objects.get(code=indicator),
        agency=agency,
        place=place or agency.unit,
        period=period,
        value=Decimal(str(value)),
        qualifier=qualifier,
        qualifier_word=word,
        report=report,
    )
