"""What confirming an import would overwrite: the report's current values beside the proposed
ones, and which of them an import must leave alone unless the officer ticks them on purpose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from audit.log import scope_of
from audit.models import AuditRecord
from datavalues.models import Source
from rounds.models import DataValue, Report
from rounds.sheet import CellKey, Sheet, display_value

# Workflow steps after which the agency corrects its report.
RETURN_ACTIONS = ("return", "reopen")


@dataclass(frozen=True)
class EditMarks:
    """When figures were last imported into a report, and when it was last sent back."""

    last_import: dt.datetime | None
    last_return: dt.datetime | None


@dataclass(frozen=True)
class Proposal:
    value: Decimal
    qualifier: str


@dataclass(frozen=True)
class Comparison:
    """One cell: its current value and the proposal as they read, whether they differ, and why
    to keep the current one."""

    current: str
    proposed: str
    differs: bool
    reason: str

    @property
    def kept_by_default(self) -> bool:
        return self.differs and bool(self.reason)


@dataclass(frozen=True)
class ChangeCount:
    """How many stored values an import changes, and how many corrected ones it leaves alone."""

    changed: int
    kept: int

    def done(self) -> str:
        text = f"Đã thay đổi {self.changed} số liệu"
        return f"{text}, giữ nguyên {self.kept} số liệu đã sửa" if self.kept else text


def edit_marks(report: Report) -> EditMarks:
    """Read from the audit trail, which outlives a discarded document (one query)."""
    last = dict(
        AuditRecord.objects.filter(
            scope=scope_of(report), action__in=("import_confirm", *RETURN_ACTIONS)
        )
        .values_list("action")
        .annotate(at=Max("at"))
    )
    returns = [last[action] for action in RETURN_ACTIONS if action in last]
    return EditMarks(last.get("import_confirm"), max(returns, default=None))


def _day(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"


def keep_reason(stored: DataValue | None, marks: EditMarks) -> str:
    """Why an import must not replace this stored value unless ticked; "" when it may.

    A value counts as changed since the last import when it did not come from an imported
    document (its source is typed, summed from the activity log or computed), or when it was
    written after the last import into this report was confirmed. A value an import wrote and
    nobody touched since may be replaced by the next import; a report never imported into has
    only its typed values protected. The reason names the return (or reopening) when the change
    came after the report was last sent back for correction.
    """
    if stored is None:
        return ""
    after_import = marks.last_import is not None and stored.updated_at > marks.last_import
    if stored.source == Source.IMPORTED and not after_import:
        return ""
    if marks.last_return is not None and stored.updated_at > marks.last_return:
        return f"Đã sửa sau khi trả lại ngày {_day(marks.last_return)} — giữ nguyên trừ khi chọn"
    if after_import and marks.last_import is not None:
        return (
            f"Đã sửa ngày {_day(stored.updated_at)}, sau lần nhập văn bản ngày "
            f"{_day(marks.last_import)} — giữ nguyên trừ khi chọn"
        )
    return (
        f"Số liệu {stored.get_source_display().lower()} ngày {_day(stored.updated_at)}"
        " — giữ nguyên trừ khi chọn"
    )


def differs(stored: DataValue | None, proposal: Proposal) -> bool:
    """A new value (nothing stored) is a change too, but not one that overwrites anything."""
    return stored is None or (stored.value, stored.qualifier) != (
        proposal.value,
        proposal.qualifier,
    )


def compare(
    sheet: Sheet, proposals: Mapping[CellKey, Proposal], marks: EditMarks
) -> dict[CellKey, Comparison]:
    """Every proposed cell beside the report's current value."""
    out = {}
    for key, proposal in proposals.items():
        stored = sheet.values.get(key)
        out[key] = Comparison(
            current="" if stored is None else display_value(stored.value, stored.qualifier),
            proposed=display_value(proposal.value, proposal.qualifier),
            differs=stored is not None and differs(stored, proposal),
            reason=keep_reason(stored, marks),
        )
    return out


def count_changes(
    sheet: Sheet, entries: Mapping[CellKey, Proposal], kept: Iterable[CellKey] = ()
) -> ChangeCount:
    """Entries that write a different figure (new ones included), and the corrected cells kept."""
    changed = sum(differs(sheet.values.get(key), proposal) for key, proposal in entries.items())
    return ChangeCount(changed, len(set(kept) - set(entries)))
