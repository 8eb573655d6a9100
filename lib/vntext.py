"""Vietnamese text clean-up: Unicode form, tone placement, wrapped lines, flattened tables."""

from __future__ import annotations

import re
import unicodedata

from .dockinds import TYPE_LINES

# Old-style tone placement ("hoà", "thuỷ") -> the style the ministry uses ("hòa", "thủy").
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}


def word_alternation(words, *, whole_word: bool = False) -> str:
    """A case-blind alternation of words, longest first, that Python's regex engine finds fast.

    It opens with a class of the words' first letters: the engine then skips in C every
    position that cannot start a word, where a case-blind word or a lookahead at the start
    would have it try the pattern at every letter of the text. Each first letter is then
    followed by the rest of its words. `whole_word` refuses a start inside a word.
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0].lower(), []).append(word[1:])
    letters = "".join(sorted({c for first in by_first for c in (first, first.upper())}))
    branches = "|".join(
        rf"(?<=[{re.escape(first + first.upper())}])(?i:{'|'.join(map(re.escape, rests))})"
        for first, rests in by_first.items()
    )
    start = r"(?<!\w.)" if whole_word else ""  # the character before the first letter
    return rf"[{re.escape(letters)}]{start}(?:{branches})"


_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_ACCENTED = sorted({unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES})
# Character-class bodies of Vietnamese small and capital letters. "À-Ỹ" is no such class: the
# code points between those two hold small letters too ("đ", "ư", "ạ"), so "được" would pass
# for a capitalised word.
LOWER = "a-zđ" + "".join(c for c in _ACCENTED if not c.isascii())
UPPER = "A-ZĐ" + "".join(c.upper() for c in _ACCENTED if not c.isascii())

_TONE_MAP = {}
for _old, _new in _TONE_PAIRS.items():
    _TONE_MAP[_old] = _new
    _TONE_MAP[_old.upper()] = _new.upper()
    _TONE_MAP[_old[0].upper() + _old[1]] = _new[0].upper() + _new[1]
# Only at the end of a syllable ("hoàn" is correct as written) and not after "q" ("quý"); a
# pattern opening with its letters is scanned for fast (see word_alternation).
_TONE_RE = re.compile("(" + "|".join(map(re.escape, _TONE_MAP)) + r")(?<![qQ]..)(?![^\W\d_])")

TERMINAL = ".;:!?|"
_LIST_MARKER = re.compile(
    r"^(?:[-+•*–]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s"
    r"|(?:Kính gửi|Căn cứ|Nơi nhận|V/v|Thực hiện|Trên đây)\b|Số\s*:)"
)
_SEPARATOR = re.compile(r"^[\s|\-_=*.…]*$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalise_tones(text: str) -> str:
    """Move old-style tone marks ("hoà", "Thuỷ") onto the main vowel ("hòa", "Thủy")."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], text)


def is_upper_line(line: str) -> bool:
    """True for a line written in capitals (headers, titles), ignoring digits and punctuation."""
    letters = 0
    for c in line:  # stops at the first small letter: prose lines end here at once
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line))


def starts_block(line: str) -> bool:
    """A line that opens a list item or a numbered heading and so never continues the previous."""
    return bool(_LIST_MARKER.match(line))


def strip_table_pipes(text: str) -> str:
    """Drop the pipes a web page leaves when it flattens a header table; one cell per line."""
    out = []
    for line in text.split("\n"):
        if "|" not in line:
            out.append(line)
            continue
        out.extend(cell.strip() for cell in line.split("|") if cell.strip())
    return "\n".join(out)


def _continues(prev: str, line: str, across_blank: bool) -> bool:
    if not prev or not line or is_separator(prev) or is_separator(line):
        return False
    if line.startswith("|") or prev.endswith("|"):
        return False  # a table's row stands alone, and so does the line before it
    if prev.rstrip().endswith("Số:"):
        return True
    if prev[-1] in TERMINAL or starts_block(line) or TYPE_LINES.keys() & {prev, line}:
        return False  # a type line ("BÁO CÁO") stands alone, also under "KHẨN"
    if is_upper_line(prev) != is_upper_line(line):
        return False
    if not across_blank:
        return True
    # Across a page break only a sentence obviously cut in half is joined: the next part starts
    # in lower case, or a proper name ("Sơn / Động") is split after a long paragraph.
    if line[0].islower():
        return True
    last_word = prev.split()[-1]
    return len(prev) >= 80 and last_word[0].isupper() and line[0].isupper()


_PAGE_NUMBER_LINE = re.compile(r"^(?:-\s*)?(?:[Tt]rang\s+)?(\d{1,3})(?:\s*-)?$")


