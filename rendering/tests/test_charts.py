from __future__ import annotations

import warnings
from io import BytesIO

from PIL import Image

from rendering.charts import Series, indicator_chart


def test_chart_is_a_png_of_the_requested_size():
    png = indicator_chart(
        [
            Series("Hội nghị tuyên truyền", {2021: 87, 2022: 98, 2023: 116}),
            Series("Lượt cơ sở được kiểm tra", {2022: 1388, 2023: 1502}),
        ],
        title="Một số chỉ tiêu phòng, chống mại dâm",
        unit="Số lượng",
        width_cm=16,
        height_cm=9,
    )
    image = Image.open(BytesIO(png))
    assert image.format == "PNG"
    width, height = image.size
    assert abs(width / height - 16 / 9) < 0.02
    assert width >= 1200  # sharp enough to print at 16 cm


def test_single_series_with_no_data_for_a_year():
    png = indicator_chart([Series("Tờ rơi", {2023: 43000})])
    assert png.startswith(b"\x89PNG")


def test_every_vietnamese_letter_has_a_glyph():
    """matplotlib warns for each letter its font lacks (drawn as an empty box)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        indicator_chart(
            [Series("Người bán dâm được hỗ trợ học nghề, tư vấn sức khỏe", {2023: 17})],
            title="Kết quả phòng, chống mại dâm: Đắk Lắk, Quảng Ngãi, Thừa Thiên Huế",
            unit="Số lượng",
        )
