"""Workflow writes: each runs in one transaction, writes its audit records, and announces the
workflow steps through rounds.signals (notifications mails people about them on commit).

Views and the API call these; they never set a status or save a report themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from accounts.models import Role, User, active_users
from agencies.models import Agency
from audit.log import Change, Entry, record, record_many, scope_of
from catalogue.models import Indicator, Period
from datavalues.models import Qualifier, Source, check_qualifier_word
from documents.models import LegalDocument
from lib.limits import listed
from rounds.access import (
    can_answer_round,
    can_edit_report,
    can_log_activities,
    can_open_round,
    can_review,
)
from rounds.models import (
    Activity,
    DataValue,
    Narrative,
    Report,
    ReportStatus,
    Round,
    RoundIndicator,
    Section,
)
from rounds.outline import Heading
from rounds.sheet import CellKey, Sheet, build_sheet, display_value
from rounds.signals import reminders_sent, report_reviewed, report_submitted
from rounds.validation import Findings, check_value, validate

HEADER_FIELDS = ("number", "title", "signer_title", "signer_name")


class WorkflowError(Exception):
    """A refused step; the message is shown to the user as is."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = listed(details)


class VersionConflict(WorkflowError):
    pass


class SubmissionRefused(WorkflowError):
    def __init__(self, findings: Findings, explanations: dict[str, str]) -> None:
        details = [e.message for e in findings.errors]
        details += [w.message for w in findings.unexplained(explanations)]
        super().__init__(
            "Chưa nộp được báo cáo: còn lỗi số liệu hoặc cảnh báo chưa giải trình.", details
        )
        self.findings = findings


CONFLICT_MESSAGE = (
    "Báo cáo vừa được người khác lưu trong lúc bạn đang sửa, nên lần lưu này chưa được ghi. "
    "Nội dung bạn nhập vẫn còn nguyên trên trang; hãy xem lại bản mới nhất rồi lưu lại."
)


@dataclass(frozen=True)
class CellInput:
    """One cell's new value, with where it comes from (a document's quoted passage, ...)."""

    value: Decimal
    qualifier: str = Qualifier.EXACT
    source: str = Source.TYPED
    source_file: str = ""
    source_quote: str = ""
    source_start: int | None = None
    source_end: int | None = None
    qualifier_word: str = ""  # as the agency wrote it ("hơn"); blank for the kind's default

    def apply(self, value: DataValue) -> None:
        for name in PROVENANCE_FIELDS:
            setattr(value, name, getattr(self, name))

    def same_as(self, value: DataValue) -> bool:
        """Nothing to write: the figure is unchanged and, if this input quotes a document, so
        is the quote. Re-typing an imported figure as it stands keeps its provenance."""
        written = (value.value, value.qualifier, value.qualifier_word)
        if written != (self.value, self.qualifier, self.qualifier_word):
            return False
        return not self.source_quote or all(
            getattr(value, name) == getattr(self, name) for name in PROVENANCE_FIELDS
        )


PROVENANCE_FIELDS = (
    "value",
    "qualifier",
    "qualifier_word",
    "source",
    "source_file",
    "source_quote",
    "source_start",
    "source_end",
)


@dataclass
class Draft:
    """What a save changes; keys left out stay as they are, a None value clears the cell."""

    values: dict[CellKey, CellInput | None] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    # Why these values change, kept with each value's audit record ("Nhập từ văn bản ...").
    note: str = ""


def _status_label(status: str) -> str:
    return ReportStatus(status).label


def lock_report(report: Report) -> Report:
    """The report locked for the rest of the transaction, with what its writes read."""
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("round", "round__period", "agency", "agency__unit")
        .get(pk=report.pk)
    )


def _lock_for_editing(report: Report, by: User, version: int, lock_held: bool = False) -> Report:
    """The report locked, checked editable by `by` at `version`; `lock_held`: the caller has
    locked it already in its transaction (rounds.access.lock_editable_report)."""
    if lock_held and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a report whose lock is held needs its caller's transaction")
    locked = report if lock_held else lock_report(report)
    if not can_edit_report(by, locked):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được sửa báo cáo của mình.")
    if locked.version != version:
        raise VersionConflict(CONFLICT_MESSAGE)
    if not locked.is_editable:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{locked.get_status_display()}», không sửa được nữa."
        )
    return locked


