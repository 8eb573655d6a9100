"""Kinds of official documents with their type codes: one table for the registry of documents,
the reader of references ("Kế hoạch số 21/KH-BCĐ") and the reader of a document's header.

The codes are those of Decree 30/2020/NĐ-CP (Appendix III), plus the kinds reports cite that
the decree does not list: laws, ordinances, joint resolutions and joint circulars.
"""

from __future__ import annotations

KINDS = (  # (name in code, type code, name as written)
    ("NGHI_QUYET", "NQ", "Nghị quyết"),
    ("QUYET_DINH", "QĐ", "Quyết định"),
    ("CHI_THI", "CT", "Chỉ thị"),
    ("KET_LUAN", "KL", "Kết luận"),
    ("QUY_CHE", "QC", "Quy chế"),
    ("QUY_DINH", "QyĐ", "Quy định"),
    ("THONG_BAO", "TB", "Thông báo"),
    ("HUONG_DAN", "HD", "Hướng dẫn"),
    ("CHUONG_TRINH", "CTr", "Chương trình"),
    ("KE_HOACH", "KH", "Kế hoạch"),
    ("PHUONG_AN", "PA", "Phương án"),
    ("DE_AN", "ĐA", "Đề án"),
    ("BAO_CAO", "BC", "Báo cáo"),
    ("BIEN_BAN", "BB", "Biên bản"),
    ("TO_TRINH", "TTr", "Tờ trình"),
    ("CONG_VAN", "CV", "Công văn"),
    ("CONG_DIEN", "CĐ", "Công điện"),
    ("GIAY_MOI", "GM", "Giấy mời"),
    ("NGHI_QUYET_LIEN_TICH", "NQLT", "Nghị quyết liên tịch"),
    ("THONG_TU_LIEN_TICH", "TTLT", "Thông tư liên tịch"),
    ("LUAT", "L", "Luật"),
    ("NGHI_DINH", "NĐ", "Nghị định"),
    ("THONG_TU", "TT", "Thông tư"),
    ("PHAP_LENH", "PL", "Pháp lệnh"),
)
CODE_BY_NAME = {name: code for _, code, name in KINDS}
NAME_BY_CODE = {code: name for _, code, name in KINDS}
# A kind's name in capitals, the line under the header that says what the document is, and
# the kind's code.
TYPE_LINES = {name.upper(): code for _, code, name in KINDS}
