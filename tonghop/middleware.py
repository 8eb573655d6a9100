"""Clear answers instead of a server error: the database away for a moment, a NUL in a request,
a query parameter a page cannot use."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape

from lib.params import BadParameter

RETRY_MESSAGE = (
    "Cơ sở dữ liệu đang tạm thời gián đoạn nên thao tác vừa rồi chưa được thực hiện và không có "
    "gì bị lưu dở. Vui lòng thử lại sau ít giây."
)
RETRY_AFTER_SECONDS = 5
NUL_MESSAGE = "Yêu cầu chứa ký tự không hợp lệ (ký tự NUL) trong địa chỉ, tham số hoặc nội dung."
# Bodies read as text (uploads are multipart and checked by the import); a NUL as written in each.
TEXT_BODIES = {"application/json", "application/x-www-form-urlencoded", "text/csv"}
NULS = (b"\x00", b"\\u0000", b"%00")
TOO_BIG_MESSAGE = (
    "Nội dung gửi lên quá lớn: giới hạn là {limit} MB cho một yêu cầu (không kể tệp tải lên). "
    "Hãy chia nhỏ dữ liệu, hoặc điền vào tệp mẫu của báo cáo rồi tải tệp lên."
)


def _answer(request, message: str, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><p>{escape(message)}</p></html>',
        status=status,
    )


class RejectNulCharactersMiddleware:
    """A NUL character can reach no text field (PostgreSQL refuses it), so a request carrying
    one in its path, query or text body is turned away here, once, with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = (item for key, values in request.GET.lists() for item in (key, *values))
        try:
            refused = (
                "\x00" in request.path
                or any("\x00" in item for item in query)
                or (request.content_type in TEXT_BODIES and any(n in request.body for n in NULS))
            )
        except RequestDataTooBig:  # read here first: Django's own answer is an English page
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
            return _answer(request, TOO_BIG_MESSAGE.format(limit=f"{limit:g}"), 413)
        if refused:
            return _answer(request, NUL_MESSAGE, 400)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turns a lost or refused database connection into 503 with a Vietnamese retry message.

    The transaction of the request was rolled back by the database when the connection broke,
    so telling the user to retry is safe.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = _answer(request, RETRY_MESSAGE, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class BadParameterMiddleware:
    """A query parameter refused by lib.params: a 400 with its Vietnamese message, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return _answer(request, str(exception), 400)
        return None
