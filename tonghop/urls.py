from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from tonghop import pwa, views
from tonghop.api import api

admin.site.site_header = "Quản trị tonghop"
admin.site.site_title = "tonghop"
admin.site.index_title = "Danh mục và dữ liệu"

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", RedirectView.as_view(url=static("tonghop/favicon.ico"), permanent=True)),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("tai-khoan/", include("accounts.urls")),
    path("", include("rounds.urls")),
    path("tong-hop/", include("analytics.urls")),
    path("van-ban/", include("rendering.urls")),
    path("nhap-bao-cao/", include("imports.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]
