"""The spreadsheet exports of the pages: which tables, under which name, and which are large.

A large export is written by a background task (rendering.tasks) instead of the request: to_xlsx
takes about 0.35 ms a row here (a national round's 1,360 agencies: 0.5 s, and the compilation
has three tables), while a province's few dozen agencies and communes take a few tens of ms.
"""

from __future__ import annotations

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from analytics.compilation import Compilation
from analytics.pivot import PivotChoice, pivot_table
from analytics.tables import FigureTable
from rounds.access import ValueScope
from rounds.models import Round

PIVOT_NAME = "bang-tong-hop"


def compilation_tables(result: Compilation) -> list[FigureTable]:
    """A round's compilation page and export: the summary, by agency, by place."""
    return [result.summary_table(), result.agency_table(), result.place_table()]


def compilation_name(round_: Round) -> str:
    return f"tong-hop-dot-{round_.pk}"


def pivot_tables(query: str, scope: ValueScope) -> list[FigureTable]:
    """The pivot of a question as PivotChoice.query writes it (the year is always in it)."""
    choice = PivotChoice.from_query(QueryDict(query), default_year=timezone.now().year)
    return [pivot_table(choice, scope)]


def is_large(tables: list[FigureTable]) -> bool:
    """Too many rows to write the .xlsx inside the request (settings.TONGHOP_EXPORT_INLINE_ROWS)."""
    return sum(len(table.rows) for table in tables) > settings.TONGHOP_EXPORT_INLINE_ROWS
