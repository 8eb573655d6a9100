"""Changes of pre-2025 units made by resolutions, read from a CSV file and applied, re-runnable.

The package `vietnam-provinces` holds the map of 30/6/2025 only. A change list records what
happened before it, one row per (old unit, new unit) pair of a resolution:

    resolution,signed,effective,kind,level,old_unit,new_unit,from_parent,source
    1191/NQ-UBTVQH15,28/09/2024,01/01/2025,merge,district,221 Huyện Yên Dũng,213 Thành phố Bắc Giang,,https://...

Dates are day/month/year; a unit is its General Statistics Office code and its full name as the
resolution names it; `level` is `district` or `commune`. What each kind does:

| kind        | old unit ends | whole | new unit begins | Vietnamese                           |
|-------------|---------------|-------|-----------------|--------------------------------------|
| `merge`     | yes           | yes   | no              | nhập A vào B                         |
| `merge_new` | yes           | yes   | yes             | nhập A (với B) để thành lập C        |
| `split`     | yes           | no    | yes             | chia A để thành lập B, C             |
| `dissolve`  | yes           | no    | no              | giải thể A, nhập các phần vào B, C   |
| `establish` | no            | no    | yes             | thành lập B trên một phần của A      |
| `adjust`    | no            | no    | no              | điều chỉnh một phần A vào B          |
| `upgrade`, `rename` | when the code changes | yes | when the code changes | huyện lên thị xã, đổi tên |
| `transfer`  | no            | -     | no              | xã chuyển sang huyện, thị xã khác    |

A `transfer` keeps the unit and its code (its name may change with it, xã Trù Hựu becoming
phường Trù Hựu of thị xã Chũ) and names in `from_parent` the unit it lay under until then; the
column is empty for the other kinds.

A unit that ended is created if the package does not have it (huyện Yên Dũng), valid until the
day before the change; a unit that began gets its first day; each pair becomes a `Succession`
that cites the resolution. An upgrade or rename that keeps the code changes nothing stored: the
unit is the same one (its name is today's). See places/succession.py for how figures follow.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from places.loader import short_name
from places.models import AdministrativeUnit, Era, Level, Succession, Transfer

CHANGES_DIR = Path(__file__).resolve().parent / "data" / "changes"
COLUMNS = [
    "resolution",
    "signed",
    "effective",
    "kind",
    "level",
    "old_unit",
    "new_unit",
    "from_parent",
    "source",
]
# kind -> (the old unit ends, all of it passes on, the new unit begins)
KINDS = {
    "merge": (True, True, False),
    "merge_new": (True, True, True),
    "split": (True, False, True),
    "dissolve": (True, False, False),
    "establish": (False, False, True),
    "adjust": (False, False, False),
    "upgrade": (True, True, True),
    "rename": (True, True, True),
    "transfer": (False, True, False),
}
SAME_UNIT_KINDS = {"upgrade", "rename", "transfer"}
LEVELS = {"district": Level.DISTRICT, "commune": Level.COMMUNE}
PARENT_LEVEL: dict[str, str] = {Level.DISTRICT: Level.PROVINCE, Level.COMMUNE: Level.DISTRICT}
UNIT_PATTERN = re.compile(r"^\s*(\d{1,5})\s+(\S.*?)\s*$")
RESOLUTION_PATTERN = re.compile(r"^\d+/[\w-]+$")


class UnitChangeError(ValueError):
    """A change list that cannot be applied; the message names the line, in Vietnamese."""


@dataclass(frozen=True)
class UnitRef:
    code: str
    full_name: str


@dataclass(frozen=True)
class UnitChange:
    line: int
    resolution: str
    signed: dt.date
    effective: dt.date
    kind: str
    level: str
    old: UnitRef
    new: UnitRef
    from_parent: UnitRef | None = None

    @property
    def same_unit(self) -> bool:
        return self.kind in SAME_UNIT_KINDS and self.old.code == self.new.code


def _date(text: str, line: int, what: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise UnitChangeError(
            f"Dòng {line}: {what} “{text}” không phải ngày dạng ngày/tháng/năm (ví dụ 01/01/2025)."
        ) from None


def _unit(text: str, line: int, what: str) -> UnitRef:
    match = UNIT_PATTERN.match(text)
    if not match:
        raise UnitChangeError(
            f"Dòng {line}: {what} “{text}” phải gồm mã và tên đầy đủ, ví dụ “221 Huyện Yên Dũng”."
        )
    return UnitRef(str(int(match[1])), match[2])


def parse_changes(text: str) -> list[UnitChange]:
    """The rows of a change list; refuses the whole file at its first bad line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [c.strip() for c in rows[0]] != COLUMNS:
        raise UnitChangeError(f"Dòng 1: tiêu đề phải là “{','.join(COLUMNS)}”.")
    changes = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise UnitChangeError(
                f"Dòng {line}: có {len(row)} cột, cần đúng {len(COLUMNS)} cột ({', '.join(COLUMNS)})."
            )
        cells = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
        if not RESOLUTION_PATTERN.match(cells["resolution"]):
            raise UnitChangeError(
                f"Dòng {line}: số nghị quyết “{cells['resolution']}” không đúng dạng "
                "số/ký hiệu, ví dụ 1191/NQ-UBTVQH15."
            )
        if cells["kind"] not in KINDS:
            raise UnitChangeError(
                f"Dòng {line}: loại thay đổi “{cells['kind']}” không có; "
                f"dùng một trong: {', '.join(KINDS)}."
            )
        if cells["level"] not in LEVELS:
            raise UnitChangeError(
                f"Dòng {line}: cấp “{cells['level']}” không có; dùng district (huyện) "
                "hoặc commune (xã)."
            )
        signed = _date(cells["signed"], line, "ngày ký")
        effective = _date(cells["effective"], line, "ngày hiệu lực")
        if effective < signed:
            raise UnitChangeError(f"Dòng {line}: ngày hiệu lực trước ngày ký.")
        change = UnitChange(
            line,
            cells["resolution"],
            signed,
            effective,
            cells["kind"],
            LEVELS[cells["level"]],
            _unit(cells["old_unit"], line, "đơn vị cũ"),
            _unit(cells["new_unit"], line, "đơn vị mới"),
            _unit(cells["from_parent"], line, "đơn vị cấp trên cũ")
            if cells["from_parent"]
            else None,
        )
        if change.old.code == change.new.code and not change.same_unit:
            raise UnitChangeError(
                f"Dòng {line}: đơn vị cũ và đơn vị mới cùng mã {change.old.code}; chỉ nâng cấp "
                "(upgrade), đổi tên (rename) hoặc chuyển (transfer) mới giữ mã."
            )
        if (change.kind == "transfer") != (change.from_parent is not None):
            raise UnitChangeError(
                f"Dòng {line}: cột from_parent ghi đơn vị cấp trên cũ khi và chỉ khi "
                "loại thay đổi là transfer."
            )
        if change.kind == "transfer" and not change.same_unit:
            raise UnitChangeError(
                f"Dòng {line}: đơn vị chuyển (transfer) giữ nguyên mã; "
                f"{change.old.code} khác {change.new.code}."
            )
        changes.append(change)
    return changes


