import datetime as dt

import pytest

from documents.models import DocumentKind, LegalDocument


@pytest.mark.parametrize(
    ("number", "symbol", "code"),
    [
        ("21", "KH-BCĐ", "21/KH-BCĐ"),
        ("80", "KL/TW", "80-KL/TW"),
        ("", "BC-BDT", "/BC-BDT"),
        ("3579", "LĐTĐ & XH-PCTNXH", "3579/LĐTĐ & XH-PCTNXH"),
    ],
)
def test_reference_codes_are_kept_as_written(number, symbol, code):
    assert LegalDocument(number=number, symbol=symbol).reference_code == code


def test_a_document_reads_like_a_citation():
    plan = LegalDocument(
        kind=DocumentKind.KE_HOACH,
        number="21",
        symbol="KH-BCĐ",
        date=dt.date(2023, 2, 7),
        issuer_name="Ban Chỉ đạo tỉnh",
    )
    assert str(plan) == "Kế hoạch số 21/KH-BCĐ ngày 07/02/2023 của Ban Chỉ đạo tỉnh"
