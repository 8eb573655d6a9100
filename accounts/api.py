"""API authentication (bearer tokens, hashed at rest) and the caller's own account."""

from __future__ import annotations

from django.conf import settings
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken
from accounts.otp import otp_satisfied


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = ApiToken.objects.authenticate(token)
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The browser's session, CSRF-checked for unsafe methods, once it has passed TOTP if owed."""

    def _get_key(self, request):
        # Without a session cookie there is no session to protect: let a bad bearer token
        # get its 401 instead of a CSRF refusal.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and otp_satisfied(request) else None


router = Router(tags=["Tài khoản"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    agency: str | None


@router.get("/me", response=MeOut, summary="Tài khoản đang gọi API")
def me(request):
    user = request.auth
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        role=user.role,
        role_label=user.get_role_display(),
        agency=user.agency.name if user.agency else None,
    )
