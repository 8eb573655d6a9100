"""Texts of the compiled report drafted from the figures and edited by the coordinator."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from rendering.drafting import TemplateError, check_template, placeholder_names


class DraftedText(models.Model):
    """The coordinator's wording of one section of a round's compiled report (no section: the opening).

    The text is a template: its figures are placeholders filled from the data when the document
    is rendered, so rewording never changes a number.
    """

    round = models.ForeignKey(
        "rounds.Round",
        verbose_name="đợt báo cáo",
        on_delete=models.CASCADE,
        related_name="drafted_texts",
    )
    section = models.ForeignKey(
        "rounds.Section",
        verbose_name="mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drafted_texts",
    )
    text = models.TextField("nội dung")
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "đoạn văn soạn từ số liệu"
        verbose_name_plural = "đoạn văn soạn từ số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(section__isnull=True),
                name="unique_drafted_opening",
            ),
            models.UniqueConstraint(
                fields=["round", "section"],
                condition=models.Q(section__isnull=False),
                name="unique_drafted_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.section or 'mở đầu'}"

    def clean(self) -> None:
        codes = self.round.round_indicators.values_list("indicator__code", flat=True)
        try:
            check_template(self.text, placeholder_names(codes))
        except TemplateError as error:
            raise ValidationError({"text": error.messages}) from error


class RenderedFile(models.Model):
    """A PDF asked for on a page and produced by a background task (rendering.jobs).

    Its id is the unguessable handle of the progress page; the bytes stay here until
    settings.TONGHOP_RENDERED_FILE_HOURS have passed, then rendering.jobs.forget_expired deletes it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "đang chờ"
        RUNNING = "running", "đang tạo"
        DONE = "done", "đã xong"
        FAILED = "failed", "không tạo được"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người yêu cầu",
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.CharField("văn bản", max_length=30)
    report = models.ForeignKey(
        "rounds.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        "rounds.Round", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    include_drafts = models.BooleanField("tính cả báo cáo chưa tiếp nhận", default=False)
    suffix = models.CharField("định dạng", max_length=8, default=".pdf")
    filename = models.CharField("tên tệp", max_length=200)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField("lỗi", blank=True)
    data = models.BinaryField("nội dung", null=True, blank=True)
    requested_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp văn bản đã tạo"
        verbose_name_plural = "tệp văn bản đã tạo"
        indexes = [models.Index(fields=["requested_at"], name="rendered_file_requested")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, round__isnull=True)
                | models.Q(report__isnull=True, round__isnull=False),
                name="rendered_file_of_report_or_round",
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