def page_furniture(lines: list[str]) -> set[int]:
    """Indexes of the page numbers, and of the running header under them, that text copied
    from a PDF keeps between its pages ("... cho người bán / 2 / dâm ...").

    A lone number is a page number when the lone numbers run on from page 2 (2, 3, 4 ...), or
    when, the only one, it cuts a sentence in two; a line that follows two page numbers alike
    is the running header."""
    numbers = [
        (i, int(m.group(1)))
        for i, line in enumerate(lines)
        if (m := _PAGE_NUMBER_LINE.match(line.strip()))
    ]
    run = [i for k, (i, n) in enumerate(numbers) if n == k + 2]
    if len(run) != len(numbers) or not run:
        return set()
    if len(run) == 1:
        i = run[0]
        before = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
        after = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
        if not before or before[-1] in TERMINAL or not after[:1].islower():
            return set()
    following = [next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None) for i in run]
    texts = [lines[j].strip() for j in following if j is not None]
    header = {j for j in following if j is not None and texts.count(lines[j].strip()) >= 2}
    return {*run, *header}


# The authority that issues a decision, on its own line under the title ("ỦY BAN NHÂN DÂN TỈNH
# LONG AN", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
_AUTHORITY_LINE = re.compile(
    r"^(?:Ủ|U)Y BAN NHÂN DÂN|^(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|HỘI ĐỒNG NHÂN DÂN|TRƯỞNG BAN)\b"
)


def _ends_title(title: str, line: str) -> bool:
    """Whether a line under the title (the line under "BÁO CÁO") starts what follows it: the
    title goes on in small letters, and a capital starts the body; a title in capitals goes on
    in capitals, but not into the issuing authority's line."""
    if is_upper_line(title):
        return bool(_AUTHORITY_LINE.match(line))
    return line[0].isupper()


def join_wrapped_lines(text: str) -> str:
    """Rejoin sentences cut by line wraps or page breaks; paragraphs come back one per line."""
    paragraphs: list[str] = []
    blank_before = False
    lines = text.split("\n")
    furniture = page_furniture(lines)
    for raw in (line for i, line in enumerate(lines) if i not in furniture):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if (
            paragraphs
            and _continues(paragraphs[-1], line, blank_before)
            and not (
                len(paragraphs) > 1
                and paragraphs[-2] in TYPE_LINES
                and _ends_title(paragraphs[-1], line)
            )
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        blank_before = False
    return "\n".join(paragraphs)


# Runs of blanks other than a lone plain space: a lone space is left alone, which is most of them.
_BLANKS = re.compile(r"[\t\u00a0\u2007\u202f][ \t\u00a0\u2007\u202f]*| [ \t\u00a0\u2007\u202f]+")


def collapse_spaces(text: str) -> str:
    return _BLANKS.sub(" ", text)


# Soft hyphens and zero-width spaces go; the Icelandic eth that converted PDFs put for "Đ"
# ("QÐ-UBND") becomes Đ.
LOOKALIKES = (("\u00ad", ""), ("\u200b", ""), ("\u00d0", "Đ"), ("\u00f0", "đ"))


# Rows of cells the source sets apart with tabs or runs of spaces are written "|\ta\tb\tc\t|":
# one tab between cells, so that a quote from a row reads as the source does once its blanks
# are collapsed, and a pipe at each end, so that no step strips an empty first or last cell
# or joins the row to a line beside it. Until the blanks are collapsed the separator is a
# character that step leaves alone.
CELL_SEPARATOR = "\x1f"


def _separated_row(cells: list[str]) -> str:
    return (
        f"|{CELL_SEPARATOR}" + CELL_SEPARATOR.join(c.strip() for c in cells) + f"{CELL_SEPARATOR}|"
    )


def tab_rows(text: str) -> str:
    """Rows of a table pasted with a tab between cells (as from a spreadsheet) written as
    "|\ta\tb\tc\t|" rows: a line with three filled cells or more, and a line of two beside
    one with as many tabs (a sub-header, a section row). Empty cells keep their place, at the
    ends too: a spreadsheet pastes every row as wide as the table."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    cells = [line.strip(" \r").split("\t") for line in lines]
    strong = [sum(1 for c in row if c.strip()) >= 3 for row in cells]
    for i, row in enumerate(cells):
        beside = [
            j
            for j in (i - 1, i + 1)
            if 0 <= j < len(cells) and strong[j] and len(cells[j]) == len(row)
        ]
        if strong[i] or (len(row) >= 3 and sum(1 for c in row if c.strip()) >= 2 and beside):
            lines[i] = _separated_row(row)
    return "\n".join(lines)


def bare_pipe_rows(text: str) -> str:
    """Rows of a table written one a line with " | " between the cells and no pipe at its end
    ("1 | Cơ sở vi phạm | 14 | 18", "| | Kế hoạch | Thực hiện" under a header) written as the
    extractor's "| a | b | c |" rows: three cells or more, or two just under another row (a
    total row whose first cells were merged). A line ending in a pipe is a row already, unless
    it has as many pipes as the typed row above it: its last cell is empty ("I | Kiểm tra | |")."""
    if " | " not in text:
        return text
    lines = text.split("\n")
    in_table = False
    pipes = 0  # the pipes of the table's widest typed row
    for i, line in enumerate(lines):
        cells = line.strip()
        if not cells:
            continue  # a .docx copy puts a blank line under each paragraph
        count = cells.count("|")
        following = _next_filled(lines, i)
        if in_table:
            empty_last = cells.endswith("|") and (
                count == pipes or (not cells.startswith("|") and 2 <= count < pipes)
            )
        else:  # a header whose last cells are empty, over typed rows
            empty_last = (
                cells.endswith("|")
                and not cells.startswith("|")
                and count >= 3
                and following is not None
                and _is_bare_row(lines[following], 2)
            )
        in_table = empty_last or _is_bare_row(cells, 1 if in_table else 2)
        if not in_table:
            pipes = 0
            continue
        if (
            following is not None
            and count < pipes
            and not any(c.isdigit() for c in cells.rsplit("|", 1)[-1])
            and lines[following].strip()[:1].islower()
            and _is_bare_row(lines[following], 1)
            and count + lines[following].count("|") == pipes
        ):  # a label wrapped onto the next line: "1 | Phát hiện vụ việc tổ chức / hoạt động
            # mại dâm | 4 | 9"
            cells = f"{cells} {lines[following].strip()}"
            lines[following] = ""
        pipes = max(pipes, cells.count("|"))
        lines[i] = f"| {cells} |"
    return "\n".join(lines)


def _next_filled(lines: list[str], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)


def _is_bare_row(line: str, pipes: int) -> bool:
    """A row typed with " | " between its cells and no pipe at its end."""
    cells = line.strip()
    return not cells.endswith("|") and cells.count("|") >= pipes


# Two spaces or more between the cells of a row flattened from a PDF or laid out with spaces.
_GAP = re.compile(r"\S+(?: \S+)*")


def _spaced_cells(line: str) -> list[tuple[int, int]]:
    """The spans of a line's cells: runs of words with single spaces inside."""
    return [m.span() for m in _GAP.finditer(line)]


