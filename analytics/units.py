"""The unit map: every unit and the units it rolls up to, in its own era and in today's.

Inside an era the map keeps each unit as it was (a 2023 figure for huyện Yên Dũng rolls up to
Yên Dũng), so a round's tables show the units of its own period; a comparison across years
restates the figures on the later map with `carry_forward`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from analytics.models import UnitMap, UnitMapState
from catalogue.models import Indicator
from datavalues.figures import across
from places import versions
from places.models import (
    LEVEL_DEPTH,
    AdministrativeUnit,
    Era,
    Level,
    PlacesVersion,
    Succession,
    Transfer,
)
from places.succession import carried_forward

if TYPE_CHECKING:
    from analytics.rollup import Result


def _map_is_current() -> bool:
    """The map was built from the places as they stand: one query, whatever their size."""
    current = PlacesVersion.objects.filter(pk=versions.ROW).values("number")
    return UnitMapState.objects.filter(places_version=Coalesce(Subquery(current), 0)).exists()


def ensure_unit_map() -> None:
    """Rebuild the unit map when the places changed since it was built (places.versions)."""
    if _map_is_current():
        return
    with transaction.atomic():
        # Read before the build: a write to the places during it leaves the map one version
        # behind, so the next call builds it again.
        built_from = versions.current()
        UnitMap.objects.all().delete()
        UnitMap.objects.bulk_create(_unit_map_rows(), batch_size=5000)
        UnitMapState.objects.all().delete()
        UnitMapState.objects.create(places_version=built_from)
    with connection.cursor() as cursor:
        # Fresh statistics, or the planner guesses one row for a table of 60,000.
        cursor.execute("ANALYZE analytics_unitmap")


def _unit_map_rows() -> list[UnitMap]:
    units = {
        u.pk: u for u in AdministrativeUnit.objects.only("id", "era", "level", "code", "parent_id")
    }
    links: dict[int, list[tuple[bool, str, int]]] = defaultdict(list)
    for predecessor_id, successor_id, whole in Succession.objects.values_list(
        "predecessor_id", "successor_id", "whole"
    ):
        # Only links across the reform lead to today's units; those inside an era (huyện Yên
        # Dũng into thành phố Bắc Giang) are for comparisons, see carry_forward.
        if successor_id in units and units[successor_id].era == Era.FROM_2025:
            links[predecessor_id].append((not whole, units[successor_id].code, successor_id))

    def chain(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
        found = [unit]
        while found[-1].parent_id in units:
            found.append(units[found[-1].parent_id])
        return found

    def successor(unit: AdministrativeUnit) -> AdministrativeUnit | None:
        """Today's unit a pre-2025 unit's figures go to; one only, so nothing counts twice."""
        if unit.level != Level.DISTRICT and links.get(unit.pk):
            return units[min(links[unit.pk])[2]]
        if unit.level in (Level.PROVINCE, Level.COUNTRY):
            return None
        # A district (the level is gone) or an unlinked commune goes to its province's successor.
        return successor(chain(unit)[-1])

    # A commune that moved to another district lay under two districts in its era; the map has
    # one target per level, so it has none at the district level: district roll-ups count it
    # through its agency's district total, never under the wrong district.
    moved = set(Transfer.objects.values_list("unit_id", flat=True))
    rows = []
    for unit in units.values():
        depth = LEVEL_DEPTH[unit.level]
        targets = chain(unit)
        if unit.pk in moved:
            del targets[1:2]
        if unit.era == Era.BEFORE_2025 and (today := successor(unit)) is not None:
            targets += chain(today)
        rows += [
            UnitMap(unit_id=unit.pk, era=t.era, level=t.level, target_id=t.pk, depth=depth)
            for t in targets
        ]
    return rows


def carry_forward(result: Result, position: int, day: dt.date) -> Result:
    """A roll-up by place restated on the units in force on `day` (rule: places/succession.py).

    The figures of units merged into one are combined as the roll-up combines places (summed
    indicators add up, the others take the highest). A unit split across several successors is
    allocated to none of them: its figures stay under the old unit, and count in full at the
    level above.
    """
    forward = carried_forward({key[position] for key in result}, day)
    aggregation = dict(
        Indicator.objects.filter(pk__in={key[0] for key in result}).values_list("pk", "aggregation")
    )
    grouped: dict[tuple, list] = defaultdict(list)
    for key, figure in result.items():
        place = forward.get(key[position]) or key[position]
        grouped[(*key[:position], place, *key[position + 1 :])].append(figure)
    return {
        key: figures[0] if len(figures) == 1 else across(aggregation[key[0]], figures)
        for key, figures in grouped.items()
    }
