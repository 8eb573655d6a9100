"""Password rules, the TOTP step, CSRF on the session API and token bookkeeping.

The login throttle has its own file, test_login_throttle.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken
from accounts.otp import DEMO_TOTP_SECRET, demo_code, ensure_demo_devices
from accounts.testing import PASSWORD, login_verified, totp_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _password_login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.parametrize("password", ["abcdefghijkl", "1234567890123", "ngắn1"])
def test_weak_passwords_are_refused_in_vietnamese(password):
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password)
        assert any("Mật khẩu" in message for message in refused.value.messages)


@pytest.mark.parametrize("password", ["bacgiang2023pcmd", "một cụm từ khá dài không số"])
def test_mixed_or_long_passwords_pass(password):
    validate_password(password)


def test_coordinator_without_a_device_is_sent_to_enrol_then_in(client, cast):
    _password_login(client, "dieuphoi")
    round_list = reverse("rounds:round_list")
    response = client.get(round_list)
    assert response.status_code == 302 and "ma-xac-thuc" in response["Location"]
    setup = client.get(response["Location"], follow=True)
    page = setup.content.decode()
    assert 'src="data:image/svg+xml' in page and "Bật xác thực hai bước" in page
    device = TOTPDevice.objects.get(user=cast.coordinator, confirmed=False)
    assert page.count(page.split('id="otp-secret">')[1].split("<")[0]) == 1
    assert client.post(setup.redirect_chain[-1][0], {"code": "000000"}).status_code == 200
    with time_machine.travel(dt.timedelta(seconds=5)):  # past the throttle of one failure
        code = f"{TOTP(device.bin_key).token():06d}"
        done = client.post(setup.redirect_chain[-1][0], {"code": code, "next": round_list})
    assert done.status_code == 302 and done["Location"] == round_list
    assert client.get(round_list).status_code == 200


def test_coordinator_with_a_device_must_give_a_code_each_login(client, cast):
    code = totp_for(cast.coordinator)
    _password_login(client, "dieuphoi")
    for url in [reverse("rounds:round_list"), reverse("analytics:dashboard"), "/quan-tri/"]:
        response = client.get(url)
        assert response.status_code == 302 and "ma-xac-thuc" in response["Location"], url
    verify = reverse("accounts:otp_verify")
    wrong = client.post(verify, {"code": "123456"}).content.decode()
    assert "Mã không đúng hoặc đã hết hạn" in wrong
    with time_machine.travel(dt.timedelta(seconds=5)):  # past the throttle of one failure
        assert client.post(verify, {"code": code()}).status_code == 302
    assert client.get(reverse("rounds:round_list")).status_code == 200


def test_officer_may_enrol_and_then_owes_a_code_at_login(client, cast):
    _password_login(client, "bdt")
    assert client.get(reverse("rounds:round_list")).status_code == 200
    code = totp_for(cast.officer)
    client.logout()
    _password_login(client, "bdt")
    assert client.get(reverse("rounds:round_list")).status_code == 302
    client.post(reverse("accounts:otp_verify"), {"code": code()})
    assert client.get(reverse("rounds:round_list")).status_code == 200


def test_admin_site_needs_a_verified_staff_session(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    cast.officer.is_staff = True
    cast.officer.save()
    client.force_login(cast.officer)  # staff, but not verified
    assert client.get(reverse("admin:index")).status_code == 302
    login_verified(client, cast.admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_session_api_needs_otp_for_coordinators(client, cast):
    client.force_login(cast.coordinator)
    assert client.get(reverse("api:me")).status_code == 401
    login_verified(client, cast.coordinator)
    assert client.get(reverse("api:me")).json()["username"] == "dieuphoi"


def test_session_put_without_csrf_is_refused_and_bearer_needs_none(cast):
    from rounds.testing import open_seed_round

    report = open_seed_round(cast).reports.get(agency=cast.bdt)
    url = reverse("api:write_values", args=[report.pk])
    body = {"version": 0, "values": [{"indicator": "leaflets", "value": 5}]}
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.officer)
    refused = browser.put(url, body, "application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get(reverse("accounts:token_list"))  # sets the CSRF cookie, as a page would
    token = browser.cookies["csrftoken"].value
    allowed = browser.put(url, body, "application/json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200
    _, raw = ApiToken.issue(cast.officer, "bảng tính")
    script = Client(enforce_csrf_checks=True)
    body["version"] = allowed.json()["version"]
    response = script.put(url, body, "application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_a_bad_bearer_token_gets_401_in_vietnamese(client):
    response = client.put(
        "/api/reports/1/values", {}, "application/json", HTTP_AUTHORIZATION="Bearer x"
    )
    assert response.status_code == 401 and "mã API" in response.json()["detail"]


def test_token_last_use_is_written_at_most_every_five_minutes(cast, django_assert_num_queries):
    token, raw = ApiToken.issue(cast.officer, "bảng tính")
    with django_assert_num_queries(2):
        ApiToken.objects.authenticate(raw)
    with django_assert_num_queries(1):
        ApiToken.objects.authenticate(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    with time_machine.travel(dt.timedelta(minutes=6)), django_assert_num_queries(2):
        ApiToken.objects.authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_demo_devices_use_the_printed_secret(cast):
    secrets = ensure_demo_devices(["quantri", "dieuphoi", "bdt"])
    assert secrets == {"dieuphoi": DEMO_TOTP_SECRET, "quantri": DEMO_TOTP_SECRET}
    client = Client()
    _password_login(client, "dieuphoi")
    assert client.post(reverse("accounts:otp_verify"), {"code": demo_code()}).status_code == 302
    assert client.get(reverse("rounds:round_list")).status_code == 200
