"""Two-factor login with TOTP: who must pass it, enrolment, and the demo accounts' devices."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest
from django_otp.middleware import is_verified
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User

# Set at login: the user has a confirmed device, so this session must pass the second step too.
ENROLLED_SESSION_KEY = "tonghop_otp_enrolled"
STRONG_ROLES = {Role.ADMIN, Role.COORDINATOR}
DEVICE_NAME = "Ứng dụng xác thực"

# The demo accounts' shared TOTP secret (base32), printed by `tonghop demo`; demo data only.
DEMO_TOTP_SECRET = "TONGHOPDEMOBACGIANGHAIKHONGHAIBA"


def role_requires_otp(user: User) -> bool:
    return settings.TONGHOP_REQUIRE_OTP and user.role in STRONG_ROLES


def session_requires_otp(request: HttpRequest) -> bool:
    """Whether the logged-in session must pass the TOTP step before anything else."""
    user = request.user
    return user.is_authenticated and (
        role_requires_otp(user) or request.session.get(ENROLLED_SESSION_KEY, False)
    )


def otp_satisfied(request: HttpRequest) -> bool:
    return not session_requires_otp(request) or is_verified(request.user)


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The user's unconfirmed device, created on the first visit to the enrolment page."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii")


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as a QR code in a data: URI (the page's policy allows data: images)."""
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;utf8," + quote(svg)


def ensure_demo_device(user: User) -> str:
    """Give a demo account a confirmed TOTP device with DEMO_TOTP_SECRET; return the secret."""
    key = base64.b32decode(DEMO_TOTP_SECRET).hex()
    TOTPDevice.objects.update_or_create(
        user=user, name="Demo", defaults={"key": key, "confirmed": True}
    )
    return DEMO_TOTP_SECRET


def ensure_demo_devices(usernames: Iterable[str]) -> dict[str, str]:
    """TOTP devices for the administrators and coordinators among the demo accounts.

    Returns username -> base32 secret, for the demo to print.
    """
    users = User.objects.filter(username__in=list(usernames), role__in=STRONG_ROLES)
    return {user.username: ensure_demo_device(user) for user in users.order_by("username")}


def demo_code() -> str:
    """The current six-digit code of DEMO_TOTP_SECRET (what an authenticator app shows)."""
    return f"{totp(base64.b32decode(DEMO_TOTP_SECRET)):06d}"
