"""The demo province: Bắc Giang 2023 with 2022 for comparison.

The Ethnic Affairs Committee's (BDT) 2023 report is the real one of shared/corpus/seed: its
figures, narrative, legal bases, recipients and signer. The other agencies' figures are
plausible inventions, written out below so that the demo is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Role, User
from agencies.models import Agency, AgencyKind, Signer, UsualRecipient
from audit.log import Change, record, scope_of
from catalogue.defaults import load_default_catalogue
from catalogue.models import Indicator, Period, PeriodKind
from datavalues.models import Qualifier, Source
from documents.models import DocumentKind, LegalDocument
from places.changes import bundled_change_lists, load_unit_changes
from places.loader import load_units
from places.models import AdministrativeUnit, Era, Level
from rounds.models import DataValue, Narrative, Report, ReportStatus, Round, RoundIndicator, Section
from rounds.sheet import display_value
from rounds.trail import VALUE_FIELD
from rounds.upward import answer_upward

DEMO_PASSWORD = "tonghop-demo-2023"
DEMO_NOTE = "Dữ liệu mẫu"
BDT_2023 = Path(__file__).parent / "data" / "demo_bdt_2023.json"
# Invented narratives of three other agencies, with the proposals section IV gathers.
OTHER_NARRATIVES_2023: dict[str, dict[str, str]] = {
    code: sections
    for code, sections in json.loads(
        (Path(__file__).parent / "data" / "demo_narratives_2023.json").read_text(encoding="utf-8")
    ).items()
    if not code.startswith("_")
}
SEED_FILE = "bc-pcmd-2023-ban-dan-toc-bac-giang.txt"

# code, name, kind, parent code, district served (None = the province)
AGENCIES = [
    ("UBND", "Ủy ban nhân dân tỉnh Bắc Giang", AgencyKind.PEOPLES_COMMITTEE, None, None),
    (
        "BCĐ",
        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc tỉnh",
        AgencyKind.STEERING_COMMITTEE,
        None,
        None,
    ),
    ("LĐTBXH", "Sở Lao động - Thương binh và Xã hội", AgencyKind.DEPARTMENT, "UBND", None),
    ("BDT", "Ban Dân tộc", AgencyKind.DEPARTMENT, "UBND", None),
    ("CAT", "Công an tỉnh", AgencyKind.POLICE, None, None),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", AgencyKind.DEPARTMENT, "UBND", None),
    ("SYT", "Sở Y tế", AgencyKind.DEPARTMENT, "UBND", None),
    ("STP", "Sở Tư pháp", AgencyKind.DEPARTMENT, "UBND", None),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", AgencyKind.MASS_ORGANISATION, None, None),
    ("UBND-SĐ", "Ủy ban nhân dân huyện Sơn Động", AgencyKind.PEOPLES_COMMITTEE, None, "Sơn Động"),
    ("UBND-LN", "Ủy ban nhân dân huyện Lục Ngạn", AgencyKind.PEOPLES_COMMITTEE, None, "Lục Ngạn"),
]
SHORT_NAMES = {
    "LĐTBXH": "Sở LĐTBXH",
    "BDT": "Ban Dân tộc",
    "CAT": "Công an tỉnh",
    "SVHTTDL": "Sở VHTTDL",
    "SYT": "Sở Y tế",
    "STP": "Sở Tư pháp",
    "HLHPN": "Hội LHPN tỉnh",
    "UBND-SĐ": "UBND huyện Sơn Động",
    "UBND-LN": "UBND huyện Lục Ngạn",
    "UBND": "UBND tỉnh",
    "BCĐ": "BCĐ tỉnh",
}
ASKED = ["BDT", "CAT", "SVHTTDL", "SYT", "STP", "HLHPN", "UBND-SĐ", "UBND-LN"]

# username, role, agency code, full name (officers' own accounts are the only personal data)
USERS = [
    ("quantri", Role.ADMIN, None, "Quản trị hệ thống"),
    ("dieuphoi", Role.COORDINATOR, "LĐTBXH", "Chuyên viên phụ trách phòng, chống tệ nạn xã hội"),
    ("bdt", Role.OFFICER, "BDT", "Cán bộ Ban Dân tộc"),
    ("congan", Role.OFFICER, "CAT", "Cán bộ Công an tỉnh"),
    ("vhttdl", Role.OFFICER, "SVHTTDL", "Cán bộ Sở VHTTDL"),
    ("sondong", Role.OFFICER, "UBND-SĐ", "Cán bộ UBND huyện Sơn Động"),
    ("lanhdao", Role.VIEWER, None, "Lãnh đạo UBND tỉnh"),
    ("boyte", Role.COORDINATOR, "BYT", "Cán bộ Cục Phòng, chống tệ nạn xã hội, Bộ Y tế"),
    ("soytebn", Role.COORDINATOR, "SYT-BN", "Cán bộ Sở Y tế tỉnh Bắc Ninh"),
]

# What each coordinating agency prints on its documents: drafting unit ("Lưu: VT, <unit>."),
# signers (title as on the document, an invented name; the first is the default) and the
# usual recipients. Code -> (drafting unit, [(title, name)], [recipient]).
ISSUING = {
    "LĐTBXH": (
        "PCTNXH",
        [
            ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Nguyễn Văn Mẫu"),
            ("GIÁM ĐỐC", "Trần Minh Họa"),
        ],
        [
            "Bộ Lao động - Thương binh và Xã hội",
            "Cục Phòng, chống tệ nạn xã hội",
            "UBND tỉnh",
            "Ban Chỉ đạo 138 tỉnh",
            "Giám đốc, các Phó Giám đốc Sở",
        ],
    ),
    "BDT": (
        "KHTT",
        [("TRƯỞNG BAN", "Hoàng Văn Ví Dụ"), ("KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", "Lê Thị Thử")],
        ["Sở Lao động - Thương binh và Xã hội", "Lãnh đạo Ban"],
    ),
    "BLĐTBXH": (
        "TNXH",
        [("KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "Phạm Văn Mẫu")],
        ["Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Bộ trưởng"],
    ),
    "BYT": (
        "BTXH",
        [("KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "Đỗ Thị Mẫu")],
        ["Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Bộ trưởng"],
    ),
    "SYT-BN": (
        "NVY",
        [("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Vũ Văn Thử")],
        ["Bộ Y tế", "Cục Bảo trợ xã hội", "UBND tỉnh", "Giám đốc Sở"],
    ),
}

OUTLINE = [
    (
        "I",
        "KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MẠI DÂM NĂM {year}",
        [
            ("1", "Công tác tham mưu chỉ đạo, triển khai thực hiện"),
            ("2", "Kết quả công tác tuyên truyền phòng, chống mại dâm"),
            ("3", "Công tác kiểm tra, xử lý vi phạm và đấu tranh, triệt phá"),
            ("4", "Công tác hỗ trợ người bán dâm hòa nhập cộng đồng"),
        ],
    ),
    ("II", "ĐÁNH GIÁ CHUNG", [("1", "Ưu điểm"), ("2", "Tồn tại, hạn chế và nguyên nhân")]),
    ("III", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {next_year}", []),
    ("IV", "KIẾN NGHỊ, ĐỀ XUẤT", []),
]

ROUND_INDICATORS = [
    "direction_documents",
    "propaganda_sessions",
    "propaganda_attendance",
    "contests",
    "contest_participants",
    "trainings",
    "respected_persons_reached",
    "media_features",
    "media_articles",
    "media_news",
    "leaflets",
    "banners",
    "establishments_total",
    "establishments_inspected",
    "violations_found",
    "establishments_fined",
    "fines_amount",
    "criminal_cases",
    "criminal_suspects",
    "sex_workers_recorded",
    "support_health",
    "support_vocational",
    "propaganda_districts",
    "communes_regular_propaganda_pct",
    "establishments_inspected_pct",
]
BY_LOCALITY = {"trainings", "propaganda_sessions", "establishments_inspected"}


@dataclass(frozen=True)
class DemoValue:
    indicator: str
    value: int | str
    qualifier: str = Qualifier.EXACT
    quote: str = ""
    place: str | None = None  # a district's name for the locality breakdown
    word: str = ""  # the qualifier's word as written ("hơn"); blank for the default ("trên")


# The seed report's figures, with the passage each comes from.
BDT_2023_FIGURES = [
    DemoValue("contests", 2, quote="tổ chức 02 hội thi tìm hiểu pháp luật"),
    DemoValue(
        "contest_participants",
        500,
        Qualifier.MORE_THAN,
        "hơn 500 người tham gia cổ vũ",
        word="hơn",
    ),
    DemoValue("propaganda_sessions", 116, quote="lồng ghép 116 Hội nghị tuyên truyền"),
    DemoValue("media_features", 10, quote="10 phóng sự"),
    DemoValue("media_articles", 10, quote="10 bài"),
    DemoValue("media_news", 12, quote="12 tin"),
    DemoValue("leaflets", 43000, quote="phát hành 43.000 tờ rơi"),
    DemoValue("trainings", 5, quote="lồng ghép 4 hội nghị tập huấn tại 4 huyện"),
    DemoValue("trainings", 1, quote="lồng ghép 4 hội nghị tập huấn", place="Sơn Động"),
    DemoValue("trainings", 1, quote="lồng ghép 4 hội nghị tập huấn", place="Lục Ngạn"),
    DemoValue("trainings", 1, quote="lồng ghép 4 hội nghị tập huấn", place="Lục Nam"),
    DemoValue("trainings", 1, quote="lồng ghép 4 hội nghị tập huấn", place="Yên Thế"),
    DemoValue("trainings", 1, quote="01 hội nghị tại thành phố Bắc Giang", place="Bắc Giang"),
    DemoValue("propaganda_districts", 4, quote="tại 4 huyện"),
    DemoValue(
        "respected_persons_reached", 540, Qualifier.MORE_THAN, "trên 540 lượt người uy tín tham dự"
    ),
]

# Plausible figures of the other agencies: {code: {year: [DemoValue ...]}}
OTHER_FIGURES = {
    "CAT": {
        2022: [
            DemoValue("criminal_cases", 6),
            DemoValue("criminal_suspects", 11),
            DemoValue("propaganda_sessions", 84),
            DemoValue("propaganda_attendance", 6300),
            DemoValue("establishments_inspected", 152),
        ],
        2023: [
            DemoValue("criminal_cases", 8),
            DemoValue("criminal_suspects", 15),
            DemoValue("propaganda_sessions", 97),
            DemoValue("propaganda_attendance", 7150),
            DemoValue("establishments_inspected", 171),
            DemoValue("establishments_inspected", 64, place="Bắc Giang"),
            DemoValue("establishments_inspected", 38, place="Lục Ngạn"),
            DemoValue("establishments_inspected", 69, place="Việt Yên"),
        ],
    },
    "SVHTTDL": {
        2022: [
            DemoValue("establishments_total", 412, Qualifier.ABOUT),
            DemoValue("establishments_inspected", 95),
            DemoValue("violations_found", 14),
            DemoValue("establishments_fined", 9),
            DemoValue("fines_amount", 86500000),
            DemoValue("establishments_inspected_pct", "23.1"),
        ],
        2023: [
            DemoValue("establishments_total", 437, Qualifier.ABOUT),
            DemoValue("establishments_inspected", 118),
            DemoValue("violations_found", 17),
            DemoValue("establishments_fined", 12),
            DemoValue("fines_amount", 112000000),
            DemoValue("establishments_inspected_pct", "27.0"),
            DemoValue("leaflets", 5000),
            DemoValue("banners", 140),
        ],
    },
    "SYT": {
        2022: [
            DemoValue("support_health", 310),
            DemoValue("sex_workers_recorded", 96),
            DemoValue("propaganda_sessions", 22),
        ],
        2023: [
            DemoValue("support_health", 352),
            DemoValue("sex_workers_recorded", 104),
            DemoValue("propaganda_sessions", 25),
            DemoValue("leaflets", 8000),
        ],
    },
    "STP": {
        2022: [
            DemoValue("propaganda_sessions", 41),
            DemoValue("propaganda_attendance", 3900),
            DemoValue("direction_documents", 3),
        ],
        2023: [
            DemoValue("propaganda_sessions", 46),
            DemoValue("propaganda_attendance", 4200),
            DemoValue("direction_documents", 4),
            DemoValue("media_articles", 18),
        ],
    },
    "HLHPN": {
        2022: [
            DemoValue("propaganda_sessions", 210),
            DemoValue("propaganda_attendance", 15800, Qualifier.MORE_THAN, word="hơn"),
            DemoValue("support_vocational", 12),
        ],
        2023: [
            DemoValue("propaganda_sessions", 236),
            DemoValue("propaganda_attendance", 17500, Qualifier.MORE_THAN, word="hơn"),
            DemoValue("support_vocational", 15),
        ],
    },
    "UBND-SĐ": {
        2022: [
            DemoValue("propaganda_sessions", 35),
            DemoValue("direction_documents", 5),
            DemoValue("communes_regular_propaganda_pct", "65.0"),
        ],
        2023: [
            DemoValue("propaganda_sessions", 40),
            DemoValue("direction_documents", 6),
            DemoValue("communes_regular_propaganda_pct", "72.5"),
        ],
    },
    "UBND-LN": {
        2022: [DemoValue("propaganda_sessions", 52), DemoValue("establishments_inspected", 20)],
        2023: [DemoValue("propaganda_sessions", 57), DemoValue("establishments_inspected", 26)],
    },
    "BDT": {
        2022: [
            DemoValue("contests", 1),
            DemoValue("propaganda_sessions", 104),
            DemoValue("media_features", 8),
            DemoValue("media_articles", 9),
            DemoValue("media_news", 10),
            DemoValue("leaflets", 40000),
            DemoValue("trainings", 4),
            DemoValue("respected_persons_reached", 500, Qualifier.MORE_THAN),
        ],
    },
}

# 2023 states: accepted unless named here; UBND-LN never started and is late.
STATES_2023 = {
    "HLHPN": ReportStatus.SUBMITTED,
    "UBND-SĐ": ReportStatus.RETURNED,
    "STP": ReportStatus.DRAFT,
    "UBND-LN": ReportStatus.NOT_STARTED,
}


# Two other provinces' departments in the ministry's 2023 round (invented figures).
OTHER_PROVINCES: list[tuple[str, str, str, list[DemoValue]]] = [
    (
        "LĐTBXH-LS",
        "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn",
        "20",
        [
            DemoValue("propaganda_sessions", 184),
            DemoValue("propaganda_attendance", 9650),
            DemoValue("trainings", 7),
            DemoValue("leaflets", 21000),
        ],
    ),
    (
        "LĐTBXH-BN",
        "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh",
        "27",
        [
            DemoValue("propaganda_sessions", 142),
            DemoValue("propaganda_attendance", 7300),
            DemoValue("trainings", 4),
            DemoValue("leaflets", 15500),
        ],
    ),
]


def is_loaded() -> bool:
    return Agency.objects.filter(code="BDT").exists()


@transaction.atomic
def load_demo() -> None:
    """Create the demo province; refuse to run twice (the data would be duplicated)."""
    if is_loaded():
        raise RuntimeError("Dữ liệu mẫu đã có trong cơ sở dữ liệu.")
    province = AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=Level.PROVINCE, code="24")
    districts = {d.name: d for d in province.children.all()}
    agencies = _agencies(province, districts)
    agencies |= _agencies_2025()
    _users(agencies)
    documents = _documents(agencies)
    for year in (2022, 2023):
        _round(year, agencies, districts, documents)
    _national_round(agencies)
    _national_round_2025(agencies)
    _issuing()


def _issuing() -> None:
    """Drafting units, signers and usual recipients of the agencies that issue documents."""
    for agency in Agency.objects.filter(code__in=ISSUING):
        unit, signers, recipients = ISSUING[agency.code]
        agency.drafting_unit = unit
        agency.save(update_fields=["drafting_unit"])
        Signer.objects.bulk_create(
            Signer(agency=agency, order=n, title=title, name=name, is_default=n == 0)
            for n, (title, name) in enumerate(signers)
        )
        UsualRecipient.objects.bulk_create(
            UsualRecipient(agency=agency, order=n, name=name) for n, name in enumerate(recipients)
        )


def _agencies(province, districts) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for code, name, kind, parent, district in AGENCIES:
        agencies[code] = Agency.objects.create(
            code=code,
            name=name,
            short_name=SHORT_NAMES.get(code, name),
            kind=kind,
            parent=agencies.get(parent) if parent else None,
            unit=districts[district] if district else province,
        )
    return agencies


def _users(agencies) -> None:
    # One hash for the demo's shared, printed password: PBKDF2 costs about half a second each.
    password = make_password(DEMO_PASSWORD)
    for username, role, agency, full_name in USERS:
        user = User(
            username=username,
            role=role,
            agency=agencies.get(agency),
            first_name=full_name,
            email=f"{username}@tonghop.localhost",
            is_staff=role in {Role.ADMIN, Role.COORDINATOR},
            is_superuser=role == Role.ADMIN,
        )
        user.password = password
        user.save()


def _documents(agencies) -> dict[str, LegalDocument]:
    def doc(kind, number, symbol, date, issuer, summary):
        return LegalDocument.objects.create(
            kind=kind,
            number=number,
            symbol=symbol,
            date=date,
            issuer=agencies.get(issuer),
            issuer_name=agencies[issuer].name if issuer in agencies else issuer,
            summary=summary,
        )

    return {
        "plan2023": doc(
            DocumentKind.KE_HOACH,
            "21",
            "KH-BCĐ",
            dt.date(2023, 2, 7),
            "BCĐ",
            "Kế hoạch công tác phòng, chống tội phạm, tệ nạn xã hội năm 2023",
        ),
        "plan2022": doc(
            DocumentKind.KE_HOACH,
            "18",
            "KH-BCĐ",
            dt.date(2022, 2, 10),
            "BCĐ",
            "Kế hoạch công tác phòng, chống tội phạm, tệ nạn xã hội năm 2022",
        ),
        "request2023": doc(
            DocumentKind.CONG_VAN,
            "3579",
            "LĐTBXH-PCTNXH",
            dt.date(2023, 12, 1),
            "LĐTBXH",
            "Báo cáo kết quả công tác phòng, chống mại dâm năm 2023, "
            "phương hướng nhiệm vụ năm 2024",
        ),
        "request2022": doc(
            DocumentKind.CONG_VAN,
            "3120",
            "LĐTBXH-PCTNXH",
            dt.date(2022, 12, 2),
            "LĐTBXH",
            "Báo cáo kết quả công tác phòng, chống mại dâm năm 2022, "
            "phương hướng nhiệm vụ năm 2023",
        ),
    }


def _outline(round_: Round) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    order = 0
    for label, title, children in OUTLINE:
        order += 1
        parent = Section.objects.create(
            round=round_,
            label=label,
            order=order,
            title=title.format(year=round_.period.year, next_year=round_.period.year + 1),
        )
        sections[label] = parent
        for child_label, child_title in children:
            order += 1
            sections[f"{label}.{child_label}"] = Section.objects.create(
                round=round_, parent=parent, label=child_label, title=child_title, order=order
            )
    return sections


def _round(year, agencies, districts, documents) -> None:
    period = Period.objects.get_or_create_standard(PeriodKind.YEAR, year)
    deadline = timezone.make_aware(dt.datetime(year, 12, 15, 17, 0))
    round_ = Round.objects.create(
        name=f"Báo cáo kết quả công tác phòng, chống mại dâm năm {year}",
        coordinator=agencies["LĐTBXH"],
        request=documents[f"request{year}"],
        plan=documents[f"plan{year}"],
        period=period,
        deadline=deadline,
    )
    indicators = {i.code: i for i in Indicator.objects.all()}
    RoundIndicator.objects.bulk_create(
        RoundIndicator(
            round=round_, indicator=indicators[code], order=n, by_locality=code in BY_LOCALITY
        )
        for n, code in enumerate(ROUND_INDICATORS)
    )
    sections = _outline(round_)
    for code in ASKED:
        status = (
            ReportStatus.ACCEPTED if year < 2023 else STATES_2023.get(code, ReportStatus.ACCEPTED)
        )
        submitted = (
            None
            if status in {ReportStatus.NOT_STARTED, ReportStatus.DRAFT}
            else (deadline - dt.timedelta(days=3 + len(code)))
        )
        report = Report.objects.create(
            round=round_,
            agency=agencies[code],
            status=status,
            submitted_at=submitted,
            first_submitted_at=submitted,
            title=f"Kết quả công tác phòng, chống mại dâm năm {year} "
            f"và phương hướng nhiệm vụ năm {year + 1}",
        )
        figures = (
            BDT_2023_FIGURES
            if (code, year) == ("BDT", 2023)
            else (OTHER_FIGURES.get(code, {}).get(year, []))
        )
        if status != ReportStatus.NOT_STARTED:
            _values(report, figures, indicators, districts)
        if (code, year) == ("BDT", 2023):
            _seed_narrative(report, sections)
        elif year == 2023 and code in OTHER_NARRATIVES_2023:
            Narrative.objects.bulk_create(
                Narrative(report=report, section=sections[label], text=text)
                for label, text in OTHER_NARRATIVES_2023[code].items()
            )


def _national_round(agencies) -> None:
    """The ministry's 2023 round to the provinces; Bắc Giang's round (Công văn 3579) answers it
    with its accepted compilation, carried upward; two other provinces sent plain reports."""
    ministry = Agency.objects.create(
        code="BLĐTBXH",
        name="Bộ Lao động - Thương binh và Xã hội",
        short_name="Bộ LĐTBXH",
        kind=AgencyKind.OTHER,
        unit=AdministrativeUnit.country(Era.BEFORE_2025),
    )
    period = Period.objects.get_or_create_standard(PeriodKind.YEAR, 2023)
    deadline = timezone.make_aware(dt.datetime(2023, 12, 25, 17, 0))
    national = Round.objects.create(
        name="Báo cáo kết quả công tác phòng, chống mại dâm năm 2023 của các tỉnh, thành phố",
        coordinator=ministry,
        period=period,
        deadline=deadline,
    )
    indicators = {i.code: i for i in Indicator.objects.all()}
    RoundIndicator.objects.bulk_create(
        RoundIndicator(
            round=national, indicator=indicators[code], order=n, by_locality=code in BY_LOCALITY
        )
        for n, code in enumerate(ROUND_INDICATORS)
    )
    _outline(national)
    province_round = Round.objects.get(coordinator=agencies["LĐTBXH"], period=period)
    province_round.parent = national
    province_round.save(update_fields=["parent"])
    province_round.round_indicators.update(answers=F("indicator"))
    answer = Report.objects.create(round=national, agency=agencies["LĐTBXH"])
    answer = answer_upward(
        User.objects.get(username="dieuphoi"), province_round, version=answer.version
    )
    filed = deadline - dt.timedelta(days=4)
    Report.objects.filter(pk=answer.pk).update(
        status=ReportStatus.ACCEPTED,
        submitted_at=filed,
        first_submitted_at=filed,
        title="Kết quả công tác phòng, chống mại dâm năm 2023 và phương hướng nhiệm vụ năm 2024",
    )
    for code, name, province_code, figures in OTHER_PROVINCES:
        unit = AdministrativeUnit.objects.get(
            era=Era.BEFORE_2025, level=Level.PROVINCE, code=province_code
        )
        department = Agency.objects.create(
            code=code, name=name, short_name=name, kind=AgencyKind.DEPARTMENT, unit=unit
        )
        filed = deadline - dt.timedelta(days=2 + len(figures))
        report = Report.objects.create(
            round=national,
            agency=department,
            status=ReportStatus.SUBMITTED,
            submitted_at=filed,
            first_submitted_at=filed,
        )
        _values(report, figures, indicators, {})


# The 2025 chain, after the reform: the Ministry of Health asks three provinces of the 2025 map;
# the new Bắc Ninh (Bắc Giang and Bắc Ninh since 1/7/2025) answers with its own round of
# departments and communes, the two others with plain reports (invented figures).
BAC_NINH_2025_CODE = "24"
# code, name, short name, kind, commune (None = the province)
BAC_NINH_2025 = [
    ("SYT-BN", "Sở Y tế tỉnh Bắc Ninh", "Sở Y tế", AgencyKind.DEPARTMENT, None),
    ("CAT-BN", "Công an tỉnh Bắc Ninh", "Công an tỉnh", AgencyKind.POLICE, None),
    (
        "SVHTTDL-BN",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Ninh",
        "Sở VHTTDL",
        AgencyKind.DEPARTMENT,
        None,
    ),
    (
        "UBND-PBG",
        "Ủy ban nhân dân phường Bắc Giang",
        "UBND phường Bắc Giang",
        AgencyKind.PEOPLES_COMMITTEE,
        "Phường Bắc Giang",
    ),
    (
        "UBND-XYT",
        "Ủy ban nhân dân xã Yên Thế",
        "UBND xã Yên Thế",
        AgencyKind.PEOPLES_COMMITTEE,
        "Xã Yên Thế",
    ),
    (
        "UBND-PKB",
        "Ủy ban nhân dân phường Kinh Bắc",
        "UBND phường Kinh Bắc",
        AgencyKind.PEOPLES_COMMITTEE,
        "Phường Kinh Bắc",
    ),
]
ROUND_INDICATORS_2025 = [
    "propaganda_sessions",
    "propaganda_attendance",
    "trainings",
    "leaflets",
    "establishments_inspected",
    "violations_found",
    "criminal_cases",
    "support_health",
]
BAC_NINH_FIGURES_2025: dict[str, list[DemoValue]] = {
    "SYT-BN": [
        DemoValue("propaganda_sessions", 48),
        DemoValue("support_health", 415),
        DemoValue("leaflets", 12000),
    ],
    "CAT-BN": [
        DemoValue("propaganda_sessions", 121),
        DemoValue("propaganda_attendance", 9800),
        DemoValue("establishments_inspected", 236),
        DemoValue("criminal_cases", 11),
    ],
    "SVHTTDL-BN": [
        DemoValue("establishments_inspected", 142),
        DemoValue("violations_found", 21),
        DemoValue("leaflets", 6500),
    ],
    "UBND-PBG": [
        DemoValue("propaganda_sessions", 14),
        DemoValue("propaganda_attendance", 1250, Qualifier.MORE_THAN, word="hơn"),
        DemoValue("trainings", 2),
    ],
    "UBND-XYT": [
        DemoValue("propaganda_sessions", 9),
        DemoValue("propaganda_attendance", 640),
        DemoValue("trainings", 1),
    ],
    "UBND-PKB": [
        DemoValue("propaganda_sessions", 11),
        DemoValue("propaganda_attendance", 980),
        DemoValue("establishments_inspected", 18),
    ],
}
# code, name, 2025 province code, state, figures
OTHER_PROVINCES_2025: list[tuple[str, str, str, str, list[DemoValue]]] = [
    (
        "SYT-LS",
        "Sở Y tế tỉnh Lạng Sơn",
        "20",
        ReportStatus.ACCEPTED,
        [
            DemoValue("propaganda_sessions", 167),
            DemoValue("propaganda_attendance", 8900),
            DemoValue("trainings", 6),
            DemoValue("support_health", 122),
        ],
    ),
    (
        "SYT-TN",
        "Sở Y tế tỉnh Thái Nguyên",
        "19",
        ReportStatus.SUBMITTED,
        [
            DemoValue("propaganda_sessions", 203),
            DemoValue("propaganda_attendance", 11400),
            DemoValue("establishments_inspected", 188),
            DemoValue("support_health", 264),
        ],
    ),
]


def _agencies_2025() -> dict[str, Agency]:
    """The Ministry of Health and the new Bắc Ninh's departments and communes."""
    country = AdministrativeUnit.country(Era.FROM_2025)
    agencies = {
        "BYT": Agency.objects.create(
            code="BYT", name="Bộ Y tế", short_name="Bộ Y tế", kind=AgencyKind.OTHER, unit=country
        )
    }
    province = AdministrativeUnit.objects.get(
        era=Era.FROM_2025, level=Level.PROVINCE, code=BAC_NINH_2025_CODE
    )
    communes = {c.full_name: c for c in province.children.all()}
    for code, name, short_name, kind, commune in BAC_NINH_2025:
        agencies[code] = Agency.objects.create(
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            unit=communes[commune] if commune else province,
        )
    return agencies


