from __future__ import annotations

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from accounts.models import Role
from agencies.models import Agency
from catalogue.models import Indicator
from places.models import AdministrativeUnit, Era, Level
from rounds.todo import todo_for


def home(request):
    """The visitor's to-do list by role; leadership goes straight to the dashboard, its page."""
    user = request.user
    if user.is_authenticated and user.role == Role.VIEWER:
        return redirect("analytics:dashboard")
    if user.is_authenticated:
        return render(request, "tonghop/home.html", {"todo": todo_for(user)})
    context = {
        "indicator_count": Indicator.objects.active().count(),
        "agency_count": Agency.objects.active().count(),
        "province_count": AdministrativeUnit.objects.filter(
            era=Era.FROM_2025, level=Level.PROVINCE
        ).count(),
    }
    return render(request, "tonghop/home.html", context)


# The error pages: Vietnamese, in the site's layout. Each says what happened and what to do.
ERRORS = {
    400: ("Yêu cầu không hợp lệ", "Trình duyệt gửi một yêu cầu mà hệ thống không đọc được."),
    403: ("Không có quyền truy cập", "Tài khoản của bạn không được xem hoặc làm việc này."),
    404: (
        "Không tìm thấy trang",
        "Địa chỉ này không có, hoặc nội dung đã bị xóa hay chuyển đi.",
    ),
    500: (
        "Lỗi máy chủ",
        "Hệ thống gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Vui lòng thử lại sau ít phút.",
    ),
}


def _error_page(request, status: int, detail: str = "") -> HttpResponse:
    title, explanation = ERRORS[status]
    context = {"status": status, "title": title, "explanation": explanation, "detail": detail}
    return render(request, "tonghop/error.html", context, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400)


def permission_denied(request, exception=None):
    # tonghop's own PermissionDenied carry a Vietnamese reason worth showing.
    return _error_page(request, 403, str(exception or ""))


def page_not_found(request, exception=None):
    return _error_page(request, 404)


def server_error(request):
    """Rendered without the request: after a failure, the session or database may be the cause."""
    title, explanation = ERRORS[500]
    context = {"status": 500, "title": title, "explanation": explanation}
    return HttpResponseServerError(render_to_string("tonghop/error.html", context))


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: most often a form left open past the session, or cookies blocked."""
    detail = (
        "Biểu mẫu đã mở quá lâu hoặc phiên đăng nhập đã hết hạn, nên hệ thống không nhận dữ liệu "
        "gửi lên (kiểm tra chống giả mạo CSRF). Hãy tải lại trang, nhập lại rồi gửi; nếu vẫn "
        "lỗi, hãy bật cookie cho trang này trong trình duyệt."
    )
    return _error_page(request, 403, detail)
