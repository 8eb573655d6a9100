"""Test data for every app: plain make_* helpers and a named cast in a small province.

The cast: a coordinator of the Department of Labour (Sở LĐTBXH, who opens rounds in 2023), an
officer of the Ethnic Affairs Committee (BDT), an officer of another agency (the provincial
police, CA), a leadership viewer and an administrator, all in tỉnh Bắc Giang before the 2025
reform and tỉnh Bắc Ninh after it, with two districts and two communes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import Role, User
from agencies.models import Agency, AgencyKind
from catalogue.defaults import load_default_catalogue
from catalogue.models import Period, PeriodKind
from places.models import REFORM_DATE, AdministrativeUnit, Era, Level, Succession

PASSWORD = "mat-khau-thu-nghiem-2023"
_serial = itertools.count(1)


def make_unit(
    level: str,
    name: str,
    parent: AdministrativeUnit | None = None,
    era: str = Era.BEFORE_2025,
    code: str | None = None,
) -> AdministrativeUnit:
    prefix = {Level.PROVINCE: "Tỉnh", Level.DISTRICT: "Huyện", Level.COMMUNE: "Xã"}[level]
    return AdministrativeUnit.objects.create(
        era=era,
        level=level,
        code=code or f"T{next(_serial)}",
        name=name,
        full_name=f"{prefix} {name}",
        parent=parent,
        valid_from=REFORM_DATE if era == Era.FROM_2025 else None,
        valid_to=REFORM_DATE - dt.timedelta(days=1) if era == Era.BEFORE_2025 else None,
    )


def make_agency(
    code: str,
    name: str,
    unit: AdministrativeUnit,
    kind: str = AgencyKind.DEPARTMENT,
    parent: Agency | None = None,
) -> Agency:
    return Agency.objects.create(
        code=code, name=name, short_name=name, kind=kind, unit=unit, parent=parent
    )


def make_user(username: str, role: str, agency: Agency | None = None) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, role=role, agency=agency, first_name=username
    )


def make_year(year: int) -> Period:
    return Period.objects.get_or_create_standard(PeriodKind.YEAR, year)


def aware(year: int, month: int, day: int, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


@dataclass
class Cast:
    province: AdministrativeUnit
    new_province: AdministrativeUnit
    son_dong: AdministrativeUnit
    luc_ngan: AdministrativeUnit
    commune: AdministrativeUnit
    new_commune: AdministrativeUnit
    coordinating_agency: Agency
    bdt: Agency
    police: Agency
    admin: User
    coordinator: User
    officer: User
    other_officer: User
    viewer: User


def make_cast() -> Cast:
    """The named cast and a small province; loads the default catalogue too."""
    load_default_catalogue()
    province = make_unit(Level.PROVINCE, "Bắc Giang", code="24")
    new_province = make_unit(Level.PROVINCE, "Bắc Ninh", era=Era.FROM_2025, code="24")
    Succession.objects.create(predecessor=province, successor=new_province)
    son_dong = make_unit(Level.DISTRICT, "Sơn Động", province, code="220")
    luc_ngan = make_unit(Level.DISTRICT, "Lục Ngạn", province, code="219")
    commune = make_unit(Level.COMMUNE, "An Lập", son_dong, code="7615")
    new_commune = make_unit(Level.COMMUNE, "Sơn Động", new_province, era=Era.FROM_2025, code="7616")
    Succession.objects.create(predecessor=commune, successor=new_commune)
    coordinating = make_agency("LĐTBXH", "Sở Lao động - Thương binh và Xã hội", province)
    bdt = make_agency("BDT", "Ban Dân tộc", province)
    police = make_agency("CAT", "Công an tỉnh", province, kind=AgencyKind.POLICE)
    return Cast(
        province=province,
        new_province=new_province,
        son_dong=son_dong,
        luc_ngan=luc_ngan,
        commune=commune,
        new_commune=new_commune,
        coordinating_agency=coordinating,
        bdt=bdt,
        police=police,
        admin=make_user("quantri", Role.ADMIN),
        coordinator=make_user("dieuphoi", Role.COORDINATOR, coordinating),
        officer=make_user("bdt", Role.OFFICER, bdt),
        other_officer=make_user("congan", Role.OFFICER, police),
        viewer=make_user("lanhdao", Role.VIEWER),
    )


def make_second_coordinator(cast: Cast) -> User:
    """A coordinator of the provincial steering committee (BCĐ), an agency that runs no round."""
    committee = make_agency("BCĐ", "Ban Chỉ đạo 138 tỉnh", cast.province)
    return make_user("bcd", Role.COORDINATOR, committee)


# Browser tests drive Debian's Chromium through Playwright and never download a browser.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def login_in_browser(browser, live_server, username: str, otp=None):
    """Log in through the pages; otp (from accounts.testing.totp_for) answers the TOTP step."""
    page = browser.new_context(locale="vi-VN").new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    if otp is not None:
        page.wait_for_url(lambda url: "ma-xac-thuc" in url)
        page.fill("#id_code", otp())
        page.click("button[type=submit]:has-text('Xác nhận')")
    page.wait_for_url(lambda url: "dang-nhap" not in url)
    return page
