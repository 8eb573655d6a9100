"""Turn the bytes of a .docx, .pdf, .txt/.md, (through LibreOffice) .doc/.odt or (through OCR) a
scan into plain text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from lxml import etree

from lib.uploads import check_size, check_zip, open_zip, refuse_dtds, sniff

from .errors import ExtractionError
from .ocr import (
    DPI,
    IMAGE_EXTENSIONS,
    MAX_PAGE_PIXELS,
    Scan,
    read_image,
    read_page,
    require_tesseract,
    too_many_pages,
)
from .pdftables import page_rules, page_text
from .safety import (
    ENCRYPTED_OOXML,
    MAX_PDF_PAGES,
    check_text_length,
    refused_as_extraction_error,
)
from .wordml import BODY, body_lines

TEXT_EXTENSIONS = {".txt", ".md", ".text", ""}
CONVERTED_EXTENSIONS = {".doc", ".odt", ".rtf"}
SUPPORTED = ".docx, .pdf, .txt, .md, .doc, .odt; bản quét .jpg, .png, .tif"
LETTER = re.compile(r"[^\W\d_]")  # enough of them tell a text layer from a scan
LETTERS_PER_PAGE = 10


class Reading(NamedTuple):
    """A document's text and, when some of it was read through OCR, the words so read."""

    text: str
    scan: Scan | None = None


def read_bytes(data: bytes, filename: str) -> str:
    """The document's text; raises ExtractionError with a Vietnamese message on any bad input."""
    return read_document(data, filename).text


PAGE_NUMBER = re.compile(r"(?i)^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")


@refused_as_extraction_error()
def read_document(
    data: bytes, filename: str, on_scan: Callable[[int], None] | None = None
) -> Reading:
    """The document's text, read through OCR for a scan; on_scan(pages) is told before OCR
    starts how many pages it will read. Raises ExtractionError (Vietnamese) on any bad input."""
    check_size(len(data))
    ext = Path(filename).suffix.lower()
    kind = sniff(data)
    if ext == ".docx":
        if kind == "ole":
            if ENCRYPTED_OOXML in data:
                raise ExtractionError(
                    "Tệp .docx được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lại."
                )
            raise ExtractionError(
                "Tệp có đuôi .docx nhưng thực ra là tệp Word cũ (.doc); hãy lưu lại dạng .docx."
            )
        _expect(kind, "zip", ext)
        return Reading(read_docx(data))
    if ext == ".pdf":
        _expect(kind, "pdf", ext)
        return read_pdf(data, on_scan)
    if ext in IMAGE_EXTENSIONS:
        return Reading(*read_image(data, ext, on_scan))
    if ext in CONVERTED_EXTENSIONS:
        if ext == ".odt":
            _expect(kind, "zip", ext)
            open_zip(data, ext)
        return Reading(read_docx(convert_with_libreoffice(data, ext)))
    if ext in TEXT_EXTENSIONS:
        if kind != "text":
            raise ExtractionError(
                f"Tệp có đuôi {ext or '(không có đuôi)'} nhưng nội dung là tệp nhị phân "
                f"({'PDF' if kind == 'pdf' else 'Office/nén'}); hãy đặt đúng đuôi tệp."
            )
        return Reading(read_text(data))
    raise ExtractionError(f"Không hỗ trợ định dạng {ext}; chỉ đọc được {SUPPORTED}.")


def _expect(kind: str, wanted: str, ext: str) -> None:
    if kind != wanted:
        raise ExtractionError(
            f"Tệp có đuôi {ext} nhưng nội dung không phải tệp {ext}; có thể tệp bị đặt sai đuôi hoặc hỏng."
        )


