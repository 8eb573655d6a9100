"""The login throttle: doubling waits per (username, client address), proxies, the owner's ways in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginThrottle
from accounts.requests import client_ip
from accounts.testing import PASSWORD, login_verified
from accounts.throttle import backoff
from audit.models import AuditRecord

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
WRONG = "sai-mat-khau-1"
PROXY = "127.0.0.1"
ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"


def _login(client: Client, username: str, password: str = PASSWORD, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def _wait_shown(response) -> str:
    return re.search(r'id="login-wait">([^<]+)<', response.content.decode()).group(1)


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def behind_one_proxy(settings):
    settings.TONGHOP_TRUSTED_PROXY_COUNT = 1


def test_the_wait_is_free_below_the_limit_then_doubles_up_to_the_cap():
    # Defaults: 5 free failures, 60 s after the fifth, doubling, capped at 15 minutes.
    expected = [0, 0, 0, 0, 0, 60, 120, 240, 480, 900, 900, 900]
    assert [backoff(n).total_seconds() for n in range(12)] == expected
    assert backoff(10_000).total_seconds() == 900


def test_five_wrong_passwords_make_the_pair_wait_a_minute_even_with_the_right_one(cast, clock):
    client = Client()
    for _ in range(4):
        assert _login(client, "bdt", WRONG).status_code == 200
    fifth = _login(client, "bdt", WRONG)
    assert fifth.status_code == 429 and fifth["Retry-After"] == "60"
    assert _wait_shown(fifth) == "1 phút"
    clock.shift(dt.timedelta(seconds=30))
    refused = _login(client, "bdt")
    assert refused.status_code == 429 and _wait_shown(refused) == "30 giây"
    assert _login(Client(REMOTE_ADDR="10.0.0.9"), "bdt").status_code == 302
    clock.shift(dt.timedelta(seconds=31))
    assert _login(client, "bdt").status_code == 302
    assert not LoginThrottle.objects.filter(username="bdt", address="127.0.0.1").exists()


def test_each_failure_beyond_the_limit_doubles_the_wait_up_to_fifteen_minutes(cast, clock):
    client = Client()
    for _ in range(4):
        _login(client, "bdt", WRONG)
    shown = []
    for _ in range(6):
        response = _login(client, "bdt", WRONG)
        assert response.status_code == 429
        shown.append(_wait_shown(response))
        clock.shift(dt.timedelta(seconds=int(response["Retry-After"])))
    assert shown == ["1 phút", "2 phút", "4 phút", "8 phút", "15 phút", "15 phút"]


def test_a_wrong_try_during_the_wait_is_not_counted_and_cannot_extend_it(cast, clock):
    client = Client()
    for _ in range(9):  # each failure past the limit after its wait: the ninth owes the cap
        response = _login(client, "bdt", WRONG)
        clock.shift(dt.timedelta(seconds=int(response.get("Retry-After", 0))))
    clock.shift(-dt.timedelta(minutes=15))
    assert LoginThrottle.objects.get(username="bdt").failures == 9
    for _ in range(14):
        clock.shift(dt.timedelta(minutes=1))
        assert _login(client, "bdt", WRONG).status_code == 429
    last = _login(client, "bdt")
    assert last.status_code == 429 and _wait_shown(last) == "1 phút"
    assert LoginThrottle.objects.get(username="bdt").failures == 9
    clock.shift(dt.timedelta(minutes=1))
    assert _login(client, "bdt").status_code == 302


def test_failures_are_forgotten_a_day_after_the_last(cast, clock):
    client = Client()
    for _ in range(7):
        _login(client, "bdt", WRONG)
    clock.shift(dt.timedelta(hours=25))
    assert _login(client, "bdt", WRONG).status_code == 200
    assert LoginThrottle.objects.get(username="bdt").failures == 1


def test_changing_the_case_of_the_username_shares_the_count(cast):
    client = Client()
    for username in ["bdt", "BDT", "Bdt", "bDT", "BdT"]:
        _login(client, username, WRONG)
    assert _login(client, "bdt").status_code == 429


def test_the_admin_login_waits_too(cast):
    client = Client()
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "quantri", "password": WRONG})
    response = client.post(reverse("admin:login"), {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 429 and "Tạm dừng đăng nhập" in response.content.decode()


# The client's address, with and without a trusted proxy.


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, f"{OWNER}", PROXY),  # nobody trusted: the header is ignored
        (1, "", PROXY),  # no header: the peer
        (1, f"{OWNER}", OWNER),
        (1, f"{OWNER}, {ATTACKER}", ATTACKER),  # the client wrote the left entry itself
        (2, f"{OWNER}, 10.0.0.2", OWNER),
        (2, f"{ATTACKER}", PROXY),  # did not pass both proxies
        (1, "not-an-address", PROXY),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_comes_from_the_header_only_through_trusted_proxies(
    settings, hops, forwarded, expected
):
    settings.TONGHOP_TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_spoofed_header_does_not_reset_the_wait_when_no_proxy_is_trusted(cast):
    client = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        _login(client, "bdt", WRONG, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    for n in range(5, 8):
        assert _login(client, "bdt", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}").status_code == 429
    assert list(LoginThrottle.objects.values_list("address", "failures")) == [(ATTACKER, 5)]


def test_behind_the_proxy_an_attacker_does_not_lock_out_the_owner(cast, behind_one_proxy):
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    for _ in range(5):
        _login(attacker, "dieuphoi", WRONG)
    assert _login(attacker, "dieuphoi").status_code == 429
    owner = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert _login(owner, "dieuphoi").status_code == 302
    # Writing the owner's address in the header does not help: the proxy appends the real one.
    spoofed = _login(attacker, "dieuphoi", HTTP_X_FORWARDED_FOR=f"{OWNER}, {ATTACKER}")
    assert spoofed.status_code == 429


# The owner's ways in: the one-time link, an administrator's unlock.


def _request_link(client: Client, username: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:unlock_request"), {"username": username})


def _main(response) -> str:
    """The page's own content, without the per-response CSRF token of the layout."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.fixture
