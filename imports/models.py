"""A report document an officer uploaded: what was read from it, never the file itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    EXTRACTED = "extracted", "Chờ xác nhận"
    CONFIRMED = "confirmed", "Đã đưa vào báo cáo"


class ImportedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportedDocumentQuerySet:
        """The agency's own officers, and the coordinator once the report is filed."""
        from accounts.access import reports_for_user
        from accounts.models import Role

        if not user.is_authenticated or user.role == Role.VIEWER:
            return self.none()
        return self.filter(report__in=reports_for_user(user))


class ImportedDocument(models.Model):
    """One upload: the file's name, hash and size, its text with personal data masked,
    the figures found in it (spans point into `text`), and whether they entered the report."""

    report = models.ForeignKey(
        "rounds.Report",
        verbose_name="báo cáo",
        on_delete=models.CASCADE,
        related_name="imported_documents",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    file_name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    size = models.PositiveIntegerField("dung lượng (byte)")
    metadata = models.JSONField("thông tin văn bản", default=dict, blank=True)
    text = models.TextField("nội dung (đã che dữ liệu cá nhân)")
    figures = models.JSONField("số liệu trích xuất", default=list, blank=True)
    warnings = models.JSONField("cảnh báo", default=list, blank=True)
    redacted = models.PositiveIntegerField("số đoạn đã che", default=0)
    status = models.CharField(
        "trạng thái", max_length=12, choices=ImportStatus.choices, default=ImportStatus.EXTRACTED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)

    objects = ImportedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản đã nhập"
        verbose_name_plural = "văn bản đã nhập"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_confirmed(self) -> bool:
        return self.status == ImportStatus.CONFIRMED

    def segments(self) -> list[tuple[str, int | None, dict | None]]:
        """The text cut at the figures' spans: (text, index, figure) on a figure, else None, None."""
        out: list[tuple[str, int | None, dict | None]] = []
        pos = 0
        for index, figure in sorted(enumerate(self.figures), key=lambda p: p[1]["start"]):
            start, end = figure["start"], figure["end"]
            if start < pos or end > len(self.text):
                continue
            out += [(self.text[pos:start], None, None), (self.text[start:end], index, figure)]
            pos = end
        out.append((self.text[pos:], None, None))
        return out
