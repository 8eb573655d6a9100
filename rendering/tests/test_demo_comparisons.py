"""The demo's 2023 round: like-for-like changes with their coverage, and no agency rate as the province's.

2023 counts 4 of 8 agencies and 2022 all 8: compared on their whole totals, conferences would
"fall 56,6%". Every page and document must compare the same agencies instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.testing import login_verified
from rendering.output import DocumentKind, render_round_document
from rendering.tests.inspect_docx import open_docx
from rounds.models import DataValue, ReportStatus, Round

pytestmark = pytest.mark.django_db


def _accepted(code: str, year: int) -> dict[str, Decimal]:
    """Each agency's own total for the year, from accepted reports: agency code -> value."""
    values = DataValue.objects.filter(
        indicator__code=code,
        period__year=year,
        report__status=ReportStatus.ACCEPTED,
        report__compiled_from__isnull=True,  # the province's answer to the ministry repeats them
        category__isnull=True,
    ).select_related("agency")
    return {v.agency.code: v.value for v in values if v.place_id == v.agency.unit_id}


def _like_for_like(code: str) -> tuple[int, str, str]:
    """(agencies in both years, change as printed, the change of the whole totals as printed)."""
    now, before = _accepted(code, 2023), _accepted(code, 2022)
    both = now.keys() & before.keys()
    current, previous = sum(now[c] for c in both), sum(before[c] for c in both)

    def shown(a: Decimal, b: Decimal) -> str:
        change = ((a - b) * 100 / b).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        word = "tăng" if change > 0 else "giảm"
        return f"{word} {str(abs(change)).replace('.', ',')}%"

    return len(both), shown(current, previous), shown(sum(now.values()), sum(before.values()))


@pytest.fixture
def round_2023(demo_db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def test_the_demo_changes_computed_independently(round_2023):
    assert _like_for_like("propaganda_sessions") == (3, "tăng 13,3%", "giảm 56,6%")
    assert _like_for_like("establishments_inspected") == (2, "tăng 17,0%", "tăng 8,2%")


def _expected(both: str) -> list[str]:
    texts = []
    for code in ("propaganda_sessions", "establishments_inspected"):
        agencies, change, _ = _like_for_like(code)
        texts.append(
            f"tính trên {agencies} cơ quan, đơn vị có số liệu {both}: {change} so với năm 2022"
        )
    return texts


def _wrong() -> list[str]:
    return [_like_for_like(code)[2] for code in ("propaganda_sessions", "establishments_inspected")]


def test_compiled_page_compares_like_for_like_with_coverage(client, round_2023):
    login_verified(client, User.objects.get(username="dieuphoi"))
    text = client.get(reverse("analytics:compilation", args=[round_2023.pk])).content.decode()
    for expected in _expected("cả hai kỳ"):
        assert expected in text
    assert "Kỳ này (4/8 cơ quan, đơn vị)" in text
    assert not any(wrong in text for wrong in _wrong())
    # The province's inspection rate: 118 of about 437 (27,002...%), over the one agency that
    # gave both, shown with the rate's one decimal.
    assert ">khoảng 27,0<" in text and "tính trên 1 cơ quan, đơn vị có đủ tử số và mẫu số" in text


def test_dashboard_compares_like_for_like_with_coverage(client, round_2023):
    login_verified(client, User.objects.get(username="dieuphoi"))
    text = client.get(reverse("analytics:dashboard") + "?nam=2023").content.decode()
    for expected in _expected("cả hai năm"):
        assert expected[:1].upper() + expected[1:] in text
    assert "số liệu của 4/8 cơ quan, đơn vị" in text
    assert not any(wrong in text for wrong in _wrong())


def test_compiled_report_compares_like_for_like_and_never_prints_an_agency_rate_bare(round_2023):
    document = open_docx(render_round_document(round_2023, DocumentKind.COMPILED, ".docx"))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    for expected in _expected("cả hai năm"):
        assert expected in text
    assert "theo số liệu của 4/8 cơ quan, đơn vị" in text
    assert not any(wrong in text for wrong in _wrong())
    # Wherever 27% stands for the province, what it stands on goes with it.
    for paragraph in paragraphs:
        if "27%" in paragraph:
            assert "tính trên 1 cơ quan, đơn vị có đủ tử số và mẫu số" in paragraph
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    # In the table, a rate shows its indicator's decimals like the agencies' cells beside it;
    # the unit column says "%".
    assert "khoảng 27,0 (*)" in cells
    assert (
        "Tỷ lệ cơ sở kinh doanh dịch vụ được kiểm tra trong năm: cột Tổng số (*) tính trên 1 cơ "
        "quan, đơn vị có đủ tử số và mẫu số."
    ) in text