def owner_locked(cast, behind_one_proxy):
    """The coordinator's own address and an attacker's both wait; the owner has an e-mail."""
    cast.coordinator.email = "dieuphoi@bacgiang.gov.vn"
    cast.coordinator.save()
    owner = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    for client in (owner, attacker):
        for _ in range(5):
            _login(client, "dieuphoi", WRONG)
    return owner, attacker


def test_the_owner_gets_in_through_the_link_while_the_attacker_still_waits(
    owner_locked, cast, django_capture_on_commit_callbacks
):
    owner, attacker = owner_locked
    page = _login(owner, "dieuphoi").content.decode()
    assert "Gửi liên kết mở khóa qua e-mail" in page
    sent = _request_link(owner, "dieuphoi", django_capture_on_commit_callbacks)
    assert "một liên kết mở khóa vừa được gửi" in sent.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dieuphoi@bacgiang.gov.vn"]
    link = _link_in(mail.outbox[0])
    assert owner.get(link).status_code == 200  # a mail scanner's visit spends nothing
    unlocked = owner.post(link)
    assert unlocked.status_code == 302 and "username=dieuphoi" in unlocked["Location"]
    assert 'value="dieuphoi"' in owner.get(unlocked["Location"]).content.decode()
    assert _login(owner, "dieuphoi").status_code == 302
    assert _login(attacker, "dieuphoi").status_code == 429
    record = AuditRecord.objects.get(action="unlock_login")
    assert (record.actor, record.ip, record.object_id) == (
        cast.coordinator,
        OWNER,
        str(cast.coordinator.pk),
    )
    again = owner.post(link)
    assert again.status_code == 400 and "đã được dùng" in again.content.decode()


def test_an_expired_or_forged_link_is_refused_in_vietnamese(
    owner_locked, django_capture_on_commit_callbacks
):
    owner, _ = owner_locked
    _request_link(owner, "dieuphoi", django_capture_on_commit_callbacks)
    link = _link_in(mail.outbox[0])
    tampered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"
    forged = owner.post(tampered)
    assert forged.status_code == 400 and "Liên kết không đúng" in forged.content.decode()
    with time_machine.travel(dt.timedelta(minutes=31)):
        expired = owner.post(link)
    assert expired.status_code == 400 and "hết hạn" in expired.content.decode()
    assert LoginThrottle.objects.filter(address=OWNER).exists()
    assert not AuditRecord.objects.filter(action="unlock_login").exists()


def test_the_link_page_tells_nothing_and_sends_at_most_one_mail_in_five_minutes(
    owner_locked, cast, django_capture_on_commit_callbacks
):
    owner, _ = owner_locked
    pages = {
        _main(_request_link(owner, username, django_capture_on_commit_callbacks))
        for username in ["dieuphoi", "dieuphoi", "khong-co-ai", "bdt"]  # bdt has no e-mail
    }
    assert len(pages) == 1
    assert len(mail.outbox) == 1
    with time_machine.travel(dt.timedelta(minutes=6)):
        _request_link(owner, "dieuphoi", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_an_administrator_unlocks_an_account_at_every_address_with_a_record(owner_locked, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    admin = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10")
    login_verified(admin, cast.admin)
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [cast.coordinator.pk]},
        follow=True,
    )
    assert "Đã mở khóa đăng nhập 1 tài khoản." in response.content.decode()
    assert not LoginThrottle.objects.filter(username="dieuphoi").exists()
    record = AuditRecord.objects.get(action="unlock_login")
    assert (record.actor, record.ip, record.object_id) == (
        cast.admin,
        "192.0.2.10",
        str(cast.coordinator.pk),
    )
    for client in owner_locked:  # every address's wait is lifted
        assert _login(client, "dieuphoi").status_code == 302
