"""Figures stay exact from the save path to every export, and are rounded once, on display.

The expected numbers are computed here with Decimal and formatted by the test's own rule
(half-up to the indicator's decimals, "." for thousands, "," for decimals), not by lib.vnformat.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.test import RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from analytics.compilation import compile_round
from analytics.exchange import ValueFilter, exchanged_values, row_of, to_adx
from analytics.spreadsheets import to_csv, to_xlsx
from catalogue.models import Indicator
from datavalues.models import Qualifier, qualifier_prefix
from lib.exact import from_database
from rendering.builders import annex_tables, compiled_report
from rendering.figures import document_figures
from rendering.output import render_spec
from rendering.tests.inspect_docx import open_docx
from rendering.xlsx import annex_workbook
from rounds import actions
from rounds.api import _values, read_values_csv
from rounds.models import ReportStatus
from rounds.sheet import build_sheet
from rounds.testing import make_report, make_round

pytestmark = pytest.mark.django_db

COUNT, MONEY, RATE = "leaflets", "fines_amount", "communes_regular_propaganda_pct"
CODES = [COUNT, MONEY, RATE]


def shown(value: Decimal, decimals: int) -> str:
    """The test's own Vietnamese rendering: half-up, "." groups thousands, "," decimals."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def with_qualifier(parts: list[tuple[Decimal, str]]) -> tuple[Decimal, str]:
    """The documented rule: about beats more than beats exact."""
    total = sum((value for value, _ in parts), Decimal(0))
    qualifiers = {q for _, q in parts}
    for qualifier in (Qualifier.ABOUT, Qualifier.MORE_THAN):
        if qualifier in qualifiers:
            return total, qualifier
    return total, Qualifier.EXACT


counts = st.integers(min_value=0, max_value=10**12).map(Decimal)
money = st.integers(min_value=0, max_value=10**13).map(Decimal)
rates = st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False)
qualifiers = st.sampled_from([Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.ABOUT])
agency_figures = st.fixed_dictionaries(
    {COUNT: st.tuples(counts, qualifiers), MONEY: st.tuples(money, qualifiers), RATE: rates}
)


def _accepted_round(cast, figures: dict):
    """A 2023 round of both agencies, each report saved, submitted and accepted for real."""
    round_ = make_round(cast, 2023, CODES)
    for agency, officer in ((cast.bdt, cast.officer), (cast.police, cast.other_officer)):
        report = make_report(round_, agency, status=ReportStatus.DRAFT)
        sheet = build_sheet(report)
        entries = {
            sheet.find(COUNT).key: actions.CellInput(*figures[agency.code][COUNT]),
            sheet.find(MONEY).key: actions.CellInput(*figures[agency.code][MONEY]),
            sheet.find(RATE).key: actions.CellInput(figures[agency.code][RATE]),
        }
        report = actions.save_draft(
            report, officer, actions.Draft(values=entries), version=report.version
        )
        report = actions.submit_report(report, officer, version=report.version)
        actions.accept_report(report, cast.coordinator)
    return round_


