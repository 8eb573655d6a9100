"""Login with its throttle and TOTP step, the unlock link, and the user's own API tokens."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.middleware import is_verified

from accounts import actions
from accounts.forms import ApiTokenForm, OTPCodeForm
from accounts.http import AuthenticatedRequest
from accounts.models import ApiToken
from accounts.otp import (
    ENROLLED_SESSION_KEY,
    base32_secret,
    confirmed_device,
    pending_device,
    qr_data_uri,
    role_requires_otp,
)
from accounts.requests import client_ip


class LoginView(auth_views.LoginView):
    """The password step; a user with a TOTP device then owes a code (OTPRequiredMiddleware)."""

    def get_initial(self) -> dict[str, str]:
        # The unlock link lands here with the account's username filled in.
        return {"username": self.request.GET.get("username", "")[:150]}

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[ENROLLED_SESSION_KEY] = confirmed_device(self.request.user) is not None
        return response


def _wait_text(wait: dt.timedelta) -> str:
    """A wait in Vietnamese words, rounded up to the second: "2 phút 5 giây"."""
    minutes, seconds = divmod(math.ceil(wait.total_seconds()), 60)
    parts = [f"{minutes} phút"] if minutes else []
    if seconds or not minutes:
        parts.append(f"{seconds} giây")
    return " ".join(parts)


def login_wait_page(request: HttpRequest, wait: dt.timedelta) -> HttpResponse:
    """The page of a password login the throttle made wait (LoginThrottleMiddleware)."""
    context = {"wait": _wait_text(wait), "username": request.POST.get("username", "")}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(math.ceil(wait.total_seconds()))
    return response


@require_POST
def unlock_request(request: HttpRequest) -> HttpResponse:
    """Send the one-time link to the account's e-mail, if it has one; the answer never tells."""
    username = request.POST.get("username", "").strip()
    if username:
        actions.send_unlock_link(username[:150], request.build_absolute_uri("/")[:-1])
    minutes = int(actions.UNLOCK_RESEND_AFTER.total_seconds() // 60)
    return render(request, "accounts/unlock_sent.html", {"resend_minutes": minutes})


def unlock(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: a button to press, since mail scanners open every link."""
    if request.method == "POST":
        try:
            user = actions.use_unlock_link(token, client_ip(request))
        except actions.UnlockRefused as refused:
            return render(request, "accounts/unlock.html", {"error": str(refused)}, status=400)
        messages.success(
            request, f"Đã mở khóa tài khoản {user.username}. Hãy đăng nhập bằng mật khẩu của bạn."
        )
        return redirect(f"{reverse('accounts:login')}?{urlencode({'username': user.username})}")
    return render(request, "accounts/unlock.html")


def _next_url(request: HttpRequest) -> str:
    """The page the user asked for before the TOTP step, if it is ours."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def otp_verify(request: AuthenticatedRequest) -> HttpResponse:
    """The second step: a code from the user's authenticator app."""
    if is_verified(request.user):
        return redirect(_next_url(request))
    if confirmed_device(request.user) is None:
        return redirect_to_login(_next_url(request), reverse("accounts:otp_setup"))
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code", "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng."
        )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/otp_verify.html", context)


@login_required
def otp_setup(request: AuthenticatedRequest) -> HttpResponse:
    """Enrolment: scan the QR code (or type the secret), then confirm with a first code."""
    if confirmed_device(request.user) is not None:
        return redirect_to_login(_next_url(request), reverse("accounts:otp_verify"))
    device = pending_device(request.user)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[ENROLLED_SESSION_KEY] = True
            messages.success(request, "Đã bật xác thực hai bước cho tài khoản của bạn.")
            return redirect(_next_url(request))
        form.add_error("code", "Mã không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới.")
    context = {
        "form": form,
        "next": _next_url(request),
        "qr": qr_data_uri(device),
        "secret": base32_secret(device),
        "required": role_requires_otp(request.user),
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "raw": raw,
        "otp_enabled": confirmed_device(request.user) is not None,
    }
    return render(request, "accounts/token_list.html", context)


@require_POST
@login_required
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.active(), pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Đã thu hồi mã «{token.name}».")
    return redirect("accounts:token_list")


class LogoutView(auth_views.LogoutView):
    """Logging out, asked on a page of its own (GET) so that it can name the reports with
    entries still kept on this device (docs/offline.md); the header's button posts directly."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name)
