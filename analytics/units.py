"""The unit map: every unit and the units it rolls up to, in its own era and in today's."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from analytics.models import UnitMap, UnitMapState
from places.models import AdministrativeUnit, Era, Level

DEPTH = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}

_FINGERPRINT_SQL = """
SELECT (SELECT COUNT(*) FROM places_administrativeunit),
       (SELECT MAX(id) FROM places_administrativeunit),
       (SELECT SUM(COALESCE(parent_id, 0)) FROM places_administrativeunit),
       (SELECT COUNT(*) FROM places_succession),
       (SELECT SUM(predecessor_id * 3 + successor_id) FROM places_succession)
"""


def _fingerprint() -> str:
    # Counts and sums of the links catch the loader's bulk writes, which send no signals.
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        return ":".join(str(part) for part in cursor.fetchone())


def ensure_unit_map() -> None:
    """Rebuild the unit map when the units or successions changed since it was built."""
    fingerprint = _fingerprint()
    state = UnitMapState.objects.first()
    if state is not None and state.fingerprint == fingerprint:
        return
    with transaction.atomic():
        UnitMap.objects.all().delete()
        UnitMap.objects.bulk_create(_unit_map_rows(), batch_size=5000)
        UnitMapState.objects.all().delete()
        UnitMapState.objects.create(fingerprint=fingerprint)
    with connection.cursor() as cursor:
        # Fresh statistics, or the planner guesses one row for a table of 60,000.
        cursor.execute("ANALYZE analytics_unitmap")


def _unit_map_rows() -> list[UnitMap]:
    units = {
        u.pk: u for u in AdministrativeUnit.objects.only("id", "era", "level", "code", "parent_id")
    }
    links: dict[int, list[tuple[bool, str, int]]] = defaultdict(list)
    for predecessor, successor, whole in AdministrativeUnit.successors.through.objects.values_list(
        "predecessor_id", "successor_id", "whole"
    ):
        if successor in units:
            links[predecessor].append((not whole, units[successor].code, successor))

    def chain(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
        found = [unit]
        while found[-1].parent_id in units:
            found.append(units[found[-1].parent_id])
        return found

    def successor(unit: AdministrativeUnit) -> AdministrativeUnit | None:
        """Today's unit a pre-2025 unit's figures go to; one only, so nothing counts twice."""
        if unit.level != Level.DISTRICT and links.get(unit.pk):
            return units[min(links[unit.pk])[2]]
        if unit.level == Level.PROVINCE:
            return None
        # A district (the level is gone) or an unlinked commune goes to its province's successor.
        return successor(chain(unit)[-1])

    rows = []
    for unit in units.values():
        depth = DEPTH[unit.level]
        targets = chain(unit)
        if unit.era == Era.BEFORE_2025 and (today := successor(unit)) is not None:
            targets += chain(today)
        rows += [
            UnitMap(unit_id=unit.pk, era=t.era, level=t.level, target_id=t.pk, depth=depth)
            for t in targets
        ]
    return rows
