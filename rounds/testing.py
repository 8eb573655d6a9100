"""Test data for rounds: the 2023 round of the seed (Công văn 3579), drafts, reports and values.

The seed round is addressed to BDT and the police; make_round, make_report and make_value build
rounds, reports and data values directly, without the workflow, for the analytics tests.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role
from accounts.testing import Cast, aware, make_agency, make_unit, make_user, make_year
from agencies.models import Agency
from catalogue.models import Indicator, Period
from datavalues.models import Qualifier
from documents.models import DocumentKind, LegalDocument
from places.models import COUNTRY_CODE, AdministrativeUnit, Era, Level
from rounds import actions
from rounds.models import DataValue, Report, ReportStatus, Round, RoundIndicator
from rounds.outline import DEFAULT_OUTLINE, parse_outline
from rounds.sheet import build_sheet

# The indicators of the seed report (bc-pcmd-2023-ban-dan-toc-bac-giang), in its order.
SEED_CODES = [
    "contests",
    "contest_participants",
    "propaganda_sessions",
    "propaganda_attendance",
    "media_features",
    "media_articles",
    "media_news",
    "leaflets",
    "trainings",
    "respected_persons_reached",
]
# Its figures: code -> (value, qualifier).
SEED_FIGURES = {
    "contests": (2, "exact"),
    "contest_participants": (500, "more_than"),
    "propaganda_sessions": (116, "exact"),
    "media_features": (10, "exact"),
    "media_articles": (10, "exact"),
    "media_news": (12, "exact"),
    "leaflets": (43000, "exact"),
    "trainings": (5, "exact"),
    "respected_persons_reached": (540, "more_than"),
}
DEADLINE = aware(2023, 12, 20)


def open_seed_round(cast, by_locality: tuple[str, ...] = ("propaganda_sessions",)) -> Round:
    request = LegalDocument.objects.create(
        kind=DocumentKind.CONG_VAN,
        number="3579",
        symbol="LĐTĐ & XH-PCTNXH",
        date=aware(2023, 12, 1).date(),
        issuer=cast.coordinating_agency,
        issuer_name="Sở Lao động - Thương binh và Xã hội",
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=SEED_CODES)}
    return actions.open_round(
        cast.coordinator,
        name="Báo cáo công tác phòng, chống mại dâm năm 2023",
        period=make_year(2023),
        deadline=DEADLINE,
        agencies=[cast.bdt, cast.police],
        indicators=[(indicators[code], code in by_locality) for code in SEED_CODES],
        outline=parse_outline(DEFAULT_OUTLINE),
        request=request,
    )


def open_full_round(
    cast, by_locality: tuple[str, ...] = ("propaganda_sessions",), outline: str = DEFAULT_OUTLINE
) -> Round:
    """A 2023 round asking BDT and the police for every active indicator of the catalogue, open
    for a week: the long form of the entry-form tests."""
    return actions.open_round(
        cast.coordinator,
        name="Báo cáo công tác phòng, chống mại dâm năm 2023",
        period=make_year(2023),
        deadline=timezone.now() + dt.timedelta(days=7),
        agencies=[cast.bdt, cast.police],
        indicators=[(i, i.code in by_locality) for i in Indicator.objects.active()],
        outline=parse_outline(outline),
    )


def seed_draft(report: Report, figures: dict | None = None) -> actions.Draft:
    """A draft with the seed figures, at the agency's own unit."""
    sheet = build_sheet(report)
    values = {}
    for code, (value, qualifier) in (figures or SEED_FIGURES).items():
        cell = sheet.find(code)
        values[cell.key] = actions.CellInput(Decimal(value), qualifier)
    return actions.Draft(values=values)


def submitted(report: Report, officer) -> Report:
    saved = actions.save_draft(report, officer, seed_draft(report), version=report.version)
    return actions.submit_report(saved, officer, version=saved.version)


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


# The ministry's 2023 round to two provinces, Bắc Giang's seed round answering it.
CHAIN_CODES = ["contests", "contest_participants", "propaganda_sessions", "trainings"]
CHAIN_POLICE = {
    "contests": (3, "exact"),
    "contest_participants": (40, "exact"),
    "trainings": (1, "exact"),
}


def national_chain(cast: Cast) -> dict:
    """The ministry's 2023 round to two provinces, Bắc Giang's seed round answering it."""
    country = AdministrativeUnit.objects.create(
        era=Era.BEFORE_2025,
        level=Level.COUNTRY,
        code=COUNTRY_CODE,
        name="Việt Nam",
        full_name="Việt Nam",
    )
    ministry = make_agency("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", country)
    other_province = make_unit(Level.PROVINCE, "Lạng Sơn", code="20")
    other = make_agency("LĐTBXH-LS", "Sở LĐTBXH Lạng Sơn", other_province)
    national = Round.objects.create(
        name="Báo cáo công tác phòng, chống mại dâm năm 2023 (toàn quốc)",
        coordinator=ministry,
        period=make_year(2023),
        deadline=aware(2023, 12, 31),
    )
    for n, code in enumerate(CHAIN_CODES):
        RoundIndicator.objects.create(
            round=national,
            indicator=Indicator.objects.get(code=code),
            order=n,
            by_locality=code == "propaganda_sessions",
        )
    answer = Report.objects.create(round=national, agency=cast.coordinating_agency)
    other_report = Report.objects.create(round=national, agency=other, status=ReportStatus.ACCEPTED)
    DataValue.objects.create(
        indicator=Indicator.objects.get(code="contests"),
        agency=other,
        place=other_province,
        period=national.period,
        value=Decimal(7),
        report=other_report,
    )
    child = open_seed_round(cast)
    child.parent = national
    child.save()
    child.round_indicators.filter(indicator__code__in=CHAIN_CODES).update(answers_id=None)
    for ri in child.round_indicators.filter(indicator__code__in=CHAIN_CODES):
        ri.answers = ri.indicator
        ri.save()
    for report, officer, figures in (
        (child.reports.get(agency=cast.bdt), cast.officer, None),
        (child.reports.get(agency=cast.police), cast.other_officer, CHAIN_POLICE),
    ):
        draft = seed_draft(report, figures)
        if figures is None:  # BDT's sessions by district too
            sheet = actions.build_sheet(report)
            for district, n in ((cast.son_dong, 60), (cast.luc_ngan, 56)):
                cell = sheet.find("propaganda_sessions", district.pk)
                draft.values[cell.key] = actions.CellInput(Decimal(n))
        saved = actions.save_draft(report, officer, draft, version=report.version)
        submitted = actions.submit_report(saved, officer, version=saved.version)
        actions.accept_report(submitted, cast.coordinator)
    minister = make_user("bo", Role.COORDINATOR, ministry)
    return {
        "national": national,
        "child": child,
        "answer": answer,
        "ministry": ministry,
        "minister": minister,
        "other": other,
        "country": country,
    }
