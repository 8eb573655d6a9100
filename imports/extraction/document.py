"""Put the pieces together: normalised text in, the JSON-ready description of a document out."""

from __future__ import annotations

import re

from documents.references import Reference, find_references
from lib.vntext import UPPER, normalise

from .figures import find_figures
from .indicators import IndicatorMatcher, default_catalogue
from .metadata import is_bare, letterhead, read_header, read_press
from .ocr import Scan
from .outline import Footer, read_footer, read_localities, read_sections
from .privacy import personal_data_warnings

UNNUMBERED_LAW = re.compile(rf"(?:Bộ luật|Luật|Pháp lệnh)\s+[{UPPER}][^;.\n]{{3,80}}?năm\s+\d{{4}}")
ISSUER_CUT = re.compile(r"\s+(?:về|phê duyệt|ban hành|hướng dẫn|quy định)\b.*$")


def _offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return [*out, pos]


def _unique(refs: list[Reference], own_key: str | None) -> list[Reference]:
    """One entry per document, keeping the mention that says the most about it."""
    by_key: dict[str, Reference] = {}
    for ref in refs:
        key = ref.key()
        if key == own_key:
            continue
        old = by_key.get(key)
        if old is None or (bool(ref.date), bool(ref.issuer)) > (bool(old.date), bool(old.issuer)):
            by_key[key] = ref
    order = {ref.key(): i for i, ref in reversed(list(enumerate(refs)))}
    return sorted(by_key.values(), key=lambda r: order[r.key()])


def _legal_bases(preamble: str) -> list[str]:
    found = [(r.start, ISSUER_CUT.sub("", r.text)) for r in find_references(preamble)]
    found += [(m.start(), m.group(0)) for m in UNNUMBERED_LAW.finditer(preamble)]
    return [text for _, text in sorted(found)]


def extract_text(text: str, synonyms: dict[str, str] | None = None) -> dict:
    """Everything the extractor reads from a document's text; never raises on odd input."""
    return read_text_and_extract(text, synonyms)[1]


def read_scan_and_extract(
    text: str, scan: Scan | None, synonyms: dict[str, str] | None = None
) -> tuple[str, dict]:
    """read_text_and_extract, and for text read through OCR (scan) the extraction says so:
    "ocr" {"pages", "mean_confidence"}, and each figure's "ocr_confidence" (0-100), the mean
    confidence of the words of its quote."""
    flat, result = read_text_and_extract(text, synonyms)
    if scan is not None:
        result["ocr"] = scan.summary()
        spans = [(fig["start"], fig["end"]) for fig in result["figures"]]
        for fig, confidence in zip(
            result["figures"], scan.quote_confidences(flat, spans), strict=True
        ):
            fig["ocr_confidence"] = confidence
    return flat, result


def read_text_and_extract(text: str, synonyms: dict[str, str] | None = None) -> tuple[str, dict]:
    """The normalised text that figure spans point into, and the extraction of it."""
    lines = normalise(text).split("\n")
    flat = "\n".join(lines)
    offsets = _offsets(lines)
    header = read_header(lines, letterhead(text))
    if is_bare(header, lines):
        header = read_press(text, lines) or header
    footer = read_footer(lines, header.body_line)
    if header.press:  # a byline is no signer, and an article has no recipients
        footer = Footer(start=footer.start, end=footer.end)
    body_end = max(footer.start, header.body_line)
    sections = read_sections(lines[header.body_line : body_end])
    first_section = next(
        (i for i in range(header.body_line, body_end) if re.match(r"^[IVX]+\.\s", lines[i])),
        body_end,
    )
    preamble = "\n".join(lines[header.body_line : min(first_section, header.body_line + 6)])
    body = (offsets[header.body_line], offsets[body_end])
    own = f"{header.number or ''}/{header.symbol or ''}".replace(" ", "").lower()
    mentions = find_references(flat)
    references = _unique(mentions, own)
    matcher = IndicatorMatcher(default_catalogue(), synonyms)
    found = find_figures(flat, [body, (offsets[footer.end], len(flat))], mentions)
    matcher.match_all(found, flat, body[0])
    date = header.date
    day = date.to_date() if date else None
    return flat, {
        "doc_type": header.doc_type,
        "number": header.number,
        "symbol": header.symbol,
        "issuer": header.issuer,
        "place": header.place,
        "date": day.isoformat() if day else None,
        "date_partial": date.as_dict() if date else {"year": None, "month": None, "day": None},
        "title": header.title,
        "period": header.period,
        "legal_bases": _legal_bases(preamble),
        "referenced_documents": [r.as_dict() for r in references],
        "sections": sections,
        "localities": read_localities(flat[body[0] : body[1]]),
        "recipients": footer.recipients,
        "signer_title": footer.signer_title,
        "signer_name": footer.signer_name,
        "figures": [fig.as_dict() for fig in found],
        "warnings": personal_data_warnings(flat),
    }
