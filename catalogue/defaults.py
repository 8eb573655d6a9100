"""The default prostitution-prevention catalogue, kept as a versioned file (data/indicators.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import transaction

CATALOGUE_FILE = Path(__file__).parent / "data" / "indicators.json"


@cache
def _catalogue() -> dict:
    return json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


def default_indicators() -> list[dict]:
    """The indicators of the default catalogue: code, name, unit, value_type, ..., synonyms."""
    return _catalogue()["indicators"]


@transaction.atomic
def load_default_catalogue() -> int:
    """Create or update the default groups, breakdowns and indicators; returns the indicator count.

    Re-running keeps edits an administrator made to fields the file does not set and never
    deletes anything.
    """
    from catalogue.models import (
        Breakdown,
        BreakdownCategory,
        Indicator,
        IndicatorGroup,
        IndicatorSynonym,
    )

    data = _catalogue()
    groups = {}
    for order, item in enumerate(data["groups"]):
        groups[item["code"]], _ = IndicatorGroup.objects.update_or_create(
            code=item["code"], defaults={"name": item["name"], "order": order}
        )
    breakdowns = {}
    for item in data["breakdowns"]:
        breakdown, _ = Breakdown.objects.update_or_create(
            code=item["code"], defaults={"name": item["name"], "by_locality": item["by_locality"]}
        )
        breakdowns[item["code"]] = breakdown
        for code, name in item["categories"]:
            BreakdownCategory.objects.update_or_create(
                breakdown=breakdown, code=code, defaults={"name": name}
            )
    for order, item in enumerate(data["indicators"]):
        indicator, _ = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "unit": item["unit"],
                "phrase": item["phrase"],
                "value_type": item["value_type"],
                "aggregation": item["aggregation"],
                "decimals": item.get("decimals", 0),
                "group": groups[item["group"]],
                "order": order,
            },
        )
        indicator.breakdowns.add(*(breakdowns[code] for code in item["breakdowns"]))
        for phrase in item["synonyms"]:
            IndicatorSynonym.objects.get_or_create(indicator=indicator, phrase=phrase)
    _link_rate_parts(data["indicators"])
    return len(data["indicators"])


def _link_rate_parts(items: list[dict]) -> None:
    """Name each rate's numerator and denominator, once every indicator exists."""
    from catalogue.models import Indicator

    by_code = {i.code: i for i in Indicator.objects.all()}
    for item in items:
        if "numerator" in item:
            rate = by_code[item["code"]]
            rate.numerator = by_code[item["numerator"]]
            rate.denominator = by_code[item["denominator"]]
            rate.save(update_fields=["numerator", "denominator"])