def _status_entry(locked: Report, status: str, action: str) -> Entry:
    """Set the report's status; the audit entry saying so (its action named in the entry)."""
    old = locked.status
    locked.status = status
    change = Change("trạng thái", _status_label(old), _status_label(status))
    return Entry(locked, [change], action=action)


def _set_status(
    locked: Report, status: str, by: User, action: str, ip: str | None, comment: str = ""
) -> None:
    entry = _status_entry(locked, status, action)
    record_many(by, action, [entry], scope=scope_of(locked), comment=comment, ip=ip)


def _qualified(dv: DataValue | None) -> str:
    return "" if dv is None else display_value(dv.value, dv.qualifier, dv.qualifier_word)


def save_draft(
    report: Report,
    by: User,
    draft: Draft | Callable[[Sheet], Draft],
    *,
    version: int,
    ip: str | None = None,
    lock_held: bool = False,
) -> Report:
    """Store the agency's figures, narratives and explanations; refuse a stale version.

    `draft` may be a function making it from the sheet read under the report's lock (the API
    maps indicator codes to cells with it), so that a save reads the sheet once. `lock_held`:
    the caller's transaction holds the report's lock (rounds.access.lock_editable_report); the
    save joins that transaction, without a savepoint."""
    with transaction.atomic(savepoint=not lock_held):
        locked = _lock_for_editing(report, by, version, lock_held)
        sheet = build_sheet(locked)
        store_draft(locked, by, draft(sheet) if callable(draft) else draft, ip, sheet)
    return locked


def store_draft(locked: Report, by: User, draft: Draft, ip: str | None, sheet: Sheet) -> None:
    """save_draft's writes, for a caller that has locked the report, checked who may write
    and read its sheet since (rounds.upward: the province's answer carried from its own round).

    The values' audit records and, on a first save, the report's start are appended together."""
    entries = _checked_entries(sheet, draft.values)
    trail = _write_values(locked, sheet, entries, by)
    if locked.status == ReportStatus.NOT_STARTED:
        trail.append(_status_entry(locked, ReportStatus.DRAFT, "start"))
    record_many(by, "value", trail, scope=scope_of(locked), ip=ip, comment=draft.note)
    _save_narratives(locked, by, draft.narratives, ip)
    _save_header_and_explanations(locked, by, draft, ip)
    locked.version += 1
    # What a save changes, not the twenty columns of the report.
    locked.save(update_fields=["version", "status", "explanations", *HEADER_FIELDS])


def _checked_entries(
    sheet: Sheet, values: dict[CellKey, CellInput | None]
) -> dict[CellKey, CellInput | None]:
    """The draft's values with their qualifier words settled; refuse the save on any bad one."""
    errors = []
    entries: dict[CellKey, CellInput | None] = {}
    for key, entry in values.items():
        cell = sheet.cell(key)
        if cell is None:
            errors.append("Có số liệu không thuộc các chỉ tiêu của đợt báo cáo này.")
        elif entry is None:
            entries[key] = None
        elif message := check_value(cell.indicator, entry.value):
            errors.append(f"{cell.label}: {message}")
        else:
            try:
                word = check_qualifier_word(entry.qualifier, entry.qualifier_word)
            except ValueError as error:
                errors.append(f"{cell.label}: {error}")
                continue
            entries[key] = replace(entry, qualifier_word=word)
    if errors:
        raise WorkflowError("Số liệu chưa hợp lệ, chưa lưu được.", errors)
    return entries


