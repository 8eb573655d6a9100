"""Pages: the dashboard, a round's compilation, the pivot (each exports to .xlsx and .csv), search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from agencies.models import Agency
from analytics.compilation import compile_round
from analytics.dashboard import build_dashboard, national_round
from analytics.national import is_national, national
from analytics.pivot import DIMENSION_NAMES, LEVELS, PivotChoice, pivot_table
from analytics.search import RESULTS, search
from analytics.spreadsheets import to_csv, to_xlsx
from analytics.tables import FigureTable, number
from catalogue.models import Indicator, PeriodKind
from lib import params
from lib.cells import XLSX_TYPE
from lib.exact import for_chart
from places.models import AdministrativeUnit, Level
from rounds.access import get_overseen_round, overseen_rounds, rounds_for_user, value_scope


def _export(request: HttpRequest, tables: list[FigureTable], name: str) -> HttpResponse | None:
    """The tables as a download when ?dinh-dang=xlsx or csv asks for one, else None."""
    kind = request.GET.get("dinh-dang")
    if kind == "xlsx":
        response = HttpResponse(to_xlsx(tables), content_type=XLSX_TYPE)
    elif kind == "csv":
        response = HttpResponse(to_csv(tables[0]), content_type="text/csv; charset=utf-8")
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _rendered(table: FigureTable) -> dict:
    return {
        "title": table.title,
        "header": table.header,
        "rows": table.shown_rows(),
        "numeric": table.numeric_columns(),
    }


def _chart(table: FigureTable) -> dict:
    series = [
        {
            "name": row[0],
            "data": [for_chart(number(c)) for c in row[1:]],
        }
        for row in table.rows
    ]
    return {"categories": table.header[1:], "series": series}


def latest_year(user) -> int:
    """The year of the latest round the user sees: the figures a visitor expects first."""
    years = rounds_for_user(user).order_by("-period__year").values_list("period__year", flat=True)
    return years.first() or timezone.now().year


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    year = params.year("nam", request.GET.get("nam")) or latest_year(request.user)
    round_ = overseen_rounds(request.user).filter(period__year__lte=year).first()
    board = build_dashboard(year, value_scope(request.user), round_)
    context = {
        "board": board,
        "chart": board.chart_data(),
        "national": national_round(overseen_rounds(request.user), year),
        # Which rounds the year's figures are read from (an answer report is not read again).
        "rounds_read": rounds_for_user(request.user)
        .filter(period__year=year)
        .select_related("coordinator"),
    }
    return render(request, "analytics/dashboard.html", context)


@login_required
def compilation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_overseen_round(request.user, pk)
    scope = value_scope(request.user, include_drafts=request.GET.get("nhap") == "1")
    result = compile_round(round_, scope)
    tables = [result.summary_table(), result.agency_table(), result.place_table()]
    response = _export(request, tables, f"tong-hop-dot-{round_.pk}")
    if response:
        return response
    context = {
        "result": result,
        "scope": scope,
        "tables": [_rendered(t) for t in tables],
    }
    return render(request, "analytics/compilation.html", context)


@login_required
def pivot(request: AuthenticatedRequest) -> HttpResponse:
    choice = PivotChoice.from_query(request.GET, default_year=latest_year(request.user))
    scope = value_scope(request.user, include_drafts=choice.include_drafts)
    table = pivot_table(choice, scope)
    response = _export(request, [table], "bang-tong-hop")
    if response:
        return response
    agencies = Agency.objects.active()
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    context = {
        "choice": choice,
        "table": _rendered(table),
        "chart": _chart(table),
        "indicators": Indicator.objects.active().select_related("group"),
        "agencies": agencies,
        "dimensions": DIMENSION_NAMES.items(),
        "levels": LEVELS.items(),
        "kinds": [(k, label) for k, label in PeriodKind.choices if k != PeriodKind.CUSTOM],
        "query": request.GET.urlencode(),
        "may_include_drafts": request.user.is_coordinator or request.user.is_officer,
    }
    return render(request, "analytics/pivot.html", context)


@login_required
def search_page(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    agency = params.identifier("co-quan", request.GET.get("co-quan"))
    place = params.identifier("dia-ban", request.GET.get("dia-ban"))
    year = params.year("nam", request.GET.get("nam"))
    hits = search(request.user, query, agency=agency, place=place, year=year) if query else []
    agencies = Agency.objects.active()
    agency_ids = value_scope(request.user).agency_ids
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    context = {
        "query": query,
        "agency": agency,
        "place": place,
        "year": year,
        "hits": hits,
        "limit": RESULTS,
        "agencies": agencies,
        "places": AdministrativeUnit.objects.filter(level=Level.PROVINCE).order_by("name"),
    }
    return render(request, "analytics/search.html", context)


@login_required
def national_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A national round across provinces (analytics/national.py); 404 for a province's round."""
    round_ = get_overseen_round(request.user, pk)
    if not is_national(round_):
        raise Http404("Không tìm thấy đợt báo cáo toàn quốc.")
    scope = value_scope(request.user, include_drafts=request.GET.get("nhap") == "1")
    indicator = params.identifier("chi-tieu", request.GET.get("chi-tieu"))
    context = {"page": national(round_, scope, indicator), "scope": scope}
    return render(request, "analytics/national.html", context)
