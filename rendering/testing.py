"""Test data for rendering: sample documents, shaped like a real agency report (not copied from one)."""

from __future__ import annotations

from dataclasses import replace

from lib.vndates import PartialDate
from rendering.spec import (
    Annex,
    Authority,
    Bullet,
    DocumentSpec,
    Heading,
    Image,
    Kind,
    PageBreak,
    Paragraph,
    Signer,
    Table,
)

NARRATIVE = (
    "Phối hợp với Ủy ban nhân dân các huyện tổ chức hội nghị tuyên truyền, phổ biến, giáo dục "
    "pháp luật về phòng, chống mại dâm cho người có uy tín trong vùng đồng bào dân tộc thiểu số "
    "và miền núi; lồng ghép nội dung phòng, chống mại dâm với phòng, chống ma túy, mua bán người."
)


def agency_report(**changes) -> DocumentSpec:
    """A yearly prostitution-prevention report of a provincial agency, with every kind of block."""
    report = DocumentSpec(
        parent_agency="UBND tỉnh Bắc Giang",
        agency="Ban Dân tộc",
        number=5,
        symbol="BC-BDT",
        place="Bắc Giang",
        date=PartialDate(2024, 1, 5),
        kind=Kind.REPORT,
        title=("Kết quả công tác phòng, chống mại dâm năm 2023 và\nphương hướng nhiệm vụ năm 2024"),
        legal_bases=(
            "Kế hoạch số 21/KH-BCĐ ngày 07/02/2023 của Ban Chỉ đạo phòng, chống tội phạm, "
            "tệ nạn xã hội tỉnh",
            "Công văn số 3579/LĐTBXH-PCTNXH ngày 01/12/2023 của Sở Lao động - Thương binh và "
            "Xã hội về việc báo cáo kết quả công tác phòng, chống mại dâm năm 2023",
        ),
        lead="Ban Dân tộc báo cáo kết quả như sau:",
        body=(
            Heading("Kết quả công tác phòng, chống mại dâm năm 2023"),
            Heading("Công tác tham mưu chỉ đạo, triển khai thực hiện", level=2),
            Paragraph(NARRATIVE),
            Bullet("Tổ chức 02 hội thi tìm hiểu pháp luật với hơn 500 người tham gia cổ vũ."),
            Heading("Kết quả công tác tuyên truyền", level=2),
            Heading("Hội nghị, tập huấn", level=3),
            Paragraph(NARRATIVE * 3),
            Heading("Tài liệu tuyên truyền", level=3),
            Bullet("Phát hành 43.000 tờ rơi; 10 phóng sự, 10 bài, 12 tin."),
            Table(
                columns=("Chỉ tiêu", "Năm 2022", "Năm 2023"),
                rows=(("Hội nghị tuyên truyền", 98, 116), ("Tờ rơi phát hành", 38500, 43000)),
                title="Bảng 1. Một số chỉ tiêu tuyên truyền",
            ),
            Heading("Đánh giá chung"),
            Heading("Ưu điểm", level=2),
            Bullet(NARRATIVE),
            Heading("Tồn tại, hạn chế và nguyên nhân", level=2),
            Bullet(NARRATIVE),
            Heading("Phương hướng, nhiệm vụ năm 2024"),
            *(Paragraph(f"{n}. {NARRATIVE}") for n in range(1, 7)),
        ),
        closing=(
            "Trên đây là báo cáo kết quả công tác phòng, chống mại dâm năm 2023 và phương "
            "hướng nhiệm vụ năm 2024 của Ban Dân tộc"
        ),
        recipients=("Sở Lao động - Thương binh và Xã hội", "Lãnh đạo Ban", "Các phòng chuyên môn"),
        archive_unit="KHTT",
        signer=Signer(position="Trưởng ban", name="Nguyễn Văn An"),
    )
    return replace(report, **changes)


def deputy_signer() -> Signer:
    return Signer(
        position="Phó Giám đốc",
        name="Trần Thị Bình",
        authority=Authority.DEPUTY,
        principal="Giám đốc",
    )


def dispatch(**changes) -> DocumentSpec:
    """A Công văn asking member agencies for their yearly reports."""
    letter = DocumentSpec(
        parent_agency="UBND tỉnh Bắc Giang",
        agency="Sở Lao động - Thương binh và Xã hội",
        number=3579,
        symbol="LĐTBXH-PCTNXH",
        place="Bắc Giang",
        date=PartialDate(2023, 12, 1),
        kind=Kind.DISPATCH,
        title="báo cáo kết quả công tác phòng, chống mại dâm năm 2023",
        addressees=("Ban Dân tộc tỉnh", "Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"),
        body=(Paragraph(NARRATIVE),),
        closing="Đề nghị các cơ quan, đơn vị gửi báo cáo trước ngày 10/12/2023",
        recipients=("Như trên", "Lãnh đạo Sở"),
        archive_unit="PCTNXH",
        signer=deputy_signer(),
    )
    return replace(letter, **changes)


def with_everything(png: bytes) -> DocumentSpec:
    """The agency report plus an image, a page break and a landscape annex."""
    report = agency_report()
    annex = Annex(
        title="Phụ lục",
        subtitle="SỐ LIỆU PHÒNG, CHỐNG MẠI DÂM NĂM 2023",
        landscape=True,
        blocks=(
            Table(
                columns=("Cơ quan", *(f"Chỉ tiêu {n}" for n in range(1, 15))),
                rows=tuple(
                    (f"Đơn vị {a}", *(a * 1000 + n for n in range(1, 15))) for a in range(1, 4)
                ),
                total=("Tổng cộng", *(6000 + 3 * n for n in range(1, 15))),
            ),
        ),
    )
    return replace(
        report,
        body=(
            *report.body,
            Image(png, width_cm=14, caption="Biểu đồ 1. Chỉ tiêu qua các năm"),
            PageBreak(),
            Paragraph(NARRATIVE),
        ),
        annexes=(annex,),
    )