def _write_values(
    locked: Report,
    sheet: Sheet,
    entries: dict[CellKey, CellInput | None],
    by: User,
) -> list[Entry]:
    """Write the changed cells (a None entry deletes one) in one statement per kind of write,
    whatever their number; return one audit entry per cell written."""
    created: list[DataValue] = []
    updated: list[DataValue] = []
    deleted: list[DataValue] = []
    trail: list[tuple[DataValue, CellKey, str]] = []  # each written value, its key, its old text
    now = timezone.now()
    for key, entry in entries.items():
        current = sheet.values.get(key)
        old = _qualified(current)
        if entry is None:
            if current is not None:
                deleted.append(current)
                trail.append((current, key, old))
            continue
        if current is not None and entry.same_as(current):
            continue
        value = current or DataValue(
            indicator_id=key[0],
            place_id=key[1],
            agency_id=locked.agency_id,
            period_id=locked.round.period_id,
        )
        entry.apply(value)
        value.report = locked
        value.updated_by = by
        value.updated_at = now  # auto_now is not applied by bulk_update
        (updated if current is not None else created).append(value)
        trail.append((value, key, old))
    DataValue.objects.bulk_create(created)
    _update_together(updated, [*PROVENANCE_FIELDS, "report", "updated_by", "updated_at"])
    gone = {value.pk for value in deleted}
    audited = []
    for value, key, old in trail:
        cell = sheet.cell(key)
        new = "" if value.pk in gone else _qualified(value)
        label = cell.label if cell else ""
        audited.append(Entry(value, [Change("giá trị", old, new)], label))
    if gone:
        DataValue.objects.filter(pk__in=gone).delete()
    return audited


def _update_together(values: list[DataValue], names: list[str]) -> None:
    """bulk_update's single UPDATE, with a CASE over the rows only for the fields whose new
    value differs between them (a typed save: the figures); a field they share (the report,
    who, when, the source) is set as one value. Building the statement is most of a save's
    CPU time otherwise."""
    if not values:
        return
    assignments: dict[str, object] = {}
    for name in names:
        field = DataValue._meta.get_field(name)
        assert isinstance(field, models.Field)
        new = [getattr(value, field.attname) for value in values]
        if len({repr(item) for item in new}) == 1:  # repr: 1 and 1.0 stay apart
            assignments[field.attname] = new[0]
        else:
            whens = [
                When(pk=value.pk, then=Value(item, output_field=field))
                for value, item in zip(values, new, strict=True)
            ]
            assignments[field.attname] = Case(*whens, output_field=field)
    DataValue.objects.filter(pk__in=[value.pk for value in values]).update(**assignments)


def _header_label(name: str) -> str:
    field = Report._meta.get_field(name)
    assert isinstance(field, models.Field)  # a header field is a column, not a relation
    return str(field.verbose_name)


def _save_header_and_explanations(locked: Report, by: User, draft: Draft, ip: str | None) -> None:
    """Set the header fields and explanations the draft changes, in one audit record."""
    header_changes = [
        Change(_header_label(name), getattr(locked, name), text)
        for name, text in draft.header.items()
        if name in HEADER_FIELDS and getattr(locked, name) != text
    ]
    for name, text in draft.header.items():
        if name in HEADER_FIELDS:
            setattr(locked, name, text)
    explanations = {**locked.explanations, **draft.explanations}
    explanation_changes = [
        Change(f"giải trình {code}", locked.explanations.get(code, ""), text)
        for code, text in draft.explanations.items()
        if locked.explanations.get(code, "") != text
    ]
    locked.explanations = {code: text for code, text in explanations.items() if text.strip()}
    if header_changes or explanation_changes:
        record(by, "edit", locked, changes=header_changes + explanation_changes, ip=ip)


def _save_narratives(report: Report, by: User, texts: dict[int, str], ip: str | None) -> None:
    if not texts:
        return
    sections = {s.pk: s for s in report.round.sections.filter(pk__in=texts)}
    existing = {n.section_id: n for n in report.narratives.filter(section_id__in=sections)}
    for section_id, text in texts.items():
        section = sections.get(section_id)
        if section is None:
            raise WorkflowError("Có nội dung không thuộc đề cương của đợt báo cáo này.")
        narrative = existing.get(section_id) or Narrative(report=report, section=section)
        if narrative.text == text:
            continue
        old = narrative.text
        narrative.text = text
        narrative.save()
        record(
            by,
            "narrative",
            narrative,
            scope=scope_of(report),
            label=str(section),
            ip=ip,
            changes=[Change("nội dung", old, text)],
        )


