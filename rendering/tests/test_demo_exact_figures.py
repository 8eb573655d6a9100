"""On the demo data, the 2023 compilation's page, CSV, .xlsx and .docx hold no binary noise."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from accounts.testing import login_verified
from rendering.output import DocumentKind, render_round_document
from rendering.tests.inspect_docx import open_docx
from rounds.models import Round

pytestmark = pytest.mark.django_db

# "23,10000000000000142" or "3,8999999999999" (comma decimals) and "3.899999999999999" (a cell).
NOISE = re.compile(r"\d[,.]\d*(?:0{6,}|9{6,})\d*")


@pytest.fixture
def round_2023(demo_db, db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def _page(client, round_, fmt: str = "") -> bytes:
    login_verified(client, User.objects.get(username="dieuphoi"))
    url = reverse("analytics:compilation", args=[round_.pk])
    response = client.get(url + (f"?dinh-dang={fmt}" if fmt else ""))
    assert response.status_code == 200
    return response.content


def test_compiled_page_and_csv_show_no_binary_noise(client, round_2023):
    page = _page(client, round_2023).decode()
    text = _page(client, round_2023, "csv").decode("utf-8-sig")
    assert NOISE.findall(page) == [] and NOISE.findall(text) == []
    assert "23,1" in text  # the demo's rate that used to print as 23,10000000000000142108547152


def test_compiled_xlsx_cells_hold_no_binary_noise(client, round_2023):
    for data in (
        _page(client, round_2023, "xlsx"),
        render_round_document(round_2023, DocumentKind.COMPILED, ".xlsx"),
    ):
        book = load_workbook(io.BytesIO(data))
        values = [repr(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row]
        assert [v for v in values if NOISE.search(v)] == []


def test_compiled_docx_holds_no_binary_noise(round_2023):
    document = open_docx(render_round_document(round_2023, DocumentKind.COMPILED, ".docx"))
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert [t for t in texts if NOISE.search(t)] == []