def _find(ref: UnitRef, level: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(
        era=Era.BEFORE_2025, level=level, code=ref.code
    ).first()


def _missing(change: UnitChange, ref: UnitRef) -> UnitChangeError:
    return UnitChangeError(
        f"Dòng {change.line}: không có đơn vị {ref.code} ({ref.full_name}) trong danh mục; "
        "hãy nạp danh mục đơn vị hành chính trước (tonghop load_places)."
    )


def _apply(change: UnitChange) -> tuple[int, int, int]:
    """One row; returns (units created, successions created, transfers created)."""
    ends, whole, begins = KINDS[change.kind]
    new = _find(change.new, change.level)
    if new is None:
        raise _missing(change, change.new)
    if change.kind == "transfer":
        return 0, 0, _transfer(change, new)
    if change.same_unit:
        return 0, 0, 0
    old = _find(change.old, change.level)
    created = 0
    if old is None:
        if not ends:
            raise _missing(change, change.old)
        # A unit gone before the package's map: it lay where its successor lies.
        old = AdministrativeUnit.objects.create(
            era=Era.BEFORE_2025,
            level=change.level,
            code=change.old.code,
            name=short_name(change.old.full_name),
            full_name=change.old.full_name,
            parent_id=new.parent_id,
        )
        created = 1
    last_day = change.effective - dt.timedelta(days=1)
    if ends and old.valid_to != last_day:
        old.valid_to = last_day
        old.save(update_fields=["valid_to"])
    if begins and new.valid_from != change.effective:
        new.valid_from = change.effective
        new.save(update_fields=["valid_from"])
    _, made = Succession.objects.update_or_create(
        predecessor=old,
        successor=new,
        defaults={
            "whole": whole,
            "resolution": change.resolution,
            "signed": change.signed,
            "effective": change.effective,
        },
    )
    return created, int(made), 0


def _transfer(change: UnitChange, unit: AdministrativeUnit) -> int:
    assert change.from_parent is not None  # parse_changes makes sure
    parent = _find(change.from_parent, PARENT_LEVEL[change.level])
    if parent is None:
        raise _missing(change, change.from_parent)
    _, made = Transfer.objects.update_or_create(
        unit=unit,
        effective=change.effective,
        defaults={
            "from_parent": parent,
            "resolution": change.resolution,
            "signed": change.signed,
        },
    )
    return int(made)


def load_unit_changes(path: Path | str) -> dict[str, int]:
    """Apply a change list (see the module docstring); all of it or, on any error, nothing."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UnitChangeError(f"Không đọc được tệp {path.name}: {error}.") from None
    changes = parse_changes(text)
    units = links = transfers = 0
    with transaction.atomic():
        # Latest first: a unit that ended twice (A into B, later B into C) is created, as B,
        # by the later change before the earlier one looks for it.
        for change in sorted(changes, key=lambda c: (c.effective, -c.line), reverse=True):
            created, made, moved = _apply(change)
            units += created
            links += made
            transfers += moved
    return {
        "changes": len(changes),
        "units_created": units,
        "successions_created": links,
        "transfers_created": transfers,
    }


def bundled_change_lists() -> list[Path]:
    """The change lists shipped with tonghop, one per province."""
    return sorted(CHANGES_DIR.glob("*.csv"))
