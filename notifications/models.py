"""A notification shown in the app to one user: a workflow step that concerns them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    SUBMITTED = "submitted", "Báo cáo đã nộp"
    RETURNED = "returned", "Báo cáo bị trả lại"
    ACCEPTED = "accepted", "Báo cáo được tiếp nhận"
    REOPENED = "reopened", "Báo cáo được mở lại"
    REMINDER = "reminder", "Nhắc nộp báo cáo"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        """Mark the unread ones read now; the number marked."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    text = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=300)
    created_at = models.DateTimeField("thời điểm", default=timezone.now)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        # The bell counts a user's unread ones on every page.
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
