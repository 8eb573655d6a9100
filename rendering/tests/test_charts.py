from __future__ import annotations

import warnings
from decimal import Decimal
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from rendering.builders import headline_chart
from rendering.charts import Series, indicator_chart
from rendering.figures import document_figures
from rounds.models import Round

SESSIONS = Series("Hội nghị tuyên truyền", {2021: 87, 2022: 98, 2023: 116}, unit="hội nghị")
INSPECTIONS = Series("Lượt cơ sở được kiểm tra", {2022: 1388, 2023: 1502}, unit="lượt cơ sở")


def test_one_panel_per_indicator_two_to_a_row():
    one = Image.open(BytesIO(indicator_chart([SESSIONS], width_cm=16, panel_height_cm=6)))
    two = Image.open(BytesIO(indicator_chart([SESSIONS, INSPECTIONS], 16, 6)))
    three = Image.open(BytesIO(indicator_chart([SESSIONS, INSPECTIONS, SESSIONS], 16, 6)))
    assert one.format == "PNG" and one.width >= 1200  # sharp enough to print at 16 cm
    assert abs(one.width / one.height - 16 / 6) < 0.02
    assert two.size == one.size
    assert abs(three.width / three.height - 16 / 12) < 0.02


def _runs(flags) -> list[tuple[int, int]]:
    """(start, end) of each run of true values."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    return runs


def _columns(png: bytes) -> list[int]:
    """Heights in pixels of the chart's columns (their colour), row of panels by row, left to
    right."""
    pixels = np.asarray(Image.open(BytesIO(png)).convert("RGB")).astype(int)
    bars = np.abs(pixels - (0x3B, 0x6E, 0xA5)).sum(axis=2) < 30
    heights = []
    for top, bottom in _runs(bars.any(axis=1)):
        band = bars[top:bottom]
        heights += [
            int(band[:, left:right].sum(axis=0).max()) for left, right in _runs(band.any(axis=0))
        ]
    return heights


def test_a_small_count_beside_thousands_keeps_a_visible_column():
    """Each panel has its own axis: 15 suspects draw as tall a column as 1.502 inspections."""
    png = indicator_chart(
        [
            Series("Lượt cơ sở được kiểm tra", {2023: 1502}, unit="lượt cơ sở"),
            Series("Bị can bị khởi tố", {2023: 15}, unit="bị can"),
        ]
    )
    big, small = _columns(png)
    assert small > big * 0.8


def test_only_the_years_with_data_have_a_column():
    png = indicator_chart([Series("Tờ rơi", {2023: 43000})])
    assert len(_columns(png)) == 1
    assert len(_columns(indicator_chart([SESSIONS]))) == 3


def test_every_vietnamese_letter_has_a_glyph():
    """matplotlib warns for each letter its font lacks (drawn as an empty box)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        indicator_chart(
            [
                Series(
                    "Người bán dâm được hỗ trợ học nghề, tư vấn sức khỏe: Đắk Lắk, Thừa Thiên Huế",
                    {2023: Decimal(17)},
                    unit="lượt người",
                    note="tính trên 3 cơ quan, đơn vị",
                )
            ]
        )


@pytest.fixture
def round_2023(demo_db, db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def test_headline_chart_titles_once_one_indicator_per_group(round_2023):
    compilation = document_figures(round_2023)
    image = headline_chart(compilation)
    assert image is not None
    assert image.caption.startswith("Biểu đồ 1. Một số chỉ tiêu chủ yếu qua các năm")
    assert image.caption.count("Một số chỉ tiêu chủ yếu") == 1
    # Four groups, four panels, each column drawn: a panel's axis fits its own figures.
    columns = _columns(image.png)
    assert len(columns) == 8  # 2022 and 2023 for each
    assert min(columns) > max(columns) * 0.4
