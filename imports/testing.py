"""Test data for imports: the corpora of labelled reports, and .docx/.pdf versions of a text report.

text_to_docx and docx_to_pdf lay a plain-text report out as an official document; the
benchmarks in bench/ use them too.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from lib.dockinds import TYPE_LINES

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus (../shared/corpus beside the checkout) and the project's own.
SHARED = ROOT.parent / "shared" / "corpus"
# The development part (tuned on) and the test part (labelled blind, never tuned on).
DEV = ROOT / "corpus" / "dev"
BLIND = ROOT / "corpus" / "test"

RIGHT_COLUMN = ("CỘNG HÒA", "Độc lập", "ĐẢNG CỘNG SẢN", ", ngày")


def text_to_docx(text: str, text_tables: bool = False) -> bytes:
    """Header lines into a two-column layout table, "| a | b |" rows into a table, the rest as
    paragraphs. text_tables: bare " | " rows (a table copied out of a web page or Word) into a
    table as well, as the document they were copied from held them; otherwise they stay
    paragraphs. Rows pasted with tabs or set apart by spaces stay paragraphs either way: their
    labels quote the row as the text writes it, which a table's cells would not give back."""
    from docx import Document

    from lib.vntext import bare_pipe_rows

    if text_tables:
        text = bare_pipe_rows(text)
    lines = [ln.strip() for ln in text.strip().split("\n")]
    type_at = next((i for i, ln in enumerate(lines) if ln in TYPE_LINES), 0)
    head = [ln for ln in lines[:type_at] if ln and not set(ln) <= set("-|*")]
    document = Document()
    if head:
        table = document.add_table(rows=1, cols=2)
        left = [ln for ln in head if not any(m in ln for m in RIGHT_COLUMN)]
        right = [ln for ln in head if any(m in ln for m in RIGHT_COLUMN)]
        for cell, cell_lines in zip(table.rows[0].cells, (left, right), strict=True):
            cell.text = "\n".join(cell_lines)
    rows: list[list[str]] = []
    for line in [*lines[type_at:], ""]:
        if line.startswith("|") and line.endswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for row, values in zip(table.rows, rows, strict=False):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
            rows = []
        if line:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_to_pdf(data: bytes) -> bytes | None:
    """A PDF of the .docx through LibreOffice, or None where LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.docx"
        source.write_bytes(data)
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        target = Path(tmp) / "doc.pdf"
        return target.read_bytes() if target.exists() else None
