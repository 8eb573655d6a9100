"""The text of a Word document's body, read from the XML python-docx has parsed.

python-docx's own walk (Paragraph.text, Table.rows, row.cells) builds a proxy object and compiles
an XPath for every run and cell; on a 30-page report that costs several times the parse itself.
This walk gives the same text (runs and hyperlinks, tabs, line breaks, merged cells once per
row, a vertically merged cell repeated on every row it spans) with XPaths compiled once.
"""

from __future__ import annotations

from lxml import etree

from .tables import cell_value

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P, TBL, TR, TC, BODY = (f"{{{W}}}{tag}" for tag in ("p", "tbl", "tr", "tc", "body"))
_NS = {"w": W}
_RUN_CONTENT = "*[self::w:t or self::w:tab or self::w:ptab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
RUN_PARTS = etree.XPath(f"w:r/{_RUN_CONTENT} | w:hyperlink/w:r/{_RUN_CONTENT}", namespaces=_NS)
GRID_SPAN = etree.XPath("number(w:tcPr/w:gridSpan/@w:val)", namespaces=_NS)
GRID_BEFORE = etree.XPath("number(w:trPr/w:gridBefore/@w:val)", namespaces=_NS)
V_MERGE = etree.XPath("w:tcPr/w:vMerge", namespaces=_NS)
HAS_SPANS = etree.XPath("boolean(.//w:gridSpan | .//w:gridBefore | .//w:vMerge)", namespaces=_NS)
BREAK_TYPE = f"{{{W}}}type"
PIECES = {f"{{{W}}}{tag}": text for tag, text in [("tab", "\t"), ("ptab", "\t"), ("cr", "\n")]}
PIECES[f"{{{W}}}noBreakHyphen"] = "-"
TEXT, BREAK = f"{{{W}}}t", f"{{{W}}}br"
LAYOUT_MARKERS = ("CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận", "Số:")


def paragraph_text(p) -> str:
    out = []
    for el in RUN_PARTS(p):
        tag = el.tag
        if tag == TEXT:
            out.append(el.text or "")
        elif tag == BREAK:
            if el.get(BREAK_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        else:
            out.append(PIECES[tag])
    return "".join(out)


def _count(value: float) -> int:
    return int(value) if value == value and value > 0 else 0  # NaN when the attribute is absent


def table_rows(tbl) -> list[list[list[str]]]:
    """Each row's cells, each cell its paragraphs' texts. A cell spanning columns comes once in a
    row of values, and in a header's row (no value in it) once under each column it spans, so
    that a group header ("Năm 2025" over "Kế hoạch | Thực hiện") heads each of its columns."""
    if not HAS_SPANS(tbl):  # most data tables: no cell to look up above or to count twice
        return [
            [[paragraph_text(p) for p in tc.iterchildren(P)] for tc in tr.iterchildren(TC)]
            for tr in tbl.iterchildren(TR)
        ]
    rows: list[list[list[str]]] = []
    above: dict[int, list[str]] = {}
    for tr in tbl.iterchildren(TR):
        column = _count(GRID_BEFORE(tr))
        here: dict[int, list[str]] = {}
        cells: list[tuple[list[str], int]] = []  # each cell and the columns it spans
        for tc in tr.iterchildren(TC):
            merge = V_MERGE(tc)
            if merge and merge[0].get(f"{{{W}}}val", "continue") == "continue":
                cell = above.get(column, [""])  # nothing above to continue: an empty cell
            else:
                cell = [paragraph_text(p) for p in tc.iterchildren(P)]
            span = max(1, _count(GRID_SPAN(tc)))
            here[column] = cell
            if not any(cell is seen for seen, _ in cells):
                cells.append((cell, span))
            column += span
        above = here
        header = not any(cell_value(" ".join(" ".join(cell).split())) for cell, _ in cells)
        rows.append([cell for cell, span in cells for _ in range(span if header else 1)])
    return rows


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """A layout table (header, signature) one cell per line; a data table one row per line."""
    texts = ["\n".join(cell) for cells in rows for cell in cells]
    if any(marker in t for t in texts for marker in LAYOUT_MARKERS):
        out = []
        for cells in rows:
            for cell in cells:
                out += [*cell, "", "|", ""]
        return out
    return [
        "| " + " | ".join(" ".join("\n".join(cell).split()) for cell in cells) + " |"
        for cells in rows
    ] + [""]


def body_lines(body) -> list[str]:
    """The body's paragraphs and tables in reading order; a blank line after each paragraph."""
    lines: list[str] = []
    for block in body.iterchildren(P, TBL):
        if block.tag == P:
            lines += [paragraph_text(block), ""]
        else:
            lines += table_lines(table_rows(block))
    return lines
