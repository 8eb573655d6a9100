"""Limits on an uploaded file before anything reads it: size, what the bytes are, zip bombs.

Every input path that takes a file (the extractor, the .xlsx template) checks through these;
each raises UploadRefused, whose message is a Vietnamese sentence shown as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

SIGNATURES = {
    "pdf": (b"%PDF",),
    "zip": (b"PK\x03\x04",),
    "ole": (OLE_MAGIC,),
}


class UploadRefused(Exception):
    """A file refused before it is read; str() is a Vietnamese sentence for the user."""


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{size / 1024:.1f} KB".replace(".", ",") if size >= 1024 else f"{size} byte"


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse an empty file, or one over `limit` bytes (never more than MAX_BYTES)."""
    limit = MAX_BYTES if limit is None else min(limit, MAX_BYTES)
    if size == 0:
        raise UploadRefused("Tệp rỗng: không có nội dung để trích xuất.")
    if size > limit:
        raise UploadRefused(f"Tệp quá lớn ({_size(size)}); giới hạn là {_size(limit)}.")


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file name says: pdf, zip, ole or text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    for kind, magics in SIGNATURES.items():
        if any(head.startswith(m) for m in magics):
            return kind
    return "text"


def open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """Open an Office zip after checking it cannot expand into a bomb or an entity bomb."""
    archive = check_zip(data, label)
    refuse_dtds(archive, label)
    return archive


def check_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """Open an Office zip whose listing promises no bomb: few entries, a sane size and ratio.
    Nothing is decompressed yet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused(f"Tệp {label} bị hỏng: không mở được nội dung nén.") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise UploadRefused(
            f"Tệp {label} có nội dung giải nén bất thường (nghi là tệp “bom nén”), không xử lý."
        )
    return archive


def refuse_dtds(
    archive: zipfile.ZipFile, label: str, loaded: dict[str, bytes] | None = None
) -> None:
    """Refuse a zip with an XML part declaring a DTD or entities (the way to an entity
    expansion bomb). Parts already decompressed are passed in `loaded`, by name."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            xml = (loaded or {}).get(info.filename) or archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, zlib.error):
            raise UploadRefused(
                f"Tệp {label} bị hỏng: không đọc được phần {info.filename}."
            ) from None
        if DTD.search(xml):
            raise UploadRefused(
                f"Tệp {label} chứa khai báo DTD/ENTITY trong XML (có thể gây tấn công mở rộng "
                "thực thể), không xử lý."
            )
