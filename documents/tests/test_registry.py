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


@pytest.mark.parametrize(
    "citation",
    [
        "Nghị quyết liên tịch số 01/2014/NQLT-BLĐTBXH-TWHLHPNVN",
        "Thông tư liên tịch số 24/2012/TTLT-BLĐTBXH-BYT",
        "Luật số 12/2003/QH11",
        "Giấy mời số 15/GM-UBND",
        "Biên bản số 03/BB-ĐKT",
        "văn bản số 12/UBND-VX",
    ],
)
def test_every_kind_the_reference_reader_finds_can_be_registered(citation):
    """The reader and the registry share one table of kinds, so a cited document's kind is
    always a valid registry entry."""
    from documents.references import parse_reference

    ref = parse_reference(citation)
    document = LegalDocument(kind=ref.kind_code, number=ref.number, symbol=ref.symbol)
    document.full_clean(exclude=["issuer", "issuer_name", "date", "title"])
    assert document.get_kind_display() == ref.kind


@pytest.mark.django_db(transaction=True)
def test_laws_registered_before_one_table_of_kinds_are_recoded_both_ways():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("documents", "0001_initial")])
    old = executor.loader.project_state([("documents", "0001_initial")]).apps
    old.get_model("documents", "LegalDocument").objects.create(kind="LUAT", symbol="QH11")
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert LegalDocument.objects.get().kind == DocumentKind.LUAT == "L"
    executor.loader.build_graph()
    executor.migrate([("documents", "0001_initial")])
    assert old.get_model("documents", "LegalDocument").objects.get().kind == "LUAT"
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
