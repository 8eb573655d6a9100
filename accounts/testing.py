"""Test helpers for logging in past the TOTP step."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


def enrolled_device(user: User) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Kiểm thử", defaults={"confirmed": True}
    )
    return device


def login_verified(client: Client, user: User) -> None:
    """force_login, with the session already past the TOTP step (for any role)."""
    device = enrolled_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_for(user: User) -> Callable[[], str]:
    """Enrol the user now (ORM); the returned function gives the current code without the ORM.

    For browser tests, which type the code in the page and must keep the ORM out of
    Playwright's event loop.
    """
    device = enrolled_device(user)
    key, step, digits = device.bin_key, device.step, device.digits

    def code() -> str:
        return f"{TOTP(key, step=step, digits=digits).token():0{digits}d}"

    return code
