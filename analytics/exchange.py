"""Data values for exchange with other systems: filtered rows, and ADX (IHE Aggregate Data Exchange).

Who sees what is rounds.access.values_for_user, the rule of the pages and the roll-ups:
officers their own agency (its drafts when they ask), coordinators the rounds their agency runs
(accepted reports; the others of those rounds when they ask), leadership accepted reports,
administrators everything (drafts when they ask). Values outside any report (entered by the
coordinator) count for every reader of their agency.

ADX mapping (the XML that DHIS2 imports, namespace urn:ihe:qrph:adx:2015):

- one <group> per orgUnit and period, with dataSet="tonghop";
- orgUnit: the administrative unit's official code from the `vietnam-provinces` lists, prefixed by
  its era and level, so that units of both eras and all levels stay distinct and stable:
  "VN2008-P24" (tỉnh Bắc Giang before 1/7/2025), "VN2008-D220" (a district),
  "VN2025-C07616" (a commune after the reform). P, D, C: province, district, commune;
- period: ISO 8601 start/duration: a year "2023-01-01/P1Y", a half "2023-07-01/P6M", a quarter
  "2023-04-01/P3M", a month "2023-05-01/P1M", a custom range "2023-01-15/P30D" (its days);
- <dataValue dataElement="<indicator code>" value="<decimal, no thousands separator>"> with the
  extra attributes agency="<agency code>", qualifier="exact|more_than|about", for a qualified
  value qualifier_word="<the word the agency wrote>" (e.g. "hơn") and, for a breakdown
  category, "<breakdown code>"="<category code>" (e.g. sex="female"). In DHIS2 terms agency,
  qualifier and the breakdowns are category attributes to map on import.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet

from accounts.models import User
from catalogue.models import Period, PeriodKind
from datavalues.models import written_word
from places.models import AdministrativeUnit, Level
from rounds.access import values_for_user
from rounds.api import CSV_COLUMNS
from rounds.models import DataValue

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
DATA_SET = "tonghop"
LEVEL_LETTER: dict[str, str] = {
    Level.COUNTRY: "N",
    Level.PROVINCE: "P",
    Level.DISTRICT: "D",
    Level.COMMUNE: "C",
}
DURATION: dict[str, str] = {
    PeriodKind.YEAR: "P1Y",
    PeriodKind.HALF: "P6M",
    PeriodKind.QUARTER: "P3M",
    PeriodKind.MONTH: "P1M",
}
# The columns of rounds.api's report CSV, with what a value needs outside its report.
COLUMNS = ["agency", "period", *CSV_COLUMNS, "org_unit", "category", "report_status"]


@dataclass(frozen=True)
class ValueFilter:
    indicators: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    place: int | None = None
    year: int | None = None
    kind: str | None = None
    breakdown: bool = False  # the locality breakdown and breakdown categories too
    include_drafts: bool = False
    round: int | None = None  # one round's reports, its answers to the level above included


def exchanged_values(user: User, wanted: ValueFilter) -> QuerySet[DataValue]:
    """The values the user may see that match the filter, in a stable order."""
    # An answer report repeats its child round's values: read only with its round named.
    values = values_for_user(
        user, wanted.include_drafts, answers=wanted.round is not None
    ).select_related("indicator", "agency", "place", "period", "category__breakdown", "report")
    if wanted.round is not None:
        values = values.filter(report__round_id=wanted.round)
    if wanted.indicators:
        values = values.filter(indicator__code__in=wanted.indicators)
    if wanted.agencies:
        values = values.filter(agency__code__in=wanted.agencies)
    if wanted.year is not None:
        values = values.filter(period__year=wanted.year)
    if wanted.kind:
        values = values.filter(period__kind=wanted.kind)
    if wanted.breakdown:
        if wanted.place is not None:
            values = values.filter(
                Q(place_id=wanted.place)
                | Q(place__parent_id=wanted.place)
                | Q(place__parent__parent_id=wanted.place)
            )
    else:
        values = values.filter(category__isnull=True, place_id=F("agency__unit_id"))
        if wanted.place is not None:
            values = values.filter(place_id=wanted.place)
    return values.order_by("period__start", "agency__code", "indicator__code", "place_id", "pk")


def org_unit(unit: AdministrativeUnit) -> str:
    return f"VN{unit.era}-{LEVEL_LETTER[unit.level]}{unit.code}"


def iso_period(period: Period) -> str:
    duration = DURATION.get(period.kind) or f"P{(period.end - period.start).days + 1}D"
    return f"{period.start.isoformat()}/{duration}"


def plain_number(value: Decimal) -> str:
    """43000.0000 -> "43000", 12.5000 -> "12.5"."""
    return f"{value.normalize():f}"


def row_of(value: DataValue) -> dict[str, object]:
    """One value as a flat row, keyed by COLUMNS."""
    category = value.category
    return {
        "agency": value.agency.code,
        "period": iso_period(value.period),
        "indicator": value.indicator.code,
        "place": value.place_id,
        "place_name": value.place.name,
        "value": plain_number(value.value),
        "qualifier": value.qualifier,
        "qualifier_word": written_word(value.qualifier, value.qualifier_word),
        "org_unit": org_unit(value.place),
        "category": f"{category.breakdown.code}:{category.code}" if category else "",
        "report_status": value.report.status if value.report else "",
    }


def to_adx(values: Iterable[DataValue], exported: dt.datetime) -> bytes:
    """The values as an ADX document: one group per orgUnit and period."""
    ET.register_namespace("", ADX_NAMESPACE)
    root = ET.Element(f"{{{ADX_NAMESPACE}}}adx", exported=exported.isoformat(timespec="seconds"))
    groups: dict[tuple[str, str], list[DataValue]] = defaultdict(list)
    for value in values:
        groups[org_unit(value.place), iso_period(value.period)].append(value)
    for (unit, period), members in groups.items():
        group = ET.SubElement(
            root, f"{{{ADX_NAMESPACE}}}group", orgUnit=unit, period=period, dataSet=DATA_SET
        )
        for value in members:
            attributes = {
                "dataElement": value.indicator.code,
                "value": plain_number(value.value),
                "agency": value.agency.code,
                "qualifier": value.qualifier,
            }
            if word := written_word(value.qualifier, value.qualifier_word):
                attributes["qualifier_word"] = word
            if value.category:
                attributes[value.category.breakdown.code] = value.category.code
            ET.SubElement(group, f"{{{ADX_NAMESPACE}}}dataValue", attributes)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
