"""Officers' accounts: the only personal data tonghop keeps."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    COORDINATOR = "coordinator", "Cơ quan thường trực (tổng hợp)"
    OFFICER = "officer", "Cán bộ cơ quan, đơn vị"
    VIEWER = "viewer", "Lãnh đạo (xem)"


class User(AbstractUser):
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.OFFICER)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan, đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    position = models.CharField("chức vụ", max_length=200, blank=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    @property
    def is_coordinator(self) -> bool:
        return self.role in {Role.COORDINATOR, Role.ADMIN}

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER


def active_users(role: str) -> models.QuerySet[User]:
    """The active accounts of a role: those the workflow writes to (reminders, notifications)."""
    return User.objects.filter(role=role, is_active=True)


LAST_USED_PRECISION = dt.timedelta(minutes=5)


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def authenticate(self, raw: str) -> User | None:
        """The active user a presented token belongs to, or None."""
        token = (
            self.active()
            .select_related("user")
            .filter(digest=ApiToken.digest_of(raw), user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        # One write per token every few minutes, not one per call: enough to see use.
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            self.filter(pk=token.pk).update(last_used_at=now)
        return token.user


class ApiToken(models.Model):
    """A bearer token for the HTTP API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("tiền tố", max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        # Tokens carry 256 random bits, so a plain digest is enough; no slow KDF needed.
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token; the raw value is returned once and never stored."""
        raw = f"th_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(user=user, name=name, prefix=raw[:10], digest=cls.digest_of(raw))
        return token, raw

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class LoginThrottle(models.Model):
    """Recent wrong passwords for one username from one client address; no row, no failures."""

    username = models.CharField("tên đăng nhập", max_length=150)
    address = models.CharField("địa chỉ máy", max_length=45)
    failures = models.PositiveIntegerField("số lần sai", default=0)
    last_failure_at = models.DateTimeField("lần sai cuối", db_index=True)

    class Meta:
        verbose_name = "lượt đăng nhập sai"
        verbose_name_plural = "lượt đăng nhập sai"
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="login_throttle_pair")
        ]

    def __str__(self) -> str:
        return f"{self.username} @ {self.address}"


class UnlockLink(models.Model):
    """A one-time link e-mailed to an account's owner; the signed link carries only the id."""

    user = models.ForeignKey(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="unlock_links"
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, db_index=True)
    used_at = models.DateTimeField("dùng lúc", null=True, blank=True)

    class Meta:
        verbose_name = "liên kết mở khóa đăng nhập"
        verbose_name_plural = "liên kết mở khóa đăng nhập"

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%d/%m/%Y %H:%M}"
