"""Checks on a report's figures: types and ranges, rules across indicators, outliers.

Errors block a submission. Outliers against the agency's own previous periods are warnings:
the agency may submit once it has explained each of them in a sentence.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from catalogue.models import Indicator, ValueType
from lib.exact import STORED_PLACES
from lib.vnformat import format_number
from lib.vnnumbers import parse_decimal
from rounds.models import DataValue
from rounds.sheet import CellKey, Sheet

# (larger, smaller): the first must not be below the second (attendance vs. events, ...).
CROSS_RULES: list[tuple[str, str]] = [
    ("propaganda_attendance", "propaganda_sessions"),
    ("contest_participants", "contests"),
    ("training_attendance", "trainings"),
    ("violations_found", "establishments_fined"),
    ("criminal_suspects", "criminal_cases"),
    ("sex_workers_estimated", "sex_workers_recorded"),
    ("establishments_total", "licences_revoked"),
]

# DataValue.value holds 20 digits, 4 of them decimals.
LARGEST = Decimal(10) ** 16
# Modified z-score (Iglewicz and Hoaglin) above which a value is flagged, with enough history.
Z_LIMIT = Decimal("3.5")
MIN_HISTORY_FOR_Z = 3
# Without enough history: flag a value more than RATIO times (or below 1/RATIO of) the last one,
# ignoring differences under MIN_GAP so that 1 -> 4 conferences is not an "outlier".
RATIO = Decimal(3)
MIN_GAP = Decimal(10)


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    cell: CellKey | None = None


@dataclass
class Findings:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def unexplained(self, explanations: dict[str, str]) -> list[Issue]:
        return [w for w in self.warnings if not explanations.get(w.code, "").strip()]

    def blocks_submission(self, explanations: dict[str, str]) -> bool:
        return bool(self.errors or self.unexplained(explanations))


def parse_value(text: str) -> Decimal:
    """A figure as officials type it ("43.000", "43000", "12,5"), by lib.vnnumbers.parse_decimal's
    one rule for every entry path; ValueError with the message to show otherwise."""
    return parse_decimal(text)


# The messages of check_value, also handed to the entry form's offline checks (rounds.offline).
VALUE_MESSAGES = {
    "negative": "Số liệu không được âm.",
    "too_large": "Số liệu quá lớn hoặc có quá 4 chữ số thập phân, không lưu được.",
    "count": "«{name}» là số đếm nên phải là số nguyên.",
    "percent": "Tỷ lệ phải từ 0 đến 100%.",
    "money": "Số tiền tính bằng đồng, không có phần lẻ.",
}
RULE_MESSAGE = "{label} ({value}) không thể ít hơn {smaller} ({smaller_value})."
SUM_MESSAGE = "{label}: tổng các địa bàn ({parts}) lớn hơn số chung ({total})."


def check_value(indicator: Indicator, value: Decimal) -> str | None:
    """The type and range rule the indicator's value type sets, as a message, or None."""
    if value < 0:
        return VALUE_MESSAGES["negative"]
    if value >= LARGEST or value != value.quantize(STORED_PLACES):
        return VALUE_MESSAGES["too_large"]
    if indicator.value_type == ValueType.COUNT and value != value.to_integral_value():
        return VALUE_MESSAGES["count"].format(name=indicator.name)
    if indicator.value_type == ValueType.PERCENT and value > 100:
        return VALUE_MESSAGES["percent"]
    if indicator.value_type == ValueType.MONEY and value != value.to_integral_value():
        return VALUE_MESSAGES["money"]
    return None


def breakdown_above_total(total: Decimal | None, parts: Decimal | None) -> bool:
    """The rule "a breakdown above its total": the localities' figures (their sum; None when no
    locality has one) add up to more than the agency's own total. The entry form's check and the
    compilation's flag both ask this."""
    return total is not None and parts is not None and parts > total


