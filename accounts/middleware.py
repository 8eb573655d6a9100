"""Login gates: the throttle's waiting page, and the TOTP step nothing else can skip."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.backends import WAIT_ATTRIBUTE
from accounts.otp import otp_satisfied
from accounts.views import login_wait_page

# Views an unverified session may still reach; the API checks sessions in its own auth class.
OPEN_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_verify",
    "accounts:otp_setup",
    "accounts:unlock_request",
    "accounts:unlock",
}
OPEN_NAMESPACES = {"api"}


class OTPRequiredMiddleware:
    """Redirect a session that still owes its TOTP code to the code page, whatever it asks for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match  # set by the URL resolver before any process_view
        if match is not None and (
            match.view_name in OPEN_VIEWS or match.namespace in OPEN_NAMESPACES
        ):
            return None
        if otp_satisfied(request):
            return None
        return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))


class LoginThrottleMiddleware:
    """Answer 429 with the wait in words when the throttle refused or began a wait.

    A middleware rather than the login view, so the admin's login page gets it too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wait = getattr(request, WAIT_ATTRIBUTE, None)
        return login_wait_page(request, wait) if wait else response
