"""The compiled report of the demo 2023 round, read back by the extractor (imports.extraction):
its annex tables give the figures the accepted reports hold, compared with the DataValues."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pytest

from imports.extraction import extract_bytes
from rendering.output import DocumentKind, render_round_document
from rendering.pdf import docx_to_pdf, soffice_binary
from rendering.testing import deputy_signer
from rendering.tests.test_nd30_rules import signature_page_has_body_text
from rounds.models import DataValue, ReportStatus, Round

pytestmark = pytest.mark.django_db

Key = tuple[
    str, str | None
]  # indicator code, and the agency or district of its column (None: the total)


@pytest.fixture(scope="module")
def compiled(demo_db, django_db_blocker) -> tuple[Round, bytes, bytes]:
    with django_db_blocker.unblock():
        round_ = Round.objects.get(period__year=2023, parent__isnull=False)
        docx = render_round_document(round_, DocumentKind.COMPILED, ".docx", signer=deputy_signer())
    pdf = docx_to_pdf(docx) if soffice_binary() else b""
    return round_, docx, pdf


def expected_figures(round_: Round) -> dict[Key, Decimal]:
    """From the accepted reports' values: each agency's province figure, their sum, and each
    district's sum over agencies (rates are not summed, so left out)."""
    expected: dict[Key, Decimal] = defaultdict(Decimal)
    values = DataValue.objects.filter(
        report__round=round_, report__status=ReportStatus.ACCEPTED, category__isnull=True
    ).select_related("indicator", "agency", "place")
    for value in values:
        if value.indicator.unit == "%":
            continue
        code = value.indicator.code
        if value.place.level == "province":
            expected[code, value.agency.short_name or value.agency.name] += value.value
            expected[code, None] += value.value
        else:
            expected[code, value.place.name.split(",")[0]] += value.value
    return dict(expected)


def read_back(data: bytes, filename: str) -> dict[Key, set[Decimal]]:
    """Every table figure the extractor finds, by (indicator, column), rates aside as in
    expected_figures: each reading is kept, so a row filed under another indicator shows as a
    second value, not hidden behind the first."""
    found: dict[Key, set[Decimal]] = defaultdict(set)
    for figure in extract_bytes(data, filename)["figures"]:
        if figure["indicator"] and " | " in figure["quote"] and figure["unit"] != "%":
            key = (figure["indicator"], _short(figure["locality"]))
            found[key].add(Decimal(str(figure["value"])))
    return dict(found)


def _short(locality: str | None) -> str | None:
    """ "Huyện Lục Nam" as the district's name "Lục Nam"; an agency's name as it is."""
    if locality is None:
        return None
    return re.sub(r"^(Huyện|Thành phố|Thị xã|Quận|Thị trấn) ", "", locality)


def differences(expected: dict[Key, Decimal], found: dict[Key, set[Decimal]]) -> dict:
    """What is missing, read otherwise or read twice, and what is read where no value is."""
    keys = expected.keys() | found.keys()
    return {
        key: (expected.get(key), found.get(key))
        for key in keys
        if found.get(key) != ({expected[key]} if key in expected else None)
    }


def test_compiled_docx_gives_back_every_figure(compiled):
    round_, docx, _pdf = compiled
    expected = expected_figures(round_)
    assert len(expected) >= 30
    assert differences(expected, read_back(docx, "baocao.docx")) == {}


@pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice is not installed")
def test_compiled_pdf_gives_back_every_figure(compiled):
    round_, _docx, pdf = compiled
    assert differences(expected_figures(round_), read_back(pdf, "baocao.pdf")) == {}


@pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice is not installed")
def test_compiled_signature_page_holds_body_text(compiled):
    _round, _docx, pdf = compiled
    assert signature_page_has_body_text(pdf, deputy_signer().name, "Trên đây")
