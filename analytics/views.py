"""Pages: the dashboard, a round's compilation, the pivot (each exports to .xlsx and .csv), search."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from agencies.models import Agency
from analytics.actions import delete_view, save_view
from analytics.charts import Chart, table_charts
from analytics.compilation import compile_round
from analytics.dashboard import build_dashboard, national_round
from analytics.exports import PIVOT_NAME, compilation_name, compilation_tables, is_large
from analytics.forms import SavedViewForm
from analytics.models import SavedView
from analytics.national import is_national, national
from analytics.pivot import DIMENSION_NAMES, LEVELS, PivotChoice, indicator_groups, pivot_table
from analytics.search import RESULTS, search
from analytics.spreadsheets import to_csv, to_xlsx
from analytics.tables import FigureTable
from catalogue.models import PeriodKind
from lib import params
from lib.cells import XLSX_TYPE
from places.labels import in_force_first, unit_labels
from places.models import AdministrativeUnit
from rounds.access import get_overseen_round, overseen_rounds, rounds_for_user, value_scope
from rounds.models import Round

ROUNDS_OFFERED = 60  # the latest rounds in the pivot's round picker


def _export(
    request: HttpRequest, tables: list[FigureTable], name: str, background: str
) -> HttpResponse | None:
    """The tables as a download when ?dinh-dang=xlsx or csv asks for one, else None.

    A large .xlsx is made by a task worker: the answer sends to `background`, the address
    (rendering's) that asks for it and shows its progress. A .csv is written in a few ms.
    """
    kind = request.GET.get("dinh-dang")
    if kind == "xlsx" and is_large(tables):
        return redirect(background)
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


def _charts(prefix: str, charts: list[Chart]) -> list[dict]:
    """The charts as _charts.html draws them, each with the ids of its element and its data."""
    return [
        {
            "id": f"{prefix}-{n}",
            "data_id": f"{prefix}-{n}-data",
            "unit": c.unit,
            "data": c.as_json(),
        }
        for n, c in enumerate(charts, 1)
    ]


def _place_choices(units: QuerySet[AdministrativeUnit], day: dt.date) -> list[tuple[int, str]]:
    """A place picker's options: labelled apart (places.labels), the units of `day` first."""
    ordered = list(in_force_first(units, day))
    labels = unit_labels(ordered)
    return [(u.pk, labels[u.pk]) for u in ordered]


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
        "charts": _charts("trend", board.charts()),
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
    include_drafts = request.GET.get("nhap") == "1"
    scope = value_scope(request.user, include_drafts=include_drafts)
    result = compile_round(round_, scope)
    tables = compilation_tables(result)
    background = reverse("rendering:compilation_export", args=[round_.pk])
    background += "?nhap=1" if include_drafts else ""
    response = _export(request, tables, compilation_name(round_), background)
    if response:
        return response
    context = {
        "result": result,
        "scope": scope,
        "tables": [_rendered(t) for t in tables],
    }
    return render(request, "analytics/compilation.html", context)


def _latest_round(user) -> Round | None:
    return rounds_for_user(user).order_by("-period__end", "-deadline", "-pk").first()


@login_required
def pivot(request: AuthenticatedRequest) -> HttpResponse:
    """The pivot; a bare URL opens the latest round the user may read, its indicators by agency."""
    latest = _latest_round(request.user) if not request.GET else None
    if latest is not None:
        choice = PivotChoice.of_round(latest)
    else:
        choice = PivotChoice.from_query(request.GET, default_year=latest_year(request.user))
    scope = value_scope(request.user, include_drafts=choice.include_drafts)
    table = pivot_table(choice, scope)
    background = f"{reverse('rendering:pivot_export')}?{choice.query()}"
    response = _export(request, [table], PIVOT_NAME, background)
    if response:
        return response
    agencies = Agency.objects.active()
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    readable = rounds_for_user(request.user)
    rounds = list(readable.order_by("-period__end", "-pk")[:ROUNDS_OFFERED])
    if choice.round is not None and all(r.pk != choice.round for r in rounds):
        rounds += list(readable.filter(pk=choice.round))
    context = {
        "choice": choice,
        "table": _rendered(table),
        "charts": _charts("pivot", table_charts(table)),
        "indicator_groups": indicator_groups(),
        "agencies": agencies,
        "rounds": rounds,
        "round": next((r for r in rounds if r.pk == choice.round), None),
        "places": _place_choices(AdministrativeUnit.objects.provinces(), choice.last_day()),
        "dimensions": DIMENSION_NAMES.items(),
        "levels": LEVELS.items(),
        "kinds": [(k, label) for k, label in PeriodKind.choices if k != PeriodKind.CUSTOM],
        "query": choice.query(),
        "save_form": SavedViewForm(owner=request.user, initial={"query": choice.query()}),
        "may_include_drafts": request.user.is_coordinator or request.user.is_officer,
    }
    return render(request, "analytics/pivot.html", context)


@login_required
def saved_views(request: AuthenticatedRequest) -> HttpResponse:
    """The user's saved pivots (GET), or one more saved (POST from the pivot page)."""
    form = SavedViewForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        query = QueryDict(form.cleaned_data["query"])
        # Kept as the pivot reads it: unknown or malformed parts do not travel in a link.
        choice = PivotChoice.from_query(query, default_year=latest_year(request.user))
        view = save_view(request.user, form.cleaned_data["name"], choice.query())
        messages.success(request, f"Đã lưu bảng «{view.name}».")
        return redirect("analytics:saved_views")
    context = {"views": request.user.saved_views.all(), "form": form}
    return render(
        request, "analytics/saved_views.html", context, status=400 if form.errors else 200
    )


@login_required
def saved_view(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """A saved view's link: the same question, the figures of the reader's own scope."""
    view = SavedView.objects.filter(token=token).first()
    if view is None:
        raise Http404("Không tìm thấy bảng đã lưu (liên kết sai hoặc bảng đã bị xóa).")
    return redirect(f"{reverse('analytics:pivot')}?{view.query}")


@require_POST
@login_required
def saved_view_delete(request: AuthenticatedRequest, token: str) -> HttpResponse:
    view = get_object_or_404(SavedView, token=token, owner=request.user)
    delete_view(request.user, view)
    messages.success(request, f"Đã xóa bảng «{view.name}».")
    return redirect("analytics:saved_views")


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
        "places": _place_choices(
            AdministrativeUnit.objects.provinces(), dt.date(year or timezone.now().year, 12, 31)
        ),
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
