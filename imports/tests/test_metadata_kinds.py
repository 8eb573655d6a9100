"""The header of plans, dispatches, decisions and notices of ministries, people's committees and
steering committees: issuer, title, period and signer, alike in the .txt and in a .docx of it."""

from __future__ import annotations

import pytest

from imports.extraction import extract_bytes, extract_text
from imports.testing import docx_to_pdf, text_to_docx

MINISTRY_PLAN = """BỘ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI
-------
Số: 1234/KH-LĐTBXH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 01 năm 2026

KẾ HOẠCH
Triển khai công tác phòng, chống mại dâm
6 tháng đầu năm 2026

Căn cứ Luật Phòng, chống mại dâm năm 2003;
I. MỤC ĐÍCH, YÊU CẦU
Tổ chức 12 lớp tập huấn.

Nơi nhận:
- Các Bộ, ngành;
- Lưu: VT, Cục BTXH.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Bình
"""

POLICE_DISPATCH = """BỘ CÔNG AN                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CỤC CẢNH SÁT HÌNH SỰ                Độc lập - Tự do - Hạnh phúc
Số: 456/C02-P5                      Hà Nội, ngày 05 tháng 3 năm 2025
V/v tăng cường đấu tranh phòng, chống
tội phạm liên quan đến mại dâm năm 2025
Kính gửi: Công an các tỉnh, thành phố.
Thực hiện chỉ đạo của Bộ trưởng, Cục đề nghị như sau:
1. Rà soát 100% cơ sở kinh doanh dịch vụ.
Nơi nhận:                                   TL. BỘ TRƯỞNG
- Như trên;                                  CỤC TRƯỞNG
- Lưu: VT.
                                            Trần Văn Hùng
"""

HOME_AFFAIRS_DISPATCH = """BỘ NỘI VỤ
Số: 2222/BNV-TCCB
V/v hướng dẫn báo cáo công tác
phòng, chống tệ nạn xã hội năm 2025
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 10 tháng 11 năm 2025

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.

Bộ Nội vụ đề nghị các địa phương báo cáo trước ngày 15/12/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Vũ Đức Long
"""

PROVINCE_DECISION = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 78/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ninh Bình, ngày 12 tháng 02 năm 2026

QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện Chương trình phòng, chống mại dâm
giai đoạn 2026 - 2030
ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Hoa
"""

COMMUNE_PLAN = """UBND TỈNH THÁI NGUYÊN
UBND XÃ ĐỒNG HỶ
Số: 17/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Hỷ, ngày 3 tháng 9 năm 2025

KẾ HOẠCH
PHÒNG, CHỐNG MẠI DÂM TRÊN ĐỊA BÀN XÃ
NĂM 2026

Căn cứ Kế hoạch số 5/KH-UBND ngày 1/8/2025 của UBND tỉnh;
Tổ chức 3 hội nghị.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đỗ Văn Nam
"""

STEERING_NOTICE = """UBND XÃ TÂN PHÚ
BAN CHỈ ĐẠO PHÒNG, CHỐNG
TỘI PHẠM, TỆ NẠN XÃ HỘI
Số: 05/TB-BCĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Phú, ngày 15 tháng 7 năm 2025

THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại hội nghị sơ kết công tác
6 tháng đầu năm 2025

Ngày 10/7/2025, Ban Chỉ đạo tổ chức hội nghị sơ kết.

