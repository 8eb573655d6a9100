"""Data values: indicator x agency x place x period x breakdown -> value, with qualifier and provenance."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Qualifier(models.TextChoices):
    EXACT = "exact", "Chính xác"
    MORE_THAN = "more_than", "Trên, hơn"
    ABOUT = "about", "Khoảng, gần"


class Source(models.TextChoices):
    TYPED = "typed", "Nhập tay"
    IMPORTED = "imported", "Trích từ văn bản"
    COMPUTED = "computed", "Tính toán"
    ACTIVITIES = "activities", "Cộng từ nhật ký hoạt động"


QUALIFIER_PREFIX = {Qualifier.EXACT: "", Qualifier.MORE_THAN: "trên ", Qualifier.ABOUT: "khoảng "}


class DataValue(models.Model):
    indicator = models.ForeignKey(
        "catalogue.Indicator",
        verbose_name="chỉ tiêu",
        on_delete=models.PROTECT,
        related_name="values",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        related_name="values",
    )
    place = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        related_name="values",
    )
    period = models.ForeignKey(
        "catalogue.Period", verbose_name="kỳ", on_delete=models.PROTECT, related_name="values"
    )
    category = models.ForeignKey(
        "catalogue.BreakdownCategory",
        verbose_name="phân tổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
    )
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    qualifier = models.CharField(
        "mức độ chính xác", max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.TYPED)
    source_file = models.CharField("tệp nguồn", max_length=255, blank=True)
    source_quote = models.TextField("đoạn trích", blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        "rounds.Report",
        verbose_name="báo cáo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="values",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period"],
                condition=models.Q(category__isnull=True),
                name="unique_value_total",
            ),
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period", "category"],
                condition=models.Q(category__isnull=False),
                name="unique_value_category",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="value_not_negative"),
        ]
        indexes = [models.Index(fields=["period", "indicator"])]

    def __str__(self) -> str:
        return f"{QUALIFIER_PREFIX[self.qualifier]}{self.value.normalize():f}"
