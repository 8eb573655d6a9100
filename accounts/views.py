"""Login with its TOTP step, and the user's own API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from accounts.forms import ApiTokenForm, OTPCodeForm
from accounts.models import ApiToken
from accounts.otp import (
    ENROLLED_SESSION_KEY,
    base32_secret,
    confirmed_device,
    pending_device,
    qr_data_uri,
    role_requires_otp,
)


class LoginView(auth_views.LoginView):
    """The password step; a user with a TOTP device then owes a code (OTPRequiredMiddleware)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[ENROLLED_SESSION_KEY] = confirmed_device(self.request.user) is not None
        return response


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict
) -> HttpResponse:
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE), in Vietnamese."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def _next_url(request: HttpRequest) -> str:
    """The page the user asked for before the TOTP step, if it is ours."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the user's authenticator app."""
    if request.user.is_verified():
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
def otp_setup(request: HttpRequest) -> HttpResponse:
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
def token_list(request: HttpRequest) -> HttpResponse:
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
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.active(), pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Đã thu hồi mã «{token.name}».")
    return redirect("accounts:token_list")
