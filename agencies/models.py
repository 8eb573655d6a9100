"""Member agencies of the steering committee ("cơ quan, đơn vị")."""

from __future__ import annotations

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

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
