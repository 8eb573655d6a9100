"""An import keeps the qualifier's word the document wrote, through the review to the value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from datavalues.models import Qualifier
from imports.models import ImportedDocument
from imports.testing import text_to_docx
from rounds.models import DataValue
from rounds.sheet import build_sheet

from .test_upload import default_post, upload

pytestmark = pytest.mark.django_db

REPORT_TEXT = (
    "BAN DÂN TỘC\n\nSố: 15/BC-BDT\n\nBÁO CÁO\nKết quả công tác phòng, chống mại dâm năm 2023\n\n"
    "I. KẾT QUẢ\n"
    "Tổ chức 02 hội thi tìm hiểu pháp luật với hơn 500 lượt người tham gia cổ vũ; "
    "lồng ghép 4 hội nghị tập huấn với trên 40 lượt người uy tín tham dự và "
    "01 hội nghị tại thành phố Bắc Giang với hơn 60 lượt người uy tín tham dự.\n"
)


@pytest.fixture
def document(client, cast, bdt_report):
    client.force_login(cast.officer)
    response = upload(client, bdt_report, "bao-cao.docx", text_to_docx(REPORT_TEXT))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportedDocument.objects.get()


def _index(document, quote_start: str) -> int:
    return next(i for i, f in enumerate(document.figures) if f["quote"].startswith(quote_start))


def test_the_extracted_figure_keeps_the_word_and_the_review_offers_it(client, document):
    figure = document.figures[_index(document, "hơn 500")]
    assert (figure["value"], figure["qualifier"], figure["qualifier_word"]) == (
        500,
        "more_than",
        "hơn",
    )
    page = client.get(reverse("imports:review", args=[document.pk])).content.decode()
    assert '<option value="more_than:hơn" selected>hơn</option>' in page


def test_confirming_stores_the_word_and_the_report_prints_it(client, document, bdt_report):
    cells = {cell.indicator.code: cell.field_suffix for cell in build_sheet(bdt_report).cells}
    participants = _index(document, "hơn 500")
    data = default_post(document)
    data[f"include_{participants}"] = "on"
    data[f"cell_{participants}"] = cells["contest_participants"]
    response = client.post(reverse("imports:confirm", args=[document.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    value = DataValue.objects.get(indicator__code="contest_participants")
    assert (value.value, value.qualifier, value.qualifier_word) == (
        Decimal(500),
        Qualifier.MORE_THAN,
        "hơn",
    )
    detail = client.get(reverse("rounds:report_detail", args=[bdt_report.pk])).content.decode()
    assert "hơn 500" in detail


@pytest.mark.parametrize(("second", "printed"), [("trên 40", "trên 540"), ("hơn 60", "hơn 560")])
def test_figures_added_into_one_cell_follow_the_sum_rule(
    client, document, bdt_report, second, printed
):
    cell = build_sheet(bdt_report).find("respected_persons_reached").field_suffix
    data = default_post(document)
    for name in [k for k in data if k.startswith("include_")]:
        del data[name]
    for quote in ("hơn 500", second):
        i = _index(document, quote)
        data[f"include_{i}"], data[f"cell_{i}"] = "on", cell
    response = client.post(reverse("imports:confirm", args=[document.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert str(DataValue.objects.get(indicator__code="respected_persons_reached")) == printed
