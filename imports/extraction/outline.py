"""The body's headings, the "Nơi nhận" list, the signer, and the places the body names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.vntext import LOWER, UPPER, is_upper_line

ROMAN = re.compile(r"^(?P<label>[IVX]{1,5})\s*[.:]\s*(?P<title>.*)$")
ARABIC = re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s+(?P<title>.*)$")
RECIPIENTS = re.compile(r"^\s*\|?\s*Nơi nhận\s*:?\s*", re.IGNORECASE)
ITEM = re.compile(r"^[-+•*–]\s*")
# Where an annex begins after the signature (Decree 30): its heading or its "(Kèm theo ...)" line.
ANNEX = re.compile(
    rf"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s*)?[IVXLC\d]+[a-z]?\b|\s*[:.]|\s*$|\s+[{UPPER}]{{2}})"
    r"|^\(\s*(?:Kèm theo|Ban hành kèm theo)\b"
)
# The mark a copy leaves where the signature was: "(Đã ký)", "(đã ký và đóng dấu)", "[Đã ký]".
SIGNED = re.compile(r"(?i)[(\[]\s*(?:đã\s+)?ký\b[^)\]]*[)\]]")
AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s")
RANK = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|tướng)|Đại tướng|PGS\.?\s*TS\.?|TS\.|ThS\.|BS\.|"
    r"Bác sĩ|Tiến sĩ|Thạc sĩ|Luật sư)\s+"
)
# A person's name: "Nguyễn Văn An", and as the Central Highlands write them "H'Bia Mlô", "Y Blô".
_NAME_WORD = rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]*"
PERSON = re.compile(rf"^(?:{_NAME_WORD}\s){{1,5}}{_NAME_WORD}$")
SIGNER_WORDS = re.compile(
    r"GIÁM ĐỐC|TRƯỞNG|CHỦ TỊCH|CHỦ NHIỆM|BÍ THƯ|CHÁNH|THỦ TRƯỞNG|ỦY VIÊN|PHÓ|TỔNG|TM\.|KT\.|TL\."
)
LOCALITY = re.compile(
    r"(?=[chtqxp])(?P<kind>(?:các\s+)?(?:huyện|thị xã|thành phố|quận|xã|phường|thị trấn))\s*:?\s+"
    rf"(?P<names>[{UPPER}]\w*(?:\s+[{UPPER}]\w*)*(?:\s*,\s*[{UPPER}]\w*(?:\s+[{UPPER}]\w*)*)*)"
)
NOT_PLACES = {
    "Thành",
    "Tỉnh",
    "Huyện",
    "Quận",
    "Thị",
    "Xã",
    "Phường",
    "Ủy",
    "Ban",
    "Công",
    "Sở",
    "Phòng",
    "Đài",
    "Báo",
    "Tòa",
    "Viện",
    "Hội",
    "Đảng",
    "UBND",
    "Tổ",
    "Đội",
    "Đoàn",
    "Trường",
    "Trung",
}


@dataclass
class Footer:
    start: int
    end: int
    recipients: list[str] = field(default_factory=list)
    signer_title: str | None = None
    signer_name: str | None = None


def read_sections(lines: list[str]) -> list[dict]:
    """Roman-numbered parts with their numbered items; an item's title only when it is a heading."""
    sections: list[dict] = []
    for line in lines:
        top = ROMAN.match(line)
        if top and is_upper_line(top.group("title")):
            sections.append(
                {"label": top.group("label"), "title": _heading(top.group("title")), "children": []}
            )
            continue
        item = ARABIC.match(line)
        if item and sections:
            title = item.group("title")
            heading = len(title) <= 150 and not title.rstrip().endswith((".", ";"))
            sections[-1]["children"].append(
                {
                    "label": item.group("label"),
                    "title": _heading(title) if heading else None,
                    "children": [],
                }
            )
    return sections


def _heading(text: str) -> str:
    return text.strip().rstrip(":").strip()


def _split_signer(item: str) -> tuple[str, str | None]:
    """A recipient and, beside it on the same line, the signature column's text (two columns
    copied side by side): "- Sở Y tế; PHÓ GIÁM ĐỐC", or after the last recipient, the
    signer's name "- Lưu: VT, LĐTBXH. Quách Văn Thủy"."""
    for m in re.finditer(r"[;.,]\s+(?=\S)", item):
        rest = item[m.end() :]
        if (is_upper_line(rest) and SIGNER_WORDS.search(rest)) or (
            item.startswith("Lưu") and PERSON.match(RANK.sub("", rest))
        ):
            return item[: m.start() + 1], rest
    return item, None


