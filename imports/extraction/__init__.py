"""The document extractor: what a provincial report says, read from its file or text.

extract_path, extract_bytes and extract_text return the same dictionary that `tonghop extract`
prints; every unreadable input raises ExtractionError with a Vietnamese message.
"""

from __future__ import annotations

from pathlib import Path

from lib.uploads import check_size

from .document import extract_text, read_scan_and_extract
from .errors import ExtractionError
from .readers import read_document
from .safety import refused_as_extraction_error

__all__ = ["ExtractionError", "extract_bytes", "extract_path", "extract_text"]


def extract_bytes(data: bytes, filename: str, synonyms: dict[str, str] | None = None) -> dict:
    """Extract from the bytes of an uploaded file; its name's extension says how to read it.
    A scan read through OCR adds "ocr" and each figure's "ocr_confidence" (document.py)."""
    return read_scan_and_extract(*read_document(data, filename), synonyms)[1]


@refused_as_extraction_error()
def extract_path(path: str | Path, synonyms: dict[str, str] | None = None) -> dict:
    """Extract from a file on disk; the size is checked before anything is read."""
    path = Path(path)
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise ExtractionError(f"{path} là thư mục, không phải tệp.") from None
    except PermissionError:
        raise ExtractionError(f"Không có quyền đọc tệp {path}.") from None
    return extract_bytes(data, path.name, synonyms)
