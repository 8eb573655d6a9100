"""Where a unit's figures go on a later map of its own era: the rule of comparisons across years.

- A unit still in force on the day is its own counterpart.
- A unit merged whole into a single unit ("nhập", kind `merge` or `merge_new`) goes to that unit,
  and on through any later merger of that one.
- A unit split or dissolved into several ("chia", "giải thể", kinds `split`, `dissolve`) has no
  counterpart (None): its figure is not allocated to any of the successors; it stays under the
  old unit and counts in full at the level above (the province), where nothing changed.

Across the 2025 reform the unit map (analytics/units.py) does the work: a district follows its
province, a commune its successor commune.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F

from places.models import LAST_DAY_BEFORE_REFORM, AdministrativeUnit, Era, Succession


def carried_forward(unit_ids: Iterable[int], day: dt.date) -> dict[int, int | None]:
    """Each unit's counterpart among the units of its era in force on `day` (see the rule above)."""
    units = AdministrativeUnit.objects.filter(pk__in=set(unit_ids)).only("era", "valid_to")
    # Only the links that ended a unit pass it on: a unit that gave part of its land to a new
    # one (`establish`, `adjust`) and merged later follows the merger, not the earlier part.
    passing: dict[int, list[tuple[int, bool, dt.date | None]]] = defaultdict(list)
    for predecessor, successor, whole, effective, ended, successor_end in (
        Succession.objects.filter(predecessor__era=F("successor__era"), effective__isnull=False)
        .values_list(
            "predecessor_id",
            "successor_id",
            "whole",
            "effective",
            "predecessor__valid_to",
            "successor__valid_to",
        )
        .iterator()
    ):
        if ended is not None and effective == ended + dt.timedelta(days=1):
            passing[predecessor].append((successor, whole, successor_end))

    def follow(pk: int, valid_to: dt.date | None, until: dt.date) -> int | None:
        seen = {pk}
        while valid_to is not None and valid_to < until:
            links = passing.get(pk, [])
            if len(links) != 1 or not links[0][1]:
                return None
            pk, _, valid_to = links[0]
            if pk in seen:  # a cycle in a hand-made file must not hang the page
                return None
            seen.add(pk)
        return pk

    found = {}
    for unit in units:
        until = min(day, LAST_DAY_BEFORE_REFORM) if unit.era == Era.BEFORE_2025 else day
        found[unit.pk] = follow(unit.pk, unit.valid_to, until)
    return found
