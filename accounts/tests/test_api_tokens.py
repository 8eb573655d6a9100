"""API tokens: shown once, stored hashed, revocable, each user sees only their own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from accounts.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_a_digest(cast):
    token, raw = ApiToken.issue(cast.officer, "bảng tính")
    assert raw.startswith("th_") and raw not in token.digest
    assert ApiToken.objects.authenticate(raw) == cast.officer
    assert ApiToken.objects.authenticate(raw + "x") is None


def test_page_shows_the_new_token_once(client, cast):
    client.login(username="bdt", password=PASSWORD)
    page = client.post(reverse("accounts:token_list"), {"name": "Bảng tính"}).content.decode()
    raw = page.split('id="new-token">Mã mới: <code>')[1].split("</code>")[0]
    assert ApiToken.objects.authenticate(raw) == cast.officer
    assert raw not in client.get(reverse("accounts:token_list")).content.decode()


def test_user_cannot_revoke_someone_elses_token(client, cast):
    token, _ = ApiToken.issue(cast.officer, "của BDT")
    client.force_login(cast.other_officer)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
