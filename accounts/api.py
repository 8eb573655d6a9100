"""API authentication (bearer tokens, hashed at rest) and the caller's own account."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.security import HttpBearer

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = ApiToken.objects.authenticate(token)
        if user is not None:
            request.user = user
        return user


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
