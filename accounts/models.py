"""Officers' accounts: the only personal data tonghop keeps."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


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