Nơi nhận:
- Các thành viên BCĐ;
- Lưu: VT.
TL. TRƯỞNG BAN
CHÁNH VĂN PHÒNG
Phạm Minh Tuấn
"""

# text, (doc_type, issuer, title, period, signer_title)
KINDS = {
    "ministry-plan": (
        MINISTRY_PLAN,
        (
            "KH",
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",  # one name over two lines; no prose spelling
            "Triển khai công tác phòng, chống mại dâm 6 tháng đầu năm 2026",
            "6 tháng đầu năm 2026",
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG",
        ),
    ),
    "police-dispatch": (
        POLICE_DISPATCH,
        (
            "CV",
            "CỤC CẢNH SÁT HÌNH SỰ",
            "V/v tăng cường đấu tranh phòng, chống tội phạm liên quan đến mại dâm năm 2025",
            "2025",
            "TL. BỘ TRƯỞNG CỤC TRƯỞNG",
        ),
    ),
    "home-affairs-dispatch": (
        HOME_AFFAIRS_DISPATCH,
        (
            "CV",
            "Bộ Nội vụ",
            "V/v hướng dẫn báo cáo công tác phòng, chống tệ nạn xã hội năm 2025",
            "2025",
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG",
        ),
    ),
    "province-decision": (
        PROVINCE_DECISION,
        (
            "QĐ",
            "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
            "Ban hành Kế hoạch thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026 - 2030",
            "giai đoạn 2026 - 2030",
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        ),
    ),
    "commune-plan": (
        COMMUNE_PLAN,
        (
            "KH",
            "UBND XÃ ĐỒNG HỶ",
            "PHÒNG, CHỐNG MẠI DÂM TRÊN ĐỊA BÀN XÃ NĂM 2026",
            "2026",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        ),
    ),
    "steering-notice": (
        STEERING_NOTICE,
        (
            "TB",
            "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM, TỆ NẠN XÃ HỘI",
            "Kết luận của Trưởng Ban Chỉ đạo tại hội nghị sơ kết công tác 6 tháng đầu năm 2025",
            "6 tháng đầu năm 2025",
            "TL. TRƯỞNG BAN CHÁNH VĂN PHÒNG",
        ),
    ),
}


def _header(result: dict) -> tuple:
    keys = ("doc_type", "issuer", "title", "period", "signer_title")
    return tuple(result[key] for key in keys)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_header_of_each_kind_of_document(kind):
    text, expected = KINDS[kind]
    assert _header(extract_text(text)) == expected


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_docx_with_one_paragraph_a_line_reads_the_same_header(kind):
    """Each line its own paragraph: a title's period line and a title in capitals over two
    paragraphs are still one title."""
    text, expected = KINDS[kind]
    assert _header(extract_bytes(text_to_docx(text), f"{kind}.docx")) == expected


def test_the_motto_a_narrow_pdf_column_wraps_is_no_part_of_the_issuer():
    text = (
        "BỘ LAO ĐỘNG - THƯƠNG BINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n"
        "VÀ XÃ HỘI Độc lập -\nTự do - Hạnh phúc\nSố: 99/KH-LĐTBXH Hà\n"
        "Nội, ngày 20 tháng 01 năm 2026\nKẾ HOẠCH\nThực hiện Chương trình phòng, chống mại dâm\n"
        "giai đoạn 2026 - 2030\nTổ chức 12 lớp tập huấn."
    )
    result = extract_text(text)
    assert result["issuer"] == "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert result["period"] == "giai đoạn 2026 - 2030"


def test_a_heading_or_the_authority_under_a_title_in_capitals_is_no_part_of_it():
    text = PROVINCE_DECISION.replace(
        "Ban hành Kế hoạch thực hiện Chương trình phòng, chống mại dâm\ngiai đoạn 2026 - 2030",
        "BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG MẠI DÂM\nNĂM 2026",
    )
    result = extract_bytes(text_to_docx(text), "qd.docx")
    assert (result["title"], result["period"]) == (
        "BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG MẠI DÂM NĂM 2026",
        "2026",
    )


def test_a_pdf_of_a_plan_reads_the_same_header():
    pdf = docx_to_pdf(text_to_docx(MINISTRY_PLAN))
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    assert _header(extract_bytes(pdf, "ke-hoach.pdf")) == KINDS["ministry-plan"][1]


# As a web legal library's header table copies: each cell's first word on a line of its own,
# the cells parted by "|"; the department under its province's committee, a subject line
# wrapped in two, the signer's block over three lines.
LIBRARY_DISPATCH = """UBND
TỈNH LÀO CAI
SỞ Y TẾ
-------
|
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
88/SYT-NVY
V/v báo cáo kết quả công tác phòng,
chống mại dâm quý I năm 2026
|
Lào
Cai, ngày 03 tháng 4 năm 2026
|
Kính
gửi: Ủy ban nhân dân các xã, phường.
Sở Y tế đề nghị các xã, phường báo cáo kết quả trước ngày 10/4/2026.
|
Nơi
nhận:
- Như trên;
- Lưu: VT.
|
KT.
GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Hoàng Văn Nam
"""

# A ministry alone on its line over a flattened header row, the subject wrapped beside the date.
MINISTRY_LIBRARY_DISPATCH = """BỘ Y TẾ
-------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1234/BYT-BTXH
V/v tăng cường công tác phòng, chống
mại dâm năm 2026 | Hà Nội, ngày 05 tháng 01 năm 2026

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Bộ Y tế đề nghị các địa phương kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm.

Nơi nhận:
- Như trên;
- Lưu: VT, BTXH.
| KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Trần Văn Thuấn
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            LIBRARY_DISPATCH,
            (
                "CV",
                "88",
                "Sở Y tế",
                "Lào Cai",
                "2026-04-03",
                "V/v báo cáo kết quả công tác phòng, chống mại dâm quý I năm 2026",
                "quý I năm 2026",
                "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
                "Hoàng Văn Nam",
            ),
        ),
        (
            MINISTRY_LIBRARY_DISPATCH,
            (
                "CV",
                "1234",
                "Bộ Y tế",
                "Hà Nội",
                "2026-01-05",
                "V/v tăng cường công tác phòng, chống mại dâm năm 2026",
                "2026",
                "KT. BỘ TRƯỞNG THỨ TRƯỞNG",
                "Trần Văn Thuấn",
            ),
        ),
    ],
)
def test_a_header_copied_from_a_web_legal_library(text, expected):
    result = extract_text(text)
    keys = ("doc_type", "number", "issuer", "place", "date", "title", "period")
    assert (*(result[k] for k in keys), result["signer_title"], result["signer_name"]) == expected