def _round_2025(name: str, coordinator: Agency, deadline: dt.datetime, parent=None) -> Round:
    round_ = Round.objects.create(
        name=name,
        coordinator=coordinator,
        period=Period.objects.get_or_create_standard(PeriodKind.YEAR, 2025),
        deadline=deadline,
        parent=parent,
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=ROUND_INDICATORS_2025)}
    RoundIndicator.objects.bulk_create(
        RoundIndicator(
            round=round_,
            indicator=indicators[code],
            order=n,
            answers=indicators[code] if parent else None,
        )
        for n, code in enumerate(ROUND_INDICATORS_2025)
    )
    _outline(round_)
    return round_


def _filed(report: Report, status: str, when: dt.datetime) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=status, submitted_at=when, first_submitted_at=when
    )


def _national_round_2025(agencies: dict[str, Agency]) -> None:
    """The Ministry of Health's 2025 round; Bắc Ninh's round answers it through answer_upward,
    Lạng Sơn and Thái Nguyên with plain reports."""
    deadline = timezone.make_aware(dt.datetime(2025, 12, 20, 17, 0))
    national = _round_2025(
        "Báo cáo kết quả công tác phòng, chống mại dâm năm 2025 của các tỉnh, thành phố",
        agencies["BYT"],
        deadline,
    )
    child_deadline = deadline - dt.timedelta(days=10)
    child = _round_2025(
        "Báo cáo kết quả công tác phòng, chống mại dâm năm 2025 tỉnh Bắc Ninh",
        agencies["SYT-BN"],
        child_deadline,
        parent=national,
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=ROUND_INDICATORS_2025)}
    for n, (code, figures) in enumerate(BAC_NINH_FIGURES_2025.items()):
        report = Report.objects.create(round=child, agency=agencies[code])
        _values(report, figures, indicators, {})
        _filed(report, ReportStatus.ACCEPTED, child_deadline - dt.timedelta(days=1 + n))
    answer = Report.objects.create(round=national, agency=agencies["SYT-BN"])
    answer = answer_upward(User.objects.get(username="soytebn"), child, version=answer.version)
    _filed(answer, ReportStatus.ACCEPTED, deadline - dt.timedelta(days=3))
    for code, name, province_code, status, figures in OTHER_PROVINCES_2025:
        unit = AdministrativeUnit.objects.get(
            era=Era.FROM_2025, level=Level.PROVINCE, code=province_code
        )
        department = Agency.objects.create(
            code=code, name=name, short_name=name, kind=AgencyKind.DEPARTMENT, unit=unit
        )
        report = Report.objects.create(round=national, agency=department)
        _values(report, figures, indicators, {})
        _filed(report, status, deadline - dt.timedelta(days=len(figures) - 2))