def check_rules(sheet: Sheet, values: dict[CellKey, Decimal]) -> list[Issue]:
    issues = [
        Issue(f"type:{key[0]}:{key[1]}", f"{cell.label}: {message}", key)
        for key, value in values.items()
        if (cell := sheet.cell(key)) and (message := check_value(cell.indicator, value))
    ]
    indicator_ids = {cell.indicator.code: cell.indicator.pk for cell in sheet.cells}
    for big_code, small_code in CROSS_RULES:
        if big_code not in indicator_ids or small_code not in indicator_ids:
            continue
        for big in sheet.cells:
            small = sheet.cell((indicator_ids[small_code], big.place.pk))
            if big.indicator.code != big_code or small is None:
                continue
            if big.key in values and small.key in values and values[big.key] < values[small.key]:
                issues.append(
                    Issue(
                        f"rule:{big_code}:{big.place.pk}",
                        RULE_MESSAGE.format(
                            label=big.label,
                            value=format_number(values[big.key]),
                            smaller=small.indicator.name.lower(),
                            smaller_value=format_number(values[small.key]),
                        ),
                        big.key,
                    )
                )
    for cell in sheet.cells:
        if not cell.is_total or cell.key not in values:
            continue
        parts = [
            values[key]
            for other in sheet.cells
            if not other.is_total
            and other.round_indicator.pk == cell.round_indicator.pk
            and (key := other.key) in values
        ]
        if not parts:
            continue
        parts_sum = sum(parts, Decimal(0))
        if breakdown_above_total(values[cell.key], parts_sum):
            issues.append(
                Issue(
                    f"sum:{cell.key[0]}",
                    SUM_MESSAGE.format(
                        label=cell.label,
                        parts=format_number(parts_sum),
                        total=format_number(values[cell.key]),
                    ),
                    cell.key,
                )
            )
    return issues


def history(sheet: Sheet) -> dict[CellKey, list[tuple[str, Decimal]]]:
    """The agency's values for the same cells in earlier periods of the same kind, latest first."""
    period = sheet.report.round.period
    rows = (
        DataValue.objects.filter(
            agency_id=sheet.report.agency_id,
            period__kind=period.kind,
            period__end__lt=period.start,
            category__isnull=True,
            indicator_id__in={cell.key[0] for cell in sheet.cells},
            place_id__in={cell.key[1] for cell in sheet.cells},
        )
        .select_related("period")
        .order_by("-period__end")
    )
    found: dict[CellKey, list[tuple[str, Decimal]]] = defaultdict(list)
    for row in rows:
        found[(row.indicator_id, row.place_id)].append((str(row.period), row.value))
    return found


def is_outlier(value: Decimal, past: list[Decimal]) -> bool:
    if len(past) >= MIN_HISTORY_FOR_Z:
        median = Decimal(statistics.median(past))
        mad = Decimal(statistics.median([abs(x - median) for x in past]))
        if mad > 0:
            return abs(Decimal("0.6745") * (value - median) / mad) > Z_LIMIT
        reference = median
    else:
        reference = past[0]
    if abs(value - reference) < MIN_GAP:
        return False
    if reference == 0:
        return True
    ratio = value / reference
    return ratio > RATIO or ratio < 1 / RATIO


def find_outliers(sheet: Sheet, values: dict[CellKey, Decimal]) -> list[Issue]:
    past = history(sheet)
    warnings = []
    for cell in sheet.cells:
        earlier = past.get(cell.key)
        if not earlier or cell.key not in values:
            continue
        value = values[cell.key]
        if is_outlier(value, [v for _, v in earlier]):
            last_period, last_value = earlier[0]
            warnings.append(
                Issue(
                    f"outlier:{cell.key[0]}:{cell.key[1]}",
                    f"{cell.label}: {format_number(value)} khác nhiều so với các kỳ trước "
                    f"({last_period}: {format_number(last_value)}). Đề nghị giải trình ngắn gọn.",
                    cell.key,
                )
            )
    return warnings


def validate(sheet: Sheet, values: dict[CellKey, Decimal] | None = None) -> Findings:
    """All checks on the sheet's stored values (or on the given ones)."""
    if values is None:
        values = {key: dv.value for key, dv in sheet.values.items() if sheet.cell(key)}
    return Findings(errors=check_rules(sheet, values), warnings=find_outliers(sheet, values))
