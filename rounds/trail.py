"""The data values as their audit trail gives them (audit.trail): rounds.actions records each
value's change as a "giá trị" record whose "new" is the value as it reads in a report."""

from __future__ import annotations

from audit.trail import Trailed
from rounds.models import DataValue
from rounds.sheet import display_value

VALUE_FIELD = "giá trị"


def stored_values() -> dict[str, tuple[str, str]]:
    values = DataValue.objects.select_related("indicator", "place", "agency").order_by("pk")
    return {
        str(v.pk): (
            display_value(v.value, v.qualifier, v.qualifier_word),
            f"Báo cáo số {v.report_id} của {v.agency.name}, {v.indicator.name} — {v.place.name}",
        )
        for v in values.iterator(chunk_size=5000)
    }


VALUES = Trailed(DataValue._meta.label_lower, VALUE_FIELD, stored_values)