_SPACED_VALUE = re.compile(r"[+-]?\d[\d.,]*\s*%?")
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")


def spaced_rows(text: str) -> str:
    """Rows of a table whose cells are set apart by runs of two spaces or more (text flattened
    from a PDF, or laid out with the space bar) written as "|\ta\tb\tc\t|" rows. A block of such lines is a table when two of them have three cells or more and one
    holds a number that is no year. Each cell takes the column of the widest row (the header)
    under whose span it starts, so empty cells keep their place and a header's second line
    ("2023" under "Năm") falls under its first."""
    if "   " not in text and "  " not in text:
        return text
    lines = text.split("\n")
    spans = [
        _spaced_cells(line)
        if "  " in line.strip()
        and "|" not in line
        and "\t" not in line
        and CELL_SEPARATOR not in line
        else []
        for line in lines
    ]
    i = 0
    while i < len(lines):
        if len(spans[i]) < 2:
            i += 1
            continue
        j = i
        while j < len(lines) and len(spans[j]) >= 2:
            j += 1
        block = range(i, j)
        wide = [k for k in block if len(spans[k]) >= 3]
        numbers = [
            k
            for k in block
            if any(
                _SPACED_VALUE.fullmatch(v := lines[k][a:b]) and not _YEAR_CELL.fullmatch(v)
                for a, b in spans[k]
            )
        ]
        if len(wide) >= 2 and numbers:
            anchor = max(wide, key=lambda k: (len(spans[k]), -k))
            starts = [a for a, _ in spans[anchor]]
            for k in block:
                lines[k] = _spaced_row(lines[k], spans[k], starts)
        i = j
    return "\n".join(lines)


def _spaced_row(line: str, spans: list[tuple[int, int]], starts: list[int]) -> str:
    """A line's cells placed in the anchor's columns: each in the last column starting at or
    before its middle, pushed right past a column already taken."""
    cells = [""] * len(starts)
    taken = -1
    for a, b in spans:
        middle = (a + b) // 2
        column = max(0, max((c for c, s in enumerate(starts) if s <= middle), default=0))
        # a number right-aligned under a header may start left of it: its start decides then
        column = max(column, taken + 1)
        if column >= len(starts):
            cells[-1] = f"{cells[-1]} {line[a:b]}".strip()
            continue
        cells[column] = line[a:b]
        taken = column
    return _separated_row(cells)


def normalise(text: str) -> str:
    """The text every extractor step reads: NFC, one tone style, plain spaces, joined lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = spaced_rows(bare_pipe_rows(tab_rows(text)))
    text = normalise_tones(nfc(text))
    for old, new in LOOKALIKES:  # str.replace is many times faster than str.translate here
        text = text.replace(old, new)
    return join_wrapped_lines(collapse_spaces(text)).replace(CELL_SEPARATOR, "\t")
