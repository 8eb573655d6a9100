"""Load Vietnam's administrative units from the `vietnam-provinces` package, re-runnable.

The package carries both structures (63 provinces / districts / communes before 1 July 2025,
34 provinces / communes after) and the official old-to-new conversion tables. The tables live in
its modules `_province_conversion_2025` and `_ward_conversion_2025`, which its public
`get_legacy_sources()` methods read too; we read them directly to keep the "partly merged" flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

import vietnam_provinces as current
import vietnam_provinces.legacy as legacy
from django.db import transaction
from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCES_OLD_TO_NEW
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARDS_OLD_TO_NEW

from places import versions
from places.models import (
    COUNTRY_CODE,
    LAST_DAY_BEFORE_REFORM,
    REFORM_DATE,
    AdministrativeUnit,
    Era,
    Level,
    Succession,
)

TYPE_PREFIXES = sorted(
    ["Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn", "Đặc khu"],
    key=len,
    reverse=True,
)


def short_name(full_name: str) -> str:
    """'Huyện Sơn Động' -> 'Sơn Động'; a name that is only a number keeps its type ('Phường 1')."""
    for prefix in TYPE_PREFIXES:
        rest = full_name[len(prefix) :].strip()
        if full_name.startswith(prefix + " ") and not rest.isdigit():
            return rest
    return full_name


@dataclass(frozen=True)
class UnitRow:
    era: str
    level: str
    code: str
    full_name: str
    parent_key: tuple[str, str, str] | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.era, self.level, self.code)


def _code(value: IntEnum) -> str:
    return str(int(value))


def _rows(old_provinces: set[int] | None) -> list[UnitRow]:
    """Every unit to load, parents before children; limited to some old provinces if asked."""
    old, new = Era.BEFORE_2025, Era.FROM_2025
    new_provinces = None
    if old_provinces is not None:
        new_provinces = {
            ref.code for code in old_provinces for ref in PROVINCES_OLD_TO_NEW[code].new_provinces
        }
    # The country of each era, a ministry's unit; provinces stay without a parent.
    rows = [UnitRow(era, Level.COUNTRY, COUNTRY_CODE, "Việt Nam", None) for era in (old, new)]
    for p in legacy.Province.iter_all():
        if old_provinces is None or p.code.value in old_provinces:
            rows.append(UnitRow(old, Level.PROVINCE, _code(p.code), p.name, None))
    wanted_districts = set()
    for d in legacy.District.iter_all():
        if old_provinces is None or d.province_code.value in old_provinces:
            wanted_districts.add(d.code.value)
            parent = (old, Level.PROVINCE, _code(d.province_code))
            rows.append(UnitRow(old, Level.DISTRICT, _code(d.code), d.name, parent))
    for w in legacy.Ward.iter_all():
        if w.district_code.value in wanted_districts:
            parent = (old, Level.DISTRICT, _code(w.district_code))
            rows.append(UnitRow(old, Level.COMMUNE, _code(w.code), w.name, parent))
    for province in current.Province.iter_all():
        if new_provinces is None or province.code.value in new_provinces:
            rows.append(UnitRow(new, Level.PROVINCE, _code(province.code), province.name, None))
    for ward in current.Ward.iter_all():
        if new_provinces is None or ward.province_code.value in new_provinces:
            parent = (new, Level.PROVINCE, _code(ward.province_code))
            rows.append(UnitRow(new, Level.COMMUNE, _code(ward.code), ward.name, parent))
    return rows


def _successions(old_provinces: set[int] | None) -> Iterable[tuple[tuple, tuple, bool]]:
    old, new = Era.BEFORE_2025, Era.FROM_2025
    for code, entry in PROVINCES_OLD_TO_NEW.items():
        if old_provinces is None or code in old_provinces:
            for ref in entry.new_provinces:
                yield (old, Level.PROVINCE, str(code)), (new, Level.PROVINCE, str(ref.code)), True
    for code, change in WARDS_OLD_TO_NEW.items():
        if old_provinces is None or change.old_ward.province_code in old_provinces:
            whole = not change.old_ward.is_partly_merged
            for to in change.new_wards:
                yield (old, Level.COMMUNE, str(code)), (new, Level.COMMUNE, str(to.code)), whole


@transaction.atomic
def load_units(old_provinces: set[int] | None = None) -> dict[str, int]:
    """Create or update every unit and succession; returns counts of what was created."""
    existing = {
        (u.era, u.level, u.code): u
        for u in AdministrativeUnit.objects.only(
            "id", "era", "level", "code", "name", "full_name", "parent_id", "valid_from", "valid_to"
        )
    }
    created = changed = 0
    for level in (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        new_units, updated = [], []
        for row in _rows(old_provinces):
            if row.level != level:
                continue
            unit = existing.get(row.key)
            fields = {
                "name": short_name(row.full_name),
                "full_name": row.full_name,
                "parent_id": existing[row.parent_key].id if row.parent_key else None,
                # A pre-reform unit's first day comes from the change lists (places/changes.py),
                # which the package does not know: keep it.
                "valid_from": REFORM_DATE
                if row.era == Era.FROM_2025
                else (unit.valid_from if unit else None),
                "valid_to": LAST_DAY_BEFORE_REFORM if row.era == Era.BEFORE_2025 else None,
            }
            if unit is None:
                new_units.append(
                    AdministrativeUnit(era=row.era, level=row.level, code=row.code, **fields)
                )
            elif any(getattr(unit, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(unit, k, v)
                updated.append(unit)
        for unit in AdministrativeUnit.objects.bulk_create(new_units, batch_size=2000):
            existing[(unit.era, unit.level, unit.code)] = unit
        if not all(u.pk for u in new_units):  # backends that do not return ids on bulk insert
            existing.update({(u.era, u.level, u.code): u for u in AdministrativeUnit.objects.all()})
        AdministrativeUnit.objects.bulk_update(
            updated, ["name", "full_name", "parent_id", "valid_from", "valid_to"], batch_size=2000
        )
        created += len(new_units)
        changed += len(updated)

    known = set(Succession.objects.values_list("predecessor_id", "successor_id"))
    links = []
    for before, after, whole in _successions(old_provinces):
        if before in existing and after in existing:
            pair = (existing[before].id, existing[after].id)
            if pair not in known:
                known.add(pair)
                links.append(Succession(predecessor_id=pair[0], successor_id=pair[1], whole=whole))
    Succession.objects.bulk_create(links, batch_size=5000)
    versions.bump()  # bulk writes send no signals
    return {"units_created": created, "units_updated": changed, "successions_created": len(links)}
