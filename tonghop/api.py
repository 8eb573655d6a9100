"""The HTTP API (Django Ninja): OpenAPI 3 schema at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import TokenAuth, VerifiedSessionAuth
from accounts.api import router as accounts_router
from rounds.api import ExactJsonParser
from rounds.api import router as rounds_router


class LocalSwagger(Swagger):
    """Swagger UI from the npm package swagger-ui-dist, served by the app (Ninja's own page
    loads it from a CDN unless `ninja` is an installed app)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": self.settings, "api": api}
        return render(request, "tonghop/api_docs.html", context)


api = NinjaAPI(
    title="tonghop API",
    version="1",
    urls_namespace="api",
    description="Đợt báo cáo, báo cáo và số liệu. Xác thực bằng mã API (Authorization: Bearer).",
    auth=[TokenAuth(), VerifiedSessionAuth()],
    parser=ExactJsonParser(),
    docs=LocalSwagger(),
)
api.add_router("/", accounts_router)
api.add_router("/", rounds_router)
api.add_router("/", "analytics.api.router")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    message = str(exc) or "Bạn không có quyền thực hiện việc này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    message = "Cần đăng nhập hoặc gửi mã API hợp lệ (Authorization: Bearer <mã>)."
    return api.create_response(request, {"detail": message}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    body = {"detail": "Dữ liệu gửi lên không đúng cấu trúc.", "errors": exc.errors}
    return api.create_response(request, body, status=422)


# Django Ninja raises HttpError with English text: an unreadable body (400) or a session call
# without its CSRF token (403).
HTTP_ERROR_DETAILS = {
    400: "Không đọc được nội dung yêu cầu (JSON không hợp lệ).",
    403: "Yêu cầu từ phiên đăng nhập thiếu mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken.",
}


@api.exception_handler(HttpError)
def refused(request, exc):
    detail = HTTP_ERROR_DETAILS.get(exc.status_code, "Yêu cầu không hợp lệ.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)
