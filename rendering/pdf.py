"""Convert .docx to PDF with LibreOffice running headless, one private profile per conversion."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from rendering.conversion_slots import NoFreeSlot, conversion_slot

DEFAULT_TIMEOUT = 120


class PdfConversionError(RuntimeError):
    pass


def soffice_binary() -> str | None:
    """Path of LibreOffice's soffice (settings.TONGHOP_SOFFICE, else the PATH), or None."""
    configured = getattr(settings, "TONGHOP_SOFFICE", None)
    return shutil.which(configured or "soffice") or (
        None if configured else shutil.which("libreoffice")
    )


def docx_to_pdf(docx: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of a .docx, once one of the machine's conversion slots is free (conversion_slots).

    A fresh profile directory lets conversions run in parallel; waiting for a slot counts
    against the same timeout as the conversion.
    """
    binary = soffice_binary()
    if binary is None:
        raise PdfConversionError(
            "Chưa cài LibreOffice (không tìm thấy lệnh soffice) nên không thể chuyển văn bản sang "
            "PDF. Hãy cài gói libreoffice-writer hoặc đặt đường dẫn trong TONGHOP_SOFFICE."
        )
    try:
        with conversion_slot(wait=timeout):
            return _convert(binary, docx, timeout)
    except NoFreeSlot:
        raise PdfConversionError(
            f"Máy chủ đang bận chuyển các văn bản khác sang PDF và chưa đến lượt sau {timeout:g} "
            "giây. Hãy thử lại sau ít phút."
        ) from None


def _convert(binary: str, docx: bytes, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tonghop-pdf-") as work:
        folder = Path(work)
        source = folder / "vanban.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfConversionError(
                f"LibreOffice không chuyển xong văn bản sang PDF sau {timeout:g} giây."
            ) from None
        result = folder / "vanban.pdf"
        if done.returncode != 0 or not result.exists():
            detail = done.stderr.decode(errors="replace").strip()
            raise PdfConversionError(
                f"LibreOffice không chuyển được văn bản sang PDF. {detail}".strip()
            )
        return result.read_bytes()