def submit_report(
    report: Report, by: User, *, version: int, ip: str | None = None, lock_held: bool = False
) -> Report:
    """Send the report to the coordinator, once every check passes or is explained
    (`lock_held` as for save_draft)."""
    with transaction.atomic(savepoint=not lock_held):
        locked = _lock_for_editing(report, by, version, lock_held)
        findings = validate(build_sheet(locked))
        if findings.blocks_submission(locked.explanations):
            raise SubmissionRefused(findings, locked.explanations)
        now = timezone.now()
        locked.submitted_at = now
        locked.first_submitted_at = locked.first_submitted_at or now
        locked.review_comment = ""
        _set_status(locked, ReportStatus.SUBMITTED, by, "submit", ip)
        locked.version += 1
        locked.save(
            update_fields=[
                "submitted_at",
                "first_submitted_at",
                "review_comment",
                "status",
                "version",
            ]
        )
        report_submitted.send(Report, report=locked, by=by)
    return locked


def _review(
    report: Report,
    by: User,
    *,
    expected: str,
    to: str,
    action: str,
    comment: str,
    ip: str | None,
    comment_required: str = "",
) -> Report:
    comment = comment.strip()
    if comment_required and not comment:
        raise WorkflowError(comment_required)
    with transaction.atomic():
        locked = lock_report(report)
        if not can_review(by, locked.round):
            raise PermissionDenied(
                "Chỉ cơ quan thường trực của đợt báo cáo được thực hiện việc này."
            )
        if locked.status != expected:
            raise WorkflowError(
                f"Báo cáo đang ở trạng thái «{locked.get_status_display()}», "
                f"chỉ báo cáo «{_status_label(expected)}» mới thực hiện được việc này."
            )
        if comment:
            locked.review_comment = comment
        _set_status(locked, to, by, action, ip, comment)
        locked.version += 1
        locked.save()
        report_reviewed.send(Report, report=locked, by=by, action=action, comment=comment)
    return locked


def return_report(report: Report, by: User, *, comment: str, ip: str | None = None) -> Report:
    return _review(
        report,
        by,
        expected=ReportStatus.SUBMITTED,
        to=ReportStatus.RETURNED,
        action="return",
        comment=comment,
        ip=ip,
        comment_required="Cần ghi ý kiến khi trả lại báo cáo để cơ quan biết cần sửa gì.",
    )


def accept_report(report: Report, by: User, *, comment: str = "", ip: str | None = None) -> Report:
    return _review(
        report,
        by,
        expected=ReportStatus.SUBMITTED,
        to=ReportStatus.ACCEPTED,
        action="accept",
        comment=comment,
        ip=ip,
    )


def reopen_report(report: Report, by: User, *, reason: str, ip: str | None = None) -> Report:
    return _review(
        report,
        by,
        expected=ReportStatus.ACCEPTED,
        to=ReportStatus.RETURNED,
        action="reopen",
        comment=reason,
        ip=ip,
        comment_required="Cần nêu lý do khi mở lại báo cáo đã tiếp nhận.",
    )


def _agencies_with_address(agency_ids: Sequence[int]) -> set[int]:
    """The agencies with an active officer who has an e-mail address."""
    return set(
        active_users(Role.OFFICER)
        .filter(agency_id__in=agency_ids)
        .exclude(email="")
        .values_list("agency_id", flat=True)
    )


@dataclass
class Reminders:
    reminded: list[Agency]
    without_address: list[Agency]


def send_reminders(round_: Round, by: User, *, ip: str | None = None) -> Reminders:
    """E-mail the officers of every agency that has not submitted yet."""
    with transaction.atomic():
        if not can_review(by, round_):
            raise PermissionDenied("Chỉ cơ quan thường trực của đợt báo cáo được gửi nhắc nhở.")
        pending = list(
            round_.reports.filter(
                status__in=[ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED]
            ).select_related("agency")
        )
        addresses = _agencies_with_address([r.agency_id for r in pending])
        result = Reminders(
            reminded=[r.agency for r in pending if r.agency_id in addresses],
            without_address=[r.agency for r in pending if r.agency_id not in addresses],
        )
        record(
            by,
            "remind",
            round_,
            ip=ip,
            changes=[Change("nhắc nộp", "", ", ".join(a.name for a in result.reminded))],
        )
        reminders_sent.send(Round, round_=round_, reports=pending, by=by)
    return result


