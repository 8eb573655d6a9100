import pytest
from django.urls import reverse

from accounts.testing import login_verified


@pytest.mark.django_db
def test_home_page_speaks_vietnamese(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Tổng hợp báo cáo công tác phòng, chống mại dâm" in page


@pytest.mark.django_db
def test_admin_login_is_in_vietnamese(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_admin_index_lists_the_catalogue_for_an_administrator(cast, client):
    login_verified(client, cast.admin)
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    page = client.get(reverse("admin:index")).content.decode()
    assert "Danh mục chỉ tiêu" in page and "Đơn vị hành chính" in page


def test_officers_cannot_enter_the_admin(cast, client):
    client.force_login(cast.officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]
