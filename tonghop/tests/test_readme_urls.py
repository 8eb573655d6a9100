"""README.md for a newcomer: every address it names answers, for the demo account it names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import Role
from accounts.testing import login_verified, make_agency, make_user
from agencies.models import AgencyKind
from rounds.testing import open_seed_round

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# `/path/` in backquotes, and the links to the local server.
ADDRESSES = set(re.findall(r"`(/[^`\s]*)`", README)) | set(
    re.findall(r"http://127\.0\.0\.1:8000(/[^\s)]*)", README)
)
PLACEHOLDER = "<id>"
# Every concrete address of the README -> the demo account the README sends there (None: no login).
VISITORS = {
    "/tai-khoan/dang-nhap/": None,
    "/dot-bao-cao/": "sondong",
    "/dot-bao-cao/mo-dot/": "dieuphoi",
    "/yeu-cau-nhan/": "soytebn",
    "/tong-hop/": "lanhdao",
    "/tong-hop/bang/": "lanhdao",
    "/tong-hop/tim-kiem/": "lanhdao",
    "/quan-tri/": "quantri",
    "/tai-khoan/ma-api/": "bdt",
    "/api/docs": "bdt",
    "/api/openapi.json": "bdt",
}


@pytest.fixture
def demo_cast(cast):
    """The cast under the demo's user names, with the demo's officer of Sơn Động and Sở Y tế Bắc Ninh."""
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    district = make_agency("UBND-SĐ", "Ủy ban nhân dân huyện Sơn Động", cast.son_dong)
    health = make_agency("SYT-BN", "Sở Y tế tỉnh Bắc Ninh", cast.new_province, AgencyKind.OTHER)
    open_seed_round(cast)
    people = [cast.admin, cast.coordinator, cast.officer, cast.viewer]
    people += [
        make_user("sondong", Role.OFFICER, district),
        make_user("soytebn", Role.COORDINATOR, health),
    ]
    return {person.username: person for person in people}


def test_every_readme_address_is_classified():
    concrete = {address for address in ADDRESSES if PLACEHOLDER not in address}
    assert concrete == set(VISITORS)


@pytest.mark.parametrize("address", sorted(a for a in ADDRESSES if PLACEHOLDER in a))
def test_every_readme_address_pattern_exists(address):
    try:
        resolve(address.replace(PLACEHOLDER, "1"))
    except Resolver404:
        pytest.fail(f"README names {address}, which no URL answers")


def test_every_readme_address_answers_its_visitor(demo_cast):
    failures = []
    for address, username in sorted(VISITORS.items()):
        client = Client()
        if username:
            login_verified(client, demo_cast[username])
        status = client.get(address).status_code
        if status != 200:
            failures.append(f"{address} as {username or 'a visitor'}: {status}")
    assert failures == []


def test_the_cli_prints_no_deprecation_warning():
    """`make run` runs `tonghop demo` and `tonghop serve`: nothing on stderr that looks like a failure."""
    result = subprocess.run(
        [sys.executable, "-m", "tonghop.cli", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Cách dùng" in result.stdout
    assert "Warning" not in result.stderr, result.stderr