@settings(
    max_examples=8,
    deadline=None,
    # Each example runs the whole chain; shrinking a failure would outlast the suite's budget.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(bdt=agency_figures, police=agency_figures)
def test_random_figures_stay_exact_through_save_compile_and_every_export(cast, bdt, police):
    with transaction.atomic():
        figures = {"BDT": bdt, "CAT": police}
        round_ = _accepted_round(cast, figures)
        decimals = dict(Indicator.objects.filter(code__in=CODES).values_list("code", "decimals"))
        expected = {
            code: with_qualifier([figures[a][code] for a in figures]) for code in (COUNT, MONEY)
        }
        agencies = [cast.bdt, cast.police]  # the compilation orders them by name
        own_rate = {a.code: figures[a.code][RATE] for a in agencies}

        compilation = compile_round(round_)
        lines = {line.indicator.code: line for line in compilation.lines}
        for code, (total, qualifier) in expected.items():
            assert (lines[code].total.value, lines[code].total.qualifier) == (total, qualifier)
        for agency in agencies:
            assert lines[RATE].by_agency[agency.pk].value == own_rate[agency.code]

        def text(code: str, value: Decimal, qualifier: str = Qualifier.EXACT) -> str:
            return qualifier_prefix(qualifier) + shown(value, decimals[code])

        # The compiled page and its CSV: the summary and the agency table.
        summary, by_agency = compilation.summary_table(), compilation.agency_table()
        page = {row[0]: row for row in summary.shown_rows()}
        rows = list(csv.reader(io.StringIO(to_csv(summary).lstrip("\ufeff"))))
        csv_rows = {row[0]: row for row in rows[1:]}
        agency_page = {row[0]: row for row in by_agency.shown_rows()}
        names = {line.indicator.code: line.indicator.name for line in compilation.lines}
        for code, (total, qualifier) in expected.items():
            assert page[names[code]][2] == csv_rows[names[code]][2] == text(code, total, qualifier)
        assert agency_page[names[RATE]][1:] == [
            text(RATE, own_rate[a.code]) for a in compilation.agencies
        ]

        # The .xlsx of the page: the exact value in the cell, the decimals in its format.
        sheet = load_workbook(io.BytesIO(to_xlsx([summary, by_agency])))["Bảng 1"]
        cells = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
        for code, (total, _) in expected.items():
            cell = cells[names[code]][2]
            assert Decimal(str(cell.value)) == total
            assert cell.number_format.endswith("#,##0")

        # The annex workbook and the compiled .docx.
        document = document_figures(round_)
        annex = load_workbook(io.BytesIO(annex_workbook(annex_tables(document)))).worksheets[0]
        annex_rows = {row[0].value: row for row in annex.iter_rows(min_row=4)}
        docx = open_docx(render_spec(compiled_report(round_, compilation=document), ".docx"))
        (by_agency_table,) = [
            t for t in docx.tables if "Tổng số" in [c.text for c in t.rows[0].cells][2:3]
        ]
        docx_rows = {row.cells[0].text: [c.text for c in row.cells] for row in by_agency_table.rows}
        for code, (total, qualifier) in expected.items():
            annexed = annex_rows[names[code]][2]
            # A qualified figure stays a number; its word is in the cell's number format.
            assert Decimal(str(annexed.value)) == total
            prefix = qualifier_prefix(qualifier)
            assert annexed.number_format.startswith(f'[$-42A]"{prefix}"' if prefix else "[$-42A]#")
            assert docx_rows[names[code]][2] == text(code, total, qualifier)

        # The raw values: the data API's rows and ADX, the report API's JSON and CSV.
        stored = {
            (row["agency"], row["indicator"]): Decimal(row["value"])
            for row in map(row_of, exchanged_values(cast.coordinator, ValueFilter(year=2023)))
        }
        adx = ET.fromstring(
            to_adx(exchanged_values(cast.coordinator, ValueFilter(year=2023)), _now())
        )
        adx_values = {
            (v.get("agency"), v.get("dataElement")): Decimal(v.get("value"))
            for v in adx.iter("{urn:ihe:qrph:adx:2015}dataValue")
        }
        typed = {
            (a, code): (value if code == RATE else value[0])
            for a, codes in figures.items()
            for code, value in codes.items()
        }
        assert stored == adx_values == typed
        report = round_.reports.get(agency=cast.bdt)
        api_values = {
            v.indicator: v.value
            for v in _values(build_sheet(report))
            if v.place == cast.province.pk
        }
        request = RequestFactory().get("/")
        request.auth = cast.officer
        api_csv = list(
            csv.DictReader(
                io.StringIO(read_values_csv(request, report.pk).content.decode("utf-8-sig"))
            )
        )
        assert api_values == {code: typed["BDT", code] for code in CODES}
        own = [r for r in api_csv if r["place"] == str(cast.province.pk)]
        assert {r["indicator"]: Decimal(r["value"]) for r in own} == api_values
        transaction.set_rollback(True)


def _now():
    from django.utils import timezone

    return timezone.now()


@pytest.mark.parametrize(
    ("value", "text"),
    [("23.05", "23,1"), ("23.04", "23,0"), ("3.9", "3,9"), ("99.95", "100,0"), ("0.05", "0,1")],
)
def test_a_rate_is_rounded_half_up_once_on_display(value, text):
    assert shown(Decimal(value), 1) == text


@pytest.mark.parametrize(
    ("raw", "exact"),
    [
        (23.100000000000001, "23.1"),
        (3.8999999999999986, "3.9"),
        (43000, "43000"),
        (0.30000000000000004, "0.3"),
        (12345678901.1234, "12345678901.1234"),
        (Decimal("7.2500"), "7.25"),
        (None, None),
    ],
)
def test_database_aggregates_come_back_as_the_exact_decimal(raw, exact):
    assert from_database(raw) == (None if exact is None else Decimal(exact))
