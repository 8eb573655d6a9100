"""Member agencies of the steering committee ("cơ quan, đơn vị")."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành cấp tỉnh"
    POLICE = "police", "Công an"
    MILITARY = "military", "Quân sự, Bộ đội Biên phòng"
    MASS_ORGANISATION = "mass", "Mặt trận Tổ quốc, đoàn thể"
    STEERING_COMMITTEE = "steering", "Ban Chỉ đạo"
    DISTRICT_UNIT = "district_unit", "Phòng, ban cấp huyện, xã"
    OTHER = "other", "Khác"


symbol_code_validator = RegexValidator(
    r"^[A-ZĐ0-9]+(?:[-&][A-ZĐ0-9]+)*$",
    "Mã ký hiệu chỉ gồm chữ in hoa, chữ số và dấu gạch nối, không có khoảng trắng (ví dụ: BDT).",
)


class AgencyQuerySet(models.QuerySet):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


class Agency(models.Model):
    name = models.CharField("tên cơ quan, đơn vị", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=80, blank=True)
    code = models.CharField(
        "mã trong ký hiệu văn bản",
        max_length=20,
        unique=True,
        validators=[symbol_code_validator],
        help_text="Phần sau dấu gạch nối trong ký hiệu văn bản, ví dụ BDT trong 123/BC-BDT.",
    )
    kind = models.CharField("loại", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan chủ quản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name="địa bàn phục vụ",
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)
    drafting_unit = models.CharField(
        "đơn vị soạn thảo",
        max_length=20,
        blank=True,
        validators=[symbol_code_validator],
        help_text="Chữ viết tắt của đơn vị soạn thảo, in ở dòng “Lưu: VT, PCTNXH.” của nơi nhận.",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def default_signer(self) -> Signer | None:
        """The signer marked default, else the first in order (one query)."""
        return self.signers.order_by("-is_default", "order", "pk").first()

    def usual_recipient_lines(self) -> list[str]:
        return list(self.usual_recipients.order_by("order", "pk").values_list("name", flat=True))


# The prefixes of Decree 30 for signing on someone else's behalf (rendering.spec.Authority).
AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")


def signer_title_lines(title: str) -> list[str]:
    """ "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" as its printed lines (a new line or "/" between them)."""
    return [part.strip() for part in re.split(r"[\n/]", title) if part.strip()]


def validate_signer_title(title: str) -> None:
    """A position in capitals, or an authority prefix line over the signer's own position."""
    lines = signer_title_lines(title)
    if title != title.upper():
        raise ValidationError(
            "Chức vụ người ký viết in hoa theo Nghị định 30/2020/NĐ-CP, ví dụ: GIÁM ĐỐC.",
            code="lowercase",
        )
    if len(lines) > 2 or (len(lines) == 2 and lines[0].split(" ")[0] not in AUTHORITY_PREFIXES):
        raise ValidationError(
            "Chức vụ người ký có một dòng (TRƯỞNG BAN) hoặc hai dòng, dòng đầu bắt đầu bằng "
            f"{', '.join(AUTHORITY_PREFIXES)} (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC).",
            code="lines",
        )


validate_signer_name = RegexValidator(
    r"^[^\W\d_]+(?: [^\W\d_]+)+$",
    "Họ và tên người ký chỉ gồm chữ cái, ít nhất hai tiếng, không ghi học hàm, học vị "
    "(ví dụ: Nguyễn Văn An).",
)


def recipient_line(line: str) -> str:
    """A "Nơi nhận" line without its list marks ("- ", ";"); the filed copies are refused."""
    text = line.strip().removeprefix("-").strip().rstrip(" .;")
    if re.match(r"(?i)lưu\b", text):
        raise ValidationError(
            "Dòng “Lưu: VT, ...” được in từ đơn vị soạn thảo, không ghi vào danh sách nơi nhận.",
            code="archive",
        )
    return text


class Signer(models.Model):
    """An official who signs the agency's documents; officials signing documents are public."""

    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan, đơn vị", on_delete=models.CASCADE, related_name="signers"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField(
        "chức vụ",
        max_length=120,
        validators=[validate_signer_title],
        help_text="In hoa như trên văn bản: TRƯỞNG BAN, hoặc KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC.",
    )
    name = models.CharField("họ và tên", max_length=120, validators=[validate_signer_name])
    is_default = models.BooleanField("người ký mặc định", default=False)

    class Meta:
        verbose_name = "người ký"
        verbose_name_plural = "người ký"
        ordering = ["agency", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(is_default=True),
                name="one_default_signer_per_agency",
                violation_error_message="Mỗi cơ quan, đơn vị chỉ có một người ký mặc định.",
            )
        ]

    def __str__(self) -> str:
        return f"{' / '.join(signer_title_lines(self.title))}: {self.name}"


class UsualRecipient(models.Model):
    """A line of the agency's usual "Nơi nhận" ("UBND tỉnh", "Bộ Lao động - Thương binh và Xã hội")."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan, đơn vị",
        on_delete=models.CASCADE,
        related_name="usual_recipients",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("nơi nhận", max_length=200)

    class Meta:
        verbose_name = "nơi nhận thường gửi"
        verbose_name_plural = "nơi nhận thường gửi"
        ordering = ["agency", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.name = recipient_line(self.name)
        except ValidationError as error:
            raise ValidationError({"name": error.messages}) from error
        if not self.name:
            raise ValidationError({"name": "Hãy ghi tên nơi nhận."})
