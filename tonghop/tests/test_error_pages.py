"""The error pages (400, 403, 404, 500, CSRF failure): Vietnamese, in the site's layout.

This module is also the URLconf of its tests: the project's URLs and handlers, plus views that
fail on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path
from django.utils import translation

from accounts.testing import login_verified
from tonghop import urls as project_urls


def _refuse(request):
    raise PermissionDenied("Chỉ cơ quan thường trực được mở đợt báo cáo.")


def _suspicious(request):
    raise SuspiciousOperation("tampered")


def _fail(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("thu-loi/403/", _refuse),
    path("thu-loi/400/", _suspicious),
    path("thu-loi/500/", _fail),
    *project_urls.urlpatterns,
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

STYLED = ('<html lang="vi">', "tonghop/app.css", 'class="error-page"', "Về trang chủ")
ENGLISH = (
    "Not Found",
    "Forbidden",
    "Bad Request",
    "Server Error",
    "requested resource",
    "CSRF verification failed",
)


def assert_vietnamese_error_page(response, status: int, title: str) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert all(marker in page for marker in STYLED), page
    assert f"<h1>{title}</h1>" in page
    assert not [word for word in ENGLISH if word in page]
    return page


@pytest.fixture
def errors(settings):
    settings.ROOT_URLCONF = __name__


def test_a_missing_page_answers_in_vietnamese(cast, client, errors):
    login_verified(client, cast.officer)
    response = client.get("/khong-co-trang-nay/")
    page = assert_vietnamese_error_page(response, 404, "Không tìm thấy trang")
    assert "Đăng xuất" in page  # the visitor stays in the site, logged in


def test_a_missing_page_answers_in_vietnamese_to_a_visitor(db, client, errors):
    response = client.get("/dot-bao-cao/999999/")
    assert response.status_code == 302  # login first, then the 404
    assert_vietnamese_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


def test_a_refusal_says_why_in_vietnamese(cast, client, errors):
    login_verified(client, cast.officer)
    page = assert_vietnamese_error_page(client.get("/thu-loi/403/"), 403, "Không có quyền truy cập")
    assert "Chỉ cơ quan thường trực được mở đợt báo cáo." in page


def test_a_bad_request_answers_in_vietnamese(db, client, errors):
    assert_vietnamese_error_page(client.get("/thu-loi/400/"), 400, "Yêu cầu không hợp lệ")


def test_a_server_error_answers_in_vietnamese_without_the_session(cast, errors):
    client = Client(raise_request_exception=False)
    login_verified(client, cast.officer)
    page = assert_vietnamese_error_page(client.get("/thu-loi/500/"), 500, "Lỗi máy chủ")
    assert "boom" not in page and "Đăng nhập" in page  # rendered without the request


def test_a_form_without_its_csrf_token_answers_in_vietnamese(db, errors):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "x", "password": "y"})
    page = assert_vietnamese_error_page(response, 403, "Không có quyền truy cập")
    assert "tải lại trang" in page


def test_the_favicon_is_answered_and_linked(db, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("tonghop/favicon.ico")
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert 'rel="icon" href="/static/tonghop/favicon.svg"' in page


CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(
    r'^msgid "(?P<id>.+)"\n(?:msgid_plural "(?P<plural>.+)"\n)?msgstr(?:\[0\])? "(?P<str>.+)"$',
    re.MULTILINE,
)


def test_the_compiled_catalogue_matches_its_source():
    """tonghop/locale: every entry of django.po is in the committed django.mo (msgfmt run)."""
    entries = list(ENTRY.finditer(CATALOGUE.read_text(encoding="utf-8")))
    assert len(entries) > 50
    with translation.override("vi"):
        for entry in entries:
            if entry["plural"]:
                assert translation.ngettext(entry["id"], entry["plural"], 2) == entry["str"]
            else:
                assert translation.gettext(entry["id"]) == entry["str"]


def test_empty_choices_read_chon(cast, client):
    login_verified(client, cast.officer)
    page = client.get("/hoat-dong/").content.decode()
    assert "- Chọn -" in page and "Select an option" not in page
