"""The extractor's own limits; the generic ones on any upload are in lib/uploads.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lib.uploads import UploadRefused
from lib.vnformat import format_number

from .errors import ExtractionError

MAX_PDF_PAGES = 500
# A 300-page report holds about 300,000 characters; reading stops well beyond any real one.
MAX_TEXT_CHARS = 1_500_000
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


@contextmanager
def refused_as_extraction_error() -> Iterator[None]:
    """lib.uploads' refusal of a file re-raised as the extractor's one error (also a decorator)."""
    try:
        yield
    except UploadRefused as error:
        raise ExtractionError(str(error)) from None


def check_text_length(size: int) -> None:
    """Refuse a document whose text runs past MAX_TEXT_CHARS (checked as it is read)."""
    if size > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"Văn bản dài hơn {format_number(MAX_TEXT_CHARS)} ký tự, vượt giới hạn đọc; "
            "hãy tách thành nhiều tệp nhỏ hơn."
        )