def _pieces(cell: str) -> list[str]:
    """A footer cell as separate entries: recipients written on one line ("- Sở Y tế; - Lưu:
    VT.") one by one, and a signer's title followed by the name ("GIÁM ĐỐC Trần Quốc Bảo")
    as title, then name."""
    cell = " ".join(SIGNED.sub(" ", cell).split())
    if not cell:
        return []
    if ITEM.match(cell):
        return re.split(r"(?<=[;.])\s+(?=[-+•–]\s)", cell)
    words = cell.split()
    at = next((i for i, w in enumerate(words) if not is_upper_line(w) and w[0].isupper()), 0)
    title, name = " ".join(words[:at]), " ".join(words[at:])
    if (
        at
        and is_upper_line(title)
        and SIGNER_WORDS.search(title)
        and PERSON.match(name)
        and not SIGNER_WORDS.search(name.upper())  # "TL. CHỦ TỊCH Chánh Văn phòng"
    ):
        return [title, name]
    return [cell]


def annex_start(lines: list[str], body_start: int) -> int:
    """The first line of the annexes: an annex heading once the body has ended ("./." or
    "Nơi nhận:"), else the end of the document."""
    closed = False
    for i in range(body_start, len(lines)):
        if closed and ANNEX.match(lines[i]):
            return i
        closed = closed or bool(RECIPIENTS.match(lines[i])) or lines[i].rstrip().endswith("./.")
    return len(lines)


def read_footer(lines: list[str], body_start: int) -> Footer:
    """Recipients after "Nơi nhận:", then the signer's title in capitals and the signer's name.

    The footer ends where an annex begins; Footer.end is the annex's first line."""
    end = annex_start(lines, body_start)
    at = next((i for i in range(end - 1, body_start - 1, -1) if RECIPIENTS.match(lines[i])), None)
    if at is None:
        at = next(
            (
                i + 1
                for i in range(end - 1, max(body_start, end - 12) - 1, -1)
                if lines[i].rstrip().endswith("./.")
            ),
            end,
        )
        footer = Footer(start=at, end=end)
        cells = [c.strip() for ln in lines[at:end] for c in ln.split("|") if c.strip()]
    else:
        footer = Footer(start=at, end=end)
        first = RECIPIENTS.sub("", lines[at])
        cells = [c.strip() for c in first.split("|") if c.strip()]
        cells += [c.strip() for ln in lines[at + 1 : end] for c in ln.split("|") if c.strip()]
    title_parts: list[str] = []
    for cell in [piece for whole in cells for piece in _pieces(whole)]:
        if ITEM.match(cell) and footer.signer_name is None:
            item, signer = _split_signer(ITEM.sub("", cell))
            footer.recipients.append(item.strip().rstrip(";.,").strip())
            name = RANK.sub("", signer or "")
            if PERSON.match(name):
                footer.signer_name = name
            elif signer:
                title_parts.append(signer)
        elif is_upper_line(cell) and (
            title_parts or SIGNER_WORDS.search(cell) or AUTHORITY.match(cell)
        ):
            title_parts.append(cell)
        elif PERSON.match(RANK.sub("", cell)) and title_parts:
            footer.signer_name = RANK.sub("", cell)
        elif footer.recipients and not title_parts and not is_upper_line(cell):
            footer.recipients[-1] = f"{footer.recipients[-1]} {cell}".rstrip(";.,")
    footer.signer_title = " ".join(title_parts) or None
    return footer


def read_localities(text: str) -> list[str]:
    """Districts, towns and communes the body names, in order of first mention."""
    found: list[str] = []
    for m in LOCALITY.finditer(text):
        kind = m.group("kind").lower().removeprefix("các ").strip()
        for name in re.split(r"\s*,\s*", m.group("names")):
            name = name.strip()
            if not name or name.split()[0] in NOT_PLACES:
                continue
            label = f"{kind} {name}" if kind in {"thành phố", "thị xã", "quận"} else name
            if label not in found:
                found.append(label)
    return found
