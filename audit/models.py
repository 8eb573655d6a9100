"""The append-only audit trail: who changed what, when, from where, old and new."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")

    def for_scope(self, scope: str) -> AuditQuerySet:
        return self.filter(scope=scope).select_related("actor").order_by("-at", "-pk")


class AuditRecord(models.Model):
    """One change of one field of one object, or one workflow step (field left blank).

    `scope` groups the records shown together, e.g. every value and state change of one
    report ("rounds.report:12"). `prev_hash`/`hash` chain the records in insertion order, so a
    later audit can detect an edited or removed row.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    action = models.CharField("thao tác", max_length=40)
    object_type = models.CharField("loại đối tượng", max_length=60)
    object_id = models.CharField("mã đối tượng", max_length=40)
    object_repr = models.CharField("đối tượng", max_length=300, blank=True)
    scope = models.CharField("phạm vi", max_length=80, db_index=True)
    field = models.CharField("trường", max_length=120, blank=True)
    old = models.TextField("giá trị cũ", blank=True)
    new = models.TextField("giá trị mới", blank=True)
    comment = models.TextField("ghi chú", blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "bản ghi nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")

    def compute_hash(self) -> str:
        payload = {
            "prev": self.prev_hash,
            "actor": self.actor_id,
            "at": self.at.isoformat(),
            "ip": self.ip,
            "action": self.action,
            "object": [self.object_type, self.object_id, self.object_repr],
            "scope": self.scope,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "comment": self.comment,
        }
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
