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


# A page whose date line names the paper ("Thanh Niên - 14/03/2025") before a lead that opens
# with its dateline; a headline in capitals; a related link and tags under the article.
CAPITALS_PAGE = """THANH NIÊN
Trang chủ > Thời sự > Pháp luật
BẮT QUẢ TANG CƠ SỞ MASSAGE CHỨA MẠI DÂM Ở VEN ĐÔ
Thanh Niên - 14/03/2025 10:30
Bình Dương - Công an thị xã đã kiểm tra một cơ sở massage, phát hiện 3 cặp nam nữ đang mua bán dâm.
Xem thêm: Triệt xóa ổ mại dâm trá hình ở ngoại thành
Tags: mại dâm, massage
"""

# A masthead in capitalised words, the byline "TTO - ", and the date printed under the article.
DATE_AT_THE_BOTTOM = """Tuổi Trẻ Online
Bắt giữ 5 đối tượng tổ chức mua bán dâm tại khách sạn
TTO - Chiều 12-5, Công an tỉnh cho biết đã bắt giữ 5 đối tượng về hành vi tổ chức mua bán dâm.
Minh Chiến
và 1 tác giả khác
12/05/2025 18:45 GMT+7
"""

# Credits and a caption around the headline, breadcrumbs with slashes, a sapo before the
# paragraph that opens with the dateline, and the paper named only in the closing "Nguồn:".
CREDITED_PAGE = """Bài và ảnh: Hoàng Long
Trang chủ / Tin tức / An ninh trật tự
Kiểm tra 40 cơ sở karaoke, phát hiện 6 cơ sở vi phạm
Ảnh: Đoàn kiểm tra làm việc tại một cơ sở karaoke
Trong những ngày qua, đoàn kiểm tra liên ngành của huyện đã kiểm tra 40 cơ sở kinh doanh karaoke, massage trên địa bàn và phát hiện 6 cơ sở vi phạm quy định về phòng cháy.
Hà Tĩnh - Ngày 3/6, đoàn tiếp tục kiểm tra 12 cơ sở lưu trú.
Cập nhật lúc 10:15 ngày 07/06/2025
Nguồn: Báo Hà Tĩnh
"""


def test_a_date_line_naming_the_paper_is_no_dateline_and_the_lead_gives_the_place():
    result = extract_text(CAPITALS_PAGE)
    assert _meta(result) == (
        None,
        None,
        None,
        "THANH NIÊN",
        "Bình Dương",
        "2025-03-14",
        "BẮT QUẢ TANG CƠ SỞ MASSAGE CHỨA MẠI DÂM Ở VEN ĐÔ",
        None,
        None,
        [],
    )


def test_a_masthead_in_capitalised_words_and_a_date_printed_under_the_article():
    result = extract_text(DATE_AT_THE_BOTTOM)
    assert (result["issuer"], result["date"], result["title"]) == (
        "Tuổi Trẻ Online",
        "2025-05-12",
        "Bắt giữ 5 đối tượng tổ chức mua bán dâm tại khách sạn",
    )
    # "và 1 tác giả khác" is a byline and "GMT+7" a time zone: no figures.
    assert [(f["value"], f["unit"]) for f in result["figures"]] == [
        (5, "đối tượng"),
        (5, "đối tượng"),
    ]


def test_credits_captions_and_slashed_breadcrumbs_are_no_headline_and_the_source_note_names_the_paper():
    result = extract_text(CREDITED_PAGE)
    assert (result["issuer"], result["place"], result["date"], result["title"]) == (
        "Báo Hà Tĩnh",
        "Hà Tĩnh",
        "2025-06-07",
        "Kiểm tra 40 cơ sở karaoke, phát hiện 6 cơ sở vi phạm",
    )


def test_a_prison_term_in_years_and_months_is_two_figures():
    result = extract_text(
        "Tòa án tuyên phạt bị cáo Đ.V.K 2 năm 6 tháng tù, bị cáo T.T.N 18 tháng tù; "
        "phiên tòa mở ngày 3 tháng 5 năm 2025."
    )
    assert [(f["value"], f["unit"], f["quote"]) for f in result["figures"]] == [
        (2, "năm", "2 năm"),
        (6, "tháng", "6 tháng"),
        (18, "tháng", "18 tháng"),
    ]


def test_a_plan_named_by_its_number_alone_is_a_referenced_document_not_a_figure():
    result = extract_text(
        "Hà Nội kiểm tra 300 cơ sở\n\nUBND thành phố vừa ban hành Kế hoạch số 06 về kiểm tra "
        "300 cơ sở kinh doanh dịch vụ nhạy cảm năm 2026."
    )
    assert [(d["kind"], d["number"], d["symbol"]) for d in result["referenced_documents"]] == [
        ("Kế hoạch", "06", None)
    ]
    assert 6 not in [f["value"] for f in result["figures"]]


def test_tables_alone_are_no_news_page():
    text = "Bảng 1\n| STT | Nội dung | Năm 2024 |\n| 1 | Tờ rơi | 43.000 |\nĐơn vị tính: người\n"
    got = extract_text(text)
    assert (got["issuer"], got["title"]) == (None, None)
    assert [f["value"] for f in got["figures"]] == [43000]
