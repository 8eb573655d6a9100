"""Test data for every app: plain make_* helpers, a named cast in a small province, logging in.

The cast: a coordinator of the Department of Labour (Sở LĐTBXH, who opens rounds in 2023), an
officer of the Ethnic Affairs Committee (BDT), an officer of another agency (the provincial
police, CA), a leadership viewer and an administrator, all in tỉnh Bắc Giang before the 2025
reform and tỉnh Bắc Ninh after it, with two districts and two communes. make_levels adds the
levels around the province: the ministry above it and a commune's People's Committee below. It
lives in accounts, the highest app it builds, so that every app's testing module can import it
without reaching up.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from agencies.models import Agency, AgencyKind
from catalogue.defaults import load_default_catalogue
from catalogue.models import Period, PeriodKind
from places.models import COUNTRY_CODE, REFORM_DATE, AdministrativeUnit, Era, Level, Succession

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


@dataclass
class Levels:
    """The levels around the cast's province: the ministry (at the country) and a commune."""

    country: AdministrativeUnit
    ministry: Agency
    ministry_coordinator: User
    commune_agency: Agency  # Ủy ban nhân dân xã An Lập, at the cast's commune
    commune_coordinator: User
    commune_officer: User


def make_levels(cast: Cast) -> Levels:
    """A ministry coordinator (Bộ LĐTBXH) and a commune's coordinator and officer (UBND xã)."""
    country = AdministrativeUnit.objects.create(
        era=Era.BEFORE_2025,
        level=Level.COUNTRY,
        code=COUNTRY_CODE,
        name="Việt Nam",
        full_name="Việt Nam",
    )
    ministry = make_agency(
        "BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", country, kind=AgencyKind.OTHER
    )
    commune = make_agency(
        "UBNDXAL", "Ủy ban nhân dân xã An Lập", cast.commune, kind=AgencyKind.PEOPLES_COMMITTEE
    )
    return Levels(
        country=country,
        ministry=ministry,
        ministry_coordinator=make_user("bo", Role.COORDINATOR, ministry),
        commune_agency=commune,
        commune_coordinator=make_user("anlap", Role.COORDINATOR, commune),
        commune_officer=make_user("xa-anlap", Role.OFFICER, commune),
    )


def enrolled_device(user: User) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Kiểm thử", defaults={"confirmed": True}
    )
    return device


def login_verified(client: Client, user: User) -> None:
    """force_login, with the session already past the TOTP step (for any role)."""
    device = enrolled_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_for(user: User) -> Callable[[], str]:
    """Enrol the user now (ORM); the returned function gives the current code without the ORM.

    For browser tests, which type the code in the page and must keep the ORM out of
    Playwright's event loop.
    """
    device = enrolled_device(user)
    key, step, digits = device.bin_key, device.step, device.digits

    def code() -> str:
        return f"{TOTP(key, step=step, digits=digits).token():0{digits}d}"

    return code
