"""Hostile documents made on the fly: small on disk, costly to read (tests and bench/hostile_inputs.py)."""

from __future__ import annotations

import zlib


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF with these objects (1 is the catalogue), its cross-reference table and trailer."""
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def _pages_sharing(content: bytes, pages: int) -> bytes:
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(content),
        content,
    )
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            stream,
            *[page] * pages,
        ]
    )


def dense_pdf(pages: int = 500, lines: int = 700) -> bytes:
    """Hundreds of pages drawing one shared content stream of many lines of figures (about 80 KB)."""
    text = b"\n".join(
        b"BT /F1 6 Tf 20 %d Td (To chuc %d hoi nghi, 1.234 luot nguoi, %d to roi) Tj ET"
        % (800 - i, i, i * 3)
        for i in range(lines)
    )
    return _pages_sharing(zlib.compress(text, 9), pages)


def inflating_pdf(megabytes: int = 1024) -> bytes:
    """One page whose content stream inflates to `megabytes` MB of spaces (1 MB on disk per GiB)."""
    packer = zlib.compressobj(9)
    blank = b" " * (1 << 20)
    parts = [packer.compress(blank) for _ in range(megabytes)]
    parts.append(packer.compress(b"BT /F1 12 Tf 72 720 Td (Bao cao 12 hoi nghi) Tj ET"))
    parts.append(packer.flush())
    return _pages_sharing(b"".join(parts), 1)


def many_figures_text(figures: int = 12_000) -> bytes:
    """A .txt report with `figures` figures, two a line."""
    lines = [
        f"Đơn vị đã tổ chức {i % 90 + 2} hội nghị tuyên truyền với {i + 100} lượt người tham dự."
        for i in range(figures // 2)
    ]
    return ("BÁO CÁO\nKết quả công tác năm 2023\n" + "\n".join(lines)).encode()