def read_text(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("Tệp văn bản chứa dữ liệu nhị phân; không phải tệp .txt hợp lệ.")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.strip():
            check_text_length(len(text))
            return text
        break
    else:
        raise ExtractionError("Không đọc được bảng mã của tệp văn bản; hãy lưu lại dạng UTF-8.")
    raise ExtractionError("Tệp không có chữ nào để trích xuất.")


@refused_as_extraction_error()
def read_docx(data: bytes) -> str:
    """The body's text, from the main document part alone.

    python-docx's Document() also parses the styles, settings and numbering parts, which a
    report's template makes several times larger than its text; its package reader and XML
    parser are used here on the one part that holds the text.
    """
    archive = check_zip(data, ".docx")  # before anything is decompressed
    try:
        # (partname, content type, relationship type, bytes) of every part reached
        parts = list(PackageReader.from_file(io.BytesIO(data)).iter_sparts())
    except Exception:  # python-docx raises many kinds on a broken package
        raise ExtractionError("Tệp .docx bị hỏng hoặc không phải văn bản Word hợp lệ.") from None
    refuse_dtds(archive, ".docx", {name.lstrip("/"): blob for name, _, _, blob in parts})
    main = next(
        (
            blob
            for _, kind, rel, blob in parts
            if rel == RT.OFFICE_DOCUMENT and kind == CT.WML_DOCUMENT_MAIN
        ),
        None,
    )
    if main is None:
        raise ExtractionError("Tệp .docx bị hỏng hoặc không phải văn bản Word hợp lệ.")
    try:
        body = parse_xml(main).find(BODY)
    except etree.XMLSyntaxError:
        raise ExtractionError("Tệp .docx bị hỏng hoặc không phải văn bản Word hợp lệ.") from None
    text = "\n".join(body_lines(body)) if body is not None else ""
    check_text_length(len(text))
    if not text.strip():
        raise ExtractionError("Tệp .docx không có chữ nào để trích xuất.")
    return text


def read_pdf(data: bytes, on_scan: Callable[[int], None] | None = None) -> Reading:
    """The PDF's text; a page with (almost) no text layer but an image is a scan, read by OCR."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ExtractionError(
                "Tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại."
            ) from None
        raise ExtractionError("Tệp PDF bị hỏng, không mở được.") from None
    scan = None
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise ExtractionError(
                f"Tệp PDF có {len(pdf)} trang, vượt giới hạn {MAX_PDF_PAGES} trang."
            )
        pages: list[str] = []
        scanned: list[int] = []
        read = 0
        for i, page in enumerate(pdf):
            textpage = page.get_textpage()
            text = page_text(textpage, page_rules(page))
            textpage.close()
            if _letters(text, LETTERS_PER_PAGE) < LETTERS_PER_PAGE and any(
                page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
            ):
                scanned.append(i)
            pages.append(without_page_number(text))
            page.close()
            read += len(pages[-1])
            check_text_length(read)
        if scanned:
            too_many_pages(len(scanned))
            require_tesseract()
            if on_scan:
                on_scan(len(scanned))
            scan = Scan()
            for i in scanned:
                pages[i] = without_page_number(read_page(_rendered(pdf[i]), scan))
                read += len(pages[i])
                check_text_length(read)
    finally:
        pdf.close()
    text = "\n".join(pages)  # each page's line ends are already "\n"
    needed = LETTERS_PER_PAGE * max(1, len(pages))
    if _letters(text, needed) < needed:
        raise ExtractionError(
            "Tệp PDF không có lớp chữ (có thể là bản quét); hãy dùng bản Word hoặc PDF có chữ."
            if scan is None
            else "Không nhận dạng được chữ trong bản quét PDF; hãy quét lại rõ hơn."
        )
    return Reading(text, scan)


def _letters(text: str, enough: int) -> int:
    """How many letters the text has, counting no further than `enough`."""
    return sum(1 for _ in islice(LETTER.finditer(text), enough))


def _rendered(page):
    """A pypdfium2 page as a Pillow image at the OCR's resolution (less for a huge page)."""
    width, height = page.get_size()
    scale = min(DPI / 72, (MAX_PAGE_PIXELS / max(1.0, width * height)) ** 0.5)
    return page.render(scale=scale, grayscale=True).to_pil()


def without_page_number(page: str) -> str:
    """The page's text without the number printed at its top or bottom ("2", "- 2 -", "Trang 2")."""
    lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in filled[:1] + filled[-1:]:
        if PAGE_NUMBER.match(lines[i]):
            del lines[i]
            break
    return "\n".join(lines)


def convert_with_libreoffice(data: bytes, ext: str) -> bytes:
    """Convert .doc/.odt to .docx with a headless LibreOffice, if one is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ExtractionError(
            f"Không đọc được tệp {ext}: máy chủ chưa cài LibreOffice. Hãy lưu lại tệp dạng .docx hoặc PDF."
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"input{ext}"
        source.write_bytes(data)
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ExtractionError(
                f"LibreOffice chuyển đổi tệp {ext} quá lâu; hãy lưu lại dạng .docx."
            ) from None
        target = Path(tmp) / "input.docx"
        if not target.exists():
            raise ExtractionError(
                f"LibreOffice không chuyển được tệp {ext}; tệp có thể bị hỏng hoặc có mật khẩu."
            )
        return target.read_bytes()
