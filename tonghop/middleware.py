"""Answers for the moments the database is away: a clear message to retry, never a 500 page."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

RETRY_MESSAGE = (
    "Cơ sở dữ liệu đang tạm thời gián đoạn nên thao tác vừa rồi chưa được thực hiện và không có "
    "gì bị lưu dở. Vui lòng thử lại sau ít giây."
)
RETRY_AFTER_SECONDS = 5


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
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": RETRY_MESSAGE}, status=503)
        else:
            response = HttpResponse(
                f'<!doctype html><html lang="vi"><meta charset="utf-8">'
                f"<title>Tạm thời gián đoạn</title><p>{RETRY_MESSAGE}</p></html>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
