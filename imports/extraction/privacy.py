"""Warn when a document seems to carry personal data, which tonghop must never keep."""

from __future__ import annotations

import re

ID_NUMBER = re.compile(
    r"(?i)(?:cccd|cmnd|căn cước|chứng minh nhân dân|định danh|hộ chiếu)\D{0,20}(?:\d{9}|\d{12})(?!\d)"
    r"|(?<![\d.,/])(?:\d{9}|\d{12})(?![\d.,/])"
)
NAME = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4}"
BIRTH = re.compile(
    rf"(?P<name>{NAME})\s*[,(]?\s*(?:sinh năm|sinh ngày|năm sinh|ngày sinh|SN)\s*:?\s*\d",
)
ADDRESS = re.compile(rf"{NAME}\s*,\s*(?:trú tại|thường trú|HKTT|địa chỉ)\b")


def personal_data_warnings(text: str) -> list[str]:
    """Vietnamese warnings naming what looks personal and where, without repeating the data."""
    warnings = []
    checks = (
        (ID_NUMBER, "một số giống số CMND/CCCD"),
        (BIRTH, "họ tên đi kèm ngày hoặc năm sinh"),
        (ADDRESS, "họ tên đi kèm nơi cư trú"),
    )
    for pattern, what in checks:
        hits = list(pattern.finditer(text))
        if hits:
            lines = sorted({text.count("\n", 0, m.start()) + 1 for m in hits})
            where = ", ".join(str(n) for n in lines[:10])
            warnings.append(
                f"Văn bản có thể chứa dữ liệu cá nhân ({what}) ở đoạn {where}. "
                "Hệ thống chỉ lưu số liệu tổng hợp: hãy xóa thông tin cá nhân trước khi lưu."
            )
    return warnings
