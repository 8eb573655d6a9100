"""Account writes with side effects: the owner's one-time unlock link, an administrator's unlock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from accounts.models import UnlockLink, User
from audit.log import record
from lib.mail import Letter

UNLOCK_SALT = "accounts.unlock-link"
# One link per account in this time, however often the page is asked: no mailbox flooding.
UNLOCK_RESEND_AFTER = dt.timedelta(minutes=5)


class UnlockRefused(Exception):
    """A link that cannot unlock; the message is for the user."""


def send_unlock_link(username: str, origin: str) -> None:
    """E-mail the account's owner a signed, expiring, single-use link that lifts the wait.

    Says nothing back, so the page cannot tell whether an account or an address exists.
    `origin` is the site's scheme and host, e.g. "https://tonghop.example.gov.vn".
    """
    user = User.objects.filter(username=username, is_active=True).exclude(email="").first()
    if user is None:
        return
    with transaction.atomic():
        recent = timezone.now() - UNLOCK_RESEND_AFTER
        if user.unlock_links.filter(created_at__gte=recent).exists():
            return
        link = UnlockLink.objects.create(user=user)
        token = signing.TimestampSigner(salt=UNLOCK_SALT).sign(str(link.pk))
        url = origin + reverse("accounts:unlock", args=[token])
        minutes = int(settings.TONGHOP_UNLOCK_LINK_AGE.total_seconds() // 60)
        body = (
            f"Tài khoản {user.username} đang phải chờ vì có nhiều lần nhập sai mật khẩu.\n\n"
            f"Nếu chính bạn đăng nhập, hãy mở liên kết sau trên máy tính bạn dùng để đăng nhập "
            f"(dùng được một lần, trong {minutes} phút), rồi đăng nhập bằng mật khẩu của bạn:\n"
            f"{url}\n\n"
            "Nếu không phải bạn, hãy bỏ qua thư này: mật khẩu của bạn chưa bị lộ, người thử sai "
            "vẫn phải chờ. Nếu việc này lặp lại, hãy báo quản trị hệ thống."
        )
        transaction.on_commit(
            lambda: Letter(
                "[tonghop] Mở khóa đăng nhập", body, settings.DEFAULT_FROM_EMAIL, [user.email]
            ).send()
        )


def use_unlock_link(token: str, address: str | None) -> User:
    """Spend the link: the owner's wait at this address is lifted, an audit record kept."""
    try:
        link_id = signing.TimestampSigner(salt=UNLOCK_SALT).unsign(
            token, max_age=settings.TONGHOP_UNLOCK_LINK_AGE
        )
    except signing.SignatureExpired:
        raise UnlockRefused("Liên kết đã hết hạn. Hãy xin một liên kết mới.") from None
    except signing.BadSignature:
        raise UnlockRefused("Liên kết không đúng. Hãy mở đúng liên kết trong thư.") from None
    with transaction.atomic():
        link = (
            UnlockLink.objects.select_for_update()
            .select_related("user")
            .filter(pk=int(link_id), user__is_active=True)
            .first()
        )
        if link is None or link.used_at is not None:
            raise UnlockRefused("Liên kết này đã được dùng. Hãy xin một liên kết mới nếu cần.")
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        throttle.clear(link.user.username, address)
        record(
            link.user,
            "unlock_login",
            link.user,
            comment="Chủ tài khoản mở khóa đăng nhập bằng liên kết gửi qua e-mail.",
            ip=address,
        )
    return link.user


def unlock_logins(by: User, users: Iterable[User], ip: str | None) -> int:
    """An administrator lifts every wait of these accounts, at every address; one record each."""
    count = 0
    with transaction.atomic():
        for user in users:
            throttle.clear(user.username)
            record(by, "unlock_login", user, comment="Quản trị hệ thống mở khóa đăng nhập.", ip=ip)
            count += 1
    return count
