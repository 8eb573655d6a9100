"""API for rounds, reports and their data values (JSON and CSV), through the same actions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.parser import Parser
from pydantic import BaseModel

from accounts.requests import client_ip
from datavalues.models import Qualifier, check_qualifier_word, written_word
from lib.cells import safe_row
from lib.limits import MAX_TABLE_ROWS
from lib.vnformat import format_number
from rounds import actions, upward
from rounds.access import (
    get_editable_report,
    get_overseen_round,
    get_report_for_user,
    get_reviewable_report,
    lock_editable_report,
    rounds_for_user,
)
from rounds.completeness import ReportLine, progress
from rounds.models import Report, Round
from rounds.sheet import Sheet, build_sheet, display_value
from rounds.tree import RoundNode, round_tree
from rounds.validation import parse_value

router = Router(tags=["Đợt báo cáo"])
CSV_COLUMNS = ["indicator", "place", "place_name", "value", "qualifier", "qualifier_word"]


class ExactJsonParser(Parser):
    """JSON bodies with their numbers read as Decimal: 1234567890123456.1234 stays what was sent."""

    def parse_body(self, request: HttpRequest) -> dict:
        return json.loads(request.body, parse_float=Decimal)


class ErrorOut(Schema):
    detail: str
    errors: list[str] = []


class RoundOut(Schema):
    id: int
    name: str
    period: str
    deadline: dt.datetime
    coordinator: str
    request: str | None

    @staticmethod
    def of(round_: Round) -> RoundOut:
        return RoundOut(
            id=round_.pk,
            name=round_.name,
            period=str(round_.period),
            deadline=round_.deadline,
            coordinator=round_.coordinator.name,
            request=str(round_.request) if round_.request else None,
        )


class RoundNodeOut(Schema):
    """A round in the tree, the rounds answering it under it (those the caller may see)."""

    id: int
    name: str
    level: str
    coordinator: str
    period: str
    deadline: dt.datetime
    accepted: int
    expected: int
    children: list[RoundNodeOut]

    @staticmethod
    def of(node: RoundNode) -> RoundNodeOut:
        return RoundNodeOut(
            id=node.round.pk,
            name=node.round.name,
            level=node.level,
            coordinator=node.coordinator,
            period=str(node.round.period),
            deadline=node.round.deadline,
            accepted=node.accepted,
            expected=node.expected,
            children=[RoundNodeOut.of(child) for child in node.children],
        )


class ReportSummary(BaseModel):
    """A pydantic model, not a Ninja Schema: the 1,360 reports of a national round's
    completeness are validated without Schema's wrapper around each, and a summary made by
    of() is not validated a second time as the response."""

    id: int
    agency_code: str
    agency: str
    status: str
    status_label: str
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    late: bool
    version: int

    @staticmethod
    def of(report: Report) -> ReportSummary:
        return ReportSummary(**ReportSummary.fields(report))

    @staticmethod
    def fields(report: Report) -> dict:
        """The summary as a dict: a list of them is validated once, as the response."""
        return ReportLine.of(report)._asdict()


class RoundDetailOut(RoundOut):
    asked: int
    submitted: int
    on_time: int
    late: int
    rate: Decimal
    reports: list[ReportSummary]


class ValueOut(BaseModel):
    """A pydantic model, as ReportSummary: each row validated when made, not again as the
    response (a Ninja Schema in a list is rebuilt and validated a second time)."""

    indicator: str
    indicator_name: str
    unit: str
    place: int
    place_name: str
    value: Decimal | None
    qualifier: str | None
    # The word printed before the value, as the agency wrote it ("hơn"); "" when exact.
    qualifier_word: str | None
    display: str


class ValueIn(Schema):
    indicator: str
    place: int | None = None
    value: Decimal | str | None = Field(
        description="Số JSON (43000, 12.5); một chuỗi được đọc theo cách viết Việt Nam "
        "(«43.000», «12,5») và bị từ chối nếu hiểu được hai cách («43,000»)."
    )
    qualifier: str = Qualifier.EXACT
    # The agency's word for the qualifier ("hơn", "ước"); "" for the kind's default word.
    qualifier_word: str = ""


class ValuesIn(Schema):
    version: int
    values: list[ValueIn]


class VersionIn(Schema):
    version: int


class CommentIn(Schema):
    comment: str = ""


def _values(sheet: Sheet) -> list[ValueOut]:
    rows = []
    for cell in sheet.cells:
        stored = sheet.values.get(cell.key)
        rows.append(
            ValueOut(
                indicator=cell.indicator.code,
                indicator_name=cell.indicator.name,
                unit=cell.indicator.unit,
                place=cell.place.pk,
                place_name=cell.place.name,
                value=Decimal(f"{stored.value.normalize():f}") if stored else None,
                qualifier=stored.qualifier if stored else None,
                qualifier_word=written_word(stored.qualifier, stored.qualifier_word)
                if stored
                else None,
                display=display_value(stored.value, stored.qualifier, stored.qualifier_word)
                if stored
                else "",
            )
        )
    return rows


def _draft(sheet: Sheet, rows: list[ValueIn]) -> actions.Draft:
    """Map rows to cells; unknown indicators, places or qualifiers are refused together."""
    values, problems = {}, []
    for number, row in enumerate(rows, start=1):
        cell = sheet.find(row.indicator, row.place)
        try:
            value = parse_value(row.value) if isinstance(row.value, str) else row.value
        except ValueError as error:
            problems.append(f"Dòng {number}: {error}")
            continue
        if cell is None:
            problems.append(
                f"Dòng {number}: chỉ tiêu «{row.indicator}» (địa bàn {row.place or 'chung'}) "
                "không có trong đợt báo cáo này."
            )
            continue
        try:
            word = check_qualifier_word(row.qualifier, row.qualifier_word)
        except ValueError as error:
            problems.append(f"Dòng {number}: {error}")
            continue
        values[cell.key] = (
            None if value is None else actions.CellInput(value, row.qualifier, qualifier_word=word)
        )
    if problems:
        raise actions.WorkflowError("Số liệu gửi lên chưa hợp lệ, chưa lưu gì.", problems)
    return actions.Draft(values=values)


def _refused(error: actions.WorkflowError) -> Status:
    status = 409 if isinstance(error, actions.VersionConflict) else 400
    return Status(status, ErrorOut(detail=error.message, errors=error.details))


@router.get("/rounds", response=list[RoundOut], summary="Các đợt báo cáo người gọi được xem")
def list_rounds(request):
    return [RoundOut.of(r) for r in rounds_for_user(request.auth)]


@router.get(
    "/rounds/tree",
    response=list[RoundNodeOut],
    summary="Cây các đợt báo cáo: mỗi đợt kèm các đợt cấp dưới trả lời nó",
)
def rounds_tree(request, year: int | None = Query(None, ge=1900, le=2100)):
    rounds = rounds_for_user(request.auth)
    if year is not None:
        rounds = rounds.filter(period__year=year)
    return [RoundNodeOut.of(node) for node in round_tree(rounds)]


@router.get("/rounds/{round_id}", response=RoundDetailOut, summary="Tình hình nộp của một đợt")
def round_detail(request, round_id: int):
    round_ = get_overseen_round(request.auth, round_id)
    summary = progress(round_)
    # Dicts, validated once as the response: the national round lists 1,360 reports.
    return {
        **RoundOut.of(round_).dict(),
        "asked": summary.asked,
        "submitted": summary.submitted,
        "on_time": summary.on_time,
        "late": summary.late,
        "rate": summary.rate,
        "reports": [line._asdict() for line in summary.lines],
    }


@router.get("/reports/{report_id}", response=ReportSummary, summary="Trạng thái một báo cáo")
def report_detail(request, report_id: int):
    return ReportSummary.of(get_report_for_user(request.auth, report_id))


@router.get("/reports/{report_id}/values", response=list[ValueOut], summary="Số liệu (JSON)")
def read_values(request, report_id: int):
    return _values(build_sheet(get_report_for_user(request.auth, report_id)))


@router.put(
    "/reports/{report_id}/values",
    response={200: ReportSummary, 400: ErrorOut, 409: ErrorOut},
    summary="Ghi nhiều số liệu một lần (JSON); giá trị null xóa ô",
)
def write_values(request, report_id: int, payload: ValuesIn):
    try:
        with transaction.atomic():  # one read checks access and locks (not one each)
            saved = actions.save_draft(
                lock_editable_report(request.auth, report_id),
                request.auth,
                lambda sheet: _draft(sheet, payload.values),
                version=payload.version,
                ip=client_ip(request),
                lock_held=True,
            )
    except actions.WorkflowError as error:
        return _refused(error)
    return Status(200, ReportSummary.of(saved))


@router.get(
    "/reports/{report_id}/values.csv", summary="Số liệu (CSV, UTF-8 có BOM để Excel mở đúng)"
)
def read_values_csv(request, report_id: int):
    """The officer's file to edit and send back: with the byte-order mark, Excel shows the
    place names in Vietnamese; the upload below reads the file with or without it."""
    report = get_report_for_user(request.auth, report_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{report.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in _values(build_sheet(report)):
        value = "" if row.value is None else f"{row.value:f}"
        writer.writerow(
            safe_row(
                [
                    row.indicator,
                    row.place,
                    row.place_name,
                    value,
                    row.qualifier or "",
                    row.qualifier_word or "",
                ]
            )
        )
    return response


def _parse_csv(text: str) -> list[ValueIn]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"indicator", "value"} - set(reader.fieldnames or [])
    if missing:
        raise actions.WorkflowError(
            "Tệp CSV cần dòng tiêu đề có các cột indicator, place, value, qualifier"
            " (và qualifier_word nếu có)."
        )
    rows, problems = [], []
    for number, line in enumerate(reader, start=1):
        if number > MAX_TABLE_ROWS:
            raise actions.WorkflowError(
                f"Tệp CSV có hơn {format_number(MAX_TABLE_ROWS)} dòng số liệu, vượt giới hạn của một "
                "báo cáo; chưa lưu gì."
            )
        text_value = (line.get("value") or "").strip()
        try:
            value = Decimal(text_value) if text_value else None
        except InvalidOperation:
            problems.append(
                f"Dòng {number}: «{text_value}» không phải là số (dùng dấu chấm thập phân)."
            )
            continue
        place = (line.get("place") or "").strip()
        if place and not place.isdigit():
            problems.append(f"Dòng {number}: mã địa bàn «{place}» phải là số.")
            continue
        rows.append(
            ValueIn(
                indicator=(line.get("indicator") or "").strip(),
                place=int(place) if place else None,
                value=value,
                qualifier=(line.get("qualifier") or "").strip() or Qualifier.EXACT,
                qualifier_word=(line.get("qualifier_word") or "").strip(),
            )
        )
    if problems:
        raise actions.WorkflowError("Tệp CSV chưa hợp lệ, chưa lưu gì.", problems)
    return rows


@router.put(
    "/reports/{report_id}/values.csv",
    response={200: ReportSummary, 400: ErrorOut, 409: ErrorOut},
    summary="Ghi số liệu từ tệp CSV (thân yêu cầu là nội dung CSV UTF-8)",
)
def write_values_csv(request, report_id: int, version: int):
    report = get_editable_report(request.auth, report_id)
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Status(400, ErrorOut(detail="Tệp CSV phải mã hóa UTF-8."))
    try:
        rows = _parse_csv(text)
        saved = actions.save_draft(
            report,
            request.auth,
            lambda sheet: _draft(sheet, rows),
            version=version,
            ip=client_ip(request),
        )
    except actions.WorkflowError as error:
        return _refused(error)
    return Status(200, ReportSummary.of(saved))


@router.post(
    "/reports/{report_id}/submit",
    response={200: ReportSummary, 400: ErrorOut, 409: ErrorOut},
    summary="Nộp báo cáo",
)
def submit(request, report_id: int, payload: VersionIn):
    try:
        with transaction.atomic():  # as write_values
            saved = actions.submit_report(
                lock_editable_report(request.auth, report_id),
                request.auth,
                version=payload.version,
                ip=client_ip(request),
                lock_held=True,
            )
    except actions.WorkflowError as error:
        return _refused(error)
    return Status(200, ReportSummary.of(saved))


def _review(request, report_id: int, step) -> Status:
    report = get_reviewable_report(request.auth, report_id)
    try:
        return Status(200, ReportSummary.of(step(report)))
    except actions.WorkflowError as error:
        return _refused(error)


REVIEW_RESPONSES = {200: ReportSummary, 400: ErrorOut, 409: ErrorOut}


@router.post("/reports/{report_id}/return", response=REVIEW_RESPONSES, summary="Trả lại báo cáo")
def return_(request, report_id: int, payload: CommentIn):
    ip = client_ip(request)
    return _review(
        request,
        report_id,
        lambda r: actions.return_report(r, request.auth, comment=payload.comment, ip=ip),
    )


@router.post("/reports/{report_id}/accept", response=REVIEW_RESPONSES, summary="Tiếp nhận báo cáo")
def accept(request, report_id: int, payload: CommentIn):
    ip = client_ip(request)
    return _review(
        request,
        report_id,
        lambda r: actions.accept_report(r, request.auth, comment=payload.comment, ip=ip),
    )


@router.post("/reports/{report_id}/reopen", response=REVIEW_RESPONSES, summary="Mở lại báo cáo")
def reopen(request, report_id: int, payload: CommentIn):
    ip = client_ip(request)
    return _review(
        request,
        report_id,
        lambda r: actions.reopen_report(r, request.auth, reason=payload.comment, ip=ip),
    )


class LineageOut(Schema):
    """A value and the values it was carried from, those the caller may not see counted."""

    id: int
    indicator: str
    agency: str
    place: str
    report: int | None
    round: str | None
    source: str
    display: str
    outdated: bool
    hidden: int
    carried_from: list[LineageOut]

    @staticmethod
    def of(node: upward.LineageNode, outdated: set[int]) -> LineageOut:
        value = node.value
        report = value.report
        return LineageOut(
            id=value.pk,
            indicator=value.indicator.code,
            agency=value.agency.name,
            place=str(value.place),
            report=report.pk if report else None,
            round=report.round.name if report else None,
            source=value.source,
            display=display_value(value.value, value.qualifier, value.qualifier_word),
            outdated=value.pk in outdated,
            hidden=node.hidden,
            carried_from=[LineageOut.of(child, outdated) for child in node.children],
        )


@router.get(
    "/values/{value_id}/lineage",
    response=LineageOut,
    summary="Nguồn của một số liệu: các số liệu cấp dưới làm nên nó, đến số liệu đơn vị nhập",
)
def value_lineage(request, value_id: int):
    node = upward.get_lineage(request.auth, value_id)
    return LineageOut.of(node, upward.outdated_ids(node))
