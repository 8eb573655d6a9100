"""How a place picker names and orders units: one rule for every picker in the project.

Old and new units often share a name ("Tỉnh An Giang" before and after 1/7/2025); a label
carries the unit's era only when another unit of the same list would read the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from places.models import REFORM_DATE, AdministrativeUnit, Era

ERA_SUFFIXES = {
    Era.BEFORE_2025: f"trước {REFORM_DATE.day}/{REFORM_DATE.month}/{REFORM_DATE.year}",
    Era.FROM_2025: f"từ {REFORM_DATE.day}/{REFORM_DATE.month}/{REFORM_DATE.year}",
}


def unit_label(unit: AdministrativeUnit, with_era: bool = False) -> str:
    """'Tỉnh An Giang', or with its era 'Tỉnh An Giang (trước 1/7/2025)'."""
    name = str(unit)
    return f"{name} ({ERA_SUFFIXES[Era(unit.era)]})" if with_era else name


def unit_labels(units: Iterable[AdministrativeUnit]) -> dict[int, str]:
    """Each unit's label in a list: its era added where two units would read the same.

    Units of one era that still read the same (which a correct map does not hold) get their
    code as well. Give units with their parent selected: str() names a commune's parent.
    """
    units = list(units)
    plain = Counter(unit_label(u) for u in units)
    labels = {u.pk: unit_label(u, plain[unit_label(u)] > 1) for u in units}
    twice = Counter(labels.values())
    return {
        u.pk: f"{labels[u.pk]}, mã {u.code}" if twice[labels[u.pk]] > 1 else labels[u.pk]
        for u in units
    }


def in_force_first(
    units: QuerySet[AdministrativeUnit], day: dt.date
) -> QuerySet[AdministrativeUnit]:
    """The units in force on `day` (the end of the period in view) first, then the others,
    each by name; with parents selected for the labels."""
    in_force = (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return (
        units.select_related("parent")
        .annotate(
            out_of_force=Case(
                When(in_force, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("out_of_force", "name", "-era", "code")
    )
