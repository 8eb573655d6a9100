"""The entry form's checks, handed to the browser so that a form filled offline is checked by the
same rules as online (rounds.validation, lib.vnnumbers): the patterns, limits and messages come
from those modules, the page's script only applies them."""

from __future__ import annotations

from lib import vnnumbers
from lib.exact import STORED_PLACES
from rounds.sheet import Sheet
from rounds.validation import CROSS_RULES, LARGEST, RULE_MESSAGE, SUM_MESSAGE, VALUE_MESSAGES

# parse_decimal's refusals read two ways; offline the form says so in one sentence and the
# server gives the full reading once the draft is sent.
TWO_WAYS_MESSAGE = (
    "«{text}» có thể hiểu theo hai cách. Dùng dấu chấm phân cách hàng nghìn (43.000) và "
    "dấu phẩy cho phần thập phân (12,5)."
)


def entry_rules(sheet: Sheet) -> dict[str, object]:
    """The checks of the sheet's value fields, as JSON for the entry form's script."""
    fields = {}
    totals = {
        cell.round_indicator.pk: f"v_{cell.field_suffix}" for cell in sheet.cells if cell.is_total
    }
    for cell in sheet.cells:
        fields[f"v_{cell.field_suffix}"] = {
            "label": cell.label,
            "name": cell.indicator.name,
            "type": cell.indicator.value_type,
            "total": None if cell.is_total else totals.get(cell.round_indicator.pk),
        }
    by_code = {(cell.indicator.code, cell.place.pk): cell for cell in sheet.cells}
    cross = [
        {
            "larger": f"v_{big.field_suffix}",
            "smaller": f"v_{small.field_suffix}",
            "smallerName": small.indicator.name.lower(),
        }
        for big_code, small_code in CROSS_RULES
        for (code, place_id), big in by_code.items()
        if code == big_code and (small := by_code.get((small_code, place_id)))
    ]
    return {
        "patterns": {
            "figure": vnnumbers.FIGURE_PATTERN,
            "twoWays": list(vnnumbers.TWO_WAYS_PATTERNS),
        },
        "largest": str(LARGEST),
        "places": len(str(STORED_PLACES).partition(".")[2]),
        "messages": {
            **VALUE_MESSAGES,
            "notANumber": vnnumbers.NOT_A_NUMBER,
            "twoWays": TWO_WAYS_MESSAGE,
            "rule": RULE_MESSAGE,
            "sum": SUM_MESSAGE,
        },
        "fields": fields,
        "cross": cross,
    }
