"""News articles (made-up pages in the layouts Vietnamese news sites print): no kind, number
nor signer; the masthead is the issuer, the headline the title, the page's date line the date,
a dateline the place, and the period only when the article states one."""

from __future__ import annotations

import pytest

from imports.extraction import extract_text
from lib.vndates import PartialDate, publication_date

PORTAL_PAGE = """BÁO KINH TẾ ĐÔ THỊ MIỀN TRUNG
kinhtedothimientrung.vn
Trang chủ | Thời sự | Pháp luật | Xã hội | Thể thao
Pháp luật - Bạn đọc

Kiểm tra 350 cơ sở lưu trú, phát hiện 12 cơ sở vi phạm

Thứ Ba, 17/06/2025 14:05

Trong 6 tháng đầu năm 2025, Đoàn kiểm tra liên ngành của thành phố đã kiểm tra 350 cơ sở lưu trú, karaoke và massage, phát hiện 12 cơ sở vi phạm, xử phạt tổng số tiền hơn 90 triệu đồng.

Lê Hải Yến
"""

WIRE_ITEM = """Xét xử hai bị cáo môi giới mại dâm tại quán cà phê

Cập nhật: 4/3/2025

Quảng Bình, 3/3 (TTXVN) - Tòa án nhân dân tỉnh đã tuyên phạt hai bị cáo về tội "Môi giới mại dâm", bị cáo Đ.V.K (SN 1988) 4 năm tù, bị cáo T.T.N (35 tuổi) 30 tháng tù.
"""

BYLINE_ONLY = """Bắt giữ đường dây môi giới mại dâm qua mạng xã hội

(ĐSPL) - Công an quận đã triệt phá một đường dây môi giới mại dâm qua mạng xã hội, bắt giữ 4 đối tượng, trong đó có 2 nữ tiếp viên nhà hàng.
"""


def _meta(result: dict) -> tuple:
    fields = ("doc_type", "number", "symbol", "issuer", "place", "date", "title", "period")
    return (*(result[f] for f in fields), result["signer_name"], result["recipients"])


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Thứ Hai, 12/05/2025 09:15", (2025, 5, 12)),
        ("12/05/2025 - 09:15", (2025, 5, 12)),
        ("Cập nhật: 12/5/2025", (2025, 5, 12)),
        ("Ngày đăng: 03/05/2025 07:00 (GMT+7)", (2025, 5, 3)),
        ("Thứ bảy, ngày 3/5/2025", (2025, 5, 3)),
        ("18:35 02/09/2013", (2013, 9, 2)),
        ("Minh Anh | 12/05/2025 09:15", (2025, 5, 12)),
        ("Ngày 2/5/2025, Tòa án nhân dân tỉnh mở phiên tòa xét xử sơ thẩm", None),
        ("Từ 12/5/2025 đến 20/5/2025", None),
    ],
)
def test_a_news_page_date_line_says_no_more_than_a_date_a_time_and_a_byline(line, date):
    got = publication_date(line)
    assert got == (PartialDate(*date) if date else None)


def test_a_portal_page_masthead_headline_date_and_stated_period():
    result = extract_text(PORTAL_PAGE)
    assert _meta(result) == (
        None,
        None,
        None,
        "BÁO KINH TẾ ĐÔ THỊ MIỀN TRUNG",
        None,
        "2025-06-17",
        "Kiểm tra 350 cơ sở lưu trú, phát hiện 12 cơ sở vi phạm",
        "6 tháng đầu năm 2025",
        None,
        [],
    )
    # The headline's figures count as well as the lead's; the clock time does not.
    assert [(f["value"], f["unit"]) for f in result["figures"]] == [
        (350, "cơ sở lưu trú"),
        (12, "cơ sở"),
        (350, "cơ sở lưu trú"),
        (12, "cơ sở"),
        (90000000, "đồng"),
    ]


def test_a_wire_item_dateline_gives_the_place_and_a_case_report_has_no_period():
    result = extract_text(WIRE_ITEM)
    assert _meta(result) == (
        None,
        None,
        None,
        "TTXVN",
        "Quảng Bình",
        "2025-03-04",
        "Xét xử hai bị cáo môi giới mại dâm tại quán cà phê",
        None,
        None,
        [],
    )


def test_a_paper_named_only_in_its_byline_is_the_issuer():
    result = extract_text(BYLINE_ONLY)
    assert (result["issuer"], result["title"], result["date"], result["place"]) == (
        "ĐSPL",
        "Bắt giữ đường dây môi giới mại dâm qua mạng xã hội",
        None,
        None,
    )


def test_an_official_document_without_a_press_layout_is_not_read_as_an_article():
    result = extract_text(
        "Công an huyện báo cáo kết quả công tác phòng, chống mại dâm năm 2024 như sau:\n"
        "Đã kiểm tra 45 cơ sở kinh doanh dịch vụ, phát hiện 3 cơ sở vi phạm."
    )
    assert (result["title"], result["date"], result["period"]) == (None, None, "2024")
