"""The outline ("đề cương") of a round's report: written as text, one heading a line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
