"""WSGI entry point for gunicorn: `gunicorn tonghop.wsgi`.

Bodies over the upload limit are refused here, before Django reads a byte of them; the reverse
proxy in front (client_max_body_size) refuses them earlier still.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
django_application = get_wsgi_application()

# Room for the multipart envelope and the form's other fields around the file itself.
ENVELOPE_BYTES = 1024 * 1024
TOO_LARGE = "Tệp gửi lên quá lớn: hệ thống chỉ nhận tệp đến {mb} MB.".encode()
NO_LENGTH = "Cần gửi kèm độ dài nội dung (Content-Length).".encode()


class BodySizeLimit:
    """Refuses a request body larger than the upload limit plus the form around the file."""

    def __init__(self, app, file_limit: int) -> None:
        self.app = app
        self.limit = file_limit + ENVELOPE_BYTES
        self.too_large = TOO_LARGE.replace(b"{mb}", str(file_limit // (1024 * 1024)).encode())

    def __call__(self, environ, start_response):
        length = environ.get("CONTENT_LENGTH") or ""
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self._refuse(start_response, "411 Length Required", NO_LENGTH)
        if length.isdigit() and int(length) > self.limit:
            return self._refuse(start_response, "413 Request Entity Too Large", self.too_large)
        return self.app(environ, start_response)

    @staticmethod
    def _refuse(start_response, status: str, body: bytes):
        headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ]
        start_response(status, headers)
        return [body]


def _file_limit() -> int:
    from django.conf import settings

    return settings.TONGHOP_MAX_UPLOAD_BYTES


application = BodySizeLimit(django_application, _file_limit())