def open_round(
    by: User,
    *,
    name: str,
    period: Period,
    deadline: dt.datetime,
    agencies: Sequence[Agency],
    indicators: Sequence[tuple[Indicator, bool]],
    outline: Sequence[Heading],
    request: LegalDocument | None = None,
    plan: LegalDocument | None = None,
    parent: Round | None = None,
    answers: Mapping[int, Indicator | None] | None = None,
    ip: str | None = None,
) -> Round:
    """Open a round: its outline, indicators (by locality or not) and one report per agency.

    A round answering a received request names it as `parent`; `answers` maps an indicator's id
    to the parent round's indicator it feeds (open_child_round).
    """
    if not can_open_round(by):
        raise PermissionDenied("Chỉ cơ quan thường trực được mở đợt báo cáo.")
    problems = []
    if not agencies:
        problems.append("Chọn ít nhất một cơ quan, đơn vị được yêu cầu báo cáo.")
    if not indicators:
        problems.append("Chọn ít nhất một chỉ tiêu.")
    if not outline:
        problems.append("Đề cương báo cáo không được để trống.")
    if problems:
        raise WorkflowError("Chưa mở được đợt báo cáo.", problems)
    coordinator = by.agency
    if coordinator is None:
        raise WorkflowError("Tài khoản quản trị cần thuộc một cơ quan để mở đợt báo cáo.")
    with transaction.atomic():
        round_ = Round.objects.create(
            name=name,
            coordinator=coordinator,
            request=request,
            plan=plan,
            period=period,
            deadline=deadline,
            parent=parent,
        )
        feeds = answers or {}
        RoundIndicator.objects.bulk_create(
            RoundIndicator(
                round=round_,
                indicator=indicator,
                by_locality=by_locality,
                order=i,
                answers=feeds.get(indicator.pk),
            )
            for i, (indicator, by_locality) in enumerate(indicators)
        )
        order = 0
        for heading in outline:
            part = Section.objects.create(
                round=round_, label=heading.label, title=heading.title, order=order
            )
            order += 1
            for child in heading.children:
                Section.objects.create(
                    round=round_, parent=part, label=child.label, title=child.title, order=order
                )
                order += 1
        Report.objects.bulk_create(Report(round=round_, agency=agency) for agency in agencies)
        changes = [
            Change("cơ quan được yêu cầu", "", ", ".join(a.name for a in agencies)),
            Change("hạn nộp", "", f"{timezone.localtime(deadline):%H:%M %d/%m/%Y}"),
        ]
        if parent is not None:
            changes.append(Change("trả lời đợt báo cáo", "", f"{parent} của {parent.coordinator}"))
        record(by, "open", round_, ip=ip, changes=changes)
    return round_


@dataclass(frozen=True)
class ChildIndicator:
    """An indicator of a round opened to answer a request, and the request's indicator it feeds
    (None: the level's own indicator)."""

    indicator: Indicator
    by_locality: bool = False
    answers: Indicator | None = None


def carried_indicators(parent: Round) -> list[ChildIndicator]:
    """The request's indicators carried over as they are asked: each answers itself."""
    return [
        ChildIndicator(ri.indicator, ri.by_locality, ri.indicator)
        for ri in parent.round_indicators.select_related("indicator")
    ]


def child_deadline(parent: Round, lead_days: int | None = None) -> dt.datetime:
    """The internal deadline: TONGHOP_CHILD_LEAD_DAYS days before the request's."""
    days = settings.TONGHOP_CHILD_LEAD_DAYS if lead_days is None else lead_days
    return parent.deadline - dt.timedelta(days=days)


