"""The indicator catalogue and the reporting periods."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from lib.periods import calendar_range, reporting_window


class ValueType(models.TextChoices):
    COUNT = "count", "Số đếm"
    MONEY = "money", "Tiền (đồng)"
    PERCENT = "percent", "Tỷ lệ (%)"


class Aggregation(models.TextChoices):
    SUM = "sum", "Cộng dồn"
    MAX = "max", "Lấy giá trị lớn nhất"
    LATEST = "latest", "Lấy giá trị mới nhất"


class IndicatorGroup(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên nhóm", max_length=200)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nhóm chỉ tiêu"
        verbose_name_plural = "nhóm chỉ tiêu"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Breakdown(models.Model):
    """A plainly named way to split an indicator: by locality, by sex ..."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=120)
    by_locality = models.BooleanField(
        "theo địa bàn",
        default=False,
        help_text="Các giá trị là đơn vị hành chính thay vì danh mục riêng.",
    )

    class Meta:
        verbose_name = "cách phân tổ"
        verbose_name_plural = "cách phân tổ"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class BreakdownCategory(models.Model):
    breakdown = models.ForeignKey(
        Breakdown, verbose_name="cách phân tổ", on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField("mã", max_length=40)
    name = models.CharField("tên", max_length=120)

    class Meta:
        verbose_name = "nhóm phân tổ"
        verbose_name_plural = "nhóm phân tổ"
        ordering = ["breakdown", "code"]
        constraints = [
            models.UniqueConstraint(fields=["breakdown", "code"], name="unique_category_code")
        ]

    def __str__(self) -> str:
        return f"{self.breakdown.name}: {self.name}"


PHRASE_SLOT = "{n}"


def validate_phrase(phrase: str) -> None:
    """A reporting phrase holds the figure's place exactly once: "tổ chức {n} hội nghị"."""
    if phrase and phrase.count(PHRASE_SLOT) != 1:
        raise ValidationError(
            f"Cách viết trong câu phải có đúng một chỗ “{PHRASE_SLOT}” cho con số, "
            "ví dụ: tổ chức {n} hội nghị tuyên truyền."
        )


class IndicatorQuerySet(models.QuerySet):
    def active(self) -> IndicatorQuerySet:
        return self.filter(is_active=True)


class Indicator(models.Model):
    code = models.SlugField("mã chỉ tiêu", max_length=60, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit = models.CharField("đơn vị tính", max_length=60)
    phrase = models.CharField(
        "cách viết trong câu",
        max_length=200,
        blank=True,
        validators=[validate_phrase],
        help_text="Cụm từ đặt con số vào câu văn báo cáo, {n} là chỗ của con số: "
        "“tổ chức {n} hội nghị tuyên truyền”, “phát hiện, xử lý {n} vụ”.",
    )
    value_type = models.CharField("kiểu giá trị", max_length=10, choices=ValueType.choices)
    aggregation = models.CharField(
        "cách tổng hợp", max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    group = models.ForeignKey(
        IndicatorGroup, verbose_name="nhóm", on_delete=models.PROTECT, related_name="indicators"
    )
    breakdowns = models.ManyToManyField(Breakdown, verbose_name="phân tổ", blank=True)
    decimals = models.PositiveSmallIntegerField(
        "số chữ số thập phân khi hiển thị",
        default=0,
        help_text="Làm tròn một lần khi hiển thị, nửa lên: tỷ lệ thường 1, tiền 0.",
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name="tử số",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Với chỉ tiêu tỷ lệ: chỉ tiêu đếm ở tử số.",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name="mẫu số",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Với chỉ tiêu tỷ lệ: chỉ tiêu đếm ở mẫu số.",
    )
    description = models.TextField("giải thích", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["group__order", "order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def is_rate(self) -> bool:
        return self.value_type == ValueType.PERCENT

    @property
    def has_parts(self) -> bool:
        """A rate whose province figure is computed from the sums of its two parts."""
        return self.numerator_id is not None and self.denominator_id is not None


class IndicatorSynonym(models.Model):
    """A phrase officials write for an indicator, used to map extracted figures."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="synonyms"
    )
    phrase = models.CharField("cụm từ", max_length=200)

    class Meta:
        verbose_name = "cách gọi khác"
        verbose_name_plural = "cách gọi khác"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "phrase"], name="unique_synonym")
        ]

    def __str__(self) -> str:
        return self.phrase


class PeriodKind(models.TextChoices):
    YEAR = "year", "Năm"
    HALF = "half", "6 tháng"
    QUARTER = "quarter", "Quý"
    MONTH = "month", "Tháng"
    CUSTOM = "custom", "Khoảng thời gian khác"


NUMBER_RANGE: dict[str, tuple[int, int]] = {
    PeriodKind.YEAR: (0, 0),
    PeriodKind.HALF: (1, 2),
    PeriodKind.QUARTER: (1, 4),
    PeriodKind.MONTH: (1, 12),
}


class PeriodQuerySet(models.QuerySet["Period"]):
    def get_or_create_standard(self, kind: str, year: int, number: int = 0) -> Period:
        start, end = calendar_range(kind, year, number)
        period, _ = self.get_or_create(
            kind=kind, year=year, number=number, defaults={"start": start, "end": end}
        )
        return period


class Period(models.Model):
    """A reporting period: a calendar year, half, quarter or month, or a custom range."""

    kind = models.CharField("loại kỳ", max_length=10, choices=PeriodKind.choices)
    year = models.PositiveIntegerField("năm")
    number = models.PositiveSmallIntegerField(
        "số thứ tự trong năm", default=0, help_text="6 tháng: 1-2; quý: 1-4; tháng: 1-12."
    )
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    name = models.CharField("tên kỳ (kỳ tùy chọn)", max_length=120, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                condition=~models.Q(kind="custom"),
                name="unique_standard_period",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="period_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == PeriodKind.CUSTOM:
            return self.name or f"{self.start:%d/%m/%Y} - {self.end:%d/%m/%Y}"
        labels: dict[str, str] = {
            PeriodKind.YEAR: f"Năm {self.year}",
            PeriodKind.HALF: f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}",
            PeriodKind.QUARTER: f"Quý {self.number} năm {self.year}",
            PeriodKind.MONTH: f"Tháng {self.number} năm {self.year}",
        }
        return labels[self.kind]

    def clean(self) -> None:
        if self.kind == PeriodKind.CUSTOM:
            if self.start and self.end and self.start > self.end:
                raise ValidationError("Ngày bắt đầu phải trước ngày kết thúc.")
            return
        low, high = NUMBER_RANGE[self.kind]
        if not low <= self.number <= high:
            raise ValidationError({"number": f"Số thứ tự của kỳ phải từ {low} đến {high}."})
        self.start, self.end = calendar_range(self.kind, self.year, self.number)

    def reporting_window(self) -> tuple[dt.date, dt.date]:
        """The data cut-off range of Decree 09/2019/NĐ-CP (e.g. 15/12 of last year to 14/12)."""
        if self.kind == PeriodKind.CUSTOM:
            return self.start, self.end
        return reporting_window(self.kind, self.year, self.number)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end
