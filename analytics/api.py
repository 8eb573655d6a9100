"""API for data exchange: data values as JSON (paginated), CSV and ADX, in the pages' scope."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from analytics.exchange import COLUMNS, ValueFilter, exchanged_values, row_of, to_adx
from lib.cells import safe_row
from lib.params import ID_MAX, OFFSET_MAX, YEAR_MAX, YEAR_MIN
from rounds.api import ErrorOut

router = Router(tags=["Trao đổi số liệu"])
MAX_PAGE = 5000
MAX_EXPORT_ROWS = 100_000
TOO_MANY = (
    "Kết quả có {count} dòng, vượt giới hạn {limit} dòng một lần tải. "
    "Hãy lọc thêm theo chỉ tiêu, cơ quan, địa bàn hoặc năm."
)


class ValueQuery(Schema):
    indicator: list[str] = Field([], description="Mã chỉ tiêu (lặp lại để lấy nhiều chỉ tiêu)")
    agency: list[str] = Field([], description="Mã cơ quan, đơn vị (lặp lại được)")
    place: int | None = Field(
        None, ge=1, le=ID_MAX, description="Mã số địa bàn (đơn vị hành chính)"
    )
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="Năm của kỳ báo cáo")
    kind: Literal["year", "half", "quarter", "month", "custom"] | None = Field(
        None, description="Loại kỳ"
    )
    breakdown: bool = Field(False, description="Lấy cả số liệu theo địa bàn và theo phân tổ")
    round: int | None = Field(
        None,
        ge=1,
        le=ID_MAX,
        description=(
            "Chỉ số liệu của một đợt báo cáo, kể cả báo cáo tổng hợp mà các tỉnh gửi lên đợt đó "
            "(đợt toàn quốc); không có tham số này, số liệu tổng hợp gửi lên không được tính "
            "lần nữa"
        ),
    )
    drafts: bool = Field(
        False,
        description=(
            "Lấy cả báo cáo chưa tiếp nhận mà người gọi được xem trước: cán bộ của cơ quan mình, "
            "cơ quan thường trực của các đợt mình chủ trì, quản trị tất cả; lãnh đạo không"
        ),
    )

    def to_filter(self) -> ValueFilter:
        return ValueFilter(
            indicators=tuple(self.indicator),
            agencies=tuple(self.agency),
            place=self.place,
            year=self.year,
            kind=self.kind,
            breakdown=self.breakdown,
            include_drafts=self.drafts,
            round=self.round,
        )


class ValueRow(Schema):
    agency: str
    period: str = Field(description="Kỳ theo ISO 8601: ngày bắt đầu/độ dài, ví dụ 2023-01-01/P1Y")
    indicator: str
    place: int
    place_name: str
    value: Decimal
    qualifier: str
    qualifier_word: str = Field(description="Từ cơ quan viết trước số liệu («hơn», «khoảng»)")
    org_unit: str
    category: str
    report_status: str


class ValuePage(Schema):
    count: int
    offset: int
    limit: int
    items: list[ValueRow]


def _bounded(request, query: ValueQuery):
    """The matching values, or a 400 when there are too many for one download."""
    values = exchanged_values(request.auth, query.to_filter())
    count = values.count()
    if count > MAX_EXPORT_ROWS:
        return Status(400, ErrorOut(detail=TOO_MANY.format(count=count, limit=MAX_EXPORT_ROWS)))
    return values


@router.get("/data/values", response=ValuePage, summary="Số liệu (JSON, phân trang)")
def list_values(
    request,
    query: Query[ValueQuery],
    limit: int = Query(1000, ge=1, le=MAX_PAGE, description="Số dòng một trang"),
    offset: int = Query(0, ge=0, le=OFFSET_MAX, description="Bỏ qua bao nhiêu dòng đầu"),
):
    values = exchanged_values(request.auth, query.to_filter())
    page = values[offset : offset + limit]
    return ValuePage(
        count=values.count(),
        offset=offset,
        limit=limit,
        items=[ValueRow.model_validate(row_of(v)) for v in page],
    )


@router.get(
    "/data/values.csv", response={400: ErrorOut}, summary="Số liệu (CSV, UTF-8, không phân trang)"
)
def values_csv(request, query: Query[ValueQuery]):
    values = _bounded(request, query)
    if isinstance(values, Status):
        return values
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="so-lieu.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for value in values.iterator(chunk_size=2000):
        row = row_of(value)
        writer.writerow(safe_row([row[column] for column in COLUMNS]))
    return response


@router.get(
    "/data/values.adx",
    response={400: ErrorOut},
    summary="Số liệu theo chuẩn ADX (IHE Aggregate Data Exchange, nhập được vào DHIS2)",
)
def values_adx(request, query: Query[ValueQuery]):
    values = _bounded(request, query)
    if isinstance(values, Status):
        return values
    document = to_adx(values.iterator(chunk_size=2000), timezone.now())
    response = HttpResponse(document, content_type="application/adx+xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="so-lieu.adx.xml"'
    return response
