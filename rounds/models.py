"""Reporting rounds ("đợt báo cáo"), the reports agencies file in them, and their narratives."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Round(models.Model):
    name = models.CharField("tên đợt báo cáo", max_length=300)
    coordinator = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan chủ trì tổng hợp",
        on_delete=models.PROTECT,
        related_name="coordinated_rounds",
    )
    request = models.ForeignKey(
        "documents.LegalDocument",
        verbose_name="văn bản yêu cầu báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    plan = models.ForeignKey(
        "documents.LegalDocument",
        verbose_name="kế hoạch (chỉ tiêu, mục tiêu)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_rounds",
    )
    period = models.ForeignKey(
        "catalogue.Period",
        verbose_name="kỳ báo cáo",
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    deadline = models.DateTimeField("hạn nộp")
    indicators = models.ManyToManyField(
        "catalogue.Indicator", through="RoundIndicator", verbose_name="chỉ tiêu", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"
        ordering = ["-period__year", "-deadline"]

    def __str__(self) -> str:
        return self.name


class RoundIndicator(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_indicators")
    indicator = models.ForeignKey("catalogue.Indicator", on_delete=models.PROTECT)
    by_locality = models.BooleanField("chi tiết theo địa bàn", default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="unique_round_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.indicator_id}"


class Section(models.Model):
    """One heading of the round's outline: "I. Kết quả ...", "1. Ưu điểm" ..."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField("số thứ tự", max_length=10)
    title = models.CharField("tiêu đề", max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "mục của đề cương"
        verbose_name_plural = "đề cương báo cáo"
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}"


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa nộp"
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class Report(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        "trạng thái", max_length=12, choices=ReportStatus.choices, default=ReportStatus.NOT_STARTED
    )
    number = models.CharField("số văn bản", max_length=20, blank=True)
    title = models.CharField("trích yếu", max_length=400, blank=True)
    legal_bases = models.TextField("căn cứ", blank=True)
    closing = models.TextField("đoạn kết", blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Tăng sau mỗi lần lưu, để hai người sửa cùng lúc không ghi đè nhau."
    )

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["round", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="unique_report_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.agency} - {self.round}"

    def is_late(self) -> bool:
        if self.submitted_at is None:
            return timezone.now() > self.round.deadline
        return self.submitted_at > self.round.deadline


class Narrative(models.Model):
    """The agency's text under one section of the outline."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="narratives")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="narratives")
    text = models.TextField("nội dung", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="unique_narrative")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.section_id}"
