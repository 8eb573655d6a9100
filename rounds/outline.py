"""The outline ("đề cương") of a round's report: written as text, one heading a line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rounds.models import Section

DEFAULT_OUTLINE = """I. Kết quả thực hiện công tác phòng, chống mại dâm
  1. Công tác tham mưu chỉ đạo, triển khai thực hiện
  2. Công tác tuyên truyền, phổ biến, giáo dục pháp luật
II. Đánh giá chung
  1. Ưu điểm
  2. Tồn tại, hạn chế và nguyên nhân
III. Phương hướng, nhiệm vụ
IV. Kiến nghị, đề xuất"""

_HEADING = re.compile(r"^\s*(?P<label>[IVXLC]+|\d+)\s*[.)]\s*(?P<title>.+?)\s*$")


class OutlineError(ValueError):
    pass


@dataclass
class Heading:
    label: str
    title: str
    children: list[Heading] = field(default_factory=list)


def parse_outline(text: str) -> list[Heading]:
    """Roman numerals open a part, Arabic numbers a sub-heading of the part above them."""
    headings: list[Heading] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match is None:
            raise OutlineError(
                f"Dòng {number} của đề cương phải bắt đầu bằng số La Mã hoặc số thứ tự, "
                f"ví dụ «I. Kết quả» hoặc «1. Ưu điểm»: «{line.strip()}»."
            )
        heading = Heading(match["label"], match["title"])
        if match["label"].isdigit():
            if not headings:
                raise OutlineError(
                    "Đề cương phải bắt đầu bằng một phần đánh số La Mã (I, II, ...)."
                )
            headings[-1].children.append(heading)
        else:
            headings.append(heading)
    if not headings:
        raise OutlineError("Đề cương không được để trống.")
    return headings


# Which section of the outline an indicator group's results belong to, by words of its title.
SECTION_WORDS = {
    "direction": ("chỉ đạo",),
    "propaganda": ("tuyên truyền",),
    "establishments": ("kiểm tra", "quản lý"),
    "inspection": ("kiểm tra", "xử lý vi phạm"),
    "suppression": ("đấu tranh", "triệt phá"),
    "support": ("hỗ trợ",),
}


def section_for_group(group_code: str, sections: list[Section]) -> Section | None:
    """The leaf of the results section whose title speaks of the group, or None."""
    words = SECTION_WORDS.get(group_code, ())
    return next((s for s in sections if any(w in s.title.lower() for w in words)), None)


def results_leaves(outline: list[Section]) -> list[Section]:
    """The sections under the first heading (the results), or that heading if it has none."""
    tops = [s for s in outline if s.parent_id is None]
    if not tops:
        return []
    children = [s for s in outline if s.parent_id == tops[0].pk]
    return children or [tops[0]]