def outline_of(round_: Round) -> list[Heading]:
    """A round's outline as headings, to copy it into another round."""
    headings: dict[int, Heading] = {}
    top: list[Heading] = []
    for section in round_.sections.order_by("order"):
        heading = Heading(section.label, section.title)
        headings[section.pk] = heading
        if section.parent_id is None:
            top.append(heading)
        else:
            headings[section.parent_id].children.append(heading)
    return top


def _mapping_problems(parent: Round, indicators: Sequence[ChildIndicator]) -> list[str]:
    """What is wrong with the mapping onto the request's indicators (empty when it holds)."""
    asked = {ri.indicator_id: ri for ri in parent.round_indicators.select_related("indicator")}
    problems = []
    seen: set[int] = set()
    for item in indicators:
        if item.indicator.pk in seen:
            problems.append(f"Chỉ tiêu «{item.indicator.name}» được chọn hai lần.")
        seen.add(item.indicator.pk)
        if item.answers is None:
            continue
        target = asked.get(item.answers.pk)
        if target is None:
            problems.append(f"«{item.answers.name}» không phải chỉ tiêu của đợt báo cáo cấp trên.")
        elif target.by_locality and not item.by_locality:
            problems.append(
                f"Chỉ tiêu «{item.indicator.name}»: cấp trên yêu cầu chi tiết theo địa bàn."
            )
    answered = {item.answers.pk for item in indicators if item.answers is not None}
    problems += [
        f"Chưa có chỉ tiêu nào trả lời chỉ tiêu «{ri.indicator.name}» của cấp trên."
        for pk, ri in asked.items()
        if pk not in answered
    ]
    return problems


def open_child_round(
    by: User,
    parent: Round,
    *,
    name: str,
    deadline: dt.datetime,
    agencies: Sequence[Agency],
    indicators: Sequence[ChildIndicator],
    outline: Sequence[Heading] | None = None,
    ip: str | None = None,
) -> Round:
    """Open a round that answers a received request (`parent`): same period, every requested
    indicator answered (carried or mapped from an own one), due by the request's deadline;
    the parent's outline unless another is given. Its dispatch cites the parent's request."""
    if not can_answer_round(by, parent):
        raise PermissionDenied("Chỉ cơ quan được yêu cầu báo cáo mới mở được đợt để trả lời.")
    problems = _mapping_problems(parent, indicators)
    if deadline > parent.deadline:
        due = timezone.localtime(parent.deadline)
        problems.insert(
            0,
            f"Hạn nộp của đợt phải trước hạn báo cáo cấp trên ({due:%H:%M} ngày {due:%d/%m/%Y}).",
        )
    if problems:
        raise WorkflowError("Chưa mở được đợt báo cáo.", problems)
    return open_round(
        by,
        name=name,
        period=parent.period,
        deadline=deadline,
        agencies=agencies,
        indicators=[(item.indicator, item.by_locality) for item in indicators],
        outline=outline_of(parent) if outline is None else outline,
        parent=parent,
        answers={item.indicator.pk: item.answers for item in indicators},
        ip=ip,
    )


def log_activity(by: User, activity: Activity, *, ip: str | None = None) -> Activity:
    """Add an activity to the officer's agency log."""
    if not can_log_activities(by):
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được ghi nhật ký hoạt động.")
    assert by.agency_id is not None  # can_log_activities: an officer of an agency
    with transaction.atomic():
        activity.agency_id = by.agency_id
        activity.created_by = by
        activity.save()
        record(
            by,
            "activity_add",
            activity,
            scope=f"activities:{by.agency_id}",
            ip=ip,
            changes=[Change("hoạt động", "", str(activity))],
        )
    return activity


def delete_activity(by: User, activity: Activity, *, ip: str | None = None) -> None:
    if not can_log_activities(by) or activity.agency_id != by.agency_id:
        raise PermissionDenied("Chỉ cán bộ của cơ quan, đơn vị được xóa hoạt động của mình.")
    with transaction.atomic():
        record(
            by,
            "activity_delete",
            activity,
            scope=f"activities:{by.agency_id}",
            ip=ip,
            changes=[Change("hoạt động", str(activity), "")],
        )
        activity.delete()