def _values(report, figures, indicators, districts) -> None:
    """Store the figures with one audit record each, as an entry would write them."""
    seed = report.agency.code == "BDT" and report.round.period.year == 2023
    values = DataValue.objects.bulk_create(
        DataValue(
            indicator=indicators[f.indicator],
            agency=report.agency,
            place=districts[f.place] if f.place else report.agency.unit,
            period=report.round.period,
            value=Decimal(str(f.value)),
            qualifier=f.qualifier,
            qualifier_word=f.word,
            source=Source.IMPORTED if seed else Source.TYPED,
            source_file=SEED_FILE if seed else "",
            source_quote=f.quote,
            report=report,
        )
        for f in figures
    )
    scope = scope_of(report)
    for value in values:
        label = value.indicator.name
        if value.place_id != report.agency.unit_id:
            label = f"{label} — {value.place.name}"
        written = display_value(value.value, value.qualifier, value.qualifier_word)
        changes = [Change(VALUE_FIELD, "", written)]
        record(None, "value", value, scope=scope, label=label, changes=changes, comment=DEMO_NOTE)


def _seed_narrative(report, sections) -> None:
    data = json.loads(BDT_2023.read_text(encoding="utf-8"))
    report.legal_bases = data["legal_bases"]
    report.closing = data["closing"]
    report.recipients = data["recipients"]
    report.signer_title = data["signer_title"]
    report.signer_name = data["signer_name"]
    report.title = data["title"]
    report.save()
    Narrative.objects.bulk_create(
        Narrative(report=report, section=sections[label], text=text)
        for label, text in data["sections"].items()
    )


def prepare_database(empty: bool = False) -> list[str]:
    """Load the units and the catalogue, then the demo unless `empty`; returns what was done."""
    done = []
    counts = load_units()
    done.append(
        f"Đơn vị hành chính: {counts['units_created']} mới, "
        f"{counts['successions_created']} quan hệ kế thừa mới."
    )
    changes = sum(load_unit_changes(path)["changes"] for path in bundled_change_lists())
    done.append(f"Thay đổi đơn vị hành chính theo nghị quyết: {changes}.")
    done.append(f"Danh mục chỉ tiêu: {load_default_catalogue()} chỉ tiêu.")
    if empty:
        return done
    if is_loaded():
        done.append("Dữ liệu mẫu đã có sẵn, không nạp lại.")
    else:
        load_demo()
        done.append(
            "Đã nạp dữ liệu mẫu tỉnh Bắc Giang năm 2022-2023 và chuỗi báo cáo năm 2025 của Bộ Y tế."
        )
    return done
