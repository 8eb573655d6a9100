"""Stored state against its audit trail: each trailed object must hold the last "new" text
its records give. The app that owns the objects registers them (rounds: data values)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audit.models import AuditRecord


@dataclass(frozen=True)
class Trailed:
    """Objects of `object_type` whose records of `field` give their state as text.

    `current` returns each stored object's id with its text and a label for messages.
    """

    object_type: str
    field: str
    current: Callable[[], dict[str, tuple[str, str]]]


_TRAILED: list[Trailed] = []


def register(trailed: Trailed) -> None:
    if trailed not in _TRAILED:
        _TRAILED.append(trailed)


def mismatches() -> list[str]:
    """Each trailed object whose stored text differs from its trail, in Vietnamese."""
    problems = []
    for trailed in _TRAILED:
        recorded: dict[str, tuple[str, str]] = {}
        rows = (
            AuditRecord.objects.filter(object_type=trailed.object_type, field=trailed.field)
            .order_by("at", "pk")
            .values_list("object_id", "new", "object_repr", "scope")
        )
        for object_id, new, label, scope in rows.iterator(chunk_size=5000):
            recorded[object_id] = (new, f"{label} ({scope})")
        stored = trailed.current()
        for object_id in sorted(recorded.keys() | stored.keys(), key=lambda i: (len(i), i)):
            now, label = stored.get(object_id, ("", ""))
            then, recorded_label = recorded.get(object_id, ("", ""))
            if now == then:
                continue
            if object_id not in recorded:
                problems.append(f"{label}: đang lưu «{now}» nhưng nhật ký không ghi giá trị này.")
            elif object_id not in stored:
                problems.append(
                    f"{recorded_label}: nhật ký ghi «{then}» nhưng giá trị đã bị xóa "
                    "ngoài hệ thống."
                )
            else:
                problems.append(f"{label}: đang lưu «{now}» nhưng nhật ký ghi «{then}».")
    return problems
