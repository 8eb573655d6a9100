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


def digest(payload: dict) -> str:
    """SHA-256 of the payload's canonical JSON."""
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditRecord(models.Model):
    """One change of one field of one object, or one workflow step (field left blank).

    `scope` groups the records shown together, e.g. every value and state change of one
    report ("rounds.report:12"), and is a chain of its own: `seq` numbers the scope's records
    from 1 and `prev_hash` is the hash of the scope's previous record, so a later audit can
    detect an edited, removed or reordered row (docs/architecture.md, "Nhật ký kiểm toán").
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
    seq = models.PositiveIntegerField("số thứ tự trong phạm vi")
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "bản ghi nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "seq"], name="audit_record_scope_seq")
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")

    def compute_hash(self) -> str:
        return digest(
            {
                "prev": self.prev_hash,
                "seq": self.seq,
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
        )


class ScopeHeadQuerySet(models.QuerySet["ScopeHead"]):
    def lock(self, scope: str, *, skip_locked: bool = False) -> ScopeHead | None:
        """The scope's head, locked for the rest of the transaction and created on first use
        (two first writers of a scope meet on the unique scope). None when `skip_locked` and
        another transaction holds it."""
        locked = self.select_for_update(skip_locked=skip_locked).filter(scope=scope)
        head = locked.first()
        if head is None:
            ScopeHead.objects.bulk_create([ScopeHead(scope=scope)], ignore_conflicts=True)
            head = locked.first()
        return head


class ScopeHead(models.Model):
    """The last record of one scope's chain. Writers lock this row, and only this row, to
    append to the scope; the row named ANCHOR_CHAIN is the head of the anchors' chain."""

    scope = models.CharField("phạm vi", max_length=80, unique=True)
    seq = models.PositiveIntegerField("số bản ghi", default=0)
    hash = models.CharField("mã băm cuối", max_length=64, blank=True)

    objects = ScopeHeadQuerySet.as_manager()

    class Meta:
        verbose_name = "đầu chuỗi"
        verbose_name_plural = "đầu chuỗi"

    def __str__(self) -> str:
        return f"{self.scope} #{self.seq}"


ANCHOR_CHAIN = "audit.anchor"


class Anchor(models.Model):
    """The heads of the scopes that grew since the previous anchor, chained to it.

    Each anchor is also a line of the anchor file (audit.anchors), signed with a key kept
    out of the database: the file tells which anchors, and so which heads, must exist.
    """

    seq = models.PositiveIntegerField("số thứ tự", unique=True)
    at = models.DateTimeField("thời điểm", default=timezone.now)
    heads = models.JSONField("đầu chuỗi", default=dict)  # scope -> [seq, hash]
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "mốc neo nhật ký"
        verbose_name_plural = "mốc neo nhật ký"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"Neo số {self.seq} ({self.at:%d/%m/%Y %H:%M})"

    def compute_hash(self) -> str:
        return digest(
            {
                "seq": self.seq,
                "at": self.at.isoformat(),
                "prev": self.prev_hash,
                "heads": self.heads,
            }
        )


class AnchoredHead(models.Model):
    """Each scope's head as the anchors last recorded it, so that an anchor lists only the
    scopes that grew. Written by the anchoring alone; `audit verify` checks it against the
    anchors themselves."""

    scope = models.CharField(max_length=80, unique=True)
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.scope} #{self.seq}"
