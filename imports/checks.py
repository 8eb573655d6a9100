"""System checks (`tonghop manage check`, and the start of `tonghop serve`) of what reading uploads needs."""

from __future__ import annotations

from django.core import checks

from imports.extraction.ocr import missing_packages


def ocr_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning when Tesseract or its models are missing: scans are refused until installed."""
    missing = missing_packages()
    if not missing:
        return []
    return [
        checks.Warning(
            "Chưa cài phần mềm nhận dạng chữ (OCR) Tesseract: bản quét (ảnh, PDF không có lớp "
            "chữ) tải lên sẽ bị từ chối.",
            hint=f"Cài các gói Debian: apt-get install {' '.join(missing)}",
            id="imports.W001",
        )
    ]
