"""The second login step: a session that must pass TOTP reaches nothing else until it has."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.otp import otp_satisfied

# Views an unverified session may still reach; the API checks sessions in its own auth class.
OPEN_VIEWS = {"accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_setup"}
OPEN_NAMESPACES = {"api"}


class OTPRequiredMiddleware:
    """Redirect a session that still owes its TOTP code to the code page, whatever it asks for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.view_name in OPEN_VIEWS or match.namespace in OPEN_NAMESPACES:
            return None
        if otp_satisfied(request):
            return None
        return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))
